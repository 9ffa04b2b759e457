import { AppError, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type { PdfDownloadLink, PdfLink } from '@clinic/contracts';
import { appointmentsRepository as appointments, visibleAppointment } from '../appointments/index.ts';
import type { DocumentStore } from './document-store.ts';
import type { PdfDownloadSigner } from './pdf-download.ts';

export interface PdfLinks {
  store: Pick<DocumentStore, 'open'>;
  /** The gateway's public origin: links never point at MinIO, which is not published. */
  publicUrl: string;
  /** How long the link the app asks for works (minutes). */
  ttlSeconds: number;
  /** Signs the PDF links, served through the gateway. */
  signer: PdfDownloadSigner;
  /** How long the links in emails work (days). */
  downloadTtlSeconds: number;
}

/** Links to an appointment's PDF, and its bytes through a signed link. */
export function pdfLinkUseCases(pool: Pool, pdfLinks: PdfLinks) {
  return {
    /** A gateway link to the appointment's PDF that works without a token until it expires. */
    async pdfLink(principal: Principal, id: string): Promise<PdfLink> {
      const { pdf_object_key: key } = await visibleAppointment(pool, principal, id);
      if (!key) throw new AppError(404, 'PDF_NOT_READY', 'The PDF is being generated; try again in a few seconds');
      const expires = Math.floor(Date.now() / 1000) + pdfLinks.ttlSeconds;
      const origin = pdfLinks.publicUrl.replace(/\/+$/, '');
      return { url: `${origin}${pdfLinks.signer.path(id, expires)}`, expires_at: new Date(expires * 1000).toISOString() };
    },

    /** For notification-service: a gateway link to the PDF that works without a login until it expires (days). */
    async pdfDownloadLink(id: string): Promise<PdfDownloadLink> {
      const appointment = await appointments.findById(pool, id);
      if (!appointment) throw notFound('Appointment');
      if (!appointment.pdf_object_key) throw new AppError(404, 'PDF_NOT_READY', 'The PDF is being generated; try again in a few seconds');
      const expires = Math.floor(Date.now() / 1000) + pdfLinks.downloadTtlSeconds;
      return { path: pdfLinks.signer.path(id, expires), expires_at: new Date(expires * 1000).toISOString() };
    },

    /** The PDF's bytes for a signed link; an altered link answers 403, an expired one 410. */
    async pdfDownload(id: string, expires: number, signature: string) {
      const verdict = pdfLinks.signer.check(id, expires, signature, Math.floor(Date.now() / 1000));
      if (verdict === 'invalid') throw new AppError(403, 'LINK_INVALID', 'This link is not valid');
      if (verdict === 'expired')
        throw new AppError(410, 'LINK_EXPIRED', 'This link has expired; open the appointment in the app for a new one');
      const appointment = await appointments.findById(pool, id);
      if (!appointment?.pdf_object_key) throw notFound('Appointment PDF');
      return pdfLinks.store.open(appointment.pdf_object_key);
    },
  };
}

export type PdfLinkUseCases = ReturnType<typeof pdfLinkUseCases>;
