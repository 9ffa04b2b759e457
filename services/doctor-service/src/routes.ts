import { principalOf, Type, type App, type Authenticator, type TSchema } from '@clinic/service-kit';
import type { TObject } from 'typebox';
import {
  AvailableSlots,
  AvailableSlotsQuery,
  Cabinet,
  CreateCabinetRequest,
  CreateDoctorRequest,
  CreateScheduleEntryRequest,
  CreateSpecializationRequest,
  CreateTimeOffRequest,
  Doctor,
  DoctorBookingProfile,
  DoctorListQuery,
  DoctorSchedule,
  DoctorScheduleEntryParams,
  DoctorTimeOffParams,
  errorResponses,
  IdParams,
  Page,
  PageQuery,
  ScheduleEntryView,
  Specialization,
  TimeOffView,
  UpdateCabinetRequest,
  UpdateDoctorRequest,
  UpdateSpecializationRequest,
} from '@clinic/contracts';
import { availabilityRoutes } from './availability-routes.ts';
import type { AvailabilityUseCase } from './availability.ts';
import type { CatalogUseCases } from './catalog.ts';
import type { DoctorUseCases } from './doctors.ts';
import type { ScheduleUseCases } from './schedules.ts';

const bearer = [{ bearer: [] }];

export interface DoctorServiceUseCases {
  specializations: CatalogUseCases<Specialization>;
  cabinets: CatalogUseCases<Cabinet>;
  doctors: DoctorUseCases;
  schedules: ScheduleUseCases;
  availability: AvailabilityUseCase;
}

export function doctorServiceRoutes(app: App, auth: Authenticator, useCases: DoctorServiceUseCases) {
  catalogRoutes(app, auth, {
    path: '/specializations',
    noun: 'specialization',
    item: Specialization,
    create: CreateSpecializationRequest,
    update: UpdateSpecializationRequest,
    useCases: useCases.specializations,
  });
  catalogRoutes(app, auth, {
    path: '/cabinets',
    noun: 'cabinet',
    item: Cabinet,
    create: CreateCabinetRequest,
    update: UpdateCabinetRequest,
    useCases: useCases.cabinets,
  });
  doctorRoutes(app, auth, useCases.doctors);
  scheduleRoutes(app, auth, useCases.schedules);
  availabilityRoutes(app, useCases.availability);
}

/** The schemas validate requests and shape answers; the use cases need no more type than that. */
interface CatalogResource {
  path: string;
  noun: string;
  item: TSchema;
  create: TObject;
  update: TObject;
  useCases: CatalogUseCases<unknown>;
}

