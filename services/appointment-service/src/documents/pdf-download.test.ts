import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pdfDownloadKey, pdfDownloadSigner } from './pdf-download.ts';

const id = '0b5f3c1e-7a43-4a5e-9f1f-3d2f1b6a9c11';

describe('PDF download links', () => {
  const signer = pdfDownloadSigner(pdfDownloadKey(undefined, 'minio-secret'));
  const link = new URL(signer.path(id, 2_000), 'http://clinic.test');

  it('accept their own signature until they expire, then say expired', () => {
    const signature = link.searchParams.get('signature')!;
    assert.equal(link.pathname, `/api/appointments/${id}/pdf/download`);
    assert.equal(signer.check(id, 2_000, signature, 1_999), 'valid');
    assert.equal(signer.check(id, 2_000, signature, 2_000), 'valid');
    assert.equal(signer.check(id, 2_000, signature, 2_001), 'expired');
  });

  it('refuse an altered expiry, another appointment, or another key', () => {
    const signature = link.searchParams.get('signature')!;
    assert.equal(signer.check(id, 9_999, signature, 0), 'invalid');
    assert.equal(signer.check(id.replace('0b5f', '1b5f'), 2_000, signature, 0), 'invalid');
    assert.equal(signer.check(id, 2_000, signature.slice(1), 0), 'invalid');
    const other = pdfDownloadSigner(pdfDownloadKey(undefined, 'another-secret'));
    assert.equal(other.check(id, 2_000, signature, 0), 'invalid');
    const configured = pdfDownloadSigner(pdfDownloadKey('configured-secret', 'minio-secret'));
    assert.equal(configured.check(id, 2_000, signature, 0), 'invalid');
  });
});
