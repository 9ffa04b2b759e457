import { callService, forwardError } from '@clinic/service-kit';
import type { PatientRecords, RecipientNotifications } from '@clinic/contracts';

/**
 * The services that hold a user's data besides their profile, as user-service asks them for the
 * user's export, with the service's own token through their internal routes.
 */
export function personalDataSources(options: {
  appointmentServiceUrl: string;
  notificationServiceUrl: string;
  serviceToken: () => Promise<string>;
}) {
  async function get<T>(url: string): Promise<T> {
    // PDFs come base64 in the answer: a patient with many takes a moment longer than a small call.
    const answer = await callService<T>(url, { token: await options.serviceToken(), timeoutMs: 30_000 });
    if (answer.status !== 200) forwardError(answer);
    return answer.body;
  }

  return {
    /** The patient's appointments, waitlist entries and PDFs (appointment-service). */
    patientRecords: (userId: string) => get<PatientRecords>(`${options.appointmentServiceUrl}/internal/patients/${userId}/records`),
    /** Every notification sent to the user (notification-service). */
    notifications: (userId: string) =>
      get<RecipientNotifications>(`${options.notificationServiceUrl}/internal/users/${userId}/notifications`),
  };
}

export type PersonalDataSources = ReturnType<typeof personalDataSources>;
