// PostgreSQL with TLS in a local stack (CLINIC_POSTGRES_TLS=on), the way the Swarm stack runs it: a
// certificate authority of the stack's own signs the server's certificate (the same openssl steps as
// deploy/swarm/create-secrets.sh), the server admits TCP clients over TLS only, and every client
// verifies the certificate and the name in it against that authority (sslmode=verify-full).
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process.ts';
import type { StackProfile } from './profile.ts';

/** The stack's PostgreSQL speaks TLS only; off unless CLINIC_POSTGRES_TLS=on. */
export const postgresTls = (): boolean => process.env.CLINIC_POSTGRES_TLS === 'on';

/** The authority every client verifies the server's certificate against: <stateDir>/postgres-tls/ca.crt. */
export const postgresCaFile = (profile: Pick<StackProfile, 'stateDir'>): string => join(profile.stateDir, 'postgres-tls', 'ca.crt');

/** The names clients reach a local stack's PostgreSQL by, and so the names its certificate is for. */
const SERVER_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n';

/**
 * The authority and the server's certificate and key in <stateDir>/postgres-tls, made on the first
 * start with TLS and kept afterwards (a client configured with the authority keeps working). The
 * authority's key signs once and is thrown away, as in create-secrets.sh.
 */
async function ensureCertificates(profile: Pick<StackProfile, 'stateDir'>): Promise<string> {
  const dir = join(profile.stateDir, 'postgres-tls');
  if (['ca.crt', 'server.crt', 'server.key'].every((file) => existsSync(join(dir, file)))) return dir;
  mkdirSync(profile.stateDir, { recursive: true });
  const work = mkdtempSync(join(profile.stateDir, 'postgres-tls.tmp-'));
  try {
    const openssl = (args: string[]) => run('openssl', args, { cwd: work });
    await openssl(
      ['req', '-x509', '-new', '-nodes', '-newkey', 'rsa:3072', '-sha256', '-days', '3650'].concat([
        '-subj',
        '/CN=Clinic Booking local database CA',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
      ]),
    );
    await openssl([
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'rsa:3072',
      '-sha256',
      '-subj',
      '/CN=localhost',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
    ]);
    writeFileSync(join(work, 'ext'), SERVER_NAMES);
    await openssl(
      ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '825', '-sha256'].concat([
        '-extfile',
        'ext',
        '-out',
        'server.crt',
      ]),
    );
    for (const file of ['ca.key', 'ca.srl', 'server.csr', 'ext']) rmSync(join(work, file), { force: true });
    rmSync(dir, { recursive: true, force: true });
    // The authority is public (any local client may read it); the server's key stays 0600.
    chmodSync(work, 0o755);
    renameSync(work, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

export interface ServerTls {
  /** The `-c` settings that turn TLS on, and make pg_hba admit TCP clients over TLS only. */
  settings: Record<string, string>;
  caFile: string;
}

/**
 * Makes what the server needs beside its data directory `root` (which the postgres user can read, unlike
 * perhaps the state directory): its certificate, its key (the server refuses a key others can read)
 * and the pg_hba file that has no `host` line, so a plain-text connection is refused ("no pg_hba.conf
 * entry ... no encryption"). The data directory's own pg_hba.conf stays as initdb wrote it, for
 * starts without TLS.
 */
export async function serverTls(
  profile: Pick<StackProfile, 'stateDir'>,
  root: string,
  user: { uid: number; gid: number } | undefined,
): Promise<ServerTls> {
  const source = await ensureCertificates(profile);
  const target = join(root, 'tls');
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const hba = join(target, 'pg_hba.conf');
  writeFileSync(
    hba,
    [
      '# Written by the devstack at each start with CLINIC_POSTGRES_TLS=on.',
      '# The socket in the data directory: the server is its own user’s machine.',
      'local all all scram-sha-256',
      '# TCP: TLS and a password; no `host` line, so a plain-text connection is refused.',
      'hostssl all all 127.0.0.1/32 scram-sha-256',
      'hostssl all all ::1/128 scram-sha-256',
      '',
    ].join('\n'),
  );
  for (const file of ['server.crt', 'server.key']) copyFileSync(join(source, file), join(target, file));
  chmodSync(join(target, 'server.key'), 0o600);
  for (const file of ['server.crt', 'server.key', 'pg_hba.conf']) {
    if (user) chownSync(join(target, file), user.uid, user.gid);
  }
  if (user) chownSync(target, user.uid, user.gid);
  return {
    caFile: join(source, 'ca.crt'),
    settings: {
      ssl: 'on',
      ssl_cert_file: join(target, 'server.crt'),
      ssl_key_file: join(target, 'server.key'),
      hba_file: hba,
    },
  };
}

/** A postgres:// URL that connects over TLS only, verifying the server against `caFile` (node-postgres and libpq both read these). */
export function withTls(url: string, caFile: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('sslmode', 'verify-full');
  parsed.searchParams.set('sslrootcert', caFile);
  return parsed.toString();
}
