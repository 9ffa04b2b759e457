// Backup and restore of the local platform's data: the clinic database of PostgreSQL (pg_dump in
// custom format, by the Debian client tools of the running server's major version) and every object
// of MinIO (copied through its S3 API), into backups/<timestamp>/ with a manifest.json.
//
//   npm run backup [-- --profile test-5]                 → backups/<timestamp>/
//   npm run restore [-- <backup dir>] [--profile test-5] → the newest backup unless a folder is given
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client as MinioClient, type BucketItem } from 'minio';
import pg from 'pg';
import { postgresCaFile, postgresTls, REPO_ROOT, stackProfile, type ProfileName, type StackProfile } from '../devstack/src/index.ts';
import { run } from '../devstack/src/process.ts';
import { loadSecrets } from '../devstack/src/profile.ts';

export interface Manifest {
  profile: string;
  createdAt: string;
  postgres: { database: string; file: string; serverVersion: string; rows: Record<string, number> };
  minio: { objects: Array<{ bucket: string; key: string; size: number; file: string }> };
}

export const BACKUPS_DIR = join(REPO_ROOT, 'backups');

function connection(profile: StackProfile) {
  const secrets = loadSecrets(profile);
  const minio = new MinioClient({
    endPoint: '127.0.0.1',
    port: profile.ports.minio,
    useSSL: false,
    accessKey: secrets.minioAccessKey,
    secretKey: secrets.minioSecretKey,
  });
  const pgEnv = {
    ...process.env,
    PGHOST: '127.0.0.1',
    PGPORT: String(profile.ports.postgres),
    PGUSER: 'postgres',
    PGPASSWORD: secrets.postgresSuperuser,
    PGDATABASE: 'clinic',
    // A stack started with CLINIC_POSTGRES_TLS=on admits TLS clients only, verified against its authority.
    ...(postgresTls() ? { PGSSLMODE: 'verify-full', PGSSLROOTCERT: postgresCaFile(profile) } : {}),
  };
  return { minio, pgEnv };
}

/** The running server's version, and the Debian client tools of its major version (pg_dump refuses a newer server). */
async function serverTools(pgEnv: NodeJS.ProcessEnv): Promise<{ version: string; bin: string; rows: Record<string, number> }> {
  const db = new pg.Client({
    host: pgEnv.PGHOST,
    port: Number(pgEnv.PGPORT),
    user: 'postgres',
    password: pgEnv.PGPASSWORD,
    database: 'clinic',
    ...(pgEnv.PGSSLROOTCERT ? { ssl: { ca: readFileSync(pgEnv.PGSSLROOTCERT, 'utf8') } } : {}),
  });
  await db.connect();
  try {
    const version = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const bin = `/usr/lib/postgresql/${version.split('.')[0]}/bin`;
    if (!existsSync(join(bin, 'pg_dump')))
      throw new Error(`no pg_dump for PostgreSQL ${version} in ${bin} (apt-get install postgresql-client)`);
    // Row counts per table, in the manifest: what a restore should bring back.
    const tables = await db.query<{ schemaname: string; relname: string }>(
      `SELECT schemaname, relname FROM pg_stat_user_tables WHERE schemaname NOT IN ('public') ORDER BY 1, 2`,
    );
    const rows: Record<string, number> = {};
    for (const t of tables.rows) {
      const { rows: counted } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(t.schemaname)}.${pg.escapeIdentifier(t.relname)}`,
      );
      rows[`${t.schemaname}.${t.relname}`] = counted[0]!.n;
    }
    return { version, bin, rows };
  } finally {
    await db.end();
  }
}

/** Writes a backup of the profile's PostgreSQL clinic database and MinIO objects into `target` (a new folder under backups/ by default). */
export async function backup(
  profile: StackProfile,
  target = join(BACKUPS_DIR, new Date().toISOString().replace(/[:.]/g, '-')),
): Promise<string> {
  const { minio, pgEnv } = connection(profile);
  mkdirSync(join(target, 'minio'), { recursive: true });
  const { version, bin, rows } = await serverTools(pgEnv);
  await run(join(bin, 'pg_dump'), ['--format=custom', '--file', join(target, 'clinic.dump'), 'clinic'], { env: pgEnv });

  const objects: Manifest['minio']['objects'] = [];
  for (const { name: bucket } of await minio.listBuckets()) {
    const keys: string[] = [];
    for await (const item of minio.listObjectsV2(bucket, '', true) as AsyncIterable<BucketItem>) if (item.name) keys.push(item.name);
    for (const key of keys) {
      const file = join('minio', bucket, key);
      mkdirSync(dirname(join(target, file)), { recursive: true });
      await minio.fGetObject(bucket, key, join(target, file));
      objects.push({ bucket, key, size: (await minio.statObject(bucket, key)).size, file });
    }
  }
  const manifest: Manifest = {
    profile: profile.name,
    createdAt: new Date().toISOString(),
    postgres: { database: 'clinic', file: 'clinic.dump', serverVersion: version, rows },
    minio: { objects },
  };
  writeFileSync(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return target;
}

/**
 * Puts a backup back: the clinic database's tables as they were (pg_restore --clean: tables dropped
 * and recreated, in one transaction) and every object of the backup (overwritten; objects made
 * since the backup stay).
 */
export async function restore(profile: StackProfile, source: string): Promise<Manifest> {
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as Manifest;
  const { minio, pgEnv } = connection(profile);
  const { bin } = await serverTools(pgEnv);
  await run(
    join(bin, 'pg_restore'),
    ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--dbname', 'clinic', join(source, manifest.postgres.file)],
    {
      env: pgEnv,
    },
  );
  for (const object of manifest.minio.objects) {
    if (!(await minio.bucketExists(object.bucket))) await minio.makeBucket(object.bucket).catch(() => {});
    await minio.fPutObject(object.bucket, object.key, join(source, object.file));
  }
  return manifest;
}

/** The newest folder under backups/. */
export function newestBackup(): string {
  const folders = existsSync(BACKUPS_DIR) ? readdirSync(BACKUPS_DIR).filter((f) => existsSync(join(BACKUPS_DIR, f, 'manifest.json'))) : [];
  if (folders.length === 0) throw new Error(`no backup in ${BACKUPS_DIR} (npm run backup makes one)`);
  return join(BACKUPS_DIR, folders.sort().at(-1)!);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--profile');
  const profile = stackProfile((at >= 0 ? args[at + 1] : 'dev') as ProfileName);
  const rest = args.filter((arg, i) => arg !== '--restore' && arg !== '--profile' && args[i - 1] !== '--profile');
  try {
    if (args.includes('--restore')) {
      const source = rest[0] ? resolve(rest[0]) : newestBackup();
      const manifest = await restore(profile, source);
      console.log(
        `restored ${source} (made ${manifest.createdAt}) into the "${profile.name}" stack: the clinic database and ${manifest.minio.objects.length} objects`,
      );
    } else {
      const target = await backup(profile);
      const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as Manifest;
      console.log(`backed up the "${profile.name}" stack into ${target}: the clinic database and ${manifest.minio.objects.length} objects`);
    }
  } catch (error) {
    console.error(`${args.includes('--restore') ? 'restore' : 'backup'} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
