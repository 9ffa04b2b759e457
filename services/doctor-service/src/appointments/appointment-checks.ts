import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, callService, forwardError } from '@clinic/service-kit';
import type { AffectedAppointment, DoctorAppointmentsAhead, DoctorCancellation, ReconcileDoctorAnswer } from '@clinic/contracts';

/**
 * How long one call waits: appointment-service waits for its booking worker up to its
 * BOOKING_TIMEOUT_MS (15 s by default) before it answers 503 BOOKING_PENDING.
 */
const CALL_TIMEOUT_MS = 20_000;

/** Tries of a reconciliation answered 503, under one Idempotency-Key (a decided one replays its outcome). */
const RECONCILE_ATTEMPTS = 3;

export interface AppointmentChecks {
  /** The doctor's active appointments not ended yet, decided in the doctor's booking queue. */
  retirement(doctorId: string): Promise<AffectedAppointment[]>;
  /**
   * The doctor's active appointments ahead that their calendar (as it is now) no longer holds,
   * decided in the doctor's booking queue; cancelled there with `cancellation`.
   */
  reconcile(doctorId: string, key: string, cancellation?: DoctorCancellation): Promise<ReconcileDoctorAnswer>;
}

/** appointment-service's answers about a doctor's appointments, asked with the service's own token. */
export function appointmentChecks(options: { appointmentServiceUrl: string; serviceToken: () => Promise<string> }): AppointmentChecks {
  const { appointmentServiceUrl, serviceToken } = options;
  const post = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const answer = await callService<T>(`${appointmentServiceUrl}${path}`, {
      method: 'POST',
      token: await serviceToken(),
      body,
      headers,
      timeoutMs: CALL_TIMEOUT_MS,
    });
    if (answer.status !== 200) forwardError(answer);
    return answer.body;
  };

  return {
    async retirement(doctorId) {
      return (await post<DoctorAppointmentsAhead>(`/internal/doctors/${doctorId}/retire`, {})).appointments;
    },

    async reconcile(doctorId, key, cancellation) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await post<ReconcileDoctorAnswer>(`/internal/doctors/${doctorId}/reconcile`, cancellation ? { cancellation } : {}, {
            'idempotency-key': key,
          });
        } catch (error) {
          const retryable = error instanceof AppError && error.statusCode === 503;
          if (!retryable || attempt >= RECONCILE_ATTEMPTS) throw error;
          await sleep(500 * attempt);
        }
      }
    },
  };
}
