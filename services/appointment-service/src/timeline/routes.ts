import { principalOf, type App, type Authenticator } from '@clinic/service-kit';
import { AppointmentTimeline, errorResponses, IdParams } from '@clinic/contracts';
import type { TimelineUseCases } from './use-cases.ts';

/** The appointment's timeline, for the clinic's staff. */
export function timelineRoutes(app: App, auth: Authenticator, timeline: TimelineUseCases) {
  app.get(
    '/appointments/:id/timeline',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      schema: {
        summary: 'The appointment’s story in time order (ADMIN, or its DOCTOR; another doctor’s answers 404)',
        description:
          'Who booked it and how (online, front desk, a waitlist offer), every change with its actor and reason, a waitlist ' +
          'hold the front desk booked over, each PDF version, the reminders, and each email sent about it with whether the ' +
          'SMTP server accepted it (status SENT). emails_known is false when notification-service did not answer.',
        tags: ['appointments'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: AppointmentTimeline, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => timeline.of(principalOf(request), request.params.id),
  );
}
