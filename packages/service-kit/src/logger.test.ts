import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { createLogger, redactEmails, redactUrl } from './logger.ts';

/** A logger whose lines are kept, parsed. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('logger-test', 'info', destination), lines };
}

describe('what log lines may carry', () => {
  it('blanks an admin’s search term, emails and credentials in a URL', () => {
    assert.equal(redactUrl('/users?q=popescu&limit=20'), '/users?q=[redacted]&limit=20');
    assert.equal(
      redactUrl('/appointments/links/eyJpIjoiMTExMTExMTEtMTEx~Zm9vYmFyYmF6cXV4cXV1eA/cancel'),
      '/appointments/links/[redacted]/cancel',
    );
    assert.equal(redactUrl('/a/eyJpIjoiMTExMTExMTEtMTEx~Zm9vYmFyYmF6cXV4cXV1eA?x=1'), '/a/[redacted]?x=1');
    assert.equal(redactUrl('/users?limit=20&role=PATIENT&q=ana%40example.com'), '/users?limit=20&role=PATIENT&q=[redacted]');
    assert.equal(
      redactUrl('/auth/realms/clinic/protocol/openid-connect/auth?client_id=clinic-web&login_hint=ana%40example.com&code=abc'),
      '/auth/realms/clinic/protocol/openid-connect/auth?client_id=clinic-web&login_hint=[redacted]&code=[redacted]',
    );
    assert.equal(
      redactUrl(
        '/auth/realms/clinic/login-actions/authenticate?session_code=Ae-P&execution=8bd9&client_id=clinic-web&client_data=eyJydSI6',
      ),
      '/auth/realms/clinic/login-actions/authenticate?session_code=[redacted]&execution=8bd9&client_id=clinic-web&client_data=[redacted]',
      'the login pages’ session code and client data',
    );
    assert.equal(
      redactUrl('/auth/realms/clinic/login-actions/action-token?key=eyJhbGciOi.eyJleHAi.sig&client_id=clinic-web'),
      '/auth/realms/clinic/login-actions/action-token?key=[redacted]&client_id=clinic-web',
      'an emailed reset or verification link’s action token',
    );
    assert.equal(redactUrl('/some/path/ana.pop+x@example.com/more'), '/some/path/[email]/more');
    assert.equal(redactUrl('/doctors?specialization=cardio&limit=5'), '/doctors?specialization=cardio&limit=5', 'other parameters stay');
  });

  it('replaces every email address in a text', () => {
    assert.equal(
      redactEmails('550 5.1.1 <ana.pop@example.com>: Recipient address rejected'),
      '550 5.1.1 <[email]>: Recipient address rejected',
    );
  });

  it('writes the request line and errors without the search term or the email', () => {
    const { logger, lines } = capturedLogger();
    logger.info({ req: { method: 'GET', url: '/users?q=ana%40example.com' } }, 'request completed');
    const error = Object.assign(new Error('duplicate key for ana@example.com'), {
      detail: 'Key (lower(email))=(ana@example.com) already exists.',
    });
    logger.error({ err: error }, 'request failed');
    logger.flush();
    const text = JSON.stringify(lines);
    assert.ok(!text.includes('ana'), text);
    assert.equal((lines[0]!.req as { url: string }).url, '/users?q=[redacted]');
    assert.match(JSON.stringify(lines[1]!.err), /\[email\]/);
  });
});
