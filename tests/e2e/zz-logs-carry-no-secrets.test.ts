// Runs last (node --test runs the files in path order; `zz-` puts this one after the others): every earlier test has logged in, booked, registered and
// called the internal routes by then. Every log file of the test stack, the services' and the servers',
// must be free of the secrets those flows used.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { globSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { http } from '../support/http.ts';
import { adminToken, PASSWORD } from '../support/identity.ts';
import { eventually, gateway } from '../support/notifications.ts';
import { testStack } from '../support/stack.ts';

/** Any JSON Web Token: a signed header and payload, both base64url JSON objects (`{"` encodes as `eyJ`). */
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/g;

/** The string leaves of the stack's secrets file, by their path in it. */
function secretsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => secretsOf(inner, path ? `${path}.${key}` : key));
  return [];
}

describe('the logs of the test stack', () => {
  it('carry no password, token or client secret the suite used', () => {
    const { stateDir, keycloak } = testStack();
    const secrets = new Map<string, string>([
      ...secretsOf(JSON.parse(readFileSync(join(stateDir, 'secrets.json'), 'utf8')))
        // The object store's access key is a user name, not a secret.
        .filter(([name]) => name !== 'minioAccessKey'),
      ['test users’ password', PASSWORD],
      ['demo admin’s password', keycloak.demoAdmin.password],
      ['Keycloak admin’s password', keycloak.adminPassword],
      ['services’ client secret', keycloak.servicesClientSecret],
    ]);
    const files = globSync(join(stateDir, 'logs', '*.log'));
    assert.ok(files.length >= 10, `log files found: ${files.map((f) => basename(f)).join(', ')}`);
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [name, secret] of secrets) {
        if (text.includes(secret)) found.push(`${basename(file)}: ${name}`);
      }
      const tokens = text.match(JWT)?.length ?? 0;
      if (tokens > 0) found.push(`${basename(file)}: ${tokens} bearer token(s)`);
    }
    // Names only: the message must not print what it looks for.
    assert.deepEqual(found, []);
  });

  it('carry no admin search term and no user’s email address in the lines of the gateway and the services', async () => {
    const { stateDir } = testStack();
    const term = `searched-${randomUUID().slice(0, 8)}`;
    const requestId = `search-${randomUUID()}`;
    const admin = await adminToken();
    for (const q of [term, `${term}@test.clinic.local`]) {
      const answer = await http(gateway(`/users?q=${encodeURIComponent(q)}`), { token: admin, headers: { 'x-request-id': requestId } });
      assert.equal(answer.status, 200);
    }
    const platformLogs = () =>
      globSync(join(stateDir, 'logs', '*.log')).filter((file) => /^(gateway|[a-z]+-service(-\d+)?)\.log$/.test(basename(file)));
    // The request lines are written asynchronously: wait until user-service's are there.
    await eventually('the search requests are logged', async () =>
      platformLogs().some((file) => (readFileSync(file, 'utf8').match(new RegExp(requestId, 'g'))?.length ?? 0) >= 2),
    );
    const found: string[] = [];
    for (const file of platformLogs()) {
      const text = readFileSync(file, 'utf8');
      if (text.includes(term)) found.push(`${basename(file)}: the search term`);
      // Every test user's address is at test.clinic.local (tests/support/identity.ts), also percent-encoded.
      if (/@test\.clinic\.local|%40test\.clinic\.local/i.test(text)) found.push(`${basename(file)}: an email address`);
    }
    assert.deepEqual(found, []);
  });

  it('are readable by their owner only', () => {
    const logs = join(testStack().stateDir, 'logs');
    assert.equal(statSync(logs).mode & 0o777, 0o700, 'the logs directory');
    const readable = globSync(join(logs, '*.log')).filter((file) => (statSync(file).mode & 0o077) !== 0);
    assert.deepEqual(
      readable.map((file) => basename(file)),
      [],
    );
  });
});
