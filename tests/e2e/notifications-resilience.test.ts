import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectBroker, DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE, NOTIFICATION_QUEUE, type Broker } from '@clinic/messaging';
import { pidOf, withAppointmentsDb } from '../support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor, type CreatedDoctor } from '../support/clinic.ts';
import { http, type Json } from '../support/http.ts';
import { adminToken, registerPatient, type TestUser } from '../support/identity.ts';
import { mailsTo, pauseMail, refuseRecipients, resumeMail, waitForMails } from '../support/mail.ts';
import { bookThroughGateway, eventually, gateway, slotsOn, withNotificationsDb } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** The status of the patient's notification of one type for one appointment, through the public API. */
async function rowOf(patient: TestUser, appointmentId: string, type: string) {
  const answer = await http(gateway('/notifications/my?limit=100'), { token: patient.token });
  return answer.body.items.find((n: Json) => n.appointment_id === appointmentId && n.type === type);
}

const subjects = async (address: string, pattern: RegExp) => (await mailsTo(address)).filter((m) => pattern.test(m.Subject)).length;

describe('reminders: once per day with two replicas, and a missed night caught up', () => {
  let created: CreatedDoctor;
  let patients: TestUser[];
  let booked: Array<Record<string, Json>>;

  before(async () => {
    created = await createDoctor({ schedule: ALL_WEEK });
    patients = await Promise.all([registerPatient('reminded-1'), registerPatient('reminded-2')]);
    // The day's last slots: far enough ahead (REMINDER_MIN_LEAD_HOURS) whenever the test runs.
    const slots = (await slotsOn(created.doctor.id, 1)).slice(-2);
    booked = [];
    for (const [i, patient] of patients.entries()) booked.push(await bookThroughGateway(patient, created.doctor.id, slots[i]!));
  });

  it('records one REMINDER_DUE per appointment booked for tomorrow and emails each patient once', async () => {
    for (const [i, patient] of patients.entries()) {
      await waitForMails(patient.email, [/^Reamintire: programarea de mâine/]);
      await eventually('the reminder row is SENT', async () => (await rowOf(patient, booked[i]!.id, 'REMINDER_DUE'))?.status === 'SENT');
    }
    // Both replicas keep ticking meanwhile (every second in test stacks): still one of each.
    const reminders = await withAppointmentsDb(async (db) =>
      (
        await db.query(
          `SELECT appointment_id, count(*)::int AS n FROM appointment_events WHERE type = 'REMINDER_DUE' AND appointment_id = ANY($1) GROUP BY 1`,
          [booked.map((b) => b.id)],
        )
      ).rows.map((r) => r.n),
    );
    assert.deepEqual(reminders, [1, 1]);
    for (const patient of patients) assert.equal(await subjects(patient.email, /^Reamintire/), 1);
  });

  it('runs a day whose run never happened (no replica up at midnight): the doctor’s agenda, once', async () => {
    const today = clinicDate(0);
    const tomorrow = clinicDate(1);
    await withNotificationsDb((db) => db.query('DELETE FROM reminder_runs WHERE day = $1', [today]));
    const [agenda] = await waitForMails(created.user.email, [/^Agenda de mâine/]);
    assert.match(agenda!.Subject, /: 2 programări$/);
    for (const b of booked) assert.ok(agenda!.Text.includes(b.patient_name));
    await eventually('the day’s run is marked done again', () =>
      withNotificationsDb(
        async (db) => (await db.query('SELECT completed_at FROM reminder_runs WHERE day = $1', [today])).rows[0]?.completed_at,
      ),
    );
    await eventually('the agenda row is SENT', () =>
      withNotificationsDb(async (db) => {
        const { rows } = await db.query(
          `SELECT status FROM notifications WHERE type = 'DAILY_AGENDA' AND recipient_id = $1 AND source_key = $2`,
          [created.user.id, `agenda:${tomorrow}`],
        );
        return rows.length === 1 && rows[0].status === 'SENT';
      }),
    );
    assert.equal(await subjects(created.user.email, /^Agenda de mâine/), 1);
    for (const patient of patients) assert.equal(await subjects(patient.email, /^Reamintire/), 1);
  });
});

