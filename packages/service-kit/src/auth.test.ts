import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createAuthenticator, keycloakKeySet } from './auth.ts';
import { AppError } from './errors.ts';

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
    // Keys count as stale at once, so every verification goes back to the endpoint.
    const keys = keycloakKeySet(jwksUrl, { fetch: endpoint.fetch, cacheMaxAgeMs: 0 });
    const auth = createAuthenticator({ issuer, audience, jwksUrl, keys });
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
