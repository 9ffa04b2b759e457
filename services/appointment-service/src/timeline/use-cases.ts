import type { Pool, Principal } from '@clinic/service-kit';
import type { AppointmentTimeline } from '@clinic/contracts';
import { visibleAppointment } from '../appointments/index.ts';
import { timelineRepository as recorded } from './repository.ts';
import { buildTimeline } from './rules.ts';
import type { SentEmails } from './sent-emails.ts';

/** An appointment's story for the clinic's staff, read from what the services recorded. */
export function timelineUseCases(pool: Pool, emails: SentEmails) {
  return {
    /** For an admin or the appointment's doctor (route guard); another doctor's appointment answers 404. */
    async of(principal: Principal, id: string): Promise<AppointmentTimeline> {
      const appointment = await visibleAppointment(pool, principal, id);
      const [events, holds, notifications] = await Promise.all([
        recorded.events(pool, id),
        recorded.endedHolds(pool, id),
        emails.about(id),
      ]);
      const actorIds = new Set<string>([
        ...events.flatMap((event) => (event.payload.actorId ? [event.payload.actorId] : [])),
        ...holds.flatMap((hold) => (hold.overridden_by ? [hold.overridden_by] : [])),
      ]);
      const staffNames = await recorded.staffNames(pool, [...actorIds]);
      const entries = buildTimeline({ appointment, events, holds, staffNames, notifications: notifications ?? [] });
      return { appointment_id: id, emails_known: notifications !== undefined, entries };
    },
  };
}

export type TimelineUseCases = ReturnType<typeof timelineUseCases>;
