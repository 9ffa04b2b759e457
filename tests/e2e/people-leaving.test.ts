// People changing and leaving, through the gateway: a user's new name or email reaches their doctor
// record and the appointments ahead (user-service's user.updated, consumed by doctor- and
// appointment-service); a deleted patient's appointments ahead are cancelled (user.deleted), the doctor
// told why; a doctor with appointments ahead is neither demoted nor deleted, one without loses the
// doctor record first; a doctor made an admin keeps it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connectBroker, EVENTS_EXCHANGE, type Broker } from '@clinic/messaging';
import { freeSlots, withAppointmentsDb } from '../support/booking.ts';
import { ALL_WEEK, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, claimsOf, passwordGrant, passwordToken, registerPatient, type TestUser } from '../support/identity.ts';
import { mailsTo, readMail } from '../support/mail.ts';
import { bookThroughGateway, eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

const appointment = async (id: string) => (await http(gateway(`/appointments/${id}`), { token: await adminToken() })).body;
const doctorRecord = (id: string) => http(gateway(`/doctors/${id}`));

describe('user events', () => {
  let broker: Broker;
  let consumer: { close(): Promise<void> };
  const received: Array<{ routingKey: string; messageId?: string; requestId: unknown; body: Json }> = [];

  before(async () => {
    broker = connectBroker(testStack().amqpUrl, silent, 'people-leaving-test');
    const tap = broker.connection.createConsumer(
      {
        queue: `people-leaving-test-${randomUUID()}`,
        queueOptions: { exclusive: true, autoDelete: true },
        exchanges: [{ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true }],
        queueBindings: [{ exchange: EVENTS_EXCHANGE, routingKey: 'user.*' }],
      },
      async (message) => {
        received.push({
          routingKey: message.routingKey,
          messageId: message.messageId,
          requestId: message.headers?.['x-request-id'],
          body: message.body,
        });
      },
    );
    await new Promise((resolve) => tap.once('ready', resolve));
    consumer = tap;
  });

  after(async () => {
    await consumer.close();
    await broker.close();
  });

  const eventsOf = (userId: string) => received.filter((event) => event.body.userId === userId);

  it('publishes user.updated with the profile after each change, under the request’s id', async () => {
    const user = await registerPatient('evented');
    const requestId = `rename-${randomUUID()}`;
    const renamed = await http(gateway('/users/me'), {
      method: 'PUT',
      token: user.token,
      headers: { 'x-request-id': requestId },
      body: { full_name: 'Evented Renamed', language: 'en' },
    });
    assert.equal(renamed.status, 200);
    const [event] = await eventually('the user.updated event', async () => (eventsOf(user.id).length > 0 ? eventsOf(user.id) : undefined));
    assert.equal(event!.routingKey, 'user.updated');
    assert.equal(event!.messageId, event!.body.id);
    assert.equal(event!.requestId, requestId);
    assert.deepEqual(event!.body.user, {
      id: user.id,
      full_name: 'Evented Renamed',
      email: user.email,
      phone: null,
      language: 'en',
      role: 'PATIENT',
    });

    const admin = await adminToken();
    assert.equal((await http(gateway(`/users/${user.id}/role`), { method: 'PUT', token: admin, body: { role: 'DOCTOR' } })).status, 200);
    assert.equal((await http(gateway(`/users/${user.id}/role`), { method: 'PUT', token: admin, body: { role: 'PATIENT' } })).status, 200);
    assert.equal((await http(gateway(`/users/${user.id}`), { method: 'DELETE', token: admin })).status, 204);
    // Each role change and the deletion also revoke the user's tokens (user.tokens_revoked, in the same transaction).
    const all = await eventually('the events of the role changes and the deletion', async () =>
      eventsOf(user.id).length >= 7 ? eventsOf(user.id) : undefined,
    );
    assert.deepEqual(
      all.filter((e) => e.routingKey !== 'user.tokens_revoked').map((e) => [e.routingKey, e.body.user?.role]),
      [
        ['user.updated', 'PATIENT'],
        ['user.updated', 'DOCTOR'],
        ['user.updated', 'PATIENT'],
        ['user.deleted', undefined],
      ],
    );
    assert.equal(all.filter((e) => e.routingKey === 'user.tokens_revoked').length, 3);
  });

  it('carries a new name and email to the doctor record and the appointments ahead, not to those past', async () => {
    const [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('renamed')]);
    const [first, second] = await freeSlots(doctor.doctor.id, 2);
    const ahead = await bookThroughGateway(patient, doctor.doctor.id, first!);
    const past = await bookThroughGateway(patient, doctor.doctor.id, second!);
    // Time cannot be fast-forwarded for the services: this one is moved into the past and completed.
    await withAppointmentsDb((db) =>
      db.query(
        `UPDATE appointments SET status = 'COMPLETED', start_time = now() - interval '3 hours', end_time = now() - interval '150 minutes'
         WHERE id = $1`,
        [past.id],
      ),
    );

    assert.equal(
      (await http(gateway('/users/me'), { method: 'PUT', token: patient.token, body: { full_name: 'Ilinca Nouă' } })).status,
      200,
    );
    const email = `renamed-doctor-${randomUUID().slice(0, 8)}@test.clinic.local`;
    const admin = await adminToken();
    const changed = await http(gateway(`/users/${doctor.user.id}`), {
      method: 'PUT',
      token: admin,
      body: { full_name: 'Dr. Radu Nou', email },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));

    await eventually('the doctor record follows', async () => {
      // The login email is shown to admins only.
      const record = (await http(gateway(`/doctors/${doctor.doctor.id}`), { token: admin })).body;
      return record.full_name === 'Dr. Radu Nou' && record.email === email;
    });
    await eventually('the appointment ahead follows', async () => {
      const a = await appointment(ahead.id);
      return a.patient_name === 'Ilinca Nouă' && a.doctor_name === 'Dr. Radu Nou' && a.doctor_email === email;
    });
    const kept = await appointment(past.id);
    assert.deepEqual([kept.patient_name, kept.doctor_name], ['Test renamed', doctor.doctor.full_name], 'the past keeps what it showed');
  });
});

