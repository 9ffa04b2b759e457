import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { forbidden, unauthorized } from './errors.ts';

/** Realm roles the platform acts on. SERVICE is held only by the services' own Keycloak client. */
export const ROLES = ['PATIENT', 'DOCTOR', 'ADMIN', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The Keycloak user id (`sub`); every service uses it as the user's id. */
  id: string;
  roles: Role[];
  email: string | undefined;
  name: string | undefined;
  /** The raw bearer token, passed on when this request calls another service on the user's behalf. */
  token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** Where the keys are fetched from; may differ from the issuer's host inside a private network. */
  jwksUrl: string;
  /** For tests: a key source other than the remote JWKS. */
  keys?: JWTVerifyGetKey;
  clockToleranceSeconds?: number;
}

export interface Authenticator {
  verify(token: string): Promise<Principal>;
  /** preHandler: a valid token with one of `roles` (any role when none is given). */
  require(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

interface KeycloakClaims extends JWTPayload {
  realm_access?: { roles?: string[] };
  email?: string;
  name?: string;
  preferred_username?: string;
}

export function createAuthenticator(options: AuthOptions): Authenticator {
  // jose caches the key set and refetches it (rate limited) when a token names an unknown key id,
  // which is what happens after Keycloak rotates its keys.
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });

  async function verify(token: string): Promise<Principal> {
    let payload: KeycloakClaims;
    try {
      ({ payload } = await jwtVerify<KeycloakClaims>(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw unauthorized(`Invalid token: ${error instanceof Error ? error.message : 'verification failed'}`);
    }
    const roles = (payload.realm_access?.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return { id: payload.sub as string, roles, email: payload.email, name: payload.name ?? payload.preferred_username, token };
  }

  return {
    verify,
    require(...roles) {
      return async (request) => {
        const header = request.headers.authorization;
        const match = header?.match(/^Bearer\s+(\S+)$/i);
        if (!match?.[1]) throw unauthorized();
        const principal = await verify(match[1]);
        if (roles.length > 0 && !roles.some((r) => principal.roles.includes(r))) throw forbidden();
        request.principal = principal;
      };
    },
  };
}

/** The authenticated caller of a route guarded by `require(...)`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

export const hasRole = (principal: Principal, role: Role) => principal.roles.includes(role);
