// Runs every test: unit tests, then integration and end-to-end tests against real servers that the
// global setup starts (tests/support/global-setup.ts). `--unit` runs the unit tests alone, no servers;
// file arguments run only those files.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const unitOnly = process.argv.includes('--unit');
// `npm test -- some/file.test.ts …` runs only those files (still against the full stack).
const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const patterns = [
  'packages/*/src/**/*.test.ts',
  'services/*/src/**/*.test.ts',
  'services/*/test/**/*.test.ts',
  'devstack/src/**/*.test.ts',
  'scripts/**/*.test.ts',
  // The web app's Vitest suite, run by one node:test file that reports each of its tests.
  'apps/*/test/**/*.test.ts',
  'tests/architecture/**/*.test.ts',
  'tests/authorization/**/*.test.ts',
  'tests/e2e/**/*.test.ts',
];
const isUnit = (file: string) => !file.endsWith('.int.test.ts') && !file.startsWith('tests/e2e/');
const files = (chosen.length > 0 ? chosen : patterns.flatMap((pattern) => globSync(pattern)))
  .filter((file) => !unitOnly || isUnit(file))
  .sort();
// Unit tests first: they fail fast and need nothing running. (node --test runs the files in path
// order whatever this order is; tests/e2e/zz-logs-carry-no-secrets.test.ts is named to come last.)
files.sort((a, b) => Number(!isUnit(a)) - Number(!isUnit(b)));

const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    ...(unitOnly ? [] : ['--test-global-setup=tests/support/global-setup.ts']),
    '--test-reporter=./tests/support/summary-reporter.ts',
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
