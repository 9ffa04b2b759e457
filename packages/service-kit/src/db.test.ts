import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseConnection } from './db.ts';

describe('databaseConnection', () => {
  it('connects in plain text when no certificate authority is configured (the local devstack)', () => {
    assert.equal(databaseConnection({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/clinic' }), 'postgres://u:p@127.0.0.1:5432/clinic');
  });

  it('connects with TLS, verifying the server against the configured authority, when one is given', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    assert.deepEqual(databaseConnection({ DATABASE_URL: 'postgres://u:p@postgres:5432/clinic', DATABASE_CA: ca }), {
      connectionString: 'postgres://u:p@postgres:5432/clinic',
      ssl: { ca, rejectUnauthorized: true },
    });
  });
});
