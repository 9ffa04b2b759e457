import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { freeSlots, requestBooking } from '../support/booking.ts';
import { clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http } from '../support/http.ts';
import {
  adminToken,
  claimsOf,
  keycloakAdmin,
  PASSWORD,
  passwordToken,
  registerUnverifiedPatient,
  uniqueEmail,
} from '../support/identity.ts';
import { followKeycloakLink, keycloakActionLink, mailsTo, nextMailTo, waitForMails } from '../support/mail.ts';
import { testStack } from '../support/stack.ts';

const gateway = (path: string) => `${testStack().gatewayUrl}/api${path}`;
const VERIFY_SUBJECT = /verif/i;

describe('verified email, through the gateway', () => {
  let doctor: CreatedDoctor;

  before(async () => {
    doctor = await createDoctor();
  });

  it('registration has Keycloak email a verification link; an unverified patient cannot book nor join the waitlist (403 EMAIL_NOT_VERIFIED)', async () => {
    const patient = await registerUnverifiedPatient('unverified', gateway(''));
    await waitForMails(patient.email, [VERIFY_SUBJECT]);
    assert.equal(claimsOf(patient.token).email_verified, false);

    const [slot] = await freeSlots(doctor.doctor.id, 1);
    const booking = await requestBooking(patient, doctor.doctor.id, slot!);
    assert.equal(booking.status, 403);
    assert.equal(booking.body.error.code, 'EMAIL_NOT_VERIFIED');
    assert.match(booking.body.error.message, /\/api\/users\/me\/verification-email/, 'says how to have the link sent again');

    const waiting = await http(gateway('/waitlist'), {
      method: 'POST',
      token: patient.token,
      body: { doctor_id: doctor.doctor.id, date_from: clinicDate(1), date_to: clinicDate(2) },
    });
    assert.equal(waiting.status, 403);
    assert.equal(waiting.body.error.code, 'EMAIL_NOT_VERIFIED');
    assert.equal((await http(gateway('/appointments/my'), { token: patient.token })).body.length, 0, 'nothing booked');
  });

  it('the front desk books for a patient whose email is not verified yet', async () => {
    const patient = await registerUnverifiedPatient('desk-unverified', gateway(''));
    const [, slot] = await freeSlots(doctor.doctor.id, 2);
    const booked = await http(gateway('/appointments'), {
      method: 'POST',
      token: await adminToken(),
      headers: { 'idempotency-key': randomUUID() },
      body: { doctor_id: doctor.doctor.id, start_time: slot!.start, end_time: slot!.end, patient_id: patient.id },
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
  });

  it('resend → a new email; the link followed → 409 EMAIL_ALREADY_VERIFIED, and the next token books', async () => {
    const patient = await registerUnverifiedPatient('resend', gateway(''));
    await waitForMails(patient.email, [VERIFY_SUBJECT]);
    const before = (await mailsTo(patient.email)).length;

    const resent = await http(gateway('/users/me/verification-email'), { method: 'POST', token: patient.token });
    assert.equal(resent.status, 202, JSON.stringify(resent.body));
    const again = await nextMailTo(patient.email, before);
    assert.match(again.Subject, VERIFY_SUBJECT, 'a second verification email');
    assert.equal((await http(gateway('/users/me/verification-email'), { method: 'POST' })).status, 401, 'only for a signed-in user');

    const link = keycloakActionLink(again);
    assert.ok(link.startsWith(testStack().gatewayUrl), 'the link goes through the gateway');
    await followKeycloakLink(link);
    assert.equal((await keycloakAdmin(`/users/${patient.id}`)).body.emailVerified, true);

    const verified = await http(gateway('/users/me/verification-email'), { method: 'POST', token: patient.token });
    assert.equal(verified.status, 409);
    assert.equal(verified.body.error.code, 'EMAIL_ALREADY_VERIFIED');

    const token = await passwordToken(patient.email, PASSWORD);
    assert.equal(claimsOf(token).email_verified, true);
    const [, , slot] = await freeSlots(doctor.doctor.id, 3);
    const booked = await requestBooking({ ...patient, token }, doctor.doctor.id, slot!);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
  });
});

describe('registration and the password policy, through the gateway', () => {
  it('GET /api/users/password-policy answers the realm’s policy without a token', async () => {
    const answer = await http(gateway('/users/password-policy'));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      min_length: 12,
      max_length: 128,
      upper_case: 1,
      lower_case: 1,
      digits: 1,
      special_chars: 0,
      not_username: true,
      not_email: true,
    });
  });

  it('answers 400 WEAK_PASSWORD (a code the app says in its own words) for a password the policy refuses, and keeps no account', async () => {
    const email = uniqueEmail('weak');
    const answer = await http(gateway('/users/register'), {
      method: 'POST',
      body: { full_name: 'Weak Password', email, password: 'alllowercase1' },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'WEAK_PASSWORD');
    assert.deepEqual((await keycloakAdmin(`/users?email=${encodeURIComponent(email)}&exact=true`)).body, []);
  });

  it('keeps the language chosen before registering: in the profile and as the Keycloak user’s locale', async () => {
    const patient = await registerUnverifiedPatient('english', gateway(''), { language: 'en' });
    const me = await http(gateway('/users/me'), { token: patient.token });
    assert.equal(me.body.language, 'en');
    const user = await keycloakAdmin(`/users/${patient.id}`);
    assert.deepEqual(user.body.attributes?.locale, ['en']);
  });
});
