import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signAppointmentLink, verifyAppointmentLink } from './appointment-links.ts';

const SECRET = 'a-secret-of-enough-length';
const claims = {
  appointmentId: '11111111-1111-4111-8111-111111111111',
  patientId: '22222222-2222-4222-8222-222222222222',
  actions: ['VIEW', 'CANCEL'] as ('VIEW' | 'CANCEL')[],
  expiresAt: 2_000_000_000,
  language: 'en' as const,
};

describe('appointment links', () => {
  it('carry the appointment, the patient, the actions, the expiry and the language, each token with its own id', () => {
    const one = verifyAppointmentLink(SECRET, signAppointmentLink(SECRET, claims), 1_900_000_000);
    const two = verifyAppointmentLink(SECRET, signAppointmentLink(SECRET, claims), 1_900_000_000);
    assert.ok(one.ok && two.ok);
    assert.deepEqual({ ...one.claims, id: undefined }, { ...claims, id: undefined });
    assert.notEqual(one.claims.id, two.claims.id);
  });

  it('are refused once expired', () => {
    const token = signAppointmentLink(SECRET, claims);
    assert.deepEqual(verifyAppointmentLink(SECRET, token, 2_000_000_001), { ok: false, reason: 'EXPIRED' });
    assert.ok(verifyAppointmentLink(SECRET, token, 2_000_000_000).ok, 'the expiry second itself still works');
  });

  it('are refused when forged: another key, an altered payload or signature, garbage', () => {
    const token = signAppointmentLink(SECRET, claims);
    assert.deepEqual(verifyAppointmentLink('another-secret-of-length', token, 0), { ok: false, reason: 'INVALID' });
    const [payload, signature] = token.split('~');
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), x: ['VIEW', 'CANCEL', 'RESCHEDULE'] }),
    ).toString('base64url');
    assert.equal(verifyAppointmentLink(SECRET, `${widened}.${signature}`, 0).ok, false);
    assert.equal(verifyAppointmentLink(SECRET, `${payload}~${signature!.slice(1)}x`, 0).ok, false);
    for (const junk of ['', '~', 'abc', 'a~b~c', `${payload}~`, `${payload}.${signature}`])
      assert.equal(verifyAppointmentLink(SECRET, junk, 0).ok, false);
  });

  it('refuse a well-signed payload that is not a link', () => {
    const payload = Buffer.from(JSON.stringify({ i: 'x' })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(`appointment-link.${payload}`).digest('base64url');
    assert.deepEqual(verifyAppointmentLink(SECRET, `${payload}~${signature}`, 0), { ok: false, reason: 'INVALID' });
  });
});
