import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVICE_MALLOC_ARENA_MAX, SERVICE_NODE_OPTIONS } from './platform.ts';
import { REPO_ROOT } from './profile.ts';

describe('the services’ memory bounds', () => {
  it('are the same in the devstack and in the images', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'deploy', 'docker', 'service.Dockerfile'), 'utf8');
    assert.equal(/NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1], SERVICE_NODE_OPTIONS);
    assert.equal(/MALLOC_ARENA_MAX=(\S+)/.exec(dockerfile)?.[1], SERVICE_MALLOC_ARENA_MAX);
  });
});
