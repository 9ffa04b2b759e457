import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links to an appointment's PDF for emails: `/api/appointments/{id}/pdf/download?expires=…&signature=…`,
 * served through the gateway by appointment-service itself (MinIO is never published). The signature is
 * an HMAC of the id and the expiry, so a link cannot be altered or extended, and it works without a login
 * until it expires, days after the email was sent.
 */
export function pdfDownloadSigner(key: Buffer) {
  const sign = (appointmentId: string, expires: number) =>
    createHmac('sha256', key).update(`${appointmentId}.${expires}`).digest('base64url');
  return {
    path(appointmentId: string, expires: number): string {
      return `/api/appointments/${appointmentId}/pdf/download?expires=${expires}&signature=${sign(appointmentId, expires)}`;
    },
    /** 'valid', 'expired' (a genuine link past its time) or 'invalid' (altered or made up). */
    check(appointmentId: string, expires: number, signature: string, nowSeconds: number): 'valid' | 'expired' | 'invalid' {
      const expected = Buffer.from(sign(appointmentId, expires));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return expires < nowSeconds ? 'expired' : 'valid';
    },
  };
}

export type PdfDownloadSigner = ReturnType<typeof pdfDownloadSigner>;

/** The signing key: the configured secret, or one derived from the MinIO secret so no extra secret must be distributed. */
export function pdfDownloadKey(configured: string | undefined, minioSecretKey: string): Buffer {
  return configured
    ? Buffer.from(configured)
    : createHmac('sha256', minioSecretKey).update('clinic appointment PDF download links').digest();
}
