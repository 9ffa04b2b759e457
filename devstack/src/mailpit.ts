// Mailpit: catches every mail the services send; tests read them through its REST API (/api/v1/...).
import { join } from 'node:path';
import { serverDir, spawnServer, startOrCleanUp, type StartContext, type Started } from './context.ts';
import { httpOk, waitReady, type ManagedProcess } from './process.ts';

export interface MailInfo {
  smtp: { host: string; port: number };
  /** Web UI and REST API base. */
  mailUrl: string;
}

export async function startMailpit(ctx: StartContext): Promise<Started<MailInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'mailpit', ctx.fresh);
  const procs: ManagedProcess[] = [];
  return startOrCleanUp(procs, async () => {
    const proc = spawnServer(ctx, {
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
      ],
      cwd: dir,
    });
    procs.push(proc);
    const mailUrl = `http://127.0.0.1:${ports.mail}`;
    await waitReady({
      name: 'mailpit',
      proc,
      timeoutMs: 30_000,
      signal: ctx.signal,
      ready: () => httpOk(`${mailUrl}/readyz`),
    });
    return {
      name: 'mailpit',
      info: { smtp: { host: '127.0.0.1', port: ports.smtp }, mailUrl },
      stop: () => proc.stop(),
    };
  });
}
