// The architecture rules of .dependency-cruiser.cjs, run through dependency-cruiser's API on tiny trees
// written to a temporary folder: a clean tree passes, and each kind of break is reported by its rule.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const configFile = resolve(import.meta.dirname, '../../.dependency-cruiser.cjs');
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A service `a` with two capability folders, a service `b`, a package and an app, breaking no rule. */
const cleanTree: Record<string, string> = {
  'packages/kit/src/index.ts': 'export const kit = 1;\n',
  'services/a/src/main.ts': "import { build } from './app.ts';\nexport const main = build;\n",
  'services/a/src/app.ts':
    "import { book } from './booking/index.ts';\nimport { offer } from './waitlist/index.ts';\n" +
    "import { limit } from './config.ts';\nexport const build = () => [book, offer, limit];\n",
  'services/a/src/config.ts': 'export const limit = 3;\n',
  'services/a/src/booking/index.ts': "export { book } from './worker.ts';\nexport type { Decision } from './decision.ts';\n",
  'services/a/src/booking/decision.ts': "export type Decision = 'BOOKED' | 'REFUSED';\n",
  'services/a/src/booking/worker.ts':
    "import { kit } from '../../../../packages/kit/src/index.ts';\nimport { offer } from '../waitlist/index.ts';\n" +
    "import { limit } from '../config.ts';\nimport type { Decision } from './decision.ts';\n" +
    "export const book = (): Decision => (offer() + kit > limit ? 'REFUSED' : 'BOOKED');\n",
  'services/a/src/waitlist/index.ts': "export { offer } from './offers.ts';\n",
  'services/a/src/waitlist/offers.ts': "import { limit } from '../config.ts';\nexport const offer = () => limit;\n",
  // Tests may import a folder's internals.
  'services/a/src/waitlist/offers.test.ts': "import { book } from '../booking/worker.ts';\nexport const t = book;\n",
  'services/a/test/booking.int.test.ts': "import { book } from '../src/booking/worker.ts';\nexport const t = book;\n",
  'services/b/src/main.ts': "import { kit } from '../../../packages/kit/src/index.ts';\nexport const main = kit;\n",
  'apps/web/src/main.ts': "import { kit } from '../../../packages/kit/src/index.ts';\nexport const app = kit;\n",
};

async function violations(changes: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'architecture-rules-'));
  roots.push(root);
  for (const [file, text] of Object.entries({ ...cleanTree, ...changes })) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const options = await extractDepcruiseOptions(configFile);
  const { output } = await cruise(['services', 'packages', 'apps'], { ...options, baseDir: root, validate: true });
  const result = output as ICruiseResult;
  assert.ok(result.summary.totalCruised >= Object.keys(cleanTree).length, 'the fixture tree was cruised');
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

test('a clean tree breaks no rule (test files may import internals)', async () => {
  assert.deepEqual(await violations({}), []);
});

test('an import cycle is reported, even through a type-only import', async () => {
  const found = await violations({
    'services/a/src/waitlist/offers.ts':
      "import { limit } from '../config.ts';\nimport type { Decision } from '../booking/index.ts';\n" +
      'export const offer = (_d?: Decision) => limit;\n',
  });
  assert.ok(
    found.some((v) => v.startsWith('no-circular:')),
    found.join('\n'),
  );
});

test('a service importing another service is reported', async () => {
  const found = await violations({
    'services/b/src/main.ts': "import { limit } from '../../a/src/config.ts';\nexport const main = limit;\n",
  });
  assert.deepEqual(found, ['services-are-independent: services/b/src/main.ts → services/a/src/config.ts']);
});

test('a package importing a service, and an app importing a service, are reported', async () => {
  const found = await violations({
    'packages/kit/src/index.ts': "import { limit } from '../../../services/a/src/config.ts';\nexport const kit = limit;\n",
    'apps/web/src/main.ts': "import { limit } from '../../../services/a/src/config.ts';\nexport const app = limit;\n",
  });
  assert.deepEqual(found.sort(), [
    'apps-import-no-service: apps/web/src/main.ts → services/a/src/config.ts',
    'packages-import-no-service-or-app: packages/kit/src/index.ts → services/a/src/config.ts',
  ]);
});

test('config.ts importing a capability folder is reported, even through its index.ts', async () => {
  const found = await violations({
    'services/a/src/config.ts': "import type { Decision } from './booking/index.ts';\nexport const limit = 3;\nexport type D = Decision;\n",
  });
  assert.ok(found.includes('config-imports-no-folder: services/a/src/config.ts → services/a/src/booking/index.ts'), found.join('\n'));
});

test("an import of a folder's internal file from outside the folder is reported", async () => {
  const found = await violations({
    'services/a/src/app.ts':
      "import { book } from './booking/worker.ts';\nimport { offer } from './waitlist/index.ts';\n" +
      "import { limit } from './config.ts';\nexport const build = () => [book, offer, limit];\n",
    'services/a/src/people/index.ts': "export { decided } from './directory.ts';\n",
    'services/a/src/people/directory.ts':
      "import type { Decision } from '../booking/decision.ts';\nexport const decided = (d: Decision) => d;\n",
  });
  assert.deepEqual(found.sort(), [
    'capability-entry-between-folders: services/a/src/people/directory.ts → services/a/src/booking/decision.ts',
    'capability-entry-from-top-level: services/a/src/app.ts → services/a/src/booking/worker.ts',
  ]);
});
