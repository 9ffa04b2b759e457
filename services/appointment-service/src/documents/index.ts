/** Appointment PDFs: rendering, the generator, the document store and signed download links. */
export type { ClinicLetterhead } from './appointment-pdf.ts';
export { documentStore } from './document-store.ts';
export type { DocumentStore } from './document-store.ts';
export { pdfDownloadKey, pdfDownloadSigner } from './pdf-download.ts';
export { DEFAULT_PDF_LANGUAGE } from './pdf-labels.ts';
export { pdfObjectKey, startPdfGenerator } from './pdf-generator.ts';
export type { PdfSettings } from './pdf-generator.ts';
export { pdfLinkUseCases } from './pdf-links.ts';
export { pdfReadyLogo } from './pdf-logo.ts';
export type { PdfLinkUseCases } from './pdf-links.ts';
export { internalPdfRoutes, pdfRoutes } from './routes.ts';
