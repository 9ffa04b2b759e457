// Users' contacts as the other services remember them (followUserServiceContacts): asked of
// user-service once, then forgotten the moment user-service says the user changed. Every replica of
// appointment-service and notification-service first learns the patient's contact (front-desk
// bookings spread over the replicas, and their events over notification-service's), then the patient
// changes address and language: the next booking and its email follow at once, not a minute later.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connectBroker, EVENTS_EXCHANGE, type Broker } from '@clinic/messaging';
import { freeSlots } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient } from '../support/identity.ts';
import { mailsTo, waitForMails } from '../support/mail.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** Bookings at the front desk before the change: more than the replicas of either service. */
const BOOKINGS_BEFORE = 4;

describe('a patient’s new address and language', () => {
  // The user.updated events as RabbitMQ routes them: once one is here, it is on every service's queue too.
  let broker: Broker;
  let tap: { close(): Promise<void> };
  const published: Array<{ userId?: string; user?: { email?: string } }> = [];
  before(async () => {
    broker = connectBroker(testStack().amqpUrl, silent, 'contacts-remembered-test');
    const consumer = broker.connection.createConsumer(
      {
        queue: `contacts-remembered-test-${randomUUID()}`,
        queueOptions: { exclusive: true, autoDelete: true },
        exchanges: [{ exchange: EVENTS_EXCHANGE, type: 'topic', durable: true }],
        queueBindings: [{ exchange: EVENTS_EXCHANGE, routingKey: 'user.updated' }],
      },
      async (message) => void published.push(message.body as (typeof published)[number]),
    );
    await new Promise((resolve) => consumer.once('ready', resolve));
    tap = consumer;
  });
  after(async () => {
    await tap.close();
    await broker.close();
  });

  it('reach the next front-desk booking and its email at once, though every replica knew the old ones', async () => {
    const [doctor, patient, admin] = await Promise.all([createDoctor({ schedule: ALL_WEEK }), registerPatient('remembered'), adminToken()]);
    const slots = await freeSlots(doctor.doctor.id, BOOKINGS_BEFORE + 1);
    const bookAtDesk = async (slot: { start: string; end: string }) => {
      const answer = await http(gateway('/appointments'), {
        method: 'POST',
        token: admin,
        headers: { 'idempotency-key': randomUUID() },
        body: { doctor_id: doctor.doctor.id, start_time: slot.start, end_time: slot.end, patient_id: patient.id },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body as Record<string, Json>;
    };

    for (const slot of slots.slice(0, BOOKINGS_BEFORE)) {
      const booked = await bookAtDesk(slot);
      assert.equal(booked.patient_email, patient.email);
    }
    // Each booking's CREATED and PDF_GENERATED were handled: notification-service's replicas looked the patient up.
    await eventually('the patient’s emails of the first bookings', async () => {
      const mails = await mailsTo(patient.email);
      return mails.filter((m) => m.Subject.startsWith('Programare înregistrată')).length === BOOKINGS_BEFORE;
    });

    const toEnglish = await http(gateway('/users/me'), { method: 'PUT', token: patient.token, body: { language: 'en' } });
    assert.equal(toEnglish.status, 200, JSON.stringify(toEnglish.body));
    const newEmail = `remembered-new-${randomUUID().slice(0, 8)}@test.clinic.local`;
    const changed = await http(gateway(`/users/${patient.id}`), { method: 'PUT', token: admin, body: { email: newEmail } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    // Changes reach the other services as user-service publishes them (its outbox), not with its answer.
    await eventually('user-service published the new address', async () =>
      published.some((event) => event.userId === patient.id && event.user?.email === newEmail),
    );

    const after = await bookAtDesk(slots[BOOKINGS_BEFORE]!);
    assert.equal(after.patient_email, newEmail, 'the front desk books with the address user-service has now');
    const [created] = await waitForMails(newEmail, [/^Appointment booked: /]);
    assert.ok(created);
    const toOld = (await mailsTo(patient.email))
      .map((m) => m.Subject)
      .filter((s) => /^(Programare înregistrată|Appointment booked)/.test(s));
    assert.equal(toOld.length, BOOKINGS_BEFORE, `no booking email more to the old address: ${toOld.join(' | ')}`);
  });
});
