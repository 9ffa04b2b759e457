import { isoTimestamp, type Queryable } from '@clinic/service-kit';
import type { EndedHold, RecordedEvent } from './rules.ts';

/** What appointment-service recorded about one appointment, read for its timeline. */
export const timelineRepository = {
  /** Its events in the order they were recorded. */
  async events(db: Queryable, appointmentId: string): Promise<RecordedEvent[]> {
    const { rows } = await db.query<RecordedEvent>(
      `SELECT type, payload, ${isoTimestamp('created_at')} AS created_at FROM appointment_events
       WHERE appointment_id = $1 ORDER BY created_at, id`,
      [appointmentId],
    );
    return rows;
  },

  /** The waitlist holds that ended in it: booked by their patient, or booked over by the front desk. */
  async endedHolds(db: Queryable, appointmentId: string): Promise<EndedHold[]> {
    const { rows } = await db.query<EndedHold>(
      `SELECT status, patient_id, overridden_by, override_reason, ${isoTimestamp('updated_at')} AS updated_at FROM slot_holds
       WHERE appointment_id = $1 AND status IN ('BOOKED', 'OVERRIDDEN') ORDER BY updated_at, id`,
      [appointmentId],
    );
    return rows;
  },

  /** The names the audit log last recorded for these users (staff act through audited routes). */
  async staffNames(db: Queryable, userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await db.query<{ actor_id: string; actor_name: string }>(
      `SELECT DISTINCT ON (actor_id) actor_id, actor_name FROM audit_log
       WHERE actor_id = ANY($1::text[]) AND actor_name IS NOT NULL ORDER BY actor_id, at DESC`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.actor_id, row.actor_name]));
  },
};
