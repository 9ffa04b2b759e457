import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVICE_MALLOC_ARENA_MAX, SERVICE_NODE_OPTIONS, STRIP_HOOKS } from './platform.ts';
import { REPO_ROOT } from './profile.ts';

describe('the services’ memory bounds', () => {
  it('are the same in the devstack and in the images, which load the modules stripped ahead too', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'deploy', 'docker', 'service.Dockerfile'), 'utf8');
    assert.equal(/NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1], `${SERVICE_NODE_OPTIONS} --import=/app/${STRIP_HOOKS}`);
    assert.match(dockerfile, /RUN node packages\/service-kit\/strip\/strip-ahead\.ts \/app\/\.stripped packages services/);
    assert.match(dockerfile, /CLINIC_STRIPPED_SOURCES=\/app\/\.stripped/);
    assert.equal(/MALLOC_ARENA_MAX=(\S+)/.exec(dockerfile)?.[1], SERVICE_MALLOC_ARENA_MAX);
  });
});
