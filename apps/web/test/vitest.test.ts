// The web app's Vitest tests (jsdom, React) as part of `npm test`: Vitest runs them in its own process,
// and each of its results becomes a test here, so the closing `N passed, N failed` line counts them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

interface VitestReport {
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vitest-'));
const reportFile = join(scratch, 'report.json');
const vitest = spawnSync(
  process.execPath,
  [join(webRoot, '..', '..', 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', `--outputFile=${reportFile}`],
  // NODE_ENV as Vitest sets it: a test run that built the web app first inherits Vite's `production`,
  // under which React has no `act` and Vite refuses `node:` imports.
  { cwd: webRoot, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } },
);
let report: VitestReport | undefined;
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
} catch {
  report = undefined;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

describe('web app (Vitest)', () => {
  if (!report) {
    it('runs', () => assert.fail(`vitest wrote no report (exit ${vitest.status}):\n${vitest.stderr}\n${vitest.stdout}`));
    return;
  }
  for (const file of report.testResults) {
    const name = file.name.slice(webRoot.length);
    if (file.assertionResults.length === 0) it(`${name} loads`, () => assert.fail(`no test ran in ${name}`));
    for (const result of file.assertionResults) {
      it(`${name} › ${result.fullName}`, () => {
        if (result.status !== 'passed') assert.fail(result.failureMessages.join('\n') || result.status);
      });
    }
  }
});