describe('nothing lost, nothing twice', () => {
  let created: CreatedDoctor;

  before(async () => {
    created = await createDoctor({ schedule: ALL_WEEK });
  });

  it('SMTP down during a burst of bookings: RETRYING meanwhile, then every email exactly once', async () => {
    const patients = await Promise.all([1, 2, 3, 4].map((i) => registerPatient(`smtp-down-${i}`)));
    const slots = await slotsOn(created.doctor.id, 9);
    await pauseMail();
    let booked: Array<Record<string, Json>>;
    try {
      booked = await Promise.all(patients.map((patient, i) => bookThroughGateway(patient, created.doctor.id, slots[i]!)));
      for (const [i, patient] of patients.entries()) {
        const row = await eventually('the notification is RETRYING with the relay’s error', async () => {
          const found = await rowOf(patient, booked[i]!.id, 'CREATED');
          return found?.status === 'RETRYING' ? found : undefined;
        });
        assert.ok(row.attempts >= 1);
        assert.ok(row.last_error);
        assert.equal(row.sent_at, null);
      }
    } finally {
      await resumeMail();
    }
    for (const [i, patient] of patients.entries()) {
      await waitForMails(patient.email, [/^Programare înregistrată/]);
      await eventually('the row is SENT', async () => (await rowOf(patient, booked[i]!.id, 'CREATED'))?.status === 'SENT');
    }
    await eventually('the doctor has all four', async () => (await subjects(created.user.email, /^Programare nouă în calendar/)) >= 4);
    for (const patient of patients) assert.equal(await subjects(patient.email, /^Programare înregistrată/), 1);
    assert.equal(await subjects(created.user.email, /^Programare nouă în calendar/), 4);
  });

  it('a replica killed (kill -9) during a burst: the other one finishes, nothing twice', async () => {
    // A doctor of its own: the emails counted below are this burst's alone.
    const own = await createDoctor({ schedule: ALL_WEEK });
    const patients = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => registerPatient(`replica-kill-${i}`)));
    const slots = await slotsOn(own.doctor.id, 10);
    const victim = pidOf('notification-service-1');
    const bookings = Promise.all(patients.map((patient, i) => bookThroughGateway(patient, own.doctor.id, slots[i]!)));
    // Killed once the first of the burst's notifications is claimed: the rest is in flight.
    await eventually(
      'the burst’s first notification is claimed',
      async () => (await http(gateway('/notifications/my'), { token: patients[0]!.token })).body.items.length > 0,
      30_000,
    ).catch(() => undefined);
    process.kill(victim, 'SIGKILL');
    const booked = await bookings;
    for (const [i, patient] of patients.entries()) {
      await waitForMails(patient.email, [/^Programare înregistrată/], 90_000);
      await eventually('the row is SENT', async () => (await rowOf(patient, booked[i]!.id, 'CREATED'))?.status === 'SENT', 90_000);
    }
    await eventually('the doctor has all six', async () => (await subjects(own.user.email, /^Programare nouă în calendar/)) >= 6, 90_000);
    for (const patient of patients) assert.equal(await subjects(patient.email, /^Programare înregistrată/), 1);
    assert.equal(await subjects(own.user.email, /^Programare nouă în calendar/), 6);
    // The platform starts the killed replica again.
    await eventually(
      'notification-service-1 runs again',
      async () => pidOf('notification-service-1') !== victim && (await fetch(`${testStack().services['notification-service-1']}/ready`)).ok,
      60_000,
    );
  });

  it('a relay that refuses the recipient for good: FAILED at once, with its error, visible to the user', async () => {
    const patient = await registerPatient('refused');
    await refuseRecipients(550);
    let sent: Record<string, Json>;
    try {
      const answer = await http(gateway('/notifications/send'), {
        method: 'POST',
        token: await adminToken(),
        body: { user_id: patient.id, subject: 'Refuzat', message: 'Acest mesaj nu ajunge.' },
      });
      assert.equal(answer.status, 202);
      sent = answer.body;
      const row = await eventually('the notification is FAILED', async () => {
        const mine = await http(gateway('/notifications/my'), { token: patient.token });
        const found = mine.body.items.find((n: Json) => n.id === sent.id);
        return found?.status === 'FAILED' ? found : undefined;
      });
      assert.equal(row.attempts, 1);
      assert.match(row.last_error, /550/);
      assert.equal(row.sent_at, null);
    } finally {
      await refuseRecipients(undefined);
    }
    assert.equal(await subjects(patient.email, /^Refuzat$/), 0);
  });

  it('an event the broker never delivered is caught up from GET /events/pending', async () => {
    const patient = await registerPatient('caught-up');
    const [slot] = await slotsOn(created.doctor.id, 11);
    const booked = await bookThroughGateway(patient, created.doctor.id, slot!);
    await waitForMails(patient.email, [/^Programare înregistrată/]);
    // As if the relay had published a CONFIRMED event that RabbitMQ then lost: stored, marked
    // published, never consumed.
    const lostId = randomUUID();
    await withAppointmentsDb(async (db) => {
      const { rows } = await db.query(`SELECT payload FROM appointment_events WHERE appointment_id = $1 AND type = 'CREATED'`, [booked.id]);
      const payload = { ...rows[0].payload, id: lostId, type: 'CONFIRMED' };
      await db.query(
        `INSERT INTO appointment_events (id, appointment_id, type, payload, created_at, published_at) VALUES ($1, $2, 'CONFIRMED', $3, now() - interval '15 seconds', now())`,
        [lostId, booked.id, payload],
      );
    });
    await waitForMails(patient.email, [/^Programare confirmată/]);
    await eventually('the lost event is marked processed', () =>
      withAppointmentsDb(
        async (db) => (await db.query('SELECT is_processed FROM appointment_events WHERE id = $1', [lostId])).rows[0]?.is_processed,
      ),
    );
    assert.equal(await subjects(patient.email, /^Programare confirmată/), 1);
  });
});

