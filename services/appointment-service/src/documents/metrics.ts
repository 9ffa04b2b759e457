import { counter, histogram } from '@clinic/service-kit';

export const pdfRenderSeconds = histogram({
  name: 'clinic_pdf_render_seconds',
  help: 'Time to render one appointment PDF',
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const pdfFailures = counter({
  name: 'clinic_pdf_failures_total',
  help: 'Tries to make an appointment PDF that failed (rendering, the document store, the database); each is tried again',
});
