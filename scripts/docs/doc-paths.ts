// The repository paths the docs name — `services/gateway/src/app.ts` in backticks, or a relative link —
// must exist, so a file moved or renamed without its docs fails lint instead of misleading a reader.
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './services.ts';

export const DOCUMENTS = ['README.md', 'CONTRIBUTING.md', 'docs/**/*.md', 'services/*/README.md', 'packages/*/README.md'];
const TOP_FOLDERS = 'services|packages|apps|tests|scripts|devstack|deploy|docs';
const NAMED = new RegExp(`\`((?:${TOP_FOLDERS})/[^\`\\s]*)\``, 'g');
const LINKED = /\]\(([^)\s]+)\)/g;
/** Written by builds and runs, never committed; a placeholder (`<name>`, `*`, `…`, `{id}`) names no one path. */
const NOT_CHECKED = /(^|\/)(dist|node_modules|\.devstack)(\/|$)|[<>*…{}$]/;

/** Each path named in `file` (relative to the repository root) that does not exist. */
export function missingPaths(file: string, root = ROOT): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const named = [...text.matchAll(NAMED)].map((match) => match[1]!);
  const linked = [...text.matchAll(LINKED)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:|^#/.test(target))
    .map((target) => relative(root, join(root, dirname(file), target)));
  const paths = [...new Set([...named, ...linked].map((path) => path.replace(/[#:].*$/, '').replace(/[.,;]$/, '')))];
  return paths
    .filter((path) => !NOT_CHECKED.test(path) && !existsSync(join(root, path)))
    .map((path) => `${file}: names ${path}, which does not exist`);
}

export function docPathProblems(root = ROOT): string[] {
  const files = DOCUMENTS.flatMap((pattern) => globSync(pattern, { cwd: root })).sort();
  return files.flatMap((file) => missingPaths(file, root));
}
