import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardedHeaders } from './forwarded-headers.ts';

const spoofed = {
  host: 'gateway.internal',
  accept: 'application/json',
  forwarded: 'for=1.2.3.4;host=evil.example;proto=https',
  'x-forwarded-for': '1.2.3.4',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-port': '443',
  'x-forwarded-prefix': '/evil',
  'x-real-ip': '1.2.3.4',
};
const connection = { id: 'r1', ip: '192.0.2.7', protocol: 'http' };

describe('forwardedHeaders', () => {
  it('replaces what the client claims with the connection’s address and the public origin', () => {
    assert.deepEqual(forwardedHeaders(spoofed, connection, 'http://localhost:8080'), {
      host: 'gateway.internal',
      accept: 'application/json',
      'x-forwarded-for': '192.0.2.7',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'localhost:8080',
      'x-forwarded-port': '8080',
    });
  });

  it('says https when the public origin is (TLS ends in a proxy in front of the gateway)', () => {
    const headers = forwardedHeaders({}, connection, 'https://clinic.example.org');
    assert.equal(headers['x-forwarded-proto'], 'https');
    assert.equal(headers['x-forwarded-host'], 'clinic.example.org');
    assert.equal(headers['x-forwarded-port'], '443');
  });

  it('without a public origin, says only what the connection knows', () => {
    assert.deepEqual(forwardedHeaders(spoofed, connection, undefined), {
      host: 'gateway.internal',
      accept: 'application/json',
      'x-forwarded-for': '192.0.2.7',
      'x-forwarded-proto': 'http',
    });
  });
});
