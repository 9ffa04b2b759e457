import type { Readable } from 'node:stream';
import { AppError, notFound, verifyAppointmentLink, type AppointmentLinkClaims, type Pool } from '@clinic/service-kit';
import type { Appointment, AppointmentByLink, AppointmentLinkAction, BookingAnswer, RescheduleByLinkRequest } from '@clinic/contracts';
import { ANONYMISED_PATIENT, appointmentsRepository as appointments, type AppointmentUseCases } from '../appointments/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import { usedLinkTokensRepository as usedTokens } from './repository.ts';
import { actionsAllowedNow, linkHolder } from './rules.ts';

export interface EmailLinkDeps {
  pool: Pool;
  /** The key notification-service signs the links with (APPOINTMENT_LINK_SECRET). */
  secret: string;
  appointments: Pick<AppointmentUseCases, 'cancel' | 'reschedule'>;
  store: Pick<DocumentStore, 'open'>;
  patientChangeCutoffHours: number;
}

const ACTION_WORDS: Record<AppointmentLinkAction, string> = { VIEW: 'view', RESCHEDULE: 'reschedule', CANCEL: 'cancel' };

/** What an appointment link does, without a login: the signed token is the permission. */
export function emailLinkUseCases({ pool, secret, appointments: useCases, store, patientChangeCutoffHours }: EmailLinkDeps) {
  /** The token's claims and its appointment; a forged link 403, an expired one 410, another's appointment 404. */
  async function opened(token: string): Promise<{ claims: AppointmentLinkClaims; appointment: Appointment }> {
    const verdict = verifyAppointmentLink(secret, token);
    if (!verdict.ok && verdict.reason === 'EXPIRED') {
      throw new AppError(410, 'LINK_EXPIRED', 'This link has expired; log in to see your appointments');
    }
    if (!verdict.ok) throw new AppError(403, 'LINK_INVALID', 'This link is not valid');
    const appointment = await appointments.findById(pool, verdict.claims.appointmentId);
    // Another patient's, or its patient deleted their account (the record is anonymised): as good as gone.
    if (!appointment || appointment.patient_id !== verdict.claims.patientId || appointment.patient_email === ANONYMISED_PATIENT.email) {
      throw notFound('Appointment');
    }
    return { claims: verdict.claims, appointment };
  }

  /** A 403 when the link does not carry the action; the rules (status, cut-off) are the use case's own checks. */
  function requireAllowed(claims: AppointmentLinkClaims, action: AppointmentLinkAction) {
    if (!claims.actions.includes(action)) {
      throw new AppError(403, 'LINK_ACTION_NOT_ALLOWED', `This link does not allow to ${ACTION_WORDS[action]} the appointment`);
    }
  }

  return {
    async view(token: string): Promise<AppointmentByLink> {
      const { claims, appointment: a } = await opened(token);
      const used = claims.actions.includes('CANCEL') && (await usedTokens.used(pool, claims.id));
      const actions = actionsAllowedNow(claims.actions, a, new Date(), patientChangeCutoffHours).filter((x) => !(used && x === 'CANCEL'));
      return {
        appointment: {
          id: a.id,
          doctor_id: a.doctor_id,
          doctor_name: a.doctor_name,
          specialization_name: a.specialization_name,
          patient_name: a.patient_name,
          cabinet_name: a.cabinet_name,
          cabinet_location: a.cabinet_location,
          cabinet_floor: a.cabinet_floor,
          start_time: a.start_time,
          end_time: a.end_time,
          status: a.status,
          visit_type_id: a.visit_type_id ?? null,
          visit_type_name_ro: a.visit_type_name_ro ?? null,
          visit_type_name_en: a.visit_type_name_en ?? null,
          family_member_name: a.family_member_name ?? null,
        },
        actions,
        language: claims.language,
        link_expires_at: new Date(claims.expiresAt * 1000).toISOString(),
        pdf_ready: a.pdf_object_key !== null,
        patient_change_cutoff_hours: patientChangeCutoffHours,
      };
    },

    /** Cancels as the patient would logged in (same cut-off, same event); the link cancels once. */
    async cancel(token: string): Promise<Appointment> {
      const { claims, appointment } = await opened(token);
      requireAllowed(claims, 'CANCEL');
      if (!(await usedTokens.use(pool, claims.id, appointment.id))) {
        throw new AppError(410, 'LINK_USED', 'This cancellation link was used already');
      }
      try {
        return await useCases.cancel(linkHolder(appointment), appointment.id);
      } catch (error) {
        // Refused (cut-off, already cancelled): the link was not spent.
        await usedTokens.release(pool, claims.id);
        throw error;
      }
    },

    /** A new time through the booking queue, exactly like the patient's own reschedule. */
    async reschedule(token: string, idempotencyKey: string | undefined, request: RescheduleByLinkRequest): Promise<BookingAnswer> {
      const { claims, appointment } = await opened(token);
      requireAllowed(claims, 'RESCHEDULE');
      return useCases.reschedule(linkHolder(appointment), appointment.id, idempotencyKey, request);
    },

    /** The appointment's current PDF; 404 PDF_NOT_READY while it is being prepared. */
    async pdf(token: string): Promise<{ id: string; pdf: Readable }> {
      const { appointment } = await opened(token);
      if (!appointment.pdf_object_key) {
        throw new AppError(404, 'PDF_NOT_READY', 'The PDF is being prepared; open this link again in a few seconds');
      }
      return { id: appointment.id, pdf: await store.open(appointment.pdf_object_key) };
    },
  };
}

export type EmailLinkUseCases = ReturnType<typeof emailLinkUseCases>;
