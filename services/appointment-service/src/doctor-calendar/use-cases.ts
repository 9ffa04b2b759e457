import type { Principal } from '@clinic/service-kit';
import type { BookingAnswer, ReconcileDoctorRequest } from '@clinic/contracts';
import type { BookingGateway } from '../booking/index.ts';

/**
 * What doctor-service asks of a doctor's appointments when the doctor leaves or their calendar
 * changes: commands through the doctor's booking queue (commands.ts decides them, in the booking worker), so they are
 * decided in order with the doctor's bookings. booking/outcomes.ts makes the HTTP answer of the outcome.
 */
export function doctorCalendarUseCases(bookings: BookingGateway, onChange: () => void) {
  return {
    /** The doctor's active appointments not ended yet, as of every booking decided so far. */
    retirementCheck: (service: Principal, doctorId: string): Promise<BookingAnswer> =>
      bookings.submit(service.id, undefined, { kind: 'RETIRE_DOCTOR', doctor_id: doctorId }),

    /** The appointments ahead the doctor's calendar no longer holds; cancelled with `cancellation`. */
    async reconcile(
      service: Principal,
      doctorId: string,
      idempotencyKey: string | undefined,
      request: ReconcileDoctorRequest,
    ): Promise<BookingAnswer> {
      const answer = await bookings.submit(service.id, idempotencyKey, {
        kind: 'RECONCILE_DOCTOR',
        doctor_id: doctorId,
        ...(request.cancellation ? { cancellation: request.cancellation } : {}),
      });
      // Their CANCELLED events wait in the outbox: relayed at once.
      if (answer.result === 'RECONCILED' && answer.cancelled) onChange();
      return answer;
    },
  };
}

export type DoctorCalendarUseCases = ReturnType<typeof doctorCalendarUseCases>;
