import { AppError, badRequest, hasRole, type Principal } from '@clinic/service-kit';
import type { CreateScheduleEntryRequest, CreateTimeOffRequest, ScheduleEntryView, TimeOffView } from '@clinic/contracts';
import { DEFAULT_SLOT_MINUTES, type FieldProblem, type ScheduleEntry, type ScheduleEntryInput, type TimeOff } from '@clinic/scheduling';

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
