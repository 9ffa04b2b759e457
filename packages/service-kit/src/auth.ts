import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type FetchImplementation,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AppError, forbidden, unauthorized, unavailable } from './errors.ts';
import { requestContext } from './request-context.ts';

/** Realm roles the platform acts on. SERVICE is held only by the services' own Keycloak client. */
export const ROLES = ['PATIENT', 'DOCTOR', 'ADMIN', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The Keycloak user id (`sub`); every service uses it as the user's id. */
  id: string;
  roles: Role[];
  email: string | undefined;
  name: string | undefined;
  /** Whether Keycloak has verified the user's email (the token's `email_verified` claim). */
  emailVerified: boolean;
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
  /**
   * How long a token that verified is trusted again without checking its signature (never past its
   * `exp`); 0 checks every time. Default 30 s: a key Keycloak stops publishing is trusted that much longer.
   */
  verifiedTokenTtlMs?: number;
  /** Most verified tokens remembered; the least recently used is forgotten first. Default 2,000. */
  verifiedTokenLimit?: number;
  /** For tests: the clock, in epoch milliseconds. */
  now?: () => number;
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
  email_verified?: boolean;
}

/**
 * The identity server's signing keys, fetched from its JWKS. jose caches the key set, refetches it
 * when it is older than ten minutes, and (rate limited) when a token names an unknown key id, which
 * is what happens after Keycloak rotates its keys. While the JWKS cannot be fetched (Keycloak down or
 * restarting), the last keys it published stay trusted, so tokens already issued keep working; with
 * no keys known yet, the caller gets a retryable 503 rather than a 401 that blames the token.
 */
export function keycloakKeySet(jwksUrl: string, options: { fetch?: FetchImplementation; cacheMaxAgeMs?: number } = {}): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: 3_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // Key selection failures are about the token, not about reaching the identity server.
      if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) throw error;
      const lastKnown = remote.jwks();
      if (!lastKnown) throw unavailable('The identity server cannot be reached to check the token; retry');
      return createLocalJWKSet(lastKnown)(header, token);
    }
  };
}

/**
 * Tokens that verified, keyed by the whole token text (signature included), each until it expires,
 * the least recently used forgotten first when the limit is reached (a Map keeps insertion order).
 * A token changed in any way is another key, so it is always verified, and one that failed is never kept.
 */
function verifiedTokens(limit: number) {
  const entries = new Map<string, { principal: Principal; until: number }>();
  return {
    get(token: string, now: number): Principal | undefined {
      const entry = entries.get(token);
      if (!entry) return undefined;
      entries.delete(token);
      if (entry.until <= now) return undefined;
      entries.set(token, entry);
      return entry.principal;
    },
    set(token: string, principal: Principal, until: number) {
      entries.delete(token);
      entries.set(token, { principal, until });
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
  };
}

export function createAuthenticator(options: AuthOptions): Authenticator {
  const keys = options.keys ?? keycloakKeySet(options.jwksUrl);
  const now = options.now ?? Date.now;
  const ttlMs = options.verifiedTokenTtlMs ?? 30_000;
  const verified = verifiedTokens(options.verifiedTokenLimit ?? 2_000);

  /** Checks the RS256 signature and the claims: about 60 µs of CPU on a 2-core machine, against under 1 µs remembered. */
  async function check(token: string, at: number): Promise<{ principal: Principal; expiresAt: number }> {
    let payload: KeycloakClaims;
    try {
      ({ payload } = await jwtVerify<KeycloakClaims>(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(at),
      }));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unauthorized(`Invalid token: ${error instanceof Error ? error.message : 'verification failed'}`);
    }
    const roles = (payload.realm_access?.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const principal = {
      id: payload.sub as string,
      roles,
      email: payload.email,
      name: payload.name ?? payload.preferred_username,
      emailVerified: payload.email_verified === true,
      token,
    };
    return { principal, expiresAt: (payload.exp as number) * 1000 };
  }

  async function verify(token: string): Promise<Principal> {
    const at = now();
    let principal = verified.get(token, at);
    if (!principal) {
      const checked = await check(token, at);
      principal = checked.principal;
      // Remembered until its own expiry at the latest: past it (and the clock tolerance) it is checked, and refused.
      const until = Math.min(checked.expiresAt, at + ttlMs);
      if (until > at) verified.set(token, principal, until);
    }
    // A copy: what a request does with its principal stays its own.
    return { ...principal, roles: [...principal.roles] };
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
        const context = requestContext();
        if (context) context.callerId = principal.id;
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
