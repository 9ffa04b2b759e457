import type { App, Authenticator, Pool } from '@clinic/service-kit';
import { errorResponses, PatientRecords, UserIdParams, type ExportedDocument } from '@clinic/contracts';
import { appointmentAsSeenBy, patientsRepository as patients } from '../appointments/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import { waitlistRepository as entries } from '../waitlist/index.ts';

const bearer = [{ bearer: [] }];

/** What appointment-service holds of one patient, for their export (GET /users/me/export in user-service). */
export function patientRecords({ pool, store }: { pool: Pool; store: Pick<DocumentStore, 'read'> }) {
  return {
    /** Every appointment and waitlist entry of the patient, and the PDFs made of their appointments. */
    async of(patientId: string): Promise<PatientRecords> {
      const [appointments, waitlist] = await Promise.all([
        patients.allAppointments(pool, patientId),
        entries.listAllForPatient(pool, patientId),
      ]);
      const documents: ExportedDocument[] = [];
      for (const appointment of appointments) {
        if (!appointment.pdf_object_key) continue;
        documents.push({
          appointment_id: appointment.id,
          file_name: `appointment-${appointment.id}.pdf`,
          content_type: 'application/pdf',
          content_base64: (await store.read(appointment.pdf_object_key)).toString('base64'),
        });
      }
      // Their own data: their doctor's login email is not (appointmentAsSeenBy).
      return { appointments: appointments.map((appointment) => appointmentAsSeenBy(undefined, appointment)), waitlist, documents };
    },
  };
}

export type PatientRecordsUseCases = ReturnType<typeof patientRecords>;

/** Routes for the platform's own services only (SERVICE role); the gateway does not expose them. */
export function personalDataRoutes(app: App, auth: Authenticator, records: PatientRecordsUseCases) {
  app.get(
    '/internal/patients/:id/records',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'A patient’s appointments, waitlist entries and PDFs (base64), for their export (internal, for user-service)',
        tags: ['internal'],
        security: bearer,
        params: UserIdParams,
        response: { 200: PatientRecords, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => records.of(request.params.id),
  );
}
