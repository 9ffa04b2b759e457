import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SERVICE_NODE_OPTIONS } from '../../../../devstack/src/platform.ts';

const run = promisify(execFile);

/** The fixture under the services' own V8 flags (--expose-gc among them): its resident set after the PDFs and after 3 s of quiet. */
async function residentSet(mode: 'trim' | 'no-trim') {
  const fixture = new URL('./memory-trim.fixture.ts', import.meta.url).pathname;
  const { stdout } = await run(
    process.execPath,
    [...SERVICE_NODE_OPTIONS.split(' '), '--disable-warning=ExperimentalWarning', fixture, mode],
    {
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as { afterWorkMb: number; afterQuietMb: number };
}

describe('memory trim (service-kit) on a replica’s PDF work', () => {
  it('gives back what 600 PDFs left behind once the process is quiet; without it the memory stays', { timeout: 120_000 }, async () => {
    const kept = await residentSet('no-trim');
    const trimmed = await residentSet('trim');
    assert.ok(kept.afterQuietMb > kept.afterWorkMb - 5, `without the trim: ${JSON.stringify(kept)}`);
    assert.ok(trimmed.afterQuietMb < trimmed.afterWorkMb - 20, `with the trim: ${JSON.stringify(trimmed)}`);
  });
});
