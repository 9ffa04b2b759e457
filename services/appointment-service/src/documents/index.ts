export { documentStore } from './document-store.ts';
export type { DocumentStore } from './document-store.ts';
export { pdfDownloadKey, pdfDownloadSigner } from './pdf-download.ts';
export type { PdfDownloadSigner } from './pdf-download.ts';
export { pdfObjectKey, startPdfGenerator } from './pdf-generator.ts';
export { pdfLinkUseCases } from './pdf-links.ts';
export type { PdfLinkUseCases } from './pdf-links.ts';
export { internalPdfRoutes, pdfRoutes } from './routes.ts';
