// `npm run test:swarm`: the Docker stack, proven on a real single-node swarm. Installs docker.io when
// missing, starts dockerd when none runs, builds every image air-gapped (deploy/airgap/), initialises
// a swarm, creates the secrets, deploys deploy/swarm/stack.yml (+ stack.no-ipvs.yml where the kernel
// has no IPVS), waits until every service is healthy, runs tests/swarm/*.test.ts through the
// published gateway, and always cleans up: stack, secrets and volumes removed, the swarm left and the
// daemon stopped when this run started them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../devstack/src/profile.ts';
import { STACK, SWARM_ENV_FILE, WORK_DIR, docker, dockerOk, stackServices } from './swarm.ts';

const log = (line: string) => console.log(`[swarm] ${line}`);
const seconds = (since: number) => Math.round((Date.now() - since) / 1000);
const sh = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
};

/** Docker from Debian, and debootstrap for the air-gapped base image. */
function ensureDockerInstalled(): void {
  const missing = [
    ...(existsSync('/usr/sbin/dockerd') && existsSync('/usr/bin/docker') ? [] : ['docker.io']),
    ...(existsSync('/usr/sbin/debootstrap') ? [] : ['debootstrap']),
  ];
  if (missing.length === 0) return;
  log(`installing ${missing.join(' ')} (Debian packages)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) =>
    sh(sudo[0] ?? args[0]!, sudo.length ? args : args.slice(1), { ...process.env, DEBIAN_FRONTEND: 'noninteractive' });
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
}

/** The daemon this run started, if any (stopped at the end). */
let daemon: ChildProcess | undefined;

async function ensureDaemon(): Promise<void> {
  if (dockerOk(['info'])) return;
  log('starting dockerd (logs in .devstack/swarm/dockerd.log)');
  const out = openSync(join(WORK_DIR, 'dockerd.log'), 'a');
  daemon = spawn('dockerd', [], { stdio: ['ignore', out, out], detached: false });
  for (let i = 0; i < 60 && !dockerOk(['info']); i++) await sleep(1_000);
  if (!dockerOk(['info'])) throw new Error('dockerd did not come up; see .devstack/swarm/dockerd.log');
}

let initialisedSwarm = false;
/** Secrets that existed before this run: left alone by the clean-up. */
let secretsBefore = new Set<string>();

function ensureSwarm(): void {
  const state = docker(['info', '--format', '{{.Swarm.LocalNodeState}}']).trim();
  if (state === 'active') return log('using the swarm this node is already part of');
  log('docker swarm init');
  // A single node: advertise the loopback address, so that the choice of interface never matters.
  docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
  initialisedSwarm = true;
}

/** Service VIPs need IPVS in the kernel; without it the dnsrr/host-mode override is used. */
const hasIpvs = () => existsSync('/proc/net/ip_vs');

async function deploy(env: NodeJS.ProcessEnv): Promise<void> {
  const files = ['-c', 'deploy/swarm/stack.yml', ...(hasIpvs() ? [] : ['-c', 'deploy/swarm/stack.no-ipvs.yml'])];
  log(`docker stack deploy ${files.join(' ')} ${STACK}${hasIpvs() ? '' : ' (no IPVS here: DNS round robin, host-mode port)'}`);
  sh('/usr/bin/docker', ['stack', 'deploy', ...files, STACK], env);
}

/** Every service runs as many tasks as it wants, each healthy (a task counts as running only once healthy). */
async function waitHealthy(timeoutMs: number): Promise<void> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    const services = stackServices();
    const pending = services.filter((s) => s.running < s.desired).map((s) => `${s.name} ${s.running}/${s.desired}`);
    if (services.length > 0 && pending.length === 0) return log(`every service healthy after ${seconds(started)} s`);
    const line = pending.join(', ');
    if (line !== last) log(`waiting: ${line}`);
    last = line;
    await sleep(5_000);
  }
  throw new Error(`services not healthy after ${timeoutMs / 1000} s: ${last}`);
}

async function cleanUp(): Promise<void> {
  log('cleaning up');
  dockerOk(['stack', 'rm', STACK]);
  // Volumes and networks can go only once the stack's containers are gone.
  for (let i = 0; i < 60 && docker(['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${STACK}`]).trim(); i++) await sleep(1_000);
  // The secrets the stack file declares (all external, made by create-secrets.sh).
  const declared = readFileSync(join(REPO_ROOT, 'deploy', 'swarm', 'stack.yml'), 'utf8').matchAll(
    /^ {2}([a-z_]+): \{ external: true \}$/gm,
  );
  for (const [, secret] of declared) if (!secretsBefore.has(secret!)) dockerOk(['secret', 'rm', secret!]);
  for (const volume of docker(['volume', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${STACK}`])
    .split('\n')
    .filter(Boolean)) {
    dockerOk(['volume', 'rm', volume]);
  }
  if (initialisedSwarm) {
    log('docker swarm leave');
    dockerOk(['swarm', 'leave', '--force']);
  }
  if (daemon) {
    log('stopping the dockerd this run started');
    daemon.kill('SIGTERM');
    await new Promise((resolve) => (daemon!.exitCode !== null ? resolve(null) : daemon!.once('exit', resolve)));
  }
}

async function main(): Promise<number> {
  mkdirSync(WORK_DIR, { recursive: true });
  // Ctrl-C or a CI timeout still removes the stack and leaves the swarm.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  const started = Date.now();
  ensureDockerInstalled();
  try {
    // Inside the try: a dockerd that never comes up is still stopped by the clean-up.
    await ensureDaemon();
    const building = Date.now();
    sh(process.execPath, [join(REPO_ROOT, 'deploy', 'airgap', 'build-images.ts'), '--write-env', SWARM_ENV_FILE]);
    log(`images ready in ${seconds(building)} s`);
    ensureSwarm();
    const images = Object.fromEntries(
      readFileSync(SWARM_ENV_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('=', 2) as [string, string]),
    );
    const env = { ...process.env, ...images, ...swarmSettings() };
    secretsBefore = new Set(docker(['secret', 'ls', '--format', '{{.Name}}']).split('\n').filter(Boolean));
    sh(join(REPO_ROOT, 'deploy', 'swarm', 'create-secrets.sh'), [], { ...env, DOCKER: '/usr/bin/docker' });
    const deploying = Date.now();
    await deploy(env);
    await waitHealthy(900_000);
    log(`stack deployed and healthy in ${seconds(deploying)} s`);
    const tests = await runTests(env);
    // Each container's memory after the load, to set (and check) the stack's memory limits by.
    log('memory in use per container after the tests:');
    console.log(docker(['stats', '--no-stream', '--format', '  {{.Name}} {{.MemUsage}}']).trimEnd());
    log(`total ${seconds(started)} s`);
    summary = tests.summary;
    return tests.status;
  } finally {
    await cleanUp().catch((error: unknown) => log(`clean-up failed: ${String(error)}`));
  }
}

/** The test run's closing `N passed, N failed` line, printed again last (after the clean-up's lines). */
let summary = '0 passed, 1 failed';

/** Runs the test files, their output passed through; resolves with the exit status and the summary line. */
function runTests(env: NodeJS.ProcessEnv): Promise<{ status: number; summary: string }> {
  const child = spawn(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=./tests/support/summary-reporter.ts',
      '--test-reporter-destination=stdout',
      'tests/swarm/stack.test.ts',
      'tests/swarm/hardening.test.ts',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: REPO_ROOT, env },
  );
  let last = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (/^\d+ passed, \d+ failed/.test(line)) last = line;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ status: code ?? 1, summary: last || '0 passed, 1 failed' })));
}

/** The published port and the first admin's password the tests log in with. */
function swarmSettings(): Record<string, string> {
  const port = process.env.CLINIC_SWARM_PORT ?? '10680';
  return {
    CLINIC_GATEWAY_PORT: port,
    CLINIC_PUBLIC_URL: `http://127.0.0.1:${port}`,
    CLINIC_ADMIN_PASSWORD: process.env.CLINIC_ADMIN_PASSWORD ?? 'Swarm-admin!2026',
    // The tests register many patients from one address.
    CLINIC_REGISTER_RATE_LIMIT_PER_MINUTE: '10000',
    CLINIC_WRITE_RATE_LIMIT_PER_MINUTE: '1000000',
    // Twenty patients book hundreds of times (races, bursts, a rolling update): past the per-patient cap.
    CLINIC_MAX_FUTURE_APPOINTMENTS_PER_PATIENT: '1000000',
    // The swarm test logs in with the clinic-cli password grant, off by default in the stack.
    CLINIC_CLI_PASSWORD_GRANT: 'true',
  };
}

main().then(
  (code) => {
    console.log(summary);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(`[swarm] ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
