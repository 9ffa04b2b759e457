import { isoTimestamp, selectPage, type PageOf, type PageRequest, type Queryable } from '@clinic/service-kit';
import type { Appointment, AppointmentStatus, BusyIntervals } from '@clinic/contracts';

/** Every column of an appointment, instants as ISO text (the `Appointment` contract, in its order). */
export const appointmentColumns = `id, patient_id, doctor_id, doctor_user_id, cabinet_id,
  ${isoTimestamp('start_time')} AS start_time, ${isoTimestamp('end_time')} AS end_time, status,
  patient_name, patient_email, doctor_name, doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor,
  pdf_object_key, booked_by, family_member_id, family_member_name, reason, visit_type_id, visit_type_name_ro, visit_type_name_en, ${isoTimestamp('created_at')} AS created_at, ${isoTimestamp('updated_at')} AS updated_at`;

/** What the booking worker writes for a new appointment. */
export type NewAppointment = Omit<
  Appointment,
  | 'id'
  | 'status'
  | 'pdf_object_key'
  | 'booked_by'
  | 'family_member_id'
  | 'family_member_name'
  | 'reason'
  | 'visit_type_id'
  | 'visit_type_name_ro'
  | 'visit_type_name_en'
  | 'created_at'
  | 'updated_at'
> & {
  booked_by: string;
  family_member_id: string | null;
  family_member_name: string | null;
  reason: string | null;
  /** The visit type booked, with its names then; absent without one. */
  visit_type?: { id: string; name_ro: string; name_en: string };
  status: 'PENDING' | 'CONFIRMED';
};

export interface StaffListFilter extends PageRequest {
  status?: AppointmentStatus;
  doctorId?: string;
  doctorUserId?: string;
  patientId?: string;
  from?: string;
  to?: string;
}

