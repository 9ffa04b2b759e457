import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { pino } from 'pino';
import { createAuthenticator, keycloakKeySet, principalOf, type Authenticator } from './auth.ts';
import { AppError } from './errors.ts';
import { createHttpServer, type App } from './http.ts';
import { tokenNotBefores } from './token-revocations.ts';

const issuer = 'http://localhost:8080/auth/realms/clinic';
const audience = 'clinic-api';
const jwksUrl = 'http://keycloak.invalid/auth/realms/clinic/protocol/openid-connect/certs';

/** A JWKS endpoint that answers until it is switched off, counting its calls. */
function jwksEndpoint(keys: JWK[]) {
  const endpoint = {
    up: true,
    calls: 0,
    fetch: async () => {
      endpoint.calls++;
      if (!endpoint.up) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ keys }), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
  return endpoint;
}

describe('token verification against the identity server’s keys', () => {
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let publicJwk: JWK;

  const token = (key: CryptoKey, claims: { iss?: string; aud?: string } = {}) =>
    new SignJWT({ realm_access: { roles: ['PATIENT', 'offline_access'] }, email: 'ana@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'current' })
      .setSubject('3f1c7e0a-0000-4000-8000-000000000001')
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' };
    otherKey = (await generateKeyPair('RS256')).privateKey;
  });

  it('accepts a valid token and keeps only the platform’s roles', async () => {
    const endpoint = jwksEndpoint([publicJwk]);
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys: keycloakKeySet(jwksUrl, { fetch: endpoint.fetch }) });
    const principal = await auth.verify(await token(signingKey));
    assert.deepEqual(principal.roles, ['PATIENT']);
    assert.equal(principal.email, 'ana@example.com');
  });

  it('keeps trusting the last published keys while the JWKS cannot be fetched', async () => {
    const endpoint = jwksEndpoint([publicJwk]);
    // Keys count as stale at once and no verified token is remembered, so every verification goes back to the endpoint.
    const keys = keycloakKeySet(jwksUrl, { fetch: endpoint.fetch, cacheMaxAgeMs: 0 });
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys, verifiedTokenTtlMs: 0 });
    await auth.verify(await token(signingKey));
    endpoint.up = false;
    const principal = await auth.verify(await token(signingKey));
    assert.equal(principal.id, '3f1c7e0a-0000-4000-8000-000000000001');
    assert.ok(endpoint.calls >= 2, 'the endpoint was asked again');
  });

  it('still refuses a token signed by another key while the JWKS cannot be fetched', async () => {
    const endpoint = jwksEndpoint([publicJwk]);
    const auth = createAuthenticator({
      issuer,
      audience,
      jwksUrl,
      keys: keycloakKeySet(jwksUrl, { fetch: endpoint.fetch, cacheMaxAgeMs: 0 }),
    });
    await auth.verify(await token(signingKey));
    endpoint.up = false;
    await assert.rejects(auth.verify(await token(otherKey)), (error: AppError) => error.statusCode === 401);
  });

  it('answers 503, not 401, when no key was ever fetched and the JWKS cannot be reached', async () => {
    const endpoint = jwksEndpoint([publicJwk]);
    endpoint.up = false;
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys: keycloakKeySet(jwksUrl, { fetch: endpoint.fetch }) });
    await assert.rejects(
      auth.verify(await token(signingKey)),
      (error: AppError) => error.statusCode === 503 && error.code === 'UNAVAILABLE',
    );
  });

  it('refuses a token for another audience or issuer', async () => {
    const endpoint = jwksEndpoint([publicJwk]);
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys: keycloakKeySet(jwksUrl, { fetch: endpoint.fetch }) });
    await assert.rejects(auth.verify(await token(signingKey, { aud: 'account' })), (error: AppError) => error.statusCode === 401);
    await assert.rejects(
      auth.verify(await token(signingKey, { iss: 'http://evil.example/realms/clinic' })),
      (error: AppError) => error.statusCode === 401,
    );
  });
});