describe('DELETE /users/{id} of a patient with appointments ahead', () => {
  it('cancels each, the doctor told the account was deleted, and frees their times', async () => {
    const [doctor, patient] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('leaving')]);
    const [first, second, third] = await freeSlots(doctor.doctor.id, 3);
    const kept = [
      await bookThroughGateway(patient, doctor.doctor.id, first!),
      await bookThroughGateway(patient, doctor.doctor.id, second!),
    ];
    const cancelledBefore = await bookThroughGateway(patient, doctor.doctor.id, third!);
    await http(gateway(`/appointments/${cancelledBefore.id}/cancel`), { method: 'PUT', token: patient.token });

    assert.equal((await http(gateway(`/users/${patient.id}`), { method: 'DELETE', token: await adminToken() })).status, 204);
    for (const { id } of kept) await eventually(`appointment ${id} cancelled`, async () => (await appointment(id)).status === 'CANCELLED');
    const events = await withAppointmentsDb(
      async (db) =>
        (
          await db.query(`SELECT payload FROM appointment_events WHERE type = 'CANCELLED' AND appointment_id = ANY($1::uuid[])`, [
            kept.map((a) => a.id),
          ])
        ).rows,
    );
    assert.equal(events.length, 2, 'one CANCELLED event each');
    for (const { payload } of events) assert.deepEqual([payload.cancelledBy, payload.reasonCode], ['ADMIN', 'PATIENT_ACCOUNT_DELETED']);

    // Three cancellations reach the doctor: the patient's own, then the two of the deletion.
    const told = await eventually('the doctor’s three cancellation emails', async () => {
      const cancelled = (await mailsTo(doctor.user.email)).filter((mail) => /^Programare anulată/.test(mail.Subject));
      return cancelled.length >= 3 ? Promise.all(cancelled.map((mail) => readMail(mail.ID))) : undefined;
    });
    assert.equal(told.filter((mail) => /Motivul: contul pacientului a fost șters/.test(mail.Text)).length, 2);
    const busy = await http(gateway(`/doctors/${doctor.doctor.id}/available-slots?date=${first!.start.slice(0, 10)}`));
    assert.ok(
      busy.body.slots.some((slot: { start: string }) => new Date(slot.start).getTime() === new Date(first!.start).getTime()),
      'the freed time is offered again',
    );
  });
});