describe('a malformed event', () => {
  let broker: Broker;
  const deadLetters: Array<{ messageId?: string; queue: unknown }> = [];
  let tap: { close(): Promise<void> };

  before(async () => {
    broker = connectBroker(testStack().amqpUrl, silent, 'malformed-event-test');
    const queue = `dead-letter-tap-${randomUUID()}`;
    const consumer = broker.connection.createConsumer(
      {
        queue,
        queueOptions: { exclusive: true, autoDelete: true },
        exchanges: [{ exchange: DEAD_LETTER_EXCHANGE, type: 'fanout', durable: true }],
        queueBindings: [{ exchange: DEAD_LETTER_EXCHANGE, routingKey: '' }],
      },
      async (message) => {
        deadLetters.push({ messageId: message.messageId, queue: message.headers?.['x-first-death-queue'] });
      },
    );
    await new Promise((resolve) => consumer.once('ready', resolve));
    tap = consumer;
  });

  after(async () => {
    await tap.close();
    await broker.close();
  });

  it('goes to the dead-letter queue with a log line, and the consumer goes on', async () => {
    const messageId = randomUUID();
    await broker.publisher.send(
      { exchange: EVENTS_EXCHANGE, routingKey: 'appointment.created', messageId, durable: true },
      { id: 'not-an-event', type: 'CREATED' },
    );
    await eventually('notification-service dead-letters it', async () =>
      deadLetters.some((d) => d.messageId === messageId && d.queue === NOTIFICATION_QUEUE),
    );
    const logs = ['notification-service-1', 'notification-service-2']
      .map((name) => readFileSync(join(testStack().stateDir, 'logs', `${name}.log`), 'utf8'))
      .join('\n');
    const lines = logs.split('\n').filter((line) => line.includes(messageId));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /malformed message sent to the dead-letter queue/);

    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const patient = await registerPatient('after-malformed');
    const [slot] = await slotsOn(doctor.id, 12);
    await bookThroughGateway(patient, doctor.id, slot!);
    await waitForMails(patient.email, [/^Programare înregistrată/]);
  });
});
