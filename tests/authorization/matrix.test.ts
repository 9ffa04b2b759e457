import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ACTORS, AUTHORIZATION_DOC, MATRIX, authorizationDocument, routeKey } from './matrix.ts';

describe('the authorization matrix', () => {
  it('is what docs/authorization.md shows (run `npm run docs:authorization` after changing it)', async () => {
    assert.equal(readFileSync(AUTHORIZATION_DOC, 'utf8'), await authorizationDocument());
  });

  it('lists each route once, with a status for every kind of caller', () => {
    const keys = MATRIX.map(routeKey);
    assert.deepEqual(
      keys.filter((key, i) => keys.indexOf(key) !== i),
      [],
    );
    for (const route of MATRIX) {
      for (const actor of ACTORS) assert.ok(Number.isInteger(route.expected[actor]), `${routeKey(route)} × ${actor}`);
      // Without a token nothing but the open routes answers.
      assert.ok([200, 201, 401].includes(route.expected.anonymous), routeKey(route));
    }
  });

  it('keeps internal routes to the service account', () => {
    for (const route of MATRIX.filter((r) => r.exposure === 'internal')) {
      for (const actor of ACTORS) assert.equal(route.expected[actor] < 300, actor === 'service', `${routeKey(route)} × ${actor}`);
    }
  });
});