/** Anyone reads the catalogue (patients browse before logging in); only an admin changes it. */
function catalogRoutes(app: App, auth: Authenticator, { path, noun, item, create, update, useCases }: CatalogResource) {
  const tags = [path.slice(1)];

  app.get(
    path,
    {
      schema: {
        summary: `List ${noun}s by name, page by page`,
        tags,
        querystring: PageQuery,
        response: { 200: Page(item), ...errorResponses(400) },
      },
    },
    async (request) => ({ ...(await useCases.list(request.query)), ...request.query }),
  );

  app.get(
    `${path}/:id`,
    { schema: { summary: `A ${noun}`, tags, params: IdParams, response: { 200: item, ...errorResponses(400, 404) } } },
    async (request) => useCases.get(request.params.id),
  );

  app.post(
    path,
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: `${noun.toUpperCase()}_CREATED` },
      schema: {
        summary: `Create a ${noun} (ADMIN)`,
        tags,
        security: bearer,
        body: create,
        response: { 201: item, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await useCases.create(request.body)),
  );

  app.put(
    `${path}/:id`,
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: `${noun.toUpperCase()}_UPDATED` },
      schema: {
        summary: `Change a ${noun} (ADMIN)`,
        tags,
        security: bearer,
        params: IdParams,
        body: update,
        response: { 200: item, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => useCases.update(request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    {
      preHandler: auth.require('ADMIN'),
      config: { audit: `${noun.toUpperCase()}_DELETED` },
      schema: {
        summary: `Delete a ${noun} no doctor uses (ADMIN)`,
        tags,
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await useCases.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function doctorRoutes(app: App, auth: Authenticator, doctors: DoctorUseCases) {
  const tags = ['doctors'];

  app.get(
    '/doctors',
    {
      schema: {
        summary: 'List doctors by name, page by page, with their specialization and cabinet',
        tags,
        querystring: DoctorListQuery,
        response: { 200: Page(Doctor), ...errorResponses(400) },
      },
    },
    async (request) => ({ ...(await doctors.list(request.query)), limit: request.query.limit, offset: request.query.offset }),
  );

  app.get(
    '/doctors/:id',
    { schema: { summary: 'A doctor', tags, params: IdParams, response: { 200: Doctor, ...errorResponses(400, 404) } } },
    async (request) => doctors.get(request.params.id),
  );

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
        summary: 'Delete a doctor without upcoming appointments, with their schedule and time off (ADMIN)',
        tags,
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await doctors.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function scheduleRoutes(app: App, auth: Authenticator, schedules: ScheduleUseCases) {
  app.get(
    '/doctors/:id/schedule',
    {
      schema: {
        summary: 'A doctor’s weekly working hours',
        tags: ['schedules'],
        params: IdParams,
        response: { 200: DoctorSchedule, ...errorResponses(400, 404) },
      },
    },
    async (request) => schedules.schedule(request.params.id),
  );

  app.post(
    '/doctors/:id/schedule',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'SCHEDULE_ENTRY_ADDED' },
      schema: {
        summary: 'Add working hours to a doctor’s week (ADMIN, or that DOCTOR)',
        tags: ['schedules'],
        security: bearer,
        params: IdParams,
        body: CreateScheduleEntryRequest,
        response: { 201: ScheduleEntryView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await schedules.addEntry(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/doctors/:doctor_id/schedule/:schedule_id',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'SCHEDULE_ENTRY_REMOVED' },
      schema: {
        summary: 'Remove working hours from a doctor’s week (ADMIN, or that DOCTOR)',
        tags: ['schedules'],
        security: bearer,
        params: DoctorScheduleEntryParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await schedules.removeEntry(principalOf(request), request.params.doctor_id, request.params.schedule_id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/doctors/:id/time-off',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      schema: {
        summary: 'A doctor’s days off, page by page (ADMIN, or that DOCTOR: reasons are private)',
        tags: ['time off'],
        security: bearer,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(TimeOffView), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ ...(await schedules.timeOff(principalOf(request), request.params.id, request.query)), ...request.query }),
  );

  app.post(
    '/doctors/:id/time-off',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'TIME_OFF_ADDED' },
      schema: {
        summary: 'Mark days (vacation, sick leave, a public holiday) on which the doctor offers no slot (ADMIN, or that DOCTOR)',
        tags: ['time off'],
        security: bearer,
        params: IdParams,
        body: CreateTimeOffRequest,
        response: { 201: TimeOffView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await schedules.addTimeOff(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/doctors/:doctor_id/time-off/:time_off_id',
    {
      preHandler: auth.require('ADMIN', 'DOCTOR'),
      config: { audit: 'TIME_OFF_REMOVED' },
      schema: {
        summary: 'Remove days off (ADMIN, or that DOCTOR)',
        tags: ['time off'],
        security: bearer,
        params: DoctorTimeOffParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await schedules.removeTimeOff(principalOf(request), request.params.doctor_id, request.params.time_off_id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/doctors/:id/available-slots',
    {
      schema: {
        summary: 'The free slots of a date: the schedule’s, minus time off, appointments and times past; a reason when there is none',
        tags: ['schedules'],
        params: IdParams,
        querystring: AvailableSlotsQuery,
        response: { 200: AvailableSlots, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => schedules.availableSlots(request.params.id, request.query.date),
  );

  app.get(
    '/internal/doctors/:id/booking-profile',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'Internal, for appointment-service’s booking worker (SERVICE); not reachable through the gateway',
        tags: ['internal'],
        security: bearer,
        params: IdParams,
        response: { 200: DoctorBookingProfile, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedules.bookingProfile(request.params.id),
  );
}