describe('token verification: tokens that must be refused', () => {
  let signingKey: CryptoKey;
  let auth: Authenticator;
  let publicJwk: JWK;

  const claims = { realm_access: { roles: ['PATIENT'] }, email: 'ana@example.com' };
  const signed = (build: (jwt: SignJWT) => SignJWT = (jwt) => jwt, alg = 'RS256', key: CryptoKey | Uint8Array = signingKey) =>
    build(
      new SignJWT(claims)
        .setProtectedHeader({ alg, kid: 'current' })
        .setSubject('3f1c7e0a-0000-4000-8000-000000000002')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m'),
    ).sign(key);
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const refused = (token: string, reason: RegExp) =>
    assert.rejects(auth.verify(token), (error: unknown) => {
      assert.ok(error instanceof AppError, 'an AppError, answered as JSON');
      assert.equal(error.statusCode, 401);
      assert.equal(error.code, 'UNAUTHORIZED');
      assert.match(error.message, reason);
      return true;
    });

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' };
    auth = createAuthenticator({ issuer, audience, jwksUrl, keys: createLocalJWKSet({ keys: [publicJwk] }) });
  });

  it('accepts the untouched token these cases start from', async () => {
    assert.equal((await auth.verify(await signed())).id, '3f1c7e0a-0000-4000-8000-000000000002');
  });

  it('refuses an expired token, past the clock tolerance', async () => {
    const expired = await signed((jwt) =>
      jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 60),
    );
    await refused(expired, /exp/);
  });

  it('accepts a token expired by less than the clock tolerance (clocks of two servers differ)', async () => {
    const justExpired = await signed((jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 2));
    assert.equal((await auth.verify(justExpired)).email, 'ana@example.com');
  });

  it('refuses a token not valid yet (nbf in the future)', async () => {
    await refused(await signed((jwt) => jwt.setNotBefore(Math.floor(Date.now() / 1000) + 600)), /nbf/);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = (await signed()).split('.');
    await refused(`${part({ alg: 'none', typ: 'JWT' })}.${payload}.`, /./);
    await refused(`${part({ alg: 'none', kid: 'current' })}.${payload}.`, /./);
  });

  it('refuses a token whose payload was changed after signing (a patient making itself admin)', async () => {
    const [header, payload, signature] = (await signed()).split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = part({ ...decoded, realm_access: { roles: ['ADMIN'] } });
    await refused(`${header}.${tampered}.${signature}`, /signature/);
  });

  it('refuses a token signed with HMAC using the public key as the secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    await refused(await signed((jwt) => jwt, 'HS256', secret), /alg/);
  });

  it('refuses a token signed by a key the identity server never published', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    await refused(await signed((jwt) => jwt, 'RS256', stranger), /signature/);
  });

  it('refuses a token without a subject, and text that is no token at all', async () => {
    const noSubject = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'current' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(signingKey);
    await refused(noSubject, /sub/);
    await refused('not-a-token', /./);
    await refused('a.b.c', /./);
  });
});

