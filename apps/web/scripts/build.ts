// Builds the web app into apps/web/dist and prints the initial JavaScript's gzipped size (what the
// browser fetches before the first page shows: index.html's entry and the chunks it imports at once).
// `--if-changed` builds only when the sources differ from the last build's (a hash kept in dist).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(WEB_ROOT, 'dist');
const STAMP = join(DIST, '.source-hash');
/** The budget for initial JavaScript, gzipped. */
export const INITIAL_JS_BUDGET = 250 * 1024;

const SOURCES = ['src', 'public', 'index.html', 'silent-renew.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every source file's path and content: equal hashes mean an equal build. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((source) => files(join(WEB_ROOT, source)))) {
    hash.update(relative(WEB_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export const isBuildCurrent = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === sourceHash();

/** The gzipped bytes of each script index.html loads at once (entry and modulepreloads). */
export function initialScripts(): { file: string; gzipBytes: number }[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(sources)].map((file) => ({ file, gzipBytes: gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length }));
}

export async function buildWebApp(log: (line: string) => void = console.log): Promise<void> {
  const { build } = await import('vite');
  // Vite sets NODE_ENV=production in this process; what runs after the build (and every process it
  // starts, such as the test runner's) must not inherit it.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const scripts = initialScripts();
  const total = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  for (const script of scripts) log(`  ${script.file}  ${(script.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  log(`web app: initial JavaScript ${(total / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET / 1024} KB)`);
  if (total > INITIAL_JS_BUDGET) throw new Error(`initial JavaScript is ${total} bytes gzipped, over the ${INITIAL_JS_BUDGET}-byte budget`);
  writeFileSync(STAMP, sourceHash());
}

const LOCK = join(WEB_ROOT, '.build-lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `work` while holding a lock folder, so test runs of several profiles never build at once. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds unless dist already holds a build of the current sources. */
export async function ensureWebAppBuilt(log: (line: string) => void = console.log): Promise<void> {
  await withBuildLock(async () => {
    if (isBuildCurrent()) {
      log('web app: build is up to date');
      return;
    }
    log('web app: building (sources changed since the last build)');
    await buildWebApp(log);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await (process.argv.includes('--if-changed') ? ensureWebAppBuilt() : buildWebApp());
}