describe('a doctor demoted or deleted', () => {
  let admin: string;
  let patient: TestUser;

  before(async () => {
    [admin, patient] = await Promise.all([adminToken(), registerPatient('of-a-leaving-doctor')]);
  });

  const setRole = (user: TestUser, role: string) =>
    http(gateway(`/users/${user.id}/role`), { method: 'PUT', token: admin, body: { role } });
  const rolesOf = async (user: TestUser) => claimsOf(await passwordToken(user.email, user.password)).realm_access.roles as string[];

  describe('with an appointment ahead', () => {
    let doctor: CreatedDoctor;
    let booked: Record<string, Json>;

    before(async () => {
      doctor = await createDoctor({ schedule: ALL_WEEK });
      const [slot] = await freeSlots(doctor.doctor.id, 1);
      booked = await bookThroughGateway(patient, doctor.doctor.id, slot!);
    });

    it('is not made a patient: 409 DOCTOR_HAS_APPOINTMENTS listing it, the role and the record kept', async () => {
      const answer = await setRole(doctor.user, 'PATIENT');
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error.code, 'DOCTOR_HAS_APPOINTMENTS');
      assert.deepEqual(
        answer.body.error.details.appointments.map((a: { id: string }) => a.id),
        [booked.id],
      );
      assert.ok((await rolesOf(doctor.user)).includes('DOCTOR'));
      assert.equal((await http(gateway(`/users/${doctor.user.id}`), { token: admin })).body.role, 'DOCTOR');
      assert.equal((await doctorRecord(doctor.doctor.id)).status, 200);
    });

    it('is not deleted: 409, and can still log in', async () => {
      const answer = await http(gateway(`/users/${doctor.user.id}`), { method: 'DELETE', token: admin });
      assert.equal(answer.status, 409);
      assert.equal(answer.body.error.code, 'DOCTOR_HAS_APPOINTMENTS');
      assert.equal((await passwordGrant(doctor.user.email, doctor.user.password)).status, 200);
      assert.equal((await doctorRecord(doctor.doctor.id)).status, 200);
      assert.equal((await appointment(booked.id)).status, 'PENDING');
    });
  });

  it('without appointments ahead, made a patient, loses the doctor record', async () => {
    const doctor = await createDoctor({ schedule: ALL_WEEK });
    assert.equal((await setRole(doctor.user, 'PATIENT')).status, 200);
    assert.equal((await doctorRecord(doctor.doctor.id)).status, 404);
    const roles = await rolesOf(doctor.user);
    assert.ok(roles.includes('PATIENT') && !roles.includes('DOCTOR'), roles.join());
  });

  it('without appointments ahead, deleted, goes with the doctor record', async () => {
    const doctor = await createDoctor({ schedule: ALL_WEEK });
    assert.equal((await http(gateway(`/users/${doctor.user.id}`), { method: 'DELETE', token: admin })).status, 204);
    assert.equal((await doctorRecord(doctor.doctor.id)).status, 404);
    assert.equal((await passwordGrant(doctor.user.email, doctor.user.password)).status, 401);
  });

  it('made an admin keeps the doctor record, which goes once they are made a patient', async () => {
    const doctor = await createDoctor({ schedule: [] });
    assert.equal((await setRole(doctor.user, 'ADMIN')).status, 200);
    assert.equal((await doctorRecord(doctor.doctor.id)).status, 200);
    assert.equal((await setRole(doctor.user, 'PATIENT')).status, 200);
    assert.equal((await doctorRecord(doctor.doctor.id)).status, 404);
  });
});
