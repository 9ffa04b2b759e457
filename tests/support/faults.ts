// A booking burst that runs while a fault happens, and the checks that tell whether anything was
// lost or booked twice: the answers the clients got, held against appointment-service's database.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeSlots, withAppointmentsDb, type Slot } from './booking.ts';
import { http } from './http.ts';
import { passwordToken, type TestUser } from './identity.ts';
import { testStack } from './stack.ts';

export interface BurstRequest {
  slot: Slot;
  patient: TestUser;
  key: string;
}

export interface BurstResult extends BurstRequest {
  /** The final answer's status (201, or a 4xx), undefined if the client gave up without one. */
  status?: number;
  appointmentId?: string;
  attempts: number;
}

export interface BurstFigures {
  attempted: number;
  accepted: number;
  rejected: number;
  /** Accepted bookings missing from the database, plus requests that never got a final answer. */
  lost: number;
  /** Slots with more than one active appointment, or more than one 201. */
  doubled: number;
  /** Answers 5xx other than the retryable 502/503/504 (each a defect: the client cannot tell what happened). */
  errors: number;
  /** Retries the clients made after a retryable answer or a network error. */
  retries: number;
  /** The longest any single answer (final or retryable) took, in ms: how long a client was kept waiting. */
  slowestAnswerMs: number;
  /** Requests answered before the fault began: fewer than attempted means the fault hit the burst mid-way. */
  answeredBeforeFault: number;
}

const RETRYABLE = new Set([502, 503, 504]);

/** Fresh tokens for the patients (the realm's access tokens are short-lived), eight logins at a time. */
export async function refreshTokens(patients: TestUser[]): Promise<void> {
  for (let i = 0; i < patients.length; i += 8) {
    await Promise.all(patients.slice(i, i + 8).map(async (p) => (p.token = await passwordToken(p.email, p.password))));
  }
}

/**
 * Books `slots × perSlot` requests through the gateway, `inFlight` at a time, each with its own
 * Idempotency-Key that its retries reuse (after a 502/503/504 or a network error), until a final
 * answer or `giveUpAfterMs` past the fault's end. `fault` starts once a quarter of the requests is
 * answered; the rest are sent once it says the dependency is down, so they meet the fault.
 */
