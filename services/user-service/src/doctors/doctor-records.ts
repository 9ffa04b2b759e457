import { callService, forwardError } from '@clinic/service-kit';

/** doctor-service, as user-service asks it before a user stops being a doctor, with the service's own token. */
export function doctorRecords(options: { doctorServiceUrl: string; serviceToken: () => Promise<string> }) {
  return {
    /**
     * Deletes the user's doctor record, if any (true when there was one). Refused (409
     * DOCTOR_HAS_APPOINTMENTS, raised as ours with its list) while the doctor has appointments not ended yet.
     */
    async retire(userId: string): Promise<boolean> {
      const answer = await callService<{ retired: boolean }>(`${options.doctorServiceUrl}/internal/doctors/by-user/${userId}/retire`, {
        method: 'POST',
        token: await options.serviceToken(),
        body: {},
        // doctor-service waits for appointment-service, which waits for its booking worker.
        timeoutMs: 25_000,
      });
      if (answer.status !== 200) forwardError(answer);
      return answer.body.retired;
    },
  };
}

export type DoctorRecords = ReturnType<typeof doctorRecords>;
