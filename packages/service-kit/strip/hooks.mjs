// Loaded with `--import` before a service's own modules (the images and the devstack set it in
// NODE_OPTIONS): each TypeScript module is given as the JavaScript strip-ahead.ts wrote for its exact
// source into CLINIC_STRIPPED_SOURCES (named by the source's SHA-256), so Node never loads its
// TypeScript stripper, a WebAssembly module that otherwise stays resident in every process (about
// 18 MB). Types are stripped to spaces, so lines and columns, and import.meta.url, stay those of the
// .ts file. A module not found there (a source changed since) is stripped by Node, as without this file.
// JavaScript, not TypeScript: it runs before any TypeScript can be loaded without the stripper.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.CLINIC_STRIPPED_SOURCES;

if (dir) {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:') && url.endsWith('.ts')) {
        const hash = createHash('sha256')
          .update(readFileSync(fileURLToPath(url)))
          .digest('hex');
        let source;
        try {
          source = readFileSync(join(dir, `${hash}.js`), 'utf8');
        } catch {
          return nextLoad(url, context);
        }
        return { format: 'module', source, shortCircuit: true };
      }
      return nextLoad(url, context);
    },
  });
}
