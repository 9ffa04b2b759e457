// MinIO: single-drive server per profile, for the appointment PDFs.
import { join } from 'node:path';
import { clearPause, serverDir, spawnServer, startOrCleanUp, supervise, type StartContext, type Started } from './context.ts';
import { httpOk, waitReady, type ManagedProcess } from './process.ts';

export interface MinioInfo {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  consoleUrl: string;
}

export async function startMinio(ctx: StartContext): Promise<Started<MinioInfo>> {
  const { ports } = ctx.profile;
  const dir = serverDir(ctx, 'minio', ctx.fresh);
  const { minioAccessKey: accessKey, minioSecretKey: secretKey } = ctx.secrets;
  clearPause(ctx, 'minio');
  const procs: ManagedProcess[] = [];
  const spawn = (restart: boolean) =>
    spawnServer(ctx, {
      name: 'minio',
      command: ctx.tools.minio,
      args: [
        'server',
        join(dir, 'data'),
        '--address',
        `127.0.0.1:${ports.minio}`,
        '--console-address',
        `127.0.0.1:${ports.minioConsole}`,
        // Otherwise it creates ~/.minio/certs.
        '--certs-dir',
        join(dir, 'certs'),
      ],
      env: {
        ...process.env,
        MINIO_ROOT_USER: accessKey,
        MINIO_ROOT_PASSWORD: secretKey,
        MINIO_UPDATE: 'off', // no internet here, and no self-updates ever
      },
      cwd: dir,
      appendLog: restart,
    });
  return startOrCleanUp(procs, async () => {
    const proc = spawn(false);
    procs.push(proc);
    const endpoint = `http://127.0.0.1:${ports.minio}`;
    await waitReady({
      name: 'minio',
      proc,
      timeoutMs: 60_000,
      signal: ctx.signal,
      ready: () => httpOk(`${endpoint}/minio/health/ready`),
    });
    const supervised = supervise(ctx, 'minio', proc, () => spawn(true));
    return {
      name: 'minio',
      info: { endpoint, accessKey, secretKey, consoleUrl: `http://127.0.0.1:${ports.minioConsole}` },
      stop: () => supervised.stop(),
    };
  });
}
