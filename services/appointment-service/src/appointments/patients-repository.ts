import type { Queryable } from '@clinic/service-kit';
import type { Appointment } from '@clinic/contracts';
import { appointmentColumns } from './repository.ts';

/** What a deleted patient's kept appointments, waitlist entries and events show instead of their name and address. */
export const ANONYMISED_PATIENT = { name: 'Deleted patient', email: 'deleted-patient@users.invalid' } as const;

/** Where each patient of a booking batch stands: whether their account was deleted, how many appointments they have ahead. */
export interface PatientStanding {
  deleted: boolean;
  ahead: number;
}

/** One patient's side of the appointments: the mark of a deleted account, the caps, what is erased and exported. */
export const patientsRepository = {
  /** The patient's account was deleted (idempotent): no booking of theirs is accepted from now on. */
  async markDeleted(db: Queryable, patientId: string): Promise<void> {
    await db.query('INSERT INTO deleted_patients (patient_id) VALUES ($1) ON CONFLICT (patient_id) DO NOTHING', [patientId]);
  },

  /**
   * What the clinic keeps of a deleted patient's appointments (their dates, doctors, statuses, events)
   * no longer names them: name and address replaced (their family members' names too, and the reasons
   * for the visits dropped), in the rows and in the events' snapshots, and the PDFs forgotten (their objects are deleted next). Answers the ids of all their appointments. Idempotent.
   */
  async anonymise(db: Queryable, patientId: string): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE appointments SET patient_name = $2, patient_email = $3, pdf_object_key = NULL, reason = NULL,
         family_member_name = CASE WHEN family_member_id IS NULL THEN NULL ELSE $2 END, updated_at = now()
       WHERE patient_id = $1 RETURNING id`,
      [patientId, ANONYMISED_PATIENT.name, ANONYMISED_PATIENT.email],
    );
    const ids = rows.map((row) => row.id);
    if (ids.length > 0) {
      await db.query(
        `UPDATE appointment_events
         SET payload = jsonb_set(
           jsonb_set(jsonb_set(payload, '{appointment,patient_name}', to_jsonb($2::text)), '{appointment,patient_email}', to_jsonb($3::text)),
           '{appointment,family_member_name}',
           CASE WHEN payload #>> '{appointment,family_member_name}' IS NULL THEN 'null'::jsonb ELSE to_jsonb($2::text) END
         ) #- '{appointment,reason}'
         WHERE appointment_id = ANY($1::uuid[]) AND payload ? 'appointment'`,
        [ids, ANONYMISED_PATIENT.name, ANONYMISED_PATIENT.email],
      );
    }
    return ids;
  },

  /** Every appointment of the patient, any status, earliest first (their export). */
  async allAppointments(db: Queryable, patientId: string): Promise<Appointment[]> {
    const { rows } = await db.query<Appointment>(
      `SELECT ${appointmentColumns} FROM appointments WHERE patient_id = $1 ORDER BY start_time, id`,
      [patientId],
    );
    return rows;
  },
};
