import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDependencyUnavailable } from './errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it('recognises PostgreSQL shutting down, starting up or dropping the connection', () => {
    assert.equal(isDependencyUnavailable(withCode('terminating connection due to administrator command', '57P01')), true);
    assert.equal(isDependencyUnavailable(withCode('the database system is shutting down', '57P03')), true);
    assert.equal(isDependencyUnavailable(withCode('connection failure', '08006')), true);
    assert.equal(isDependencyUnavailable(new Error('Connection terminated unexpectedly')), true);
  });

  it('recognises refused and reset sockets, also when wrapped as a cause', () => {
    assert.equal(isDependencyUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')), true);
    assert.equal(isDependencyUnavailable(new TypeError('fetch failed', { cause: withCode('socket hang up', 'ECONNRESET') })), true);
  });

  it('leaves bugs and constraint violations alone', () => {
    assert.equal(isDependencyUnavailable(withCode('duplicate key value violates unique constraint', '23505')), false);
    assert.equal(isDependencyUnavailable(withCode('syntax error at or near "SELEC"', '42601')), false);
    assert.equal(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isDependencyUnavailable('a string'), false);
  });
});
