import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import { CreateWaitlistEntryRequest, errorResponses, IdParams, Page, PageQuery, WaitlistEntry, WaitlistQuery } from '@clinic/contracts';
import type { WaitlistUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

export function waitlistRoutes(app: App, auth: Authenticator, waitlist: WaitlistUseCases) {
  app.post(
    '/waitlist',
    {
      preHandler: auth.require('PATIENT', 'ADMIN'),
      // Recorded when an admin adds a caller (the front desk); a patient's own entry is no admin action.
      config: { audit: 'WAITLIST_ENTRY_ADDED' },
      schema: {
        summary:
          'Wait for a doctor’s time on some days (PATIENT; ADMIN, the front desk, for patient_id); a freed time is offered ' +
          'first come, first told, and held for the waiter',
        description:
          'Dates are the clinic’s calendar days: from today, within the booking horizon, at most 31 days (400 IN_PAST, ' +
          'BEYOND_HORIZON, RANGE_TOO_LONG, INVALID_RANGE). One active entry per doctor and range (409 WAITLIST_ENTRY_EXISTS). ' +
          'When a time of that doctor on one of those days is freed, the first waiter free then is emailed and the time is ' +
          'held for them for WAITLIST_HOLD_SECONDS: only they can book it meanwhile (others get 409 SLOT_HELD). ' +
          'A patient whose email is not verified gets 403 EMAIL_NOT_VERIFIED. The front desk adds a caller with the same ' +
          'limits: patient_id required (400 PATIENT_REQUIRED; 404 PATIENT_NOT_FOUND for a user unknown to user-service); ' +
          'a patient naming someone else gets 403.',
        tags: ['waitlist'],
        security: bearer,
        body: CreateWaitlistEntryRequest,
        response: { 201: WaitlistEntry, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await waitlist.join(principalOf(request), request.body)),
  );

  app.get(
    '/waitlist/my',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'The caller’s waitlist entries whose days have not passed, each with the time held for them now (PATIENT)',
        tags: ['waitlist'],
        security: bearer,
        response: { 200: Type.Array(WaitlistEntry), ...errorResponses(401, 403) },
      },
    },
    async (request) => waitlist.mine(principalOf(request)),
  );

  app.delete(
    '/waitlist/:id',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'Leave the waitlist (the entry’s PATIENT; anyone else’s answers 404); a time held for it goes to the next waiter',
        tags: ['waitlist'],
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await waitlist.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/waitlist',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      schema: {
        summary: 'A doctor’s waiters in the order they are told (ADMIN, or that DOCTOR; another doctor’s answers 404)',
        tags: ['waitlist'],
        security: bearer,
        querystring: Type.Object({ ...WaitlistQuery.properties, ...PageQuery.properties }),
        response: { 200: Page(WaitlistEntry), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { doctor_id: doctorId, limit, offset } = request.query;
      return waitlist.forDoctor(principalOf(request), doctorId, { limit, offset });
    },
  );
}
