// The soak's mixed traffic: clients acting as patients through the gateway (free times read, bookings,
// reschedules, cancellations, their own list, waitlist joins), and the record of what the platform
// acknowledged, held against its database at the end.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { clinicDate } from '../../tests/support/clinic.ts';
import { passwordToken, type TestUser } from '../../tests/support/identity.ts';

interface Slot {
  start: string;
  end: string;
}

/** An appointment the platform acknowledged (201), and what the client last heard of it. */
export interface Acknowledged {
  id: string;
  doctorId: string;
  patient: TestUser;
  start: string;
  /** CANCELLED once a cancellation was acknowledged. */
  state: 'ACTIVE' | 'CANCELLED';
  /** A change was sent and never answered (5xx, network error): its state is not known to the client. */
  uncertain: boolean;
}

export interface Answer {
  status: number | 'network error';
  body: unknown;
}

/** A request's kind as the report counts it: method and route pattern. */
type Kind =
  | 'GET /doctors/{id}/available-slots'
  | 'GET /appointments/my'
  | 'POST /appointments'
  | 'PUT /appointments/{id}'
  | 'PUT /appointments/{id}/cancel'
  | 'POST /waitlist';

const RETRYABLE = new Set([429, 502, 503, 504, 'network error']);
/** How long a booking is retried with its Idempotency-Key before the client gives up on it. */
const BOOKING_GIVE_UP_MS = 5 * 60_000;

export interface TrafficOptions {
  gateway: string;
  doctorIds: string[];
  patients: TestUser[];
  clients: number;
  /** Days ahead the clients book in (from tomorrow). */
  days: number;
  /** The fault going on (or the last one begun), to file each 5xx under. */
  currentFault: () => string;
}

/** An answer's JSON, or its text when it is not JSON (a proxy's error page). */
function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

