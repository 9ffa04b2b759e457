import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { clinicTimeZone, ConfigError, loadConfig, serviceConfig } from './config.ts';

const schema = serviceConfig({
  DATABASE_URL: Type.String({ minLength: 1 }),
  CLINIC_TIME_ZONE: clinicTimeZone('Europe/Bucharest', 'test'),
});

describe('loadConfig', () => {
  it('fills defaults and converts numbers', () => {
    const config = loadConfig(schema, { PORT: '3000', DATABASE_URL: 'postgres://x' });
    assert.equal(config.PORT, 3000);
    assert.equal(config.CLINIC_TIME_ZONE, 'Europe/Bucharest');
    assert.equal(config.LOG_LEVEL, 'info');
  });

  it('reads NAME_FILE in place of NAME (Docker secrets), trimmed', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'database_url');
    writeFileSync(file, 'postgres://from-secret\n');
    const config = loadConfig(schema, { PORT: '3000', DATABASE_URL: 'postgres://from-env', DATABASE_URL_FILE: file });
    assert.equal(config.DATABASE_URL, 'postgres://from-secret');
  });

  it('reads a NAME_FILE even when NAME is not set, and converts what it holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'url'), '  postgres://only-in-file  \n');
    writeFileSync(join(dir, 'port'), '8123\n');
    const config = loadConfig(schema, { PORT_FILE: join(dir, 'port'), DATABASE_URL_FILE: join(dir, 'url') });
    assert.equal(config.DATABASE_URL, 'postgres://only-in-file');
    assert.equal(config.PORT, 8123);
  });

  it('refuses a NAME_FILE that cannot be read, naming it and the file, not crashing', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'config-')), 'no-such-secret');
    assert.throws(
      () => loadConfig(schema, { PORT: '3000', DATABASE_URL_FILE: missing }),
      (error: Error) =>
        error instanceof ConfigError &&
        error.message.includes(`DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`) &&
        !/DATABASE_URL: /.test(error.message),
    );
  });

  it('refuses an empty secret file like a missing value', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'empty');
    writeFileSync(file, '\n');
    assert.throws(
      () => loadConfig(schema, { PORT: '3000', DATABASE_URL_FILE: file }),
      (error: Error) => error instanceof ConfigError && /DATABASE_URL/.test(error.message),
    );
  });

  it('refuses an unknown time zone, naming the variable', () => {
    assert.throws(
      () => loadConfig(schema, { PORT: '3000', DATABASE_URL: 'postgres://x', CLINIC_TIME_ZONE: 'Europe/Atlantis' }),
      (error: Error) => error instanceof ConfigError && /CLINIC_TIME_ZONE/.test(error.message),
    );
    assert.equal(
      loadConfig(schema, { PORT: '3000', DATABASE_URL: 'x', CLINIC_TIME_ZONE: 'America/New_York' }).CLINIC_TIME_ZONE,
      'America/New_York',
    );
  });

  it('names every missing or invalid variable at once', () => {
    assert.throws(
      () => loadConfig(schema, { PORT: 'eighty' }),
      (error: Error) => error instanceof ConfigError && /PORT/.test(error.message) && /DATABASE_URL/.test(error.message),
    );
  });
});
