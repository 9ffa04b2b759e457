import type { App, Authenticator } from '@clinic/service-kit';
import { errorResponses, FamilyMember, UserFamilyMemberParams } from '@clinic/contracts';
import type { FamilyUseCases } from './use-cases.ts';

const bearer = [{ bearer: [] }];

/** Whom a booking is for, for appointment-service only (SERVICE role); the gateway does not expose it. */
export function familyInternalRoutes(app: App, auth: Authenticator, family: FamilyUseCases) {
  app.get(
    '/internal/users/:id/family-members/:memberId',
    {
      preHandler: auth.require('SERVICE'),
      schema: {
        summary: 'One family member of a user’s account; 404 FAMILY_MEMBER_NOT_FOUND when it is not theirs or was removed (internal)',
        tags: ['internal'],
        security: bearer,
        params: UserFamilyMemberParams,
        response: { 200: FamilyMember, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => family.memberOf(request.params.id, request.params.memberId),
  );
}
