import { principalOf, Type, type App, type Authenticator, type Principal } from '@clinic/service-kit';
import { CreateDoctorRequest, Doctor, DoctorListQuery, errorResponses, IdParams, Page, UpdateDoctorRequest } from '@clinic/contracts';
import { doctorAsSeenBy } from './rules.ts';
import type { DoctorUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** The doctors' directory: anyone reads it, only an admin changes it. */
export function doctorsRoutes(app: App, auth: Authenticator, doctors: DoctorUseCases) {
  doctorReadRoutes(app, auth, doctors);
  doctorWriteRoutes(app, auth, doctors);
}

/** The public routes' caller when a valid token came along (an admin sees the login emails); anyone else is anonymous. */
async function viewerOf(auth: Authenticator, request: { headers: { authorization?: string } }): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  return auth.verify(header.slice('Bearer '.length)).catch(() => undefined);
}

function doctorReadRoutes(app: App, auth: Authenticator, doctors: DoctorUseCases) {
  const tags = ['doctors'];
  app.get(
    '/doctors',
    {
      schema: {
        summary: 'List doctors by name, page by page, with their specialization and cabinet (their login email to admins only)',
        tags,
        querystring: DoctorListQuery,
        response: { 200: Page(Doctor), ...errorResponses(400) },
      },
    },
    async (request) => {
      const [page, viewer] = await Promise.all([doctors.list(request.query), viewerOf(auth, request)]);
      return { ...page, items: page.items.map((doctor) => doctorAsSeenBy(viewer, doctor)) };
    },
  );

  app.get(
    '/doctors/:id',
    {
      schema: {
        summary: 'A doctor (their login email to admins only)',
        tags,
        params: IdParams,
        response: { 200: Doctor, ...errorResponses(400, 404) },
      },
    },
    async (request) => doctorAsSeenBy(await viewerOf(auth, request), await doctors.get(request.params.id)),
  );
}

function doctorWriteRoutes(app: App, auth: Authenticator, doctors: DoctorUseCases) {
  const tags = ['doctors'];
  app.post(
    '/doctors',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'DOCTOR_CREATED' },
      schema: {
        summary: 'Make an existing user a doctor; a patient gets the DOCTOR role, in Keycloak too (ADMIN)',
        tags,
        security: bearer,
        body: CreateDoctorRequest,
        response: { 201: Doctor, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await doctors.create({ principal: principalOf(request) }, request.body)),
  );

  app.put(
    '/doctors/:id',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'DOCTOR_UPDATED' },
      schema: {
        summary: 'Change a doctor’s specialization, cabinet, bio or experience (ADMIN)',
        tags,
        security: bearer,
        params: IdParams,
        body: UpdateDoctorRequest,
        response: { 200: Doctor, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => doctors.update(request.params.id, request.body),
  );

  app.delete(
    '/doctors/:id',
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: 'DOCTOR_DELETED' },
      schema: {
        summary: 'Delete a doctor with their schedule and time off, and take the DOCTOR role back (ADMIN)',
        description:
          'Refused with 409 DOCTOR_HAS_APPOINTMENTS while the doctor has PENDING or CONFIRMED appointments not ended yet ' +
          '(details.appointments lists them: id, start_time, end_time, patient_name). Decided in the doctor’s booking queue: ' +
          'a booking racing the deletion is either listed or refused (404 DOCTOR_NOT_FOUND), never kept for a deleted doctor. ' +
          'A user who was a PATIENT made a doctor becomes a PATIENT again; an ADMIN stays ADMIN.',
        tags,
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await doctors.remove({ principal: principalOf(request) }, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