export const appointmentsRepository = {
  async insert(db: Queryable, a: NewAppointment): Promise<Appointment> {
    const { rows } = await db.query<Appointment>({
      name: 'appointments.insert',
      text: `INSERT INTO appointments (patient_id, doctor_id, doctor_user_id, cabinet_id, start_time, end_time, patient_name,
         patient_email, doctor_name, doctor_email, specialization_name, cabinet_name, cabinet_location, cabinet_floor, booked_by, status,
         family_member_id, family_member_name, reason,
         visit_type_id, visit_type_name_ro, visit_type_name_en)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING ${appointmentColumns}`,
      values: [
        a.patient_id,
        a.doctor_id,
        a.doctor_user_id,
        a.cabinet_id,
        a.start_time,
        a.end_time,
        a.patient_name,
        a.patient_email,
        a.doctor_name,
        a.doctor_email,
        a.specialization_name,
        a.cabinet_name,
        a.cabinet_location,
        a.cabinet_floor,
        a.booked_by,
        a.status,
        a.family_member_id,
        a.family_member_name,
        a.reason,
        a.visit_type?.id ?? null,
        a.visit_type?.name_ro ?? null,
        a.visit_type?.name_en ?? null,
      ],
    });
    return rows[0]!;
  },

  async findById(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Appointment | undefined> {
    const { rows } = await db.query<Appointment>({
      name: options.lock ? 'appointments.find-by-id-for-update' : 'appointments.find-by-id',
      text: `SELECT ${appointmentColumns} FROM appointments WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      values: [id],
    });
    return rows[0];
  },

  /** The first active appointment of the doctor (or of the patient) overlapping [start, end). */
  async findActiveOverlap(
    db: Queryable,
    who: { doctorId: string } | { patientId: string },
    start: string,
    end: string,
    excludeId?: string,
  ): Promise<Appointment | undefined> {
    const [column, value] = 'doctorId' in who ? ['doctor_id', who.doctorId] : ['patient_id', who.patientId];
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments WHERE ${column} = $1 AND status IN ('PENDING', 'CONFIRMED')
         AND tstzrange(start_time, end_time) && tstzrange($2::timestamptz, $3::timestamptz)
         AND ($4::uuid IS NULL OR id <> $4) LIMIT 1`,
      [value, start, end, excludeId ?? null],
    );
    return rows[0];
  },

  async setStatus(db: Queryable, id: string, status: AppointmentStatus): Promise<Appointment> {
    const { rows } = await db.query<Appointment>(
      `UPDATE appointments SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${appointmentColumns}`,
      [id, status],
    );
    return rows[0]!;
  },

  async reschedule(
    db: Queryable,
    id: string,
    change: Pick<Appointment, 'start_time' | 'end_time' | 'cabinet_id' | 'cabinet_name' | 'cabinet_location' | 'cabinet_floor'>,
  ): Promise<Appointment> {
    const { rows } = await db.query<Appointment>({
      name: 'appointments.reschedule',
      text: `UPDATE appointments SET start_time = $2, end_time = $3, cabinet_id = $4, cabinet_name = $5, cabinet_location = $6,
         cabinet_floor = $7, updated_at = now() WHERE id = $1 RETURNING ${appointmentColumns}`,
      values: [
        id,
        change.start_time,
        change.end_time,
        change.cabinet_id,
        change.cabinet_name,
        change.cabinet_location,
        change.cabinet_floor,
      ],
    });
    return rows[0]!;
  },

  /** Not a change of the appointment itself, so `updated_at` stays: it tells whether a PDF is current. */
  /**
   * The appointment as its PDF is made from it, and whether its patient's account was deleted (no PDF
   * of theirs is made again), in one statement; with `lock`, the row locked until the transaction ends.
   */
  async findForDocument(
    db: Queryable,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<{ appointment: Appointment; patientDeleted: boolean } | undefined> {
    const { rows } = await db.query<Appointment & { patient_deleted: boolean }>({
      name: options.lock ? 'appointments.find-for-document-for-update' : 'appointments.find-for-document',
      text: `SELECT ${appointmentColumns},
         EXISTS (SELECT 1 FROM deleted_patients d WHERE d.patient_id = appointments.patient_id) AS patient_deleted
       FROM appointments WHERE id = $1${options.lock ? ' FOR UPDATE OF appointments' : ''}`,
      values: [id],
    });
    if (!rows[0]) return undefined;
    const { patient_deleted: patientDeleted, ...appointment } = rows[0];
    return { appointment, patientDeleted };
  },

  /**
   * The PDF made for the event `eventId` is the appointment's: its key set, and the event marked handled,
   * in one statement. Answers the appointment, or undefined when the event was handled already.
   */
  async setPdfObjectKeyOnce(db: Queryable, id: string, key: string, eventId: string): Promise<Appointment | undefined> {
    const { rows } = await db.query<Appointment>({
      name: 'appointments.set-pdf-object-key-once',
      text: `WITH handled AS (INSERT INTO handled_events (event_id) VALUES ($3) ON CONFLICT DO NOTHING RETURNING event_id)
       UPDATE appointments SET pdf_object_key = $2 WHERE id = $1 AND EXISTS (SELECT 1 FROM handled) RETURNING ${appointmentColumns}`,
      values: [id, key, eventId],
    });
    return rows[0];
  },

  listForStaff(db: Queryable, f: StaffListFilter): Promise<PageOf<Appointment>> {
    return selectPage<Appointment>(
      db,
      `SELECT ${appointmentColumns} FROM appointments
       WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR doctor_id = $2)
         AND ($3::uuid IS NULL OR doctor_user_id = $3) AND ($4::uuid IS NULL OR patient_id = $4)
         AND ($5::timestamptz IS NULL OR start_time >= $5) AND ($6::timestamptz IS NULL OR start_time < $6)`,
      [f.status ?? null, f.doctorId ?? null, f.doctorUserId ?? null, f.patientId ?? null, f.from ?? null, f.to ?? null],
      'start_time, id',
      f,
    );
  },

  async listForPatient(db: Queryable, patientId: string, statuses: readonly AppointmentStatus[]): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments WHERE patient_id = $1 AND status = ANY($2::text[]) ORDER BY start_time DESC, id`,
      [patientId, statuses],
    );
    return rows;
  },

  /**
   * The doctor's times nobody else can book: active appointments, and times held for a waiting patient.
   * A hold stops taking its time when it expires, with no change of its row: `changes_at` is the first
   * such expiry among them (null when none), until which the answer holds unless a row changes.
   */
  async busyIntervals(db: Queryable, doctorId: string, from: string, to?: string): Promise<BusyIntervals> {
    const { rows } = await db.query<{ start: string; end: string; expires_at: string | null }>({
      name: 'appointments.busy-intervals',
      text: `SELECT ${isoTimestamp('start_time')} AS "start", ${isoTimestamp('end_time')} AS "end", ${isoTimestamp('expires_at')} AS expires_at FROM (
         SELECT start_time, end_time, NULL::timestamptz AS expires_at FROM appointments WHERE doctor_id = $1 AND status IN ('PENDING', 'CONFIRMED')
         UNION ALL
         SELECT start_time, end_time, expires_at FROM slot_holds WHERE doctor_id = $1 AND status = 'ACTIVE' AND expires_at > now()
       ) busy
       WHERE end_time > $2 AND ($3::timestamptz IS NULL OR start_time < $3)
       ORDER BY start_time`,
      values: [doctorId, from, to ?? null],
    });
    const expiries = rows.flatMap((row) => (row.expires_at ? [row.expires_at] : [])).sort();
    return { intervals: rows.map(({ start, end }) => ({ start, end })), changes_at: expiries[0] ?? null };
  },

  /** Past confirmed appointments become COMPLETED; one statement, so replicas running it together agree. */
  async completePast(db: Queryable): Promise<number> {
    const { rowCount } = await db.query(
      `UPDATE appointments SET status = 'COMPLETED', updated_at = now() WHERE status = 'CONFIRMED' AND end_time <= now()`,
    );
    return rowCount ?? 0;
  },

  /**
   * Up to `limit` PENDING appointments whose start passed unconfirmed become EXPIRED, answered as they
   * are now. Rows another transaction holds (a replica expiring them too, a cancellation) are skipped:
   * each is expired once, by whoever got it, in the caller's transaction (with its event).
   */
  async expirePast(db: Queryable, limit: number): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `UPDATE appointments SET status = 'EXPIRED', updated_at = now()
       WHERE status = 'PENDING' AND id IN (
         SELECT id FROM appointments WHERE status = 'PENDING' AND start_time <= now() ORDER BY start_time LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${appointmentColumns}`,
      [limit],
    );
    return rows;
  },
};
