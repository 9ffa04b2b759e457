// Migration 005 rewrites the booking outcomes stored as HTTP answers ({status, body}) into the
// worker's decisions. Its UPDATE is run here on rows of the old shape in the real database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { BookingOutcome } from '@clinic/contracts';
import { Value } from 'typebox/value';
import { freeSlots, withAppointmentsDb, type Slot } from '../../../tests/support/booking.ts';
import { ALL_WEEK, createDoctor } from '../../../tests/support/clinic.ts';
import { http } from '../../../tests/support/http.ts';
import { registerPatient, type TestUser } from '../../../tests/support/identity.ts';
import { testStack } from '../../../tests/support/stack.ts';

const migration = readFileSync(new URL('../migrations/005_booking_outcomes_and_event_request_ids.sql', import.meta.url), 'utf8');

/** The migration's rewrite of the stored outcomes, as it runs on start-up (its Up part's UPDATE). */
function rewriteOfOutcomes(): string {
  const [up] = migration.split('-- Down Migration');
  const update = up!.match(/UPDATE booking_commands[\s\S]*?;/);
  assert.ok(update, 'the migration rewrites booking_commands');
  return update[0];
}

const appointment = {
  id: randomUUID(),
  patient_id: randomUUID(),
  doctor_id: randomUUID(),
  doctor_user_id: randomUUID(),
  cabinet_id: randomUUID(),
  start_time: '2030-01-07T08:00:00.000Z',
  end_time: '2030-01-07T08:30:00.000Z',
  status: 'PENDING',
  patient_name: 'Ana Pop',
  patient_email: 'ana@example.test',
  doctor_name: 'Dr. Ion Ionescu',
  doctor_email: 'ion@example.test',
  specialization_name: 'Cardiology',
  cabinet_name: 'C1',
  cabinet_location: 'Building A',
  cabinet_floor: 1,
  pdf_object_key: null,
  created_at: '2029-12-01T10:00:00.000Z',
  updated_at: '2029-12-01T10:00:00.000Z',
};

const errorAnswer = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });

describe('migration 005: booking outcomes as decisions', () => {
  it('rewrites every stored {status, body} into BOOKED, RESCHEDULED or REJECTED, and leaves new and undecided ones alone', async () => {
    const moved = { ...appointment, start_time: '2030-01-08T08:00:00.000Z', end_time: '2030-01-08T08:30:00.000Z' };
    const refusal = (status: number, code: string, message: string) => ({
      old: errorAnswer(status, code, message),
      expected: { result: 'REJECTED', code, message },
    });
    const rows: Array<{ old: unknown; expected: unknown }> = [
      { old: { status: 201, body: appointment }, expected: { result: 'BOOKED', appointment } },
      { old: { status: 200, body: moved }, expected: { result: 'RESCHEDULED', appointment: moved } },
      refusal(409, 'SLOT_TAKEN', 'This time is already booked with the doctor'),
      refusal(409, 'PATIENT_BUSY', 'The patient already has an appointment at this time'),
      refusal(409, 'INVALID_STATE', 'A CONFIRMED appointment cannot be rescheduled; only PENDING ones can'),
      refusal(404, 'DOCTOR_NOT_FOUND', 'Doctor not found'),
      refusal(400, 'TIME_OFF', 'The doctor is not working on 2030-01-07.'),
      // Stored by this version already, and not decided yet.
      { old: { result: 'BOOKED', appointment }, expected: { result: 'BOOKED', appointment } },
      { old: null, expected: null },
    ];

    const migrated = await withAppointmentsDb(async (db) => {
      // In a transaction rolled back afterwards: the rows are the test's alone and leave nothing behind.
      await db.query('BEGIN');
      try {
        const ids = rows.map(() => randomUUID());
        for (const [i, row] of rows.entries()) {
          await db.query('INSERT INTO booking_commands (id, requester_id, idempotency_key, request, outcome) VALUES ($1, $2, $3, $4, $5)', [
            ids[i],
            randomUUID(),
            randomUUID(),
            JSON.stringify({ kind: 'BOOK' }),
            row.old === null ? null : JSON.stringify(row.old),
          ]);
        }
        await db.query(rewriteOfOutcomes());
        const { rows: after } = await db.query<{ id: string; outcome: unknown }>(
          'SELECT id, outcome FROM booking_commands WHERE id = ANY($1::uuid[])',
          [ids],
        );
        return ids.map((id) => after.find((row) => row.id === id)!.outcome);
      } finally {
        await db.query('ROLLBACK');
      }
    });

    assert.deepEqual(
      migrated,
      rows.map((row) => row.expected),
    );
    for (const outcome of migrated.filter((o) => o !== null)) {
      assert.ok(Value.Check(BookingOutcome, outcome), `${JSON.stringify(outcome)} is a BookingOutcome`);
    }
  });
});

describe('a retry under the same Idempotency-Key after migration 005', () => {
  const book = (patient: TestUser, doctorId: string, slot: Slot, key: string) =>
    http(`${testStack().services['appointment-service-1']}/appointments`, {
      method: 'POST',
      token: patient.token,
      headers: { 'idempotency-key': key },
      body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
    });

  /** Puts the command's outcome back as it was stored before the migration, then runs the migration's rewrite. */
  const storeAsBeforeAndMigrate = (patient: TestUser, key: string, old: unknown) =>
    withAppointmentsDb(async (db) => {
      const { rowCount } = await db.query('UPDATE booking_commands SET outcome = $3 WHERE requester_id = $1 AND idempotency_key = $2', [
        patient.id,
        key,
        JSON.stringify(old),
      ]);
      assert.equal(rowCount, 1);
      await db.query(rewriteOfOutcomes());
    });

  let doctorId: string;
  let slot: Slot;
  let first: TestUser;
  let second: TestUser;

  before(async () => {
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK }));
    slot = (await freeSlots(doctorId, 1))[0]!;
    first = await registerPatient('migrated-first');
    second = await registerPatient('migrated-second');
  });

  it('replays a booking and a refusal stored before it exactly as they were answered', async () => {
    const bookedKey = randomUUID();
    const booked = await book(first, doctorId, slot, bookedKey);
    assert.equal(booked.status, 201);
    // A refusal the booking worker decided and stored: the same time a week ago (a time booked already
    // is refused before the queue, and nothing of it is stored).
    const weekAgo = (at: string) => new Date(Date.parse(at) - 7 * 24 * 3_600_000).toISOString();
    const past = { start: weekAgo(slot.start), end: weekAgo(slot.end) };
    const refusedKey = randomUUID();
    const refused = await book(second, doctorId, past, refusedKey);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'IN_PAST');

    await storeAsBeforeAndMigrate(first, bookedKey, { status: 201, body: booked.body });
    await storeAsBeforeAndMigrate(second, refusedKey, { status: 400, body: refused.body });

    const replayedBooking = await book(first, doctorId, slot, bookedKey);
    assert.equal(replayedBooking.status, 201);
    assert.deepEqual(replayedBooking.body, booked.body);
    const replayedRefusal = await book(second, doctorId, past, refusedKey);
    assert.equal(replayedRefusal.status, 400);
    assert.deepEqual(replayedRefusal.body, refused.body);
  });
});
