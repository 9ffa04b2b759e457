// Mailpit: catches every mail the services send; tests read them through its REST API (/api/v1/...).
// It is supervised: started again when it dies, unless paused. Tests pause it to play an SMTP relay
// that is down (pauseMailpit), then resume it (resumeMailpit), from any process of the profile.
import { join } from 'node:path';
import { clearPause, serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { httpOk, pauseServer, resumeServer, waitReady, type ManagedProcess } from './process.ts';

export interface MailInfo {
  smtp: { host: string; port: number };
  /** Web UI and REST API base. */
  mailUrl: string;
}

export async function startMailpit(ctx: StartContext): Promise<Started<MailInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'mailpit', ctx.fresh);
  clearPause(ctx, 'mailpit');
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
    const proc = spawn(false);
    procs.push(proc);
    const mailUrl = `http://127.0.0.1:${ports.mail}`;
    await waitReady({
      name: 'mailpit',
      proc,
      timeoutMs: 30_000,
      signal: ctx.signal,
      ready: () => httpOk(`${mailUrl}/readyz`),
    });
    const supervised = supervise(ctx, 'mailpit', proc, () => spawn(true));
    return {
      name: 'mailpit',
      info: { smtp: { host: '127.0.0.1', port: ports.smtp }, mailUrl },
      stop: () => supervised.stop(),
    };
  });
}

/** Stops the profile's Mailpit and keeps it stopped (SMTP refuses connections) until resumeMailpit(). */
export const pauseMailpit = (stateDir: string) => pauseServer(stateDir, 'mailpit');

/** Lets the supervisor start Mailpit again, and waits until it takes mail. */
export const resumeMailpit = (stateDir: string, mailUrl: string) =>
  resumeServer(stateDir, 'mailpit', () => httpOk(`${mailUrl}/readyz`), 30_000);
