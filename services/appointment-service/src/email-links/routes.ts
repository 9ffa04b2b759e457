import type { Readable } from 'node:stream';
import { Type, type App } from '@clinic/service-kit';
import { AppointmentByLink, AppointmentView, AppointmentLinkParams, errorResponses, RescheduleByLinkRequest } from '@clinic/contracts';
import { appointmentAsSeenBy } from '../appointments/index.ts';
import { appointmentOrError } from '../booking/index.ts';
import type { EmailLinkUseCases } from './use-cases.ts';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Retrying with the same key replays the first outcome' }),
  ),
});

const LINK_ERRORS =
  'A forged or malformed link answers 403 LINK_INVALID, an expired one 410 LINK_EXPIRED, an action the link does not carry 403 LINK_ACTION_NOT_ALLOWED.';

/** An appointment through the signed link of its emails: no token, the link's signature is the permission. */
export function emailLinkRoutes(app: App, links: EmailLinkUseCases) {
  app.get(
    '/appointments/links/:token',
    {
      schema: {
        summary: 'The appointment an emailed link is for, and which actions (reschedule, cancel) the link allows now',
        description: LINK_ERRORS,
        tags: ['appointment links'],
        params: AppointmentLinkParams,
        response: { 200: AppointmentByLink, ...errorResponses(400, 403, 404, 410) },
      },
    },
    async (request) => links.view(request.params.token),
  );

  app.post(
    '/appointments/links/:token/cancel',
    {
      schema: {
        summary: 'Cancel the appointment from its emailed link, as its patient (the same cut-off); each link cancels once',
        description: `${LINK_ERRORS} A link used already answers 410 LINK_USED; the cut-off 409 CHANGE_CUTOFF_PASSED or APPOINTMENT_STARTED.`,
        tags: ['appointment links'],
        params: AppointmentLinkParams,
        response: { 200: AppointmentView, ...errorResponses(400, 403, 404, 409, 410) },
      },
    },
    async (request) => appointmentAsSeenBy(undefined, await links.cancel(request.params.token)),
  );

  app.post(
    '/appointments/links/:token/reschedule',
    {
      schema: {
        summary: 'Move the appointment to a new time from its emailed link, through the booking queue like the patient’s own reschedule',
        description: `${LINK_ERRORS} The booking worker's answers are those of PUT /appointments/{id}.`,
        tags: ['appointment links'],
        params: AppointmentLinkParams,
        headers: IdempotencyHeaders,
        body: RescheduleByLinkRequest,
        response: { 200: AppointmentView, ...errorResponses(400, 403, 404, 409, 410, 422, 503) },
      },
    },
    async (request) =>
      appointmentAsSeenBy(
        undefined,
        appointmentOrError(await links.reschedule(request.params.token, request.headers['idempotency-key'], request.body)),
      ),
  );

  app.get(
    '/appointments/links/:token/pdf',
    {
      schema: {
        summary: 'The appointment’s PDF through its emailed link; 404 PDF_NOT_READY while it is being prepared',
        description: LINK_ERRORS,
        tags: ['appointment links'],
        params: AppointmentLinkParams,
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) } },
          },
          ...errorResponses(400, 403, 404, 410),
        },
      },
    },
    async (request, reply) => {
      const { id, pdf } = await links.pdf(request.params.token);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="appointment-${id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
