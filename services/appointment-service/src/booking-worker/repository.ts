import { isoTimestamp, type Queryable } from '@clinic/service-kit';
import type { AppointmentServiceEvent, BookingOutcome } from '@clinic/contracts';
import type { PatientStanding, RecordedEvent } from '../appointments/index.ts';
import type { Span } from './booked-times.ts';

/** An active hold of a time a booking of the batch asks for (an OverlappingHold of the waitlist, with its doctor and time). */
export interface KnownHold extends Span {
  id: string;
  doctor_id: string;
  patient_id: string;
  expires_at: string;
  expired: boolean;
}

/** What a batch reads first in its transaction, before deciding any command. */
export interface BatchStart {
  /** The outcomes already stored for the batch's commands (a redelivery replays them). */
  stored: Map<string, BookingOutcome>;
  /** Active appointments overlapping the times the batch's bookings ask for. */
  booked: Array<{ doctorId: string } & Span>;
  /** Active holds (expired or not) overlapping those times. */
  holds: KnownHold[];
  /** Each booking patient's mark of a deleted account and count of active appointments ahead. */
  standings: Map<string, PatientStanding>;
}

const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * One statement where the batch used to run four: its commands locked with their stored outcomes, the
 * times asked for that are booked or held (the holds locked too, as the per-command read locked them),
 * and where the booking patients stand. Every part reads the transaction's start (its `now()`), as the
 * statements it replaces did within the batch's transaction.
 */
const BATCH_START = `WITH commands AS MATERIALIZED (
    SELECT id, outcome FROM booking_commands WHERE id = ANY($1::uuid[]) FOR UPDATE),
  asked AS MATERIALIZED (
    SELECT * FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS asked (doctor_id, start_time, end_time)),
  held AS MATERIALIZED (
    SELECT h.id, h.doctor_id, h.patient_id, h.start_time, h.end_time, h.expires_at FROM slot_holds h
    WHERE h.status = 'ACTIVE' AND EXISTS (SELECT 1 FROM asked WHERE asked.doctor_id = h.doctor_id
      AND tstzrange(h.start_time, h.end_time) && tstzrange(asked.start_time, asked.end_time))
    FOR UPDATE OF h)
  SELECT
    (SELECT coalesce(json_agg(json_build_object('id', id, 'outcome', outcome)), '[]') FROM commands WHERE outcome IS NOT NULL) AS stored,
    (SELECT coalesce(json_agg(json_build_object('doctorId', b.doctor_id, 'start', ${epochMs('b.start_time')}, 'end', ${epochMs('b.end_time')})), '[]')
     FROM (SELECT DISTINCT a.doctor_id, a.start_time, a.end_time FROM asked
       JOIN appointments a ON a.doctor_id = asked.doctor_id AND a.status IN ('PENDING', 'CONFIRMED')
         AND tstzrange(a.start_time, a.end_time) && tstzrange(asked.start_time, asked.end_time)) b) AS booked,
    (SELECT coalesce(json_agg(json_build_object('id', id, 'doctor_id', doctor_id, 'patient_id', patient_id,
       'start', ${epochMs('start_time')}, 'end', ${epochMs('end_time')}, 'expires_at', ${isoTimestamp('expires_at')},
       'expired', expires_at <= now())), '[]') FROM held) AS holds,
    (SELECT coalesce(json_agg(json_build_object('id', p.id,
       'deleted', EXISTS (SELECT 1 FROM deleted_patients d WHERE d.patient_id = p.id),
       'ahead', (SELECT count(*) FROM appointments a
          WHERE a.patient_id = p.id AND a.status IN ('PENDING', 'CONFIRMED') AND a.start_time > now()))), '[]')
     FROM unnest($5::uuid[]) AS p (id)) AS standings`;

/**
 * The events and the outcomes of a batch in one statement: its events into the outbox, in the order
 * given, each with the request (id and trace context) it came from; its outcomes stored, an outcome
 * stored already kept.
 */
const BATCH_FINISH = `WITH recorded AS (
    INSERT INTO appointment_events (id, appointment_id, type, payload, created_at, request_id, traceparent)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::text[])),
  decided AS (
    UPDATE booking_commands c SET outcome = d.outcome, completed_at = now()
    FROM unnest($8::uuid[], $9::jsonb[]) AS d (id, outcome) WHERE c.id = d.id AND c.outcome IS NULL)
  SELECT 1`;

/** The appointment an outbox event is about; a waitlist offer is about none. */
const appointmentIdOf = (event: AppointmentServiceEvent): string | null => ('appointmentId' in event ? event.appointmentId : null);

/** What the booking worker's batch reads and writes once, in its transaction (each command's own writes are the folders'). */
export const batchRepository = {
  async start(
    db: Queryable,
    batch: { commandIds: string[]; asked: Array<{ doctorId: string; start: string; end: string }>; patientIds: string[] },
  ): Promise<BatchStart> {
    const { rows } = await db.query<{
      stored: Array<{ id: string; outcome: BookingOutcome }>;
      booked: BatchStart['booked'];
      holds: KnownHold[];
      standings: Array<{ id: string } & PatientStanding>;
    }>({
      name: 'booking-batch.start',
      text: BATCH_START,
      values: [
        batch.commandIds,
        batch.asked.map((a) => a.doctorId),
        batch.asked.map((a) => a.start),
        batch.asked.map((a) => a.end),
        [...new Set(batch.patientIds)],
      ],
    });
    const { stored, booked, holds, standings } = rows[0]!;
    return {
      stored: new Map(stored.map((row) => [row.id, row.outcome])),
      booked,
      holds,
      standings: new Map(standings.map(({ id, deleted, ahead }) => [id, { deleted, ahead }])),
    };
  },

  async finish(db: Queryable, recorded: RecordedEvent[], decided: Array<{ id: string; outcome: BookingOutcome }>): Promise<void> {
    if (recorded.length === 0 && decided.length === 0) return;
    await db.query({
      name: 'booking-batch.finish',
      text: BATCH_FINISH,
      values: [
        recorded.map(({ event }) => event.id),
        recorded.map(({ event }) => appointmentIdOf(event)),
        recorded.map(({ event }) => event.type),
        recorded.map(({ event }) => JSON.stringify(event)),
        recorded.map(({ event }) => event.occurredAt),
        recorded.map(({ requestId }) => requestId ?? null),
        recorded.map(({ traceparent }) => traceparent ?? null),
        decided.map((d) => d.id),
        decided.map((d) => JSON.stringify(d.outcome)),
      ],
    });
  },
};
