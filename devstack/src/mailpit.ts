// Mailpit: catches every mail the services send; tests read them through its REST API (/api/v1/...).
// It is supervised: started again when it dies, unless paused. Tests pause it to play an SMTP relay
// that is down (pauseMailpit), then resume it (resumeMailpit), from any process of the profile.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverDir, spawnServer, startOrCleanUp, type StartContext, type Started } from './context.ts';
import { httpOk, processAlive, tcpOpen, waitReady, type ManagedProcess } from './process.ts';

export interface MailInfo {
  smtp: { host: string; port: number };
  /** Web UI and REST API base. */
  mailUrl: string;
}

/** While this file exists in the profile's state folder, a stopped Mailpit is not started again. */
const pauseFile = (stateDir: string) => join(stateDir, 'mailpit.paused');

export async function startMailpit(ctx: StartContext): Promise<Started<MailInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'mailpit', ctx.fresh);
  rmSync(pauseFile(ctx.profile.stateDir), { force: true });
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'mailpit',
      command: ctx.tools.mailpit,
      args: [
        '--smtp',
        `127.0.0.1:${ports.smtp}`,
        '--listen',
        `127.0.0.1:${ports.mail}`,
        '--database',
        join(dir, 'mailpit.db'),
        // Services may or may not authenticate: accept both, over plain SMTP.
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--disable-version-check',
        // Test stacks may make the relay refuse messages (PUT /api/v1/chaos) to see what a refusal does.
        ...(ctx.profile.name === 'dev' ? [] : ['--enable-chaos']),
      ],
      cwd: dir,
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    let proc = spawn(false);
    procs.push(proc);
    const mailUrl = `http://127.0.0.1:${ports.mail}`;
    await waitReady({
      name: 'mailpit',
      proc,
      timeoutMs: 30_000,
      signal: ctx.signal,
      ready: () => httpOk(`${mailUrl}/readyz`),
    });
    let stopping = false;
    const supervise = async () => {
      while (!stopping) {
        await proc.exited;
        while (!stopping && existsSync(pauseFile(ctx.profile.stateDir))) await sleep(200);
        if (stopping) return;
        ctx.log('mailpit: starting it again');
        proc = spawn(true);
      }
    };
    const supervisor = supervise();
    return {
      name: 'mailpit',
      info: { smtp: { host: '127.0.0.1', port: ports.smtp }, mailUrl },
      stop: async () => {
        stopping = true;
        await proc.stop();
        await supervisor;
        rmSync(pauseFile(ctx.profile.stateDir), { force: true });
      },
    };
  });
}

/** Stops the profile's Mailpit and keeps it stopped (SMTP refuses connections) until resumeMailpit(). */
export async function pauseMailpit(stateDir: string, smtpPort: number): Promise<void> {
  writeFileSync(pauseFile(stateDir), `${new Date().toISOString()}\n`);
  const { pid, startTime } = JSON.parse(readFileSync(join(stateDir, 'run', 'mailpit.pid'), 'utf8')) as { pid: number; startTime: number };
  if (processAlive(pid, startTime)) process.kill(pid, 'SIGTERM');
  while ((processAlive(pid, startTime) || (await tcpOpen(smtpPort))) && existsSync(pauseFile(stateDir))) await sleep(100);
}

/** Lets the supervisor start Mailpit again, and waits until it takes mail. */
export async function resumeMailpit(stateDir: string, mailUrl: string): Promise<void> {
  rmSync(pauseFile(stateDir), { force: true });
  for (const deadline = Date.now() + 30_000; !(await httpOk(`${mailUrl}/readyz`).catch(() => false)); await sleep(200)) {
    if (Date.now() > deadline) throw new Error('mailpit did not start again within 30 s');
  }
}
