import type { Queryable } from '@clinic/service-kit';
import { ANONYMISED_PATIENT } from '../appointments/index.ts';
import { holdColumns, type SlotHold } from './repository.ts';

/** One patient's side of the waitlists: how many entries they wait with, and leaving them all when their account goes. */
export const patientWaitlistsRepository = {
  /** The patient's waitlist entries still waiting (or offered a time) whose range has not ended by `today`. */
  async waitingEntries(db: Queryable, patientId: string, today: string): Promise<number> {
    const { rows } = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM waitlist_entries WHERE patient_id = $1 AND status IN ('WAITING', 'OFFERED') AND date_to >= $2::date`,
      [patientId, today],
    );
    return rows[0]!.count;
  },

  /**
   * A deleted patient leaves every waitlist: their entries are REMOVED and show no name, and the times
   * held for them are RELEASED (returned, to be offered to the next waiter). Idempotent.
   */
  async leaveWaitlists(db: Queryable, patientId: string): Promise<SlotHold[]> {
    const { rows } = await db.query<SlotHold>(
      `UPDATE slot_holds SET status = 'RELEASED', updated_at = now() WHERE patient_id = $1 AND status = 'ACTIVE' RETURNING ${holdColumns}`,
      [patientId],
    );
    await db.query(
      `UPDATE waitlist_entries SET status = CASE WHEN status IN ('WAITING', 'OFFERED') THEN 'REMOVED' ELSE status END,
         patient_name = $2, updated_at = now()
       WHERE patient_id = $1 AND (status IN ('WAITING', 'OFFERED') OR patient_name <> $2)`,
      [patientId, ANONYMISED_PATIENT.name],
    );
    return rows;
  },
};
