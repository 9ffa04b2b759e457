import type { Readable } from 'node:stream';
import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { errorResponses, IdParams, PdfDownloadLink, PdfDownloadQuery, PdfLink } from '@clinic/contracts';
import type { PdfLinkUseCases } from './pdf-links.ts';

const bearer = [{ bearer: [] }];

/** The appointment's PDF: a link for the app, and the PDF itself through a signed link. */
export function pdfRoutes(app: App, auth: Authenticator, pdfLinks: PdfLinkUseCases) {
  app.get(
    '/appointments/:id/pdf',
    {
      preHandler: auth.require(),
      schema: {
        summary: 'An expiring link to the appointment’s PDF (its patient, its doctor, or ADMIN); 404 PDF_NOT_READY until it is made',
        tags: ['appointments'],
        security: bearer,
        params: IdParams,
        response: { 200: PdfLink, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => pdfLinks.pdfLink(principalOf(request), request.params.id),
  );

  app.get(
    '/appointments/:id/pdf/download',
    {
      schema: {
        summary: 'The appointment’s PDF through a signed link from an email (no token; the signature is the permission)',
        tags: ['appointments'],
        params: IdParams,
        querystring: PdfDownloadQuery,
        // The PDF on success, the usual JSON error otherwise: each status says its own media type.
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) } },
          },
          ...errorResponses(400, 403, 404, 410),
        },
      },
    },
    async (request, reply) => {
      const pdf = await pdfLinks.pdfDownload(request.params.id, request.query.expires, request.query.signature);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="appointment-${request.params.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function internalPdfRoutes(app: App, auth: Authenticator, pdfLinks: PdfLinkUseCases) {
  const service = auth.require('SERVICE');

  app.get(
    '/internal/appointments/:id/pdf-download-link',
    {
      preHandler: service,
      schema: {
        summary: 'A signed gateway link to the PDF, for the patient’s email (internal); 404 PDF_NOT_READY before it exists',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: PdfDownloadLink, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => pdfLinks.pdfDownloadLink(request.params.id),
  );
}
