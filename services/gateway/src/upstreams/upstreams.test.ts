import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectionRefused, replicaPicker, resolvingReplicas, upstreams } from './upstreams.ts';

const replicas = ['http://a', 'http://b', 'http://c'];

describe('replicaPicker', () => {
  it('takes the replicas in turn', () => {
    const picker = replicaPicker(replicas);
    assert.deepEqual(
      Array.from({ length: 6 }, () => picker.pick()),
      [...replicas, ...replicas],
    );
  });

  it('passes over an unreachable replica until its quarantine ends', () => {
    let now = 0;
    const picker = replicaPicker(replicas, 5_000, () => now);
    picker.markUnreachable('http://b');
    assert.deepEqual(
      Array.from({ length: 4 }, () => picker.pick()),
      ['http://a', 'http://c', 'http://a', 'http://c'],
    );
    now = 5_000;
    assert.ok(Array.from({ length: 3 }, () => picker.pick()).includes('http://b'));
  });

  it('still answers with some replica when every one looks unreachable', () => {
    const picker = replicaPicker(replicas, 5_000, () => 0);
    for (const url of replicas) picker.markUnreachable(url);
    assert.ok(replicas.includes(picker.pick()));
  });
});

describe('replicaPicker.another', () => {
  it('answers a replica not yet tried, those that refused recently last, and none once all were tried', () => {
    const picker = replicaPicker(replicas, 5_000, () => 0);
    picker.markUnreachable('http://b');
    assert.equal(picker.another(new Set(['http://a'])), 'http://c');
    assert.equal(picker.another(new Set(['http://a', 'http://c'])), 'http://b');
    assert.equal(picker.another(new Set(replicas)), undefined);
  });

  it('spreads the second tries over the other replicas in turn', () => {
    const picker = replicaPicker(replicas);
    const tried = new Set(['http://a']);
    assert.deepEqual(new Set(Array.from({ length: 4 }, () => picker.another(tried))), new Set(['http://b', 'http://c']));
  });
});

describe('isConnectionRefused', () => {
  const failure = (code: string) => Object.assign(new Error('proxy failed'), { cause: Object.assign(new Error(code), { code }) });

  it('holds for a refused connection only: a reset or a timeout may have reached the replica', () => {
    assert.equal(isConnectionRefused(failure('ECONNREFUSED')), true);
    assert.equal(isConnectionRefused(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), true);
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']) {
      assert.equal(isConnectionRefused(failure(code)), false, code);
    }
  });
});

describe('resolvingReplicas', () => {
  it('stands a named URL for every address the name resolves to, in a stable order', async () => {
    const set = resolvingReplicas(['http://appointment-service:3000'], 0, async () => ['10.0.1.7', '10.0.1.5', '10.0.1.7']);
    await set.refresh();
    assert.deepEqual(set.current(), ['http://10.0.1.5:3000', 'http://10.0.1.7:3000']);
  });

  it('follows the tasks as they come and go', async () => {
    let addresses = ['10.0.1.5', '10.0.1.6'];
    const set = resolvingReplicas(['http://appointment-service:3000'], 0, async () => addresses);
    await set.refresh();
    addresses = ['10.0.1.6', '10.0.1.9'];
    await set.refresh();
    assert.deepEqual(set.current(), ['http://10.0.1.6:3000', 'http://10.0.1.9:3000']);
  });

  it('keeps the last addresses known when a look-up fails or finds nothing', async () => {
    let answer: () => Promise<string[]> = async () => ['10.0.1.5'];
    const set = resolvingReplicas(['http://appointment-service:3000'], 0, () => answer());
    await set.refresh();
    answer = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    await set.refresh();
    answer = async () => [];
    await set.refresh();
    assert.deepEqual(set.current(), ['http://10.0.1.5:3000']);
  });

  it('leaves address URLs as they are and uses them before any look-up', () => {
    const set = resolvingReplicas(['http://127.0.0.1:8111', 'http://appointment-service:3000'], 0, async () => ['10.0.1.5']);
    assert.deepEqual(set.current(), ['http://127.0.0.1:8111', 'http://appointment-service:3000']);
  });

  it('lets the picker see the current set on every pick', async () => {
    let addresses = ['10.0.1.5'];
    const set = resolvingReplicas(['http://appointment-service:3000'], 0, async () => addresses);
    const picker = replicaPicker(() => set.current());
    await set.refresh();
    assert.equal(picker.pick(), 'http://10.0.1.5:3000');
    addresses = ['10.0.1.8'];
    await set.refresh();
    assert.equal(picker.pick(), 'http://10.0.1.8:3000');
  });
});

describe('upstreams', () => {
  const base = { USER_SERVICE_URL: 'http://users', KEYCLOAK_URL: 'http://kc/auth' } as Parameters<typeof upstreams>[0];

  it('balances /notifications over every notification-service replica named', () => {
    const notifications = upstreams({ ...base, NOTIFICATION_SERVICE_URLS: 'http://n1, http://n2' }).find(
      (u) => u.name === 'notification-service',
    );
    assert.deepEqual(notifications, { name: 'notification-service', urls: ['http://n1', 'http://n2'], prefixes: ['/notifications'] });
  });

  it('still takes a single NOTIFICATION_SERVICE_URL, and leaves notifications out when neither is set', () => {
    const single = upstreams({ ...base, NOTIFICATION_SERVICE_URL: 'http://n' }).find((u) => u.name === 'notification-service');
    assert.deepEqual(single?.urls, ['http://n']);
    assert.equal(
      upstreams(base).some((u) => u.name === 'notification-service'),
      false,
    );
  });
});
