import { type App, type Authenticator, type Principal } from '@clinic/service-kit';
import {
  CreateVisitTypeRequest,
  errorResponses,
  IdParams,
  UpdateVisitTypeRequest,
  VisitType,
  VisitTypeList,
  VisitTypeListQuery,
} from '@clinic/contracts';
import type { VisitTypeUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];
const tags = ['visit-types'];

/** The caller when a valid token came along (staff see every active type); anyone else is anonymous. */
async function viewerOf(auth: Authenticator, request: { headers: { authorization?: string } }): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return auth.verify(header.slice('Bearer '.length)).catch(() => undefined);
}

/** Anyone reads a doctor's or a specialization's visit types; only an admin keeps them. */
export function visitTypeRoutes(app: App, auth: Authenticator, visitTypes: VisitTypeUseCases) {
  visitTypeReadRoutes(app, auth, visitTypes);
  visitTypeWriteRoutes(app, auth, visitTypes);
}

function visitTypeReadRoutes(app: App, auth: Authenticator, visitTypes: VisitTypeUseCases) {
  app.get(
    '/doctors/:id/visit-types',
    {
      schema: {
        summary: 'A doctor’s visit types: their own if they have any, else their specialization’s',
        description:
          'Patients and anonymous callers see the active types they may book online; staff every active type. ' +
          'An admin giving include_archived=true gets the doctor’s own types, archived ones too.',
        tags,
        params: IdParams,
        querystring: VisitTypeListQuery,
        response: { 200: VisitTypeList, ...errorResponses(400, 404) },
      },
    },
    async (request) => visitTypes.ofDoctor(await viewerOf(auth, request), request.params.id, request.query.include_archived ?? false),
  );

  app.get(
    '/specializations/:id/visit-types',
    {
      schema: {
        summary: 'A specialization’s default visit types (archived ones too to an admin giving include_archived=true)',
        tags,
        params: IdParams,
        querystring: VisitTypeListQuery,
        response: { 200: VisitTypeList, ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      visitTypes.ofSpecialization(await viewerOf(auth, request), request.params.id, request.query.include_archived ?? false),
  );
}

function visitTypeWriteRoutes(app: App, auth: Authenticator, visitTypes: VisitTypeUseCases) {
  const create = (owner: 'doctor' | 'specialization') => ({
    preHandler: auth.require('ADMIN'),
    config: { audit: 'VISIT_TYPE_CREATED' },
    schema: {
      summary: `Add a visit type to a ${owner === 'doctor' ? 'doctor’s own types' : 'specialization’s defaults'} (ADMIN)`,
      tags,
      security: bearer,
      params: IdParams,
      body: CreateVisitTypeRequest,
      response: { 201: VisitType, ...errorResponses(400, 401, 403, 404) },
    },
  });
  app.post('/specializations/:id/visit-types', create('specialization'), async (request, reply) =>
    reply.status(201).send(await visitTypes.create({ specialization_id: request.params.id }, request.body)),
  );
  app.post('/doctors/:id/visit-types', create('doctor'), async (request, reply) =>
    reply.status(201).send(await visitTypes.create({ doctor_id: request.params.id }, request.body)),
  );

  app.put(
    '/visit-types/:id',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'VISIT_TYPE_UPDATED' },
      schema: {
        summary: 'Change a visit type, archive it (archived: true) or bring it back (ADMIN)',
        description: 'Appointments booked with it keep its name and length as they were booked.',
        tags,
        security: bearer,
        params: IdParams,
        body: UpdateVisitTypeRequest,
        response: { 200: VisitType, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => visitTypes.update(request.params.id, request.body),
  );

  app.post(
    '/visit-types/:id/archive',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'VISIT_TYPE_ARCHIVED' },
      schema: {
        summary: 'Archive a visit type: no longer offered nor booked (ADMIN)',
        tags,
        security: bearer,
        params: IdParams,
        response: { 200: VisitType, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => visitTypes.update(request.params.id, { archived: true }),
  );
}
