// What the swarm test and its runner share: the docker client, the stack's name, its services' state.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../devstack/src/profile.ts';

export const STACK = 'clinic';
export const WORK_DIR = join(REPO_ROOT, '.devstack', 'swarm');
export const SWARM_ENV_FILE = join(WORK_DIR, 'images.env');

/** Runs Debian's docker client; its output, or an error with it. */
export function docker(args: string[]): string {
  const result = spawnSync('/usr/bin/docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function dockerOk(args: string[]): boolean {
  return spawnSync('/usr/bin/docker', args, { stdio: 'ignore' }).status === 0;
}

export interface ServiceState {
  name: string;
  desired: number;
  running: number;
}

/** Each service of the stack with its desired and running (healthy) task counts. */
export function stackServices(): ServiceState[] {
  return docker(['service', 'ls', '--filter', `label=com.docker.stack.namespace=${STACK}`, '--format', '{{.Name}} {{.Replicas}}'])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, replicas] = line.split(' ');
      const [running, desired] = replicas!.split('/').map(Number);
      return { name: name!, running: running!, desired: desired! };
    });
}

/** Ids of the running containers of one service of the stack. */
export function containersOf(service: string): string[] {
  return docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${STACK}_${service}`])
    .split('\n')
    .filter(Boolean);
}

/** Runs a Node one-liner inside a running container of a service (every service image has Node). */
export function nodeIn(service: string, script: string): { ok: boolean; output: string } {
  const [container] = containersOf(service);
  if (!container) throw new Error(`no running container of ${service}`);
  const result = spawnSync('/usr/bin/docker', ['exec', container, 'node', '-e', script], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Like docker(), without blocking the event loop: requests in flight go on meanwhile. */
export function dockerAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`docker ${args.join(' ')} failed (exit ${code}): ${output}`)),
    );
  });
}
