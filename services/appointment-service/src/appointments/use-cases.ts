import { AppError, badRequest, conflict, forbidden, inTransaction, notFound, type Pool, type Principal } from '@clinic/service-kit';
import type {
  Appointment,
  AppointmentRules,
  AppointmentStatus,
  BookingAnswer,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  PdfDownloadLink,
  PdfLink,
  RescheduleAppointmentRequest,
} from '@clinic/contracts';
import {
  ACTIVE_STATUSES,
  bookingFor,
  canCancel,
  canManage,
  canReschedule,
  canView,
  changeRefusal,
  HISTORY_STATUSES,
  listingScope,
  noShowTooEarly,
  reasonRequired,
  rescheduleFieldRefusal,
  transitionAllowed,
  type Transition,
} from './rules.ts';
import { appointmentsRepository as appointments, eventsRepository as events, type StaffListFilter } from './appointments-repository.ts';
import type { BookingGateway } from '../booking/index.ts';
import type { DocumentStore, PdfDownloadSigner } from '../documents/index.ts';
import type { PatientDirectory } from '../directories/index.ts';
import { remindersRepository as reminders } from './reminders-repository.ts';

/** Whether the answer changed an appointment (its event waits in the outbox). */
const changedAnAppointment = (answer: BookingAnswer) => answer.result === 'BOOKED' || answer.result === 'RESCHEDULED';

export interface PdfLinks {
  store: Pick<DocumentStore, 'open'>;
  /** The gateway's public origin: links never point at MinIO, which is not published. */
  publicUrl: string;
  /** How long the link the app asks for works (minutes). */
  ttlSeconds: number;
  /** Signs the PDF links, served through the gateway. */
  signer: PdfDownloadSigner;
  /** How long the links in emails work (days). */
  downloadTtlSeconds: number;
}

/** In which capacity a person acts on an appointment (told in the cancellation emails). */
function capacityOf(principal: Principal, appointment: Appointment): 'PATIENT' | 'DOCTOR' | 'ADMIN' {
  if (principal.id === appointment.patient_id) return 'PATIENT';
  if (principal.id === appointment.doctor_user_id) return 'DOCTOR';
  return 'ADMIN';
}

export interface ChangeRules {
  /** How long before its start a patient can no longer cancel or move their appointment. */
  patientChangeCutoffHours: number;
  /** Published with the rules; the booking worker applies it (booking-worker.ts). */
  maxFutureAppointmentsPerPatient: number;
  /** Published with the rules; joining the waitlist applies it (waitlist.ts). */
  maxWaitlistEntriesPerPatient: number;
}

const refusalMessages = {
  APPOINTMENT_STARTED: 'The appointment has already started; ask the clinic',
  CHANGE_CUTOFF_PASSED: 'The appointment is too close to change online; ask the clinic',
} as const;

/** A 409 when the clock no longer lets this person change the appointment. */
function requireChangeable(principal: Principal, appointment: Appointment, rules: ChangeRules) {
  const refusal = changeRefusal(principal, appointment, new Date(), rules.patientChangeCutoffHours);
  if (!refusal) return;
  const message =
    refusal === 'CHANGE_CUTOFF_PASSED'
      ? `${refusalMessages[refusal]} (changes close ${rules.patientChangeCutoffHours} h before the start)`
      : refusalMessages[refusal];
  throw conflict(refusal, message);
}

/** A 400 when staff change an appointment inside the patient cut-off (or after its start) without saying why. */
function requireReason(principal: Principal, appointment: Appointment, reason: string | undefined, rules: ChangeRules) {
  if (!reasonRequired(principal, appointment, new Date(), rules.patientChangeCutoffHours, reason)) return;
  throw badRequest(
    'REASON_REQUIRED',
    `Less than ${rules.patientChangeCutoffHours} h before the start (or after it), the clinic says why it changes an appointment: give a reason`,
    { cutoff_hours: rules.patientChangeCutoffHours },
  );
}

/** Refused at once, before the queue: no schedule makes such an interval bookable. */
function requireEndAfterStart(interval: { start_time: string; end_time: string }) {
  if (new Date(interval.end_time) <= new Date(interval.start_time)) {
    throw new AppError(400, 'INVALID_INTERVAL', 'end_time must be after start_time');
  }
}

/**
 * A patient books and waits for times for themselves only with a verified email address: the clinic
 * must be able to reach them. The front desk booking for a patient is not asked (the token is the admin's).
 */
export function requireVerifiedEmail(principal: Principal) {
  if (!principal.emailVerified) {
    throw new AppError(
      403,
      'EMAIL_NOT_VERIFIED',
      'Verify your email address first: follow the link emailed to you (POST /api/users/me/verification-email sends it again), then log in again',
    );
  }
}

