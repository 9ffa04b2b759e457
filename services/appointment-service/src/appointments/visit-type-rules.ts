import type { BookableVisitType, BookingRejectionCode } from '@clinic/contracts';

/** Why a booking cannot be made as the visit type it names, or undefined when it can. */
export function visitTypeRefusal(
  visitType: BookableVisitType | undefined,
  booking: { bookedBy: string; patientId: string },
): { code: Extract<BookingRejectionCode, `VISIT_TYPE_${string}`>; message: string } | undefined {
  if (!visitType) return { code: 'VISIT_TYPE_NOT_FOUND', message: 'This visit type is not one the doctor offers' };
  // The front desk books any type; a patient booking for themselves only those offered online.
  if (!visitType.online_bookable && booking.bookedBy === booking.patientId) {
    return { code: 'VISIT_TYPE_NOT_ONLINE', message: 'This visit type is booked through the clinic, not online' };
  }
  return undefined;
}

/**
 * The interval a booking asks for: with a visit type, from its start for the type's duration (an end
 * given must be that one); without one, the end given. Why not, when it cannot be made.
 */
export function requestedInterval(
  request: { start_time: string; end_time?: string },
  durationMinutes: number | undefined,
): { start_time: string; end_time: string } | { refusal: 'END_TIME_REQUIRED' | 'END_TIME_MISMATCH' } {
  if (durationMinutes === undefined) {
    return request.end_time === undefined
      ? { refusal: 'END_TIME_REQUIRED' }
      : { start_time: request.start_time, end_time: request.end_time };
  }
  const start = Date.parse(request.start_time);
  const end = new Date(start + durationMinutes * 60_000).toISOString();
  if (request.end_time !== undefined && Date.parse(request.end_time) !== Date.parse(end)) return { refusal: 'END_TIME_MISMATCH' };
  return { start_time: request.start_time, end_time: request.end_time ?? end };
}

/** An appointment's length in whole minutes: what a reschedule of a visit type keeps. */
export const minutesOf = (appointment: { start_time: string; end_time: string }): number =>
  Math.round((Date.parse(appointment.end_time) - Date.parse(appointment.start_time)) / 60_000);
