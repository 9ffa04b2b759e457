// The load the bench offers: raw inserts straight into PostgreSQL, bookings through the gateway
// (closed loop: a number in flight; open loop: a constant rate), the race for a few slots, and reads.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { http } from '../../tests/support/http.ts';
import type { TestUser } from '../../tests/support/identity.ts';
import { percentiles } from './figures.ts';

export type Slot = { start: string; end: string };

/** A doctor, their own patients, and their free slots never asked for yet (taken from the front). */
export interface Booker {
  doctorId: string;
  patients: TestUser[];
  slots: Slot[];
}

/** Inserts like a booking's into a scratch copy of the appointments table, `clients` at a time. */
export async function rawInserts(databaseUrl: string, clients: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    await pool.query('DROP TABLE IF EXISTS bench_raw_appointments');
    // LIKE … INCLUDING ALL copies the defaults, the checks and both exclusion constraints.
    await pool.query('CREATE TABLE bench_raw_appointments (LIKE appointments INCLUDING ALL)');
    const ms: number[] = [];
    const until = performance.now() + seconds * 1000;
    let slot = 0;
    const base = Date.UTC(2040, 0, 1);
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const doctor = crypto.randomUUID();
        while (performance.now() < until) {
          const start = new Date(base + (slot++ + client) * 1_800_000);
          const patient = crypto.randomUUID();
          const started = performance.now();
          await pool.query(
            `INSERT INTO bench_raw_appointments (patient_id, doctor_id, doctor_user_id, cabinet_id, start_time, end_time, patient_name,
               patient_email, doctor_name, doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor, booked_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
            [
              ...[patient, doctor, doctor, doctor, start, new Date(start.getTime() + 1_800_000)],
              ...['Bench Patient', 'patient@bench.test', 'Dr Bench', 'doctor@bench.test', 'Bench', 'Room 1', 'Wing A', 1, patient],
            ],
          );
          ms.push(performance.now() - started);
        }
      }),
    );
    return { clients, seconds, inserts: ms.length, perSecond: ms.length / seconds, ...percentiles(ms) };
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_raw_appointments').catch(() => {});
    await pool.end();
  }
}

export async function book(gateway: string, patient: TestUser, doctorId: string, slot: Slot) {
  const started = performance.now();
  const answer = await http(`${gateway}/api/appointments`, {
    method: 'POST',
    token: patient.token,
    body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
  }).catch(() => ({ status: 0 }));
  return { status: answer.status, ms: performance.now() - started };
}

/** The next booking to ask for, round robin over the doctors; undefined once a doctor has no slot left. */
function nextBooking(bookers: Booker[], turn: number) {
  const booker = bookers[turn % bookers.length]!;
  const slot = booker.slots.shift();
  if (!slot) return undefined;
  // A doctor's own patients only: no patient is ever asked two doctors at one time.
  return { doctorId: booker.doctorId, slot, patient: booker.patients[booker.slots.length % booker.patients.length]! };
}

function loadFigures(ms: number[], statuses: Record<number, number>, seconds: number, ranOutOfSlots: boolean) {
  const booked = statuses[201] ?? 0;
  return { seconds, requests: ms.length, booked, statuses, ranOutOfSlots, perSecond: booked / seconds, ...percentiles(ms) };
}

export type LoadFigures = ReturnType<typeof loadFigures>;

/** `inFlight` requests at a time for `seconds` (closed loop), each on a slot never asked for before. */
export async function bookingLoad(gateway: string, bookers: Booker[], inFlight: number, seconds: number) {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  let turn = 0;
  let ranOut = false;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        const next = nextBooking(bookers, turn++);
        if (!next) {
          ranOut = true;
          return;
        }
        const result = await book(gateway, next.patient, next.doctorId, next.slot);
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;
        ms.push(result.ms);
      }
    }),
  );
  return { inFlight, ...loadFigures(ms, statuses, (performance.now() - started) / 1000, ranOut) };
}

/**
 * Bookings offered at `perSecond` for `seconds` whatever the answers (open loop), as clinics' patients
 * would; each answer's latency counts from when its request was due, so a sender held up by a busy
 * machine does not hide the wait (no coordinated omission).
 */
export async function openLoad(gateway: string, bookers: Booker[], perSecond: number, seconds: number) {
  const ms: number[] = [];
  const statuses: Record<number, number> = {};
  const answers: Promise<void>[] = [];
  let ranOut = false;
  const started = performance.now();
  for (let i = 0; i < Math.floor(perSecond * seconds); i++) {
    const due = started + (i * 1000) / perSecond;
    if (due - performance.now() > 1) await sleep(due - performance.now());
    const next = nextBooking(bookers, i);
    if (!next) {
      ranOut = true;
      break;
    }
    answers.push(
      book(gateway, next.patient, next.doctorId, next.slot).then((result) => {
        statuses[result.status] = (statuses[result.status] ?? 0) + 1;
        ms.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(answers);
  return { offeredPerSecond: perSecond, ...loadFigures(ms, statuses, (performance.now() - started) / 1000, ranOut) };
}

export async function race(gateway: string, doctorId: string, slots: Slot[], racers: TestUser[]) {
  const results = await Promise.all(racers.map((patient, i) => book(gateway, patient, doctorId, slots[i % slots.length]!)));
  const winners = results.filter((r) => r.status === 201).length;
  const statuses = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return { racers: racers.length, slots: slots.length, winners, statuses, ...percentiles(results.map((r) => r.ms)) };
}

export async function reads(gateway: string, path: string, connections: number, seconds: number) {
  const result = await autocannon({ url: `${gateway}${path}`, connections, duration: seconds });
  return {
    url: path,
    connections,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
