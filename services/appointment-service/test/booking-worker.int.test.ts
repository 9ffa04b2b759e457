import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { BookingCommand, BookingReply } from '@clinic/contracts';
import { connectBroker } from '@clinic/messaging';
import { createPool } from '@clinic/service-kit';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, clinicDate, createDoctor, doctorService } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { adminToken, createPatients, serviceToken, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';
import { bookingShardOf, bookingShardQueue, bookingShardQueues } from '../src/booking/shards.ts';
import { bookingWorker } from '../src/booking-worker/worker.ts';
import { doctorDirectory } from '../src/directories/doctor-directory.ts';

/** The shard count the test stack runs with: devstack passes CLINIC_BOOKING_SHARDS on as BOOKING_SHARDS. */
const SHARDS = Number(process.env.CLINIC_BOOKING_SHARDS ?? 1);

const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

const book = (patient: TestUser, doctorId: string, slot: Slot, headers: Record<string, string> = {}) =>
  http(`${testStack().gatewayUrl}/api/appointments`, {
    method: 'POST',
    token: patient.token,
    headers,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  });

const activeRows = (where: string, params: unknown[]) =>
  withAppointmentsDb(async (db) =>
    Number(
      (await db.query(`SELECT count(*) AS n FROM appointments WHERE status IN ('PENDING', 'CONFIRMED') AND ${where}`, params)).rows[0].n,
    ),
  );

async function rabbitQueue(queue: string) {
  const { rabbitManagementUrl, rabbit } = testStack();
  const answer = await http(`${rabbitManagementUrl}/api/queues/%2F/${encodeURIComponent(queue)}`, {
    headers: { authorization: `Basic ${Buffer.from(`${rabbit.user}:${rabbit.password}`).toString('base64')}` },
  });
  assert.equal(answer.status, 200, `queue ${queue} exists`);
  return answer.body as {
    arguments: Record<string, unknown>;
    consumer_details?: Array<{ activity_status?: string }>;
    message_stats?: { publish?: number };
  };
}

describe('the booking worker: batches, fresh profiles, shards', () => {
  let doctorId: string;
  let patients: TestUser[];
  let admin: string;

  before(async () => {
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK }));
    patients = await createPatients(12, 'worker');
    admin = await adminToken();
  });

  it('decides against the schedule as it is when the booking is requested: time off added just before is refused', async () => {
    const date = clinicDate(3);
    const { body } = await http(doctorService(`/doctors/${doctorId}/available-slots?date=${date}`));
    const slot = body.slots[0] as Slot;
    // Booked once and cancelled: the worker has seen this doctor, as a cache would have.
    const warmUp = await book(patients[0]!, doctorId, slot);
    assert.equal(warmUp.status, 201);
    const cancelled = await http(`${testStack().gatewayUrl}/api/appointments/${warmUp.body.id}/cancel`, {
      method: 'PUT',
      token: patients[0]!.token,
    });
    assert.equal(cancelled.status, 200);

    const timeOff = await http(doctorService(`/doctors/${doctorId}/time-off`), {
      method: 'POST',
      token: admin,
      body: { start_date: date, end_date: date, reason: 'Conference' },
    });
    assert.equal(timeOff.status, 201);
    const refused = await book(patients[1]!, doctorId, slot);
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'TIME_OFF');

    const removed = await http(doctorService(`/doctors/${doctorId}/time-off/${timeOff.body.id}`), { method: 'DELETE', token: admin });
    assert.equal(removed.status, 204);
    const booked = await book(patients[1]!, doctorId, slot);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
  });

  it('answers every command of a burst with its own outcome, replays decided and repeated commands, and books once', async () => {
    const [slotA, slotB, slotC] = await freeSlots(doctorId, 12).then((slots) => slots.slice(-3));
    const [p1, p2, p3] = patients.slice(2, 5) as [TestUser, TestUser, TestUser];
    // A command decided earlier through the API, whose outcome is stored.
    const first = await book(p3, doctorId, slotA!);
    assert.equal(first.status, 201);
    const decided = await withAppointmentsDb(
      async (db) =>
        (await db.query(`SELECT id, request, outcome FROM booking_commands WHERE outcome -> 'appointment' ->> 'id' = $1`, [first.body.id]))
          .rows[0],
    );
    assert.ok(decided, 'the first booking’s command is stored with its outcome');

    const bookCommand = (id: string, patient: TestUser, slot: Slot): BookingCommand => ({
      id,
      kind: 'BOOK',
      patient: { id: patient.id, name: 'Test Patient', email: patient.email },
      doctor_id: doctorId,
      start_time: slot.start,
      end_time: slot.end,
    });
    const fresh = [bookCommand(randomUUID(), p1, slotB!), bookCommand(randomUUID(), p2, slotB!), bookCommand(randomUUID(), p1, slotC!)];
    // Recorded as the requesting replica records them before publishing.
    await withAppointmentsDb(async (db) => {
      for (const command of fresh) {
        await db.query('INSERT INTO booking_commands (id, requester_id, request) VALUES ($1, $2, $3)', [
          command.id,
          command.kind === 'BOOK' ? command.patient.id : randomUUID(),
          JSON.stringify(command),
        ]);
      }
    });
    const replayed = bookCommand(decided.id, p3, slotA!);
    // The first command again (a requester that published it twice, or a redelivery), in the same burst.
    const burst = [fresh[0]!, fresh[1]!, replayed, fresh[0]!, fresh[2]!];

    const broker = connectBroker(testStack().amqpUrl, silentLogger, 'booking-worker-test');
    const replies: Array<{ id: string; outcome: BookingReply }> = [];
    // Each command published as a request of its own would be: the worker decides it under that request id.
    const requestIdOf = (command: BookingCommand) => `worker-test-${command.id}`;
    const replyQueue = `booking-worker-test.${randomUUID()}`;
    const consumer = broker.connection.createConsumer(
      { queue: replyQueue, queueOptions: { exclusive: true, autoDelete: true }, noAck: true },
      (message) => {
        replies.push({ id: message.correlationId!, outcome: message.body });
      },
    );
    consumer.on('error', () => {});
    try {
      await new Promise((resolve) => consumer.once('ready', resolve));
      const queue = bookingShardQueue(bookingShardOf(doctorId, SHARDS));
      await Promise.all(
        burst.map((command) =>
          broker.publisher.send(
            {
              routingKey: queue,
              durable: true,
              correlationId: command.id,
              replyTo: replyQueue,
              headers: { 'x-request-id': requestIdOf(command) },
            },
            command,
          ),
        ),
      );
      for (let i = 0; i < 200 && replies.length < burst.length; i++) await sleep(50);
    } finally {
      await consumer.close();
      await broker.close();
    }

    assert.equal(replies.length, burst.length, 'every delivery is answered');
    const outcomesOf = (id: string) => replies.filter((r) => r.id === id).map((r) => r.outcome);
    const [won, repeated] = outcomesOf(fresh[0]!.id);
    assert.equal(won!.result, 'BOOKED');
    assert.deepEqual(repeated, won, 'the repeated command gets the same outcome, not a second booking');
    assert.deepEqual(outcomesOf(fresh[1]!.id)[0], {
      result: 'REJECTED',
      code: 'SLOT_TAKEN',
      message: 'This time is already booked with the doctor',
    });
    // The stored outcome is the worker's, whole; a patient's answer leaves out the doctor's login email.
    assert.equal(decided.outcome.appointment.id, first.body.id);
    assert.deepEqual(
      outcomesOf(decided.id)[0],
      { result: 'BOOKED', appointment: decided.outcome.appointment },
      'a decided command replays its stored outcome',
    );
    assert.equal(outcomesOf(fresh[2]!.id)[0]!.result, 'BOOKED');

    // Decided in one batch, each command's CREATED event is recorded under its own request's id.
    for (const command of [fresh[0]!, fresh[2]!]) {
      const { appointment } = outcomesOf(command.id)[0] as Extract<BookingReply, { result: 'BOOKED' }>;
      const recorded = await withAppointmentsDb(
        async (db) =>
          (await db.query(`SELECT request_id FROM appointment_events WHERE appointment_id = $1 AND type = 'CREATED'`, [appointment.id]))
            .rows,
      );
      assert.deepEqual(recorded, [{ request_id: requestIdOf(command) }]);
    }

    for (const slot of [slotA!, slotB!, slotC!]) {
      assert.equal(await activeRows('doctor_id = $1 AND start_time = $2', [doctorId, slot.start]), 1, `one active row at ${slot.start}`);
    }
    const stored = await withAppointmentsDb(
      async (db) => (await db.query('SELECT id, outcome FROM booking_commands WHERE id = ANY($1::uuid[])', [fresh.map((c) => c.id)])).rows,
    );
    for (const command of fresh) {
      assert.deepEqual(
        stored.find((row) => row.id === command.id)?.outcome,
        outcomesOf(command.id)[0],
        'the outcome is stored as answered',
      );
    }
  });

  it(`runs ${SHARDS} booking queue(s), each a quorum queue with a single active consumer`, async () => {
    for (const queue of bookingShardQueues(SHARDS)) {
      const details = await rabbitQueue(queue);
      assert.equal(details.arguments['x-queue-type'], 'quorum');
      assert.equal(details.arguments['x-single-active-consumer'], true);
      const active = (details.consumer_details ?? []).filter((c) => c.activity_status === 'single_active');
      assert.equal(active.length, 1, `${queue} has one active consumer`);
    }
  });

  it('refuses a patient two doctors at the same time, also when the doctors are decided by different shards', async () => {
    // A second doctor, on another shard when there are several.
    let other = await createDoctor({ schedule: ALL_WEEK });
    for (let i = 0; SHARDS > 1 && bookingShardOf(other.doctor.id, SHARDS) === bookingShardOf(doctorId, SHARDS) && i < 20; i++) {
      other = await createDoctor({ schedule: ALL_WEEK });
    }
    if (SHARDS > 1) assert.notEqual(bookingShardOf(other.doctor.id, SHARDS), bookingShardOf(doctorId, SHARDS));
    const slots = await freeSlots(other.doctor.id, 40);
    const racers = patients.slice(5, 12);
    // Each patient asks both doctors for the same time at once; different patients take different times.
    const answers = await Promise.all(
      racers.map(async (patient, i) => {
        const slot = slots[slots.length - 1 - i]!;
        const [a, b] = await Promise.all([book(patient, doctorId, slot), book(patient, other.doctor.id, slot)]);
        return { patient, slot, statuses: [a.status, b.status].sort(), codes: [a, b].map((x) => x.body?.error?.code).filter(Boolean) };
      }),
    );
    for (const { patient, slot, statuses, codes } of answers) {
      assert.deepEqual(statuses, [201, 409], `one of the two bookings of ${slot.start}`);
      assert.deepEqual(codes, ['PATIENT_BUSY']);
      assert.equal(await activeRows('patient_id = $1 AND start_time = $2', [patient.id, slot.start]), 1);
    }
  });

  it('decides a batch in its order against the times booked before it and the times it books and frees itself', async () => {
    const { doctor } = await createDoctor({ schedule: ALL_WEEK });
    const [a, b, c] = await freeSlots(doctor.id, 3);
    const [first, second, third] = await createPatients(3, 'batch-order');
    const booked = await book(first!, doctor.id, a!);
    assert.equal(booked.status, 201);
    const pool = createPool(testStack().postgres.roles.appointment_service!.url, 2);
    try {
      // The worker itself, given one batch: what the booking queue's consumer hands it.
      const decideBatch = bookingWorker({
        pool,
        doctors: doctorDirectory(testStack().services['doctor-service']!, serviceToken),
        logger: silentLogger as never,
        waitlistHoldSeconds: 60,
        maxFutureAppointmentsPerPatient: 1_000,
      });
      const bookOf = (patient: TestUser, slot: Slot): BookingCommand => ({
        id: randomUUID(),
        kind: 'BOOK',
        patient: { id: patient.id, name: 'Test batch-order', email: patient.email },
        doctor_id: doctor.id,
        start_time: slot.start,
        end_time: slot.end,
      });
      const { replies, failure } = await decideBatch(
        [
          bookOf(second!, a!), // booked before the batch
          bookOf(second!, b!),
          bookOf(third!, b!), // booked earlier in the batch
          { id: randomUUID(), kind: 'RESCHEDULE' as const, appointment_id: booked.body.id, start_time: c!.start, end_time: c!.end },
          bookOf(third!, a!), // freed earlier in the batch
        ].map((command) => ({ command })),
      );
      assert.equal(failure, undefined);
      assert.deepEqual(
        replies.map((reply) => (reply.result === 'REJECTED' ? reply.code : reply.result)),
        ['SLOT_TAKEN', 'BOOKED', 'SLOT_TAKEN', 'RESCHEDULED', 'BOOKED'],
      );
      const active = await withAppointmentsDb(
        async (db) =>
          (
            await db.query(
              `SELECT patient_id, start_time FROM appointments WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED') ORDER BY start_time`,
              [doctor.id],
            )
          ).rows,
      );
      assert.deepEqual(
        active.map((row) => [row.patient_id, new Date(row.start_time).toISOString()]),
        [
          [third!.id, new Date(a!.start).toISOString()],
          [second!.id, new Date(b!.start).toISOString()],
          [first!.id, new Date(c!.start).toISOString()],
        ],
      );
    } finally {
      await pool.end();
    }
  });
});
