import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jaegerClient } from './jaeger-client.ts';

describe('Jaeger’s query API client', () => {
  it('answers a retryable 503 when no Jaeger is configured or none listens', async () => {
    for (const client of [jaegerClient(undefined), jaegerClient('http://127.0.0.1:1', 2_000)]) {
      await assert.rejects(client.trace('0af7651916cd43dd8448eb211c80319c'), (error: { statusCode?: number; code?: string }) => {
        assert.equal(error.statusCode, 503);
        assert.equal(error.code, 'UNAVAILABLE');
        return true;
      });
    }
  });
});