describe('verified tokens remembered', () => {
  let signingKey: CryptoKey;
  let publicJwk: JWK;
  const start = Date.UTC(2030, 0, 1, 8, 0, 0);
  const seconds = (ms: number) => Math.floor(ms / 1000);

  const tokenFor = (subject: string, expiresAt = start + 300_000) =>
    new SignJWT({ realm_access: { roles: ['PATIENT'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'current' })
      .setSubject(subject)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(seconds(start))
      .setExpirationTime(seconds(expiresAt))
      .sign(signingKey);

  /** An authenticator on a clock the test moves, counting how often a signature is really checked. */
  function counted(
    options: { verifiedTokenTtlMs?: number; verifiedTokenLimit?: number; notBefores?: ReturnType<typeof tokenNotBefores> } = {},
  ) {
    const local = createLocalJWKSet({ keys: [publicJwk] });
    const clock = { now: start, checks: 0 };
    const auth = createAuthenticator({
      issuer,
      audience,
      jwksUrl,
      keys: (header, token) => {
        clock.checks++;
        return local(header, token);
      },
      now: () => clock.now,
      ...options,
    });
    return { auth, clock };
  }
  const isUnauthorized = (reason: RegExp) => (error: unknown) =>
    error instanceof AppError && error.statusCode === 401 && reason.test(error.message);

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' };
  });

  it('checks a token’s signature once, then answers from memory for the TTL, then checks it again', async () => {
    const { auth, clock } = counted({ verifiedTokenTtlMs: 30_000 });
    const token = await tokenFor('3f1c7e0a-0000-4000-8000-000000000010');
    assert.equal((await auth.verify(token)).id, '3f1c7e0a-0000-4000-8000-000000000010');
    clock.now += 29_000;
    assert.deepEqual((await auth.verify(token)).roles, ['PATIENT']);
    assert.equal(clock.checks, 1, 'the second request did not check the signature');
    clock.now += 2_000;
    await auth.verify(token);
    assert.equal(clock.checks, 2, 'past the TTL the signature is checked again');
  });

  it('refuses a remembered token once it has expired, whatever the TTL', async () => {
    const { auth, clock } = counted({ verifiedTokenTtlMs: 3_600_000 });
    const token = await tokenFor('3f1c7e0a-0000-4000-8000-000000000011', start + 60_000);
    await auth.verify(token);
    clock.now += 59_000;
    await auth.verify(token);
    assert.equal(clock.checks, 1);
    // Past its expiry and the 5 s clock tolerance.
    clock.now += 7_000;
    await assert.rejects(auth.verify(token), isUnauthorized(/exp/));
    await assert.rejects(auth.verify(token), isUnauthorized(/exp/), 'and stays refused');
  });

  it('checks and refuses a token changed after signing, even while the original is remembered', async () => {
    const { auth, clock } = counted();
    const token = await tokenFor('3f1c7e0a-0000-4000-8000-000000000012');
    await auth.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const asAdmin = Buffer.from(JSON.stringify({ ...claims, realm_access: { roles: ['ADMIN'] } })).toString('base64url');
    // One character inside the signature changed (the last ones may carry only padding bits).
    const otherSignature = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
    for (const tampered of [`${header}.${asAdmin}.${signature}`, `${header}.${payload}.${otherSignature}`]) {
      const checks = clock.checks;
      await assert.rejects(auth.verify(tampered), isUnauthorized(/signature/));
      assert.equal(clock.checks, checks + 1, 'the changed token was checked, not answered from memory');
      await assert.rejects(auth.verify(tampered), isUnauthorized(/signature/), 'a refusal is not remembered as a pass');
    }
    assert.deepEqual((await auth.verify(token)).roles, ['PATIENT'], 'the original still answers as itself');
  });

  it('forgets the least recently used token beyond its limit', async () => {
    const { auth, clock } = counted({ verifiedTokenLimit: 2 });
    const [a, b, c] = await Promise.all(['13', '14', '15'].map((n) => tokenFor(`3f1c7e0a-0000-4000-8000-0000000000${n}`)));
    await auth.verify(a!);
    await auth.verify(b!);
    await auth.verify(a!); // a is now the most recent
    await auth.verify(c!); // b is forgotten
    assert.equal(clock.checks, 3);
    await auth.verify(a!);
    assert.equal(clock.checks, 3, 'a is still remembered');
    await auth.verify(b!);
    assert.equal(clock.checks, 4, 'b was checked again');
  });

  it('refuses a remembered token once its user has a later not-before (401 TOKEN_REVOKED), and only that user’s', async () => {
    const notBefores = tokenNotBefores({ now: () => start });
    const { auth, clock } = counted({ verifiedTokenTtlMs: 30_000, notBefores });
    const [demoted, other] = await Promise.all(['17', '18'].map((n) => tokenFor(`3f1c7e0a-0000-4000-8000-0000000000${n}`)));
    await auth.verify(demoted!);
    await auth.verify(other!);
    clock.now += 10_000;
    notBefores.record('3f1c7e0a-0000-4000-8000-000000000017', clock.now);
    await assert.rejects(auth.verify(demoted!), (error: unknown) => error instanceof AppError && error.code === 'TOKEN_REVOKED');
    assert.equal(clock.checks, 2, 'refused from memory: the remembered token does not bypass the not-before');
    assert.equal((await auth.verify(other!)).id, '3f1c7e0a-0000-4000-8000-000000000018');
    clock.now += 60_000;
    await assert.rejects(auth.verify(demoted!), (error: unknown) => error instanceof AppError && error.code === 'TOKEN_REVOKED');
  });

  it('gives the token’s email_verified claim as emailVerified', async () => {
    const { auth } = counted();
    const verifiedToken = await new SignJWT({ email: 'ana@example.com', email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: 'current' })
      .setSubject('3f1c7e0a-0000-4000-8000-000000000019')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(seconds(start))
      .setExpirationTime(seconds(start + 300_000))
      .sign(signingKey);
    assert.equal((await auth.verify(verifiedToken)).emailVerified, true);
    assert.equal((await auth.verify(await tokenFor('3f1c7e0a-0000-4000-8000-000000000020'))).emailVerified, false);
  });

  it('gives every request its own copy of the principal', async () => {
    const { auth } = counted();
    const token = await tokenFor('3f1c7e0a-0000-4000-8000-000000000016');
    (await auth.verify(token)).roles.push('ADMIN');
    assert.deepEqual((await auth.verify(token)).roles, ['PATIENT']);
  });
});