/** How many PENDING appointments one run of the expiry job turns EXPIRED (the next run takes the rest at once). */
export const EXPIRY_BATCH = 100;

export function appointmentUseCases(
  pool: Pool,
  bookings: BookingGateway,
  onChange: () => void,
  pdfLinks: PdfLinks,
  rules: ChangeRules,
  patients: PatientDirectory,
) {
  /**
   * Who a booking is for, as the booking command names them: the caller (a patient), or the patient an
   * admin at the front desk books for, with their name and address as user-service has them.
   */
  async function patientOf(principal: Principal, patientId: string | undefined) {
    const whom = bookingFor(principal, patientId);
    if (whom === 'FORBIDDEN') throw forbidden('A patient books for themselves; only an admin books for another patient');
    if (whom === 'PATIENT_REQUIRED') throw badRequest('PATIENT_REQUIRED', 'An admin books for a patient: give their patient_id');
    if ('self' in whom) {
      requireVerifiedEmail(principal);
      return { id: principal.id, name: principal.name ?? principal.email ?? 'Patient', email: principal.email ?? '' };
    }
    const contact = await patients.contact(whom.patientId);
    if (!contact) throw new AppError(404, 'PATIENT_NOT_FOUND', 'No user with this patient_id');
    return { id: contact.id, name: contact.full_name, email: contact.email };
  }

  /** The appointment if the caller may see it; someone else's answers 404 like a missing one. */
  async function visible(principal: Principal, id: string): Promise<Appointment> {
    const appointment = await appointments.findById(pool, id);
    if (!appointment || !canView(principal, appointment)) throw notFound('Appointment');
    return appointment;
  }

  /** Changes the status in one transaction with its event, from an allowed status only. */
  async function changeStatus(
    principal: Principal,
    id: string,
    transition: Transition,
    to: AppointmentStatus,
    allowed: typeof canView,
    reason?: string,
  ) {
    await visible(principal, id);
    const changed = await inTransaction(pool, async (tx) => {
      const current = await appointments.findById(tx, id, { lock: true });
      if (!current) throw notFound('Appointment');
      if (!allowed(principal, current)) throw forbidden();
      if (!transitionAllowed(transition, current.status)) {
        throw conflict('INVALID_STATE', `A ${current.status} appointment cannot be ${to.toLowerCase()}`);
      }
      if (transition === 'CANCEL') {
        requireChangeable(principal, current, rules);
        requireReason(principal, current, reason, rules);
      }
      if (transition === 'NO_SHOW' && noShowTooEarly(current, new Date())) {
        throw conflict('APPOINTMENT_NOT_STARTED', 'A no-show can be marked only once the appointment’s start has come');
      }
      const updated = await appointments.setStatus(tx, id, to);
      const actorId = principal.id;
      if (to === 'CANCELLED')
        await events.record(tx, 'CANCELLED', updated, { cancelledBy: capacityOf(principal, current), reason, actorId });
      else if (to === 'NO_SHOW') await events.record(tx, 'NO_SHOW', updated, { actorId });
      else await events.record(tx, 'CONFIRMED', updated, { actorId });
      return updated;
    });
    onChange();
    return changed;
  }

  return {
    /**
     * The booking worker's answer (booking-http.ts makes the HTTP answer of it). A patient books for
     * themselves; an admin (the front desk) for the patient named, through the same queue. The
     * appointment records who booked it.
     */
    async book(principal: Principal, idempotencyKey: string | undefined, request: CreateAppointmentRequest): Promise<BookingAnswer> {
      requireEndAfterStart(request);
      const { patient_id: patientId, ...interval } = request;
      const patient = await patientOf(principal, patientId);
      const answer = await bookings.submit(principal.id, idempotencyKey, { kind: 'BOOK', patient, booked_by: principal.id, ...interval });
      if (changedAnAppointment(answer)) onChange();
      return answer;
    },

    /** The booking worker's answer (booking-http.ts makes the HTTP answer of it). */
    async reschedule(
      principal: Principal,
      id: string,
      idempotencyKey: string | undefined,
      request: RescheduleAppointmentRequest,
    ): Promise<BookingAnswer> {
      const current = await visible(principal, id);
      if (!canReschedule(principal, current)) throw forbidden('Only the appointment’s patient, its doctor or an admin may reschedule it');
      const fieldRefusal = rescheduleFieldRefusal(principal, current, request);
      if (fieldRefusal) throw forbidden(fieldRefusal);
      requireEndAfterStart(request);
      // Checked before the queue: the worker moves only PENDING appointments, so a patient's move
      // racing another change of the same appointment is still decided there.
      if (transitionAllowed('RESCHEDULE', current.status)) {
        requireChangeable(principal, current, rules);
        requireReason(principal, current, request.reason, rules);
      }
      const answer = await bookings.submit(principal.id, idempotencyKey, {
        kind: 'RESCHEDULE',
        appointment_id: id,
        ...request,
        requested_by: principal.id,
      });
      if (changedAnAppointment(answer)) onChange();
      return answer;
    },

    cancel: (principal: Principal, id: string, request: CancelAppointmentRequest = {}) =>
      changeStatus(principal, id, 'CANCEL', 'CANCELLED', canCancel, request.reason),
    confirm: (principal: Principal, id: string) => changeStatus(principal, id, 'CONFIRM', 'CONFIRMED', canManage),
    noShow: (principal: Principal, id: string) => changeStatus(principal, id, 'NO_SHOW', 'NO_SHOW', canManage),
    get: visible,

    /** A gateway link to the appointment's PDF that works without a token until it expires. */
    async pdfLink(principal: Principal, id: string): Promise<PdfLink> {
      const { pdf_object_key: key } = await visible(principal, id);
      if (!key) throw new AppError(404, 'PDF_NOT_READY', 'The PDF is being generated; try again in a few seconds');
      const expires = Math.floor(Date.now() / 1000) + pdfLinks.ttlSeconds;
      const origin = pdfLinks.publicUrl.replace(/\/+$/, '');
      return { url: `${origin}${pdfLinks.signer.path(id, expires)}`, expires_at: new Date(expires * 1000).toISOString() };
    },

    /** For notification-service: a gateway link to the PDF that works without a login until it expires (days). */
    async pdfDownloadLink(id: string): Promise<PdfDownloadLink> {
      const appointment = await appointments.findById(pool, id);
      if (!appointment) throw notFound('Appointment');
      if (!appointment.pdf_object_key) throw new AppError(404, 'PDF_NOT_READY', 'The PDF is being generated; try again in a few seconds');
      const expires = Math.floor(Date.now() / 1000) + pdfLinks.downloadTtlSeconds;
      return { path: pdfLinks.signer.path(id, expires), expires_at: new Date(expires * 1000).toISOString() };
    },

    /** The PDF's bytes for a signed link; an altered link answers 403, an expired one 410. */
    async pdfDownload(id: string, expires: number, signature: string) {
      const verdict = pdfLinks.signer.check(id, expires, signature, Math.floor(Date.now() / 1000));
      if (verdict === 'invalid') throw new AppError(403, 'LINK_INVALID', 'This link is not valid');
      if (verdict === 'expired')
        throw new AppError(410, 'LINK_EXPIRED', 'This link has expired; open the appointment in the app for a new one');
      const appointment = await appointments.findById(pool, id);
      if (!appointment?.pdf_object_key) throw notFound('Appointment PDF');
      return pdfLinks.store.open(appointment.pdf_object_key);
    },

    /** Records REMINDER_DUE once per appointment and start time (the reminder worker's step); false when it exists already. */
    async recordReminderDue(id: string): Promise<{ recorded: boolean }> {
      const { found, event } = await reminders.recordDue(pool, id);
      if (!found) throw notFound('Appointment');
      if (event) onChange();
      return { recorded: event !== undefined };
    },

    dueReminders: (from: string, to: string, unremindedOnly: boolean) => reminders.due(pool, from, to, unremindedOnly),

    /**
     * The expiry job's step (every replica runs it): PENDING appointments whose start passed unconfirmed
     * become EXPIRED, each with its EXPIRED event (the patient is told). Answers how many; a full batch
     * means more may be waiting.
     */
    async expirePast(): Promise<number> {
      const expired = await inTransaction(pool, async (tx) => {
        const rows = await appointments.expirePast(tx, EXPIRY_BATCH);
        for (const row of rows) await events.record(tx, 'EXPIRED', row);
        return rows.length;
      });
      if (expired > 0) onChange();
      return expired;
    },

    /** What a client shows before anyone tries a change: until when a patient may still change their own. */
    rules: (): AppointmentRules => ({
      patient_change_cutoff_hours: rules.patientChangeCutoffHours,
      max_future_appointments_per_patient: rules.maxFutureAppointmentsPerPatient,
      max_waitlist_entries_per_patient: rules.maxWaitlistEntriesPerPatient,
    }),

    mine: (principal: Principal) => appointments.listForPatient(pool, principal.id, ACTIVE_STATUSES),
    history: (principal: Principal, status?: AppointmentStatus) =>
      appointments.listForPatient(pool, principal.id, status ? [status] : HISTORY_STATUSES),

    list(principal: Principal, filter: Omit<StaffListFilter, 'doctorUserId'>) {
      return appointments.listForStaff(pool, { ...filter, ...listingScope(principal) });
    },

    busy: (doctorId: string, from: string, to?: string) => appointments.busyIntervals(pool, doctorId, from, to),
  };
}

export type AppointmentUseCases = ReturnType<typeof appointmentUseCases>;
