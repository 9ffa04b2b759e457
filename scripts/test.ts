// Runs every test: unit tests, then integration and end-to-end tests against real servers that the
// global setup starts (tests/support/global-setup.ts). `--unit` runs the unit tests alone, no servers.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const unitOnly = process.argv.includes('--unit');
const patterns = [
  'packages/*/src/**/*.test.ts',
  'services/*/src/**/*.test.ts',
  'services/*/test/**/*.test.ts',
  'devstack/src/**/*.test.ts',
  'tests/e2e/**/*.test.ts',
];
const isUnit = (file: string) => !file.endsWith('.int.test.ts') && !file.startsWith('tests/e2e/');
const files = patterns
  .flatMap((pattern) => globSync(pattern))
  .filter((file) => !unitOnly || isUnit(file))
  .sort();
// Unit tests first: they fail fast and need nothing running.
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
