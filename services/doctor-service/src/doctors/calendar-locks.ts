import type { PoolClient } from '@clinic/service-kit';

/**
 * One change of a doctor's calendar (or the doctor's deletion) at a time: a PostgreSQL advisory lock
 * per doctor. A change that must ask appointment-service before it stands (removing hours, adding time
 * off) holds it on its connection across that call, from the change to its undo, while its statements
 * commit one by one (appointment-service reads the changed calendar meanwhile); the others take it for
 * their transaction. Two doctors whose keys collide merely wait for each other.
 */
export const calendarLocks = {
  /** Until `release` on the same connection (or the connection's end). */
  async hold(db: PoolClient, doctorId: string): Promise<void> {
    await db.query("SELECT pg_advisory_lock(hashtextextended('doctor-calendar:' || $1, 0))", [doctorId]);
  },

  async release(db: PoolClient, doctorId: string): Promise<void> {
    await db.query("SELECT pg_advisory_unlock(hashtextextended('doctor-calendar:' || $1, 0))", [doctorId]);
  },

  /** Until the transaction `tx` ends. */
  async inTransaction(tx: PoolClient, doctorId: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('doctor-calendar:' || $1, 0))", [doctorId]);
  },
};
