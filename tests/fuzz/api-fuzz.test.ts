// API fuzzing: Schemathesis generates requests from every service's OpenAPI document (valid ones,
// and invalid ones at every boundary) and sends them through the gateway, as an admin and as a
// patient. No answer may be a 5xx, and every answer must match what the document says.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { adminToken, registerPatient } from '../support/identity.ts';
import { testStack } from '../support/stack.ts';

// Beside the stacks' state, not inside one: a fresh stack wipes its own folder, the venv is kept.
const venv = fileURLToPath(new URL('../../.devstack/schemathesis', import.meta.url));
const requirements = new URL('./requirements.txt', import.meta.url).pathname;

/**
 * A Python of at least 3.12: on 3.11 the parser Schemathesis' generator calls fails now and then
 * ("AST constructor recursion depth mismatch"), which would count as errors of ours. Looked for on
 * the PATH, then among pyenv's versions, which this kind of machine carries.
 */
function python(): string {
  const pyenv = join(homedir(), '.pyenv', 'versions');
  const candidates = [
    process.env.FUZZ_PYTHON,
    'python3.13',
    'python3.12',
    ...(existsSync(pyenv)
      ? readdirSync(pyenv)
          .sort()
          .reverse()
          .map((version) => join(pyenv, version, 'bin', 'python3'))
      : []),
    'python3',
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find(
    (candidate) => spawnSync(candidate, ['-c', 'import sys; sys.exit(sys.version_info < (3, 12))'], { stdio: 'ignore' }).status === 0,
  );
  assert.ok(found, 'API fuzzing needs Python 3.12 or newer (set FUZZ_PYTHON to its path)');
  return found;
}

/** Schemathesis in a virtualenv of its own, pinned by requirements.txt (PyPI). */
function schemathesis(): string {
  const st = join(venv, 'bin', 'st');
  if (!existsSync(st)) {
    for (const [command, args] of [
      [python(), ['-m', 'venv', venv]],
      [join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]],
    ] as const) {
      const result = spawnSync(command, args, { stdio: 'inherit' });
      assert.equal(result.status, 0, `${command} ${args.join(' ')} failed`);
    }
  }
  return st;
}

// The services whose routes are public; internal routes are not reachable through the gateway at all.
const SERVICES = ['user-service', 'doctor-service', 'appointment-service', 'notification-service'];
const INTERNAL_PATHS = '^/(internal|events)(/|$)';
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';

interface Run {
  status: number | null;
  output: string;
}

function fuzz(service: string, token: string, label: string): Run {
  const { gatewayUrl, stateDir } = testStack();
  const reports = join(stateDir, 'fuzz', `${service}-${label}`);
  mkdirSync(reports, { recursive: true });
  const result = spawnSync(
    schemathesis(),
    [
      'run',
      `${gatewayUrl}/api/openapi/${service}.json`,
      '--url',
      `${gatewayUrl}/api`,
      '--header',
      `Authorization: Bearer ${token}`,
      '--checks',
      CHECKS,
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      process.env.FUZZ_MAX_EXAMPLES ?? '25',
      '--seed',
      process.env.FUZZ_SEED ?? '20261128',
      '--exclude-path-regex',
      INTERNAL_PATHS,
      // Moments are held to real years and offsets by a pattern on top of the date-time format; most
      // drawn date-times miss it, which Hypothesis would otherwise call a failed health check.
      '--suppress-health-check',
      'filter_too_much',
      '--request-timeout',
      '20',
      '--workers',
      '2',
      '--no-color',
      '--report',
      'junit',
      '--report-dir',
      reports,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' } },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The figures Schemathesis closes its run with, e.g. "12 passed, 0 failed" of operations. */
function summary(run: Run): string {
  const lines = run.output.trim().split('\n');
  return lines.slice(-3).join(' | ');
}

describe('API fuzzing through the gateway (Schemathesis)', () => {
  const tokens: Record<string, string> = {};
  before(async () => {
    schemathesis();
    tokens.admin = await adminToken();
    tokens.patient = (await registerPatient('fuzz')).token;
  });

  for (const service of SERVICES) {
    for (const role of ['admin', 'patient'] as const) {
      it(`${service} as ${role}: no 5xx, every answer as documented`, async (t) => {
        const published = await fetch(`${testStack().gatewayUrl}/api/openapi/${service}.json`);
        assert.equal(published.status, 200, `${service} publishes no OpenAPI document through the gateway`);
        const run = fuzz(service, tokens[role]!, role);
        t.diagnostic(summary(run));
        // Schemathesis' own report from its list of failures on, without the generator's tracebacks.
        const failures = run.output.slice(Math.max(0, run.output.indexOf('=== FAILURES')));
        assert.equal(run.status, 0, failures.slice(0, 12_000));
      });
    }
  }
});
