import { Type, type App, type Authenticator, type TSchema } from '@clinic/service-kit';
import type { TObject } from 'typebox';
import {
  Cabinet,
  CreateCabinetRequest,
  CreateSpecializationRequest,
  errorResponses,
  IdParams,
  Page,
  PageQuery,
  Specialization,
  UpdateCabinetRequest,
  UpdateSpecializationRequest,
} from '@clinic/contracts';
import type { CatalogUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** The clinic's catalogue: specializations and cabinets, the same routes for each. */
export function catalogRoutes(
  app: App,
  auth: Authenticator,
  useCases: { specializations: CatalogUseCases<Specialization>; cabinets: CatalogUseCases<Cabinet> },
) {
  catalogTableRoutes(app, auth, {
    path: '/specializations',
    noun: 'specialization',
    item: Specialization,
    create: CreateSpecializationRequest,
    update: UpdateSpecializationRequest,
    useCases: useCases.specializations,
  });
  catalogTableRoutes(app, auth, {
    path: '/cabinets',
    noun: 'cabinet',
    item: Cabinet,
    create: CreateCabinetRequest,
    update: UpdateCabinetRequest,
    useCases: useCases.cabinets,
  });
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
function catalogTableRoutes(app: App, auth: Authenticator, { path, noun, item, create, update, useCases }: CatalogResource) {
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
    async (request) => useCases.list(request.query),
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
