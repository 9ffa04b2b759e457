import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { activeBookingWorker, appointmentReplicas, freeSlots, pidOf, withAppointmentsDb, type Slot } from '../support/booking.ts';
import { ALL_WEEK, createDoctor } from '../support/clinic.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { createPatients, type TestUser } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

const bookingBody = (doctorId: string, slot: Slot) => ({ doctor_id: doctorId, start_time: slot.start, end_time: slot.end });

/** Active appointments per slot start, straight from appointment-service's database. */
async function activeRowsBySlot(doctorId: string): Promise<Map<string, number>> {
  const { rows } = await withAppointmentsDb((db) =>
    db.query<{ start_time: Date; n: string }>(
      `SELECT start_time, count(*) AS n FROM appointments WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED') GROUP BY start_time`,
      [doctorId],
    ),
  );
  return new Map(rows.map((r) => [r.start_time.toISOString(), Number(r.n)]));
}

const countBy = (answers: HttpAnswer[]) =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

describe('the booking guarantee, with three appointment-service replicas', () => {
  let doctorId: string;
  let patients: TestUser[];

  before(async () => {
    assert.equal(appointmentReplicas().length, 3, 'the test stack runs three replicas');
    ({
      doctor: { id: doctorId },
    } = await createDoctor({ schedule: ALL_WEEK }));
    patients = await createPatients(210);
  });

  it('books one slot exactly once when 210 patients race for it across all replicas', async () => {
    const [slot] = await freeSlots(doctorId, 1);
    const replicas = appointmentReplicas();
    const answers = await Promise.all(
      patients.map((patient, i) =>
        http(`${testStack().services[replicas[i % replicas.length]!]}/appointments`, {
          method: 'POST',
          token: patient.token,
          body: bookingBody(doctorId, slot!),
        }),
      ),
    );
    assert.deepEqual(countBy(answers), { 201: 1, 409: patients.length - 1 });
    assert.ok(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'SLOT_TAKEN'));
    assert.equal((await activeRowsBySlot(doctorId)).get(new Date(slot!.start).toISOString()), 1);
    const stillOffered = await freeSlots(doctorId, 5);
    assert.ok(!stillOffered.some((s) => s.start === slot!.start), 'the booked slot is no longer offered');
  });

  it('books 40 different slots requested at once, each exactly once', async () => {
    const slots = await freeSlots(doctorId, 40);
    const first = await Promise.all(
      slots.map((slot, i) =>
        http(`${testStack().gatewayUrl}/api/appointments`, {
          method: 'POST',
          token: patients[i]!.token,
          body: bookingBody(doctorId, slot),
        }),
      ),
    );
    assert.deepEqual(countBy(first), { 201: 40 });
    const again = await Promise.all(
      slots.map((slot, i) =>
        http(`${testStack().gatewayUrl}/api/appointments`, {
          method: 'POST',
          token: patients[100 + i]!.token,
          body: bookingBody(doctorId, slot),
        }),
      ),
    );
    assert.deepEqual(countBy(again), { 409: 40 });
    const rows = await activeRowsBySlot(doctorId);
    for (const slot of slots) assert.equal(rows.get(new Date(slot.start).toISOString()), 1);
  });

  it('refuses a time already booked before the queue, and still replays the winner’s own request', async () => {
    const [slot] = await freeSlots(doctorId, 1);
    const [winner, late] = [patients[180]!, patients[181]!];
    const book = (patient: TestUser, key?: string) =>
      http(`${testStack().gatewayUrl}/api/appointments`, {
        method: 'POST',
        token: patient.token,
        headers: key ? { 'idempotency-key': key } : {},
        body: bookingBody(doctorId, slot!),
      });
    const winnerKey = randomUUID();
    const booked = await book(winner, winnerKey);
    assert.equal(booked.status, 201);

    const lateKey = randomUUID();
    for (const refused of [await book(late, lateKey), await book(late)]) {
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'SLOT_TAKEN');
    }
    // Neither refusal became a command for the booking worker to decide.
    const { rows: commands } = await withAppointmentsDb((db) =>
      db.query(`SELECT id FROM booking_commands WHERE requester_id = $1 AND request->>'start_time' = $2`, [
        late.id,
        new Date(slot!.start).toISOString(),
      ]),
    );
    assert.deepEqual(commands, []);

    // The winner's retry under its key is a replay of its booking, not a refusal of the time it holds.
    const replay = await book(winner, winnerKey);
    assert.equal(replay.status, 201);
    assert.equal(replay.body.id, booked.body.id);
    assert.equal((await activeRowsBySlot(doctorId)).get(new Date(slot!.start).toISOString()), 1);
  });

  it('loses nothing and books nothing twice when the replica running the worker is killed mid-burst', async () => {
    const slots = await freeSlots(doctorId, 30);
    // Three patients want each slot; every request carries its own Idempotency-Key and is retried
    // with it, as a careful client would, until it gets a final answer.
    const requests = slots.flatMap((slot, s) => [0, 1, 2].map((k) => ({ slot, patient: patients[40 + s * 3 + k]!, key: randomUUID() })));
    let settled = 0;
    const bookWithRetries = async (request: (typeof requests)[number]) => {
      for (let attempt = 1; attempt <= 60; attempt++) {
        const answer = await http(`${testStack().gatewayUrl}/api/appointments`, {
          method: 'POST',
          token: request.patient.token,
          headers: { 'idempotency-key': request.key },
          body: bookingBody(doctorId, request.slot),
        }).catch(() => undefined);
        if (answer && answer.status < 500) {
          settled++;
          return { ...request, answer, attempts: attempt };
        }
        await sleep(250);
      }
      throw new Error(`no final answer for ${request.key}`);
    };

    const worker = await activeBookingWorker();
    assert.ok(worker, 'a replica holds the booking queue');
    const victimPid = pidOf(worker);
    const burst = Promise.all(requests.map(bookWithRetries));
    const deadline = Date.now() + 30_000;
    while (settled < requests.length / 5 && Date.now() < deadline) await sleep(20);
    process.kill(victimPid, 'SIGKILL');
    const settledAtKill = settled;
    const results = await burst;

    assert.ok(settledAtKill < requests.length, `the kill happened with requests in flight (${settledAtKill}/${requests.length} answered)`);
    assert.ok(
      results.every((r) => r.answer.status === 201 || r.answer.status === 409),
      JSON.stringify(countBy(results.map((r) => r.answer))),
    );
    const created = results.filter((r) => r.answer.status === 201);
    const rows = await activeRowsBySlot(doctorId);
    for (const slot of slots) {
      const winners = created.filter((r) => r.slot === slot);
      assert.equal(winners.length, 1, `exactly one patient got ${slot.start}`);
      assert.equal(rows.get(new Date(slot.start).toISOString()), 1, `exactly one active row for ${slot.start}`);
    }

    // Every accepted booking is stored, with its CREATED event in the outbox.
    const ids = created.map((r) => r.answer.body.id as string);
    const stored = await withAppointmentsDb((db) =>
      db.query(
        `SELECT a.id FROM appointments a JOIN appointment_events e ON e.appointment_id = a.id AND e.type = 'CREATED' WHERE a.id = ANY($1::uuid[])`,
        [ids],
      ),
    );
    assert.equal(stored.rowCount, ids.length);

    // A retry with the same key replays the first outcome instead of booking again. It is retried after
    // a 503 like the burst's requests: the killed replica may still be starting again, and the gateway
    // answers a request it sent there with a retryable 503.
    const { answer: replay } = await bookWithRetries(created[0]!);
    assert.equal(replay.status, 201);
    assert.equal(replay.body.id, created[0]!.answer.body.id);

    // Another replica took over the queue.
    let successor: string | undefined;
    for (let i = 0; i < 50 && (!successor || successor === worker); i++) {
      successor = await activeBookingWorker();
      await sleep(100);
    }
    assert.ok(successor && successor !== worker, `the worker moved from ${worker} to ${successor}`);

    // The stack starts the killed replica again; the tests after this one expect the whole platform
    // (doctor-service asks this replica for busy times), so wait until it is ready.
    const victimUrl = testStack().services[worker]!;
    let ready = false;
    for (let i = 0; i < 240 && !ready; i++) {
      ready = (await http(`${victimUrl}/ready`).catch(() => undefined))?.status === 200;
      if (!ready) await sleep(250);
    }
    assert.ok(ready, `${worker} is ready again`);
  });
});
