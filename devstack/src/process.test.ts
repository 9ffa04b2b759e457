import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { spawnManaged } from './process.ts';

describe('spawnManaged’s log files', () => {
  const root = mkdtempSync(join(tmpdir(), 'devstack-process-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const spawnQuiet = (name: string, logDir: string, appendLog = false) =>
    spawnManaged({ name, command: process.execPath, args: ['-e', ''], runDir: join(root, 'run'), logDir, appendLog });

  it('are readable by their owner only, in a directory of the owner’s alone', async () => {
    const logDir = join(root, 'logs');
    const spawned = spawnQuiet('fresh', logDir);
    await spawned.exited;
    assert.equal(statSync(logDir).mode & 0o777, 0o700);
    assert.equal(statSync(spawned.logFile).mode & 0o777, 0o600);
  });

  it('closes a log file and directory an earlier version left readable by everyone', async () => {
    const logDir = join(root, 'old-logs');
    mkdirSync(logDir, { mode: 0o755 });
    chmodSync(logDir, 0o755);
    writeFileSync(join(logDir, 'old.log'), 'earlier lines\n', { mode: 0o644 });
    chmodSync(join(logDir, 'old.log'), 0o644);
    const spawned = spawnQuiet('old', logDir, true);
    await spawned.exited;
    assert.equal(statSync(logDir).mode & 0o777, 0o700);
    assert.equal(statSync(spawned.logFile).mode & 0o777, 0o600);
  });
});