describe('auth.require(…) on a route', () => {
  let app: App;
  let signingKey: CryptoKey;

  const tokenWith = (roles: string[]) =>
    new SignJWT({ realm_access: { roles }, name: 'Ana Popescu' })
      .setProtectedHeader({ alg: 'RS256', kid: 'current' })
      .setSubject('3f1c7e0a-0000-4000-8000-000000000003')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(signingKey);

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' };
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys: createLocalJWKSet({ keys: [publicJwk] }) });
    app = await createHttpServer({ name: 'auth-test', description: 'auth guard', logger: pino({ level: 'silent' }), bodyLimit: 1024 });
    app.get('/admin-only', { preHandler: auth.require('ADMIN') }, async (request) => ({ id: principalOf(request).id }));
    app.get('/staff', { preHandler: auth.require('ADMIN', 'DOCTOR') }, async (request) => ({ roles: principalOf(request).roles }));
    app.get('/anyone-logged-in', { preHandler: auth.require() }, async (request) => ({ name: principalOf(request).name }));
    await app.ready();
  });

  after(() => app.close());

  const get = (url: string, authorization?: string) =>
    app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  it('answers 401 UNAUTHORIZED as JSON without a bearer token or with a malformed one', async () => {
    const token = await tokenWith(['ADMIN']);
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${token}`,
      `Bearer ${token} extra`,
      token,
      'Bearer not-a-token',
    ]) {
      const answer = await get('/admin-only', authorization);
      assert.equal(answer.statusCode, 401, `authorization: ${authorization}`);
      assert.equal(answer.json().error.code, 'UNAUTHORIZED');
    }
  });

  it('answers 403 FORBIDDEN for a valid token without the role', async () => {
    const answer = await get('/admin-only', `Bearer ${await tokenWith(['PATIENT', 'DOCTOR'])}`);
    assert.equal(answer.statusCode, 403);
    assert.equal(answer.json().error.code, 'FORBIDDEN');
  });

  it('lets through a token with one of the roles, case-insensitive about the scheme', async () => {
    const answer = await get('/admin-only', `bearer ${await tokenWith(['ADMIN'])}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.json().id, '3f1c7e0a-0000-4000-8000-000000000003');
    const staff = await get('/staff', `Bearer ${await tokenWith(['DOCTOR', 'uma_authorization'])}`);
    assert.equal(staff.statusCode, 200);
    assert.deepEqual(staff.json().roles, ['DOCTOR']);
  });

  it('requires only a valid token when no role is named, and no platform role is needed', async () => {
    const answer = await get('/anyone-logged-in', `Bearer ${await tokenWith([])}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.json().name, 'Ana Popescu');
    assert.equal((await get('/anyone-logged-in')).statusCode, 401);
  });
});
