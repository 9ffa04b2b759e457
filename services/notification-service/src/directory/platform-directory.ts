import { callService, type CallResult } from '@clinic/service-kit';
import type { Appointment, PdfDownloadLink, StoredAppointmentEvent, StoredServiceEvent, UserContact } from '@clinic/contracts';
import type { UserContacts } from '@clinic/messaging';
import { processedMarks } from './processed-marks.ts';

/** How long a handled event waits for others to be marked processed with it. */
const MARK_DELAY_MS = 100;

export interface PlatformDirectoryOptions {
  /** user-service's contacts, remembered between its user events (one per process). */
  contacts: Pick<UserContacts, 'contact'>;
  appointmentServiceUrl: string;
  /** The service's own token (role SERVICE), for the other services' internal routes. */
  serviceToken: () => Promise<string>;
  /** A batch of marks appointment-service did not take: logged; the catch-up handles those events again. */
  onMarkError: (error: unknown, eventIds: string[]) => void;
}

function expect<T>(result: CallResult<T>, what: string, allowed: number[] = [200]): T {
  if (!allowed.includes(result.status)) throw new Error(`${what}: answered ${result.status}`);
  return result.body;
}

/** What notification-service asks user-service and appointment-service, through their internal routes. */
export function platformDirectory({ contacts, appointmentServiceUrl, serviceToken, onMarkError }: PlatformDirectoryOptions) {
  const call = async <T>(url: string, method = 'GET', body?: unknown) => callService<T>(url, { method, body, token: await serviceToken() });
  const appointmentsApi = (path: string) => `${appointmentServiceUrl}${path}`;
  const marks = processedMarks({
    send: async (ids) => void expect(await call(appointmentsApi('/events/processed'), 'PUT', { ids }), 'mark processed'),
    delayMs: MARK_DELAY_MS,
    onError: onMarkError,
  });

  return {
    /** The user's current address and language; undefined when user-service does not know the user. */
    contact: (userId: string): Promise<UserContact | undefined> => contacts.contact(userId),

    async appointmentEvents(appointmentId: string): Promise<StoredAppointmentEvent[]> {
      return expect(
        await call<StoredAppointmentEvent[]>(appointmentsApi(`/internal/appointments/${appointmentId}/events`)),
        'appointment events',
      );
    },

    /** A signed gateway link to the appointment's PDF; undefined when there is no PDF (any more). */
    async pdfDownloadLink(appointmentId: string): Promise<PdfDownloadLink | undefined> {
      const result = await call<PdfDownloadLink>(appointmentsApi(`/internal/appointments/${appointmentId}/pdf-download-link`));
      if (result.status === 404) return undefined;
      return expect(result, 'PDF link');
    },

    /** Queued, not awaited: marked with the other events handled meanwhile (an event deleted meanwhile is skipped). */
    markProcessed: (eventId: string): void => marks.mark(eventId),

    /** Sends the marks still queued (at shutdown). */
    flushMarks: () => marks.flush(),

    async pendingEvents(olderThanSeconds: number, limit: number): Promise<StoredServiceEvent[]> {
      const query = new URLSearchParams({ older_than_seconds: String(olderThanSeconds), limit: String(limit) });
      return expect(await call<StoredServiceEvent[]>(appointmentsApi(`/events/pending?${query.toString()}`)), 'pending events');
    },

    async dueReminders(from: Date, to: Date, unremindedOnly: boolean): Promise<Appointment[]> {
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), unreminded_only: String(unremindedOnly) });
      return expect(await call<Appointment[]>(appointmentsApi(`/internal/reminders/due?${query.toString()}`)), 'due reminders');
    },

    async recordReminderDue(appointmentId: string): Promise<boolean> {
      const result = await call<{ recorded: boolean }>(appointmentsApi(`/internal/appointments/${appointmentId}/reminder-due`), 'POST');
      if (result.status === 404) return false;
      return expect(result, 'record reminder').recorded;
    },
  };
}

export type PlatformDirectory = ReturnType<typeof platformDirectory>;
