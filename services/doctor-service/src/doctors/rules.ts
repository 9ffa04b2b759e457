import { AppError, badRequest, hasRole, type Principal } from '@clinic/service-kit';
import type {
  AffectedAppointment,
  CreateScheduleEntryRequest,
  CreateTimeOffRequest,
  DoctorCancellation,
  ScheduleEntryView,
  TimeOffView,
} from '@clinic/contracts';
import { DEFAULT_SLOT_MINUTES, type FieldProblem, type ScheduleEntry, type ScheduleEntryInput, type TimeOff } from '@clinic/scheduling';

/**
 * A doctor as the caller may see them: the login email for admins only. The public directory (anonymous
 * callers, patients, other staff) shows name, specialization and cabinet, never the address that names
 * the account someone could lock out with wrong passwords.
 */
export function doctorAsSeenBy<T extends { email?: string }>(viewer: Principal | undefined, doctor: T): T {
  if (viewer && hasRole(viewer, 'ADMIN')) return doctor;
  const { email: _email, ...shown } = doctor;
  return shown as T;
}

/** Schedules and time off: an admin may change anyone's, a doctor only their own. */
export function canManageCalendar(principal: Principal, doctor: { user_id: string }): boolean {
  return hasRole(principal, 'ADMIN') || (hasRole(principal, 'DOCTOR') && doctor.user_id === principal.id);
}

/**
 * 404 naming every referenced row a doctor's details point to that does not exist, or undefined when
 * all exist. `found` holds, for each of them, whether it was found.
 */
export function missingReferences(found: { specialization: boolean; cabinet: boolean }): AppError | undefined {
  const missing = [
    ...(found.specialization ? [] : [{ field: 'specialization_id', noun: 'specialization' }]),
    ...(found.cabinet ? [] : [{ field: 'cabinet_id', noun: 'cabinet' }]),
  ];
  if (missing.length === 0) return undefined;
  const nouns = missing.map((m) => m.noun).join(' and ');
  return new AppError(404, 'NOT_FOUND', `${nouns[0]!.toUpperCase()}${nouns.slice(1)} not found`, {
    missing: missing.map((m) => m.field),
  });
}

/** A schedule entry request in the shape of the scheduling rules. */
export function scheduleEntryInput(request: CreateScheduleEntryRequest): ScheduleEntryInput {
  return {
    weekday: request.weekday,
    startTime: request.start_time,
    endTime: request.end_time,
    slotMinutes: request.slot_minutes ?? DEFAULT_SLOT_MINUTES,
    validFrom: request.valid_from ?? null,
    validTo: request.valid_to ?? null,
  };
}

const requestField = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The scheduling rules' objections as the platform's validation error, naming fields as the request does. */
export function invalidScheduleEntry(problems: readonly FieldProblem[]): AppError {
  const named = problems.map((problem) => ({ path: `/${requestField(problem.field)}`, message: problem.message }));
  return badRequest(
    'VALIDATION_FAILED',
    `Invalid schedule entry: ${named.map((problem) => `${problem.path.slice(1)} ${problem.message}`).join('; ')}`,
    named,
  );
}

/** The validation error of a time off request, or undefined when it is a real date range. */
export function invalidTimeOff(request: CreateTimeOffRequest): AppError | undefined {
  if (request.end_date >= request.start_date) return undefined;
  const problem = { path: '/end_date', message: 'must not be before start_date' };
  return badRequest('VALIDATION_FAILED', `Invalid time off: end_date ${problem.message}`, [problem]);
}

export function scheduleEntryView(doctorId: string, entry: ScheduleEntry): ScheduleEntryView {
  return {
    id: entry.id,
    doctor_id: doctorId,
    weekday: entry.weekday,
    start_time: entry.startTime,
    end_time: entry.endTime,
    slot_minutes: entry.slotMinutes,
    valid_from: entry.validFrom,
    valid_to: entry.validTo,
  };
}

export function timeOffView(doctorId: string, timeOff: TimeOff): TimeOffView {
  return { id: timeOff.id, doctor_id: doctorId, start_date: timeOff.startDate, end_date: timeOff.endDate, reason: timeOff.reason };
}

/**
 * What a calendar change does with the appointments it leaves without a time: none are touched (the
 * change is refused while there are some), or they are cancelled, with the reason their patients are
 * told, by whoever asked (the doctor for their own calendar, otherwise the clinic's administrator).
 * Cancelling needs a reason (400 REASON_REQUIRED); a reason without cancelling is a mistake (400).
 */
export function cancellationOf(
  principal: Principal,
  option: { cancel_appointments?: boolean; cancellation_reason?: string },
): DoctorCancellation | undefined {
  const reason = option.cancellation_reason?.trim();
  if (option.cancel_appointments) {
    if (!reason) {
      throw badRequest(
        'REASON_REQUIRED',
        'Cancelling the appointments the change affects needs a cancellation_reason, which their patients are told',
        [{ path: '/cancellation_reason', message: 'is required with cancel_appointments' }],
      );
    }
    return { reason, cancelled_by: hasRole(principal, 'ADMIN') ? 'ADMIN' : 'DOCTOR' };
  }
  if (reason) {
    throw badRequest('VALIDATION_FAILED', 'cancellation_reason is given only with cancel_appointments: true', [
      { path: '/cancellation_reason', message: 'is allowed only with cancel_appointments' },
    ]);
  }
  return undefined;
}

/** 409: the change would leave these appointments outside the doctor's hours or on a day off. */
export function scheduleHasAppointments(appointments: AffectedAppointment[]): AppError {
  return new AppError(
    409,
    'SCHEDULE_HAS_APPOINTMENTS',
    `The change leaves ${appointments.length} appointment(s) outside the doctor's hours or on a day off; ` +
      'move or cancel them, or ask for them to be cancelled (cancel_appointments with a cancellation_reason)',
    { appointments },
  );
}

/** 409: a doctor with appointments still ahead stays. */
export function doctorHasAppointments(appointments: AffectedAppointment[]): AppError {
  return new AppError(
    409,
    'DOCTOR_HAS_APPOINTMENTS',
    `The doctor has ${appointments.length} appointment(s) not ended yet; cancel or move them first`,
    { appointments },
  );
}
