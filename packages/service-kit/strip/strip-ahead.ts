// Strips the types of every TypeScript module under the folders given, once, into `outDir` as
// <SHA-256 of the source>.js, for hooks.mjs to give the services instead of their .ts files:
//   node packages/service-kit/strip/strip-ahead.ts <outDir> <folder>...
// The images run it at build time; the devstack before it starts the services (stripAhead).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { join } from 'node:path';

/** The .ts files under `folder`, tests and node_modules left out. */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes('/node_modules/'));
}

/** Writes the stripped JavaScript of every module under `folders` not yet in `outDir`; returns how many it wrote. */
export function stripAhead(outDir: string, folders: string[]): number {
  mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const file of folders.flatMap(typeScriptFiles)) {
    const source = readFileSync(file);
    const target = join(outDir, `${createHash('sha256').update(source).digest('hex')}.js`);
    if (existsSync(target)) continue;
    writeFileSync(target, stripTypeScriptTypes(source.toString('utf8'), { mode: 'strip' }));
    written++;
  }
  return written;
}

if (import.meta.main) {
  const [outDir, ...folders] = process.argv.slice(2);
  if (!outDir || folders.length === 0) throw new Error('usage: strip-ahead.ts <outDir> <folder>...');
  console.log(`${stripAhead(outDir, folders)} modules stripped ahead into ${outDir}`);
}