export async function burstDuringFault(options: {
  doctorId: string;
  patients: TestUser[];
  slotCount: number;
  perSlot: number;
  inFlight?: number;
  /** Makes the fault happen and resolves when it is over; calls `down()` once the dependency is gone. */
  fault: (down: () => void) => Promise<void>;
  giveUpAfterMs?: number;
}): Promise<{ results: BurstResult[]; figures: BurstFigures; statuses: Record<string, number> }> {
  const slots = await freeSlots(options.doctorId, options.slotCount);
  const requests: BurstRequest[] = slots.flatMap((slot, s) =>
    Array.from({ length: options.perSlot }, (_, k) => ({
      slot,
      patient: options.patients[(s * options.perSlot + k) % options.patients.length]!,
      key: randomUUID(),
    })),
  );
  // Interleave, so that the patients of one slot do not all ask at once.
  requests.sort(() => Math.random() - 0.5);
  const statuses: Record<string, number> = {};
  let answered = 0;
  let errors = 0;
  let retries = 0;
  let slowestAnswerMs = 0;
  let faultOver = false;
  let faultEndedAt = 0;
  const giveUpAfterMs = options.giveUpAfterMs ?? 120_000;

  const bookOne = async (request: BurstRequest): Promise<BurstResult> => {
    for (let attempt = 1; ; attempt++) {
      const sent = Date.now();
      const answer = await http(`${testStack().gatewayUrl}/api/appointments`, {
        method: 'POST',
        token: request.patient.token,
        headers: { 'idempotency-key': request.key },
        body: { doctor_id: options.doctorId, start_time: request.slot.start, end_time: request.slot.end },
      }).catch(() => undefined);
      slowestAnswerMs = Math.max(slowestAnswerMs, Date.now() - sent);
      const label = answer ? String(answer.status) : 'network error';
      statuses[label] = (statuses[label] ?? 0) + 1;
      // 429: the gateway's rate limit; a careful client waits and asks again.
      if (answer && answer.status < 500 && answer.status !== 429) {
        answered++;
        return { ...request, status: answer.status, appointmentId: answer.body?.id, attempts: attempt };
      }
      if (answer && !RETRYABLE.has(answer.status)) errors++;
      if (faultOver && Date.now() - faultEndedAt > giveUpAfterMs) return { ...request, attempts: attempt };
      retries++;
      await sleep(answer?.status === 429 ? Math.min(Number(answer.headers.get('retry-after') ?? 1), 5) * 1000 : 200);
    }
  };

  const quarter = Math.ceil(requests.length / 4);
  let faultBegun = () => {};
  const begun = new Promise<void>((resolve) => (faultBegun = resolve));
  let next = 0;
  const worker = async (results: BurstResult[]) => {
    while (next < requests.length) {
      if (next >= quarter) await begun;
      if (next < requests.length) results.push(await bookOne(requests[next++]!));
    }
  };
  const results: BurstResult[] = [];
  const workers = Array.from({ length: options.inFlight ?? 16 }, () => worker(results));
  while (answered < quarter) await sleep(20);
  const answeredBeforeFault = answered;
  await options.fault(faultBegun).finally(faultBegun);
  faultOver = true;
  faultEndedAt = Date.now();
  await Promise.all(workers);

  const accepted = results.filter((r) => r.status === 201);
  const ids = accepted.map((r) => r.appointmentId!);
  const { stored, perSlot } = await withAppointmentsDb(async (db) => ({
    stored: new Set(
      (
        await db.query<{ id: string }>(`SELECT id FROM appointments WHERE id = ANY($1::uuid[]) AND status IN ('PENDING', 'CONFIRMED')`, [
          ids,
        ])
      ).rows.map((r) => r.id),
    ),
    perSlot: (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM appointments WHERE doctor_id = $1 AND start_time = ANY($2::timestamptz[]) AND status IN ('PENDING', 'CONFIRMED') GROUP BY start_time`,
        [options.doctorId, slots.map((s) => s.start)],
      )
    ).rows,
  }));
  const acceptedPerSlot = new Map<string, number>();
  for (const r of accepted) acceptedPerSlot.set(r.slot.start, (acceptedPerSlot.get(r.slot.start) ?? 0) + 1);
  const figures: BurstFigures = {
    attempted: requests.length,
    accepted: accepted.length,
    rejected: results.filter((r) => r.status !== undefined && r.status !== 201).length,
    lost: ids.filter((id) => !stored.has(id)).length + results.filter((r) => r.status === undefined).length,
    doubled: perSlot.filter((row) => row.n > 1).length + [...acceptedPerSlot.values()].filter((n) => n > 1).length,
    errors,
    retries,
    slowestAnswerMs,
    answeredBeforeFault,
  };
  return { results, figures, statuses };
}

/** Appointment ids of the accepted bookings whose CREATED event has not been relayed to RabbitMQ yet. */
export async function unrelayedCreated(appointmentIds: string[]): Promise<string[]> {
  return withAppointmentsDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT a.id FROM unnest($1::uuid[]) AS a(id)
        WHERE NOT EXISTS (SELECT 1 FROM appointment_events e WHERE e.appointment_id = a.id AND e.type = 'CREATED' AND e.published_at IS NOT NULL)`,
      [appointmentIds],
    );
    return rows.map((r) => r.id);
  });
}

/** The services of the test stack whose GET /ready does not answer 200 right now. */
export async function servicesNotReady(): Promise<string[]> {
  const notReady: string[] = [];
  for (const [name, url] of Object.entries(testStack().services)) {
    const ok = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(3_000) }).then(
      async (res) => (await res.body?.cancel(), res.ok),
      () => false,
    );
    if (!ok) notReady.push(name);
  }
  return notReady;
}