export function soakTraffic(options: TrafficOptions) {
  const acknowledged = new Map<string, Acknowledged>();
  const answers: Record<string, Record<string, number>> = {};
  const fiveXxByFault: Record<string, Record<string, number>> = {};
  const bookings = { sent: 0, booked: 0, refused: 0, unanswered: 0, retries: 0 };
  /** Patients being used by a client right now: one client acts for a patient at a time. */
  const busy = new Set<TestUser>();
  let stopping = false;

  const call = async (kind: Kind, path: string, patient: TestUser, init: { method?: string; body?: unknown; key?: string } = {}) => {
    let answer: Answer;
    try {
      const response = await fetch(`${options.gateway}/api${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${patient.token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.key ? { 'idempotency-key': init.key } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      answer = { status: response.status, body: parseJson(text) };
    } catch {
      answer = { status: 'network error', body: undefined };
    }
    const label = String(answer.status);
    (answers[kind] ??= {})[label] = (answers[kind][label] ?? 0) + 1;
    if (answer.status === 'network error' || answer.status >= 500) {
      const byFault = (fiveXxByFault[options.currentFault()] ??= {});
      byFault[`${kind} ${label}`] = (byFault[`${kind} ${label}`] ?? 0) + 1;
    }
    return answer;
  };

  const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

  const freeSlots = async (patient: TestUser, doctorId: string): Promise<Slot[]> => {
    const date = clinicDate(1 + Math.floor(Math.random() * options.days));
    const answer = await call('GET /doctors/{id}/available-slots', `/doctors/${doctorId}/available-slots?date=${date}`, patient);
    return answer.status === 200 ? (answer.body as { slots: Slot[] }).slots : [];
  };

  /** A booking retried with its Idempotency-Key after a retryable answer, until a final one (or giving up). */
  const book = async (patient: TestUser) => {
    const doctorId = pick(options.doctorIds);
    const slots = await freeSlots(patient, doctorId);
    if (slots.length === 0) return;
    const slot = pick(slots);
    const key = randomUUID();
    bookings.sent++;
    for (const giveUpAt = Date.now() + BOOKING_GIVE_UP_MS; ; bookings.retries++) {
      const answer = await call('POST /appointments', '/appointments', patient, {
        method: 'POST',
        key,
        body: { doctor_id: doctorId, start_time: slot.start, end_time: slot.end },
      });
      if (answer.status === 201) {
        const { id } = answer.body as { id: string };
        acknowledged.set(id, { id, doctorId, patient, start: slot.start, state: 'ACTIVE', uncertain: false });
        bookings.booked++;
        return;
      }
      if (!RETRYABLE.has(answer.status)) {
        // An expired token is the client's to renew; the booking is not retried.
        if (answer.status === 401) await renew(patient);
        bookings.refused++;
        return;
      }
      if (Date.now() > giveUpAt) {
        bookings.unanswered++;
        return;
      }
      await sleep(500);
    }
  };

  const ownActive = (patient: TestUser) =>
    [...acknowledged.values()].filter((a) => a.patient === patient && a.state === 'ACTIVE' && !a.uncertain);

  const reschedule = async (patient: TestUser) => {
    const mine = ownActive(patient);
    if (mine.length === 0) return book(patient);
    const moving = pick(mine);
    const slots = await freeSlots(patient, moving.doctorId);
    if (slots.length === 0) return;
    const slot = pick(slots);
    const answer = await call('PUT /appointments/{id}', `/appointments/${moving.id}`, patient, {
      method: 'PUT',
      body: { start_time: slot.start, end_time: slot.end },
    });
    if (answer.status === 200) moving.start = slot.start;
    else if (RETRYABLE.has(answer.status)) moving.uncertain = true;
  };

  const cancel = async (patient: TestUser) => {
    const mine = ownActive(patient);
    if (mine.length === 0) return;
    const cancelling = pick(mine);
    const answer = await call('PUT /appointments/{id}/cancel', `/appointments/${cancelling.id}/cancel`, patient, {
      method: 'PUT',
      body: {},
    });
    if (answer.status === 200) cancelling.state = 'CANCELLED';
    else if (RETRYABLE.has(answer.status)) cancelling.uncertain = true;
  };

  const joinWaitlist = async (patient: TestUser) => {
    const from = 1 + Math.floor(Math.random() * (options.days - 3));
    await call('POST /waitlist', '/waitlist', patient, {
      method: 'POST',
      body: { doctor_id: pick(options.doctorIds), date_from: clinicDate(from), date_to: clinicDate(from + 2) },
    });
  };

  const renew = async (patient: TestUser) => {
    patient.token = await passwordToken(patient.email, patient.password).catch(() => patient.token);
  };

  /** What a client does next, by weight: reads most, then bookings, changes, waitlist joins. */
  const actions: Array<[number, (patient: TestUser) => Promise<unknown>]> = [
    [30, async (patient) => freeSlots(patient, pick(options.doctorIds))],
    [10, async (patient) => call('GET /appointments/my', '/appointments/my', patient)],
    [30, book],
    [12, reschedule],
    [12, cancel],
    [6, joinWaitlist],
  ];
  const totalWeight = actions.reduce((sum, [weight]) => sum + weight, 0);
  const nextAction = () => {
    let roll = Math.random() * totalWeight;
    for (const [weight, action] of actions) if ((roll -= weight) < 0) return action;
    return actions[0]![1];
  };

  const client = async () => {
    while (!stopping) {
      const patient = pick(options.patients.filter((p) => !busy.has(p)));
      busy.add(patient);
      try {
        await nextAction()(patient);
      } finally {
        busy.delete(patient);
      }
      // A person's pace, not a benchmark's: a quarter to three quarters of a second between actions.
      await sleep(250 + Math.random() * 500);
    }
  };

  let running: Promise<unknown> | undefined;
  return {
    acknowledged,
    answers,
    fiveXxByFault,
    bookings,
    start() {
      running = Promise.all(Array.from({ length: options.clients }, client));
    },
    /** Stops starting new actions and waits for those under way (a booking's retries included). */
    async stop() {
      stopping = true;
      await running;
    },
    /** Logs in again every patient whose token ends within `withinMs` (tokens live 5 minutes); failures wait for the next round. */
    async renewTokens(withinMs = 120_000) {
      const expiresAt = (token: string) =>
        (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
      const stale = options.patients.filter((p) => expiresAt(p.token) < Date.now() + withinMs);
      for (let i = 0; i < stale.length; i += 10) await Promise.all(stale.slice(i, i + 10).map(renew));
    },
  };
}

export type SoakTraffic = ReturnType<typeof soakTraffic>;
