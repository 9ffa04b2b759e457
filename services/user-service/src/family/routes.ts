import { principalOf, Type, type App, type Authenticator } from '@clinic/service-kit';
import {
  CreateFamilyMemberRequest,
  errorResponses,
  FamilyMember,
  FamilyMemberList,
  FamilyMemberParams,
  UpdateFamilyMemberRequest,
  UserIdParams,
} from '@clinic/contracts';
import type { FamilyUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** A patient's own family members: listed, added, changed, removed (another account's answers 404). */
export function ownFamilyRoutes(app: App, auth: Authenticator, family: FamilyUseCases) {
  app.get(
    '/users/me/family-members',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'The caller’s family members, whom they may book for (PATIENT)',
        tags: ['family'],
        security: bearer,
        response: { 200: FamilyMemberList, ...errorResponses(401, 403) },
      },
    },
    async (request) => family.listOwn(principalOf(request)),
  );

  app.post(
    '/users/me/family-members',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'Add a family member: name, birth date (not in the future), relation (PATIENT)',
        description: 'At most 10 per account (409 TOO_MANY_FAMILY_MEMBERS); a birth date ahead answers 400 BIRTH_DATE_IN_FUTURE.',
        tags: ['family'],
        security: bearer,
        body: CreateFamilyMemberRequest,
        response: { 201: FamilyMember, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await family.add(principalOf(request), request.body)),
  );

  app.patch(
    '/users/me/family-members/:id',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'Change one of the caller’s family members (PATIENT; another account’s answers 404)',
        description: 'Appointments booked for them keep the name they were booked under.',
        tags: ['family'],
        security: bearer,
        params: FamilyMemberParams,
        body: UpdateFamilyMemberRequest,
        response: { 200: FamilyMember, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => family.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/users/me/family-members/:id',
    {
      preHandler: auth.require('PATIENT'),
      schema: {
        summary: 'Remove one of the caller’s family members (PATIENT; another account’s answers 404)',
        description: 'No new booking can be made for them; appointments already booked stay.',
        tags: ['family'],
        security: bearer,
        params: FamilyMemberParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await family.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** A patient's family as the front desk sees it, to book for one of them. */
export function staffFamilyRoutes(app: App, auth: Authenticator, family: FamilyUseCases) {
  app.get(
    '/users/:id/family-members',
    {
      preHandler: auth.require('ADMIN'),
      schema: {
        summary: 'A patient’s family members (ADMIN, the front desk booking for one of them)',
        tags: ['family'],
        security: bearer,
        params: UserIdParams,
        response: { 200: FamilyMemberList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => family.ofUser(request.params.id),
  );
}
