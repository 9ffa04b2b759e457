/** Appointment PDFs: rendering, the generator, the document store and signed download links. */
export { documentStore } from './document-store.ts';
export type { DocumentStore } from './document-store.ts';
export { pdfDownloadKey, pdfDownloadSigner } from './pdf-download.ts';
export { pdfObjectKey, startPdfGenerator } from './pdf-generator.ts';
export { pdfLinkUseCases } from './pdf-links.ts';
export type { PdfLinkUseCases } from './pdf-links.ts';
export { internalPdfRoutes, pdfRoutes } from './routes.ts';
