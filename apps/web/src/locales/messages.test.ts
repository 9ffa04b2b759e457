import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import type { Messages } from './messages.ts';
import { ro } from './ro.ts';

/** Keys of a tree, plural forms folded into their base key (Romanian has a "few" form English lacks). */
function keys(tree: Messages, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key.replace(/_(one|few|other)$/, '')}`] : keys(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.test.tsx') ? [path] : [];
  });
}

describe('translations', () => {
  it('have the same keys in Romanian and English', () => {
    expect([...new Set(keys(ro))].sort()).toEqual([...new Set(keys(en))].sort());
  });

  it('cover every literal key the code asks for', () => {
    const known = new Set(keys(en));
    const root = join(import.meta.dirname, '..');
    const used = sourceFiles(root).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'|label: '([a-z]+\.[a-zA-Z]+)'/g)].map((m) => m[1] ?? m[2]!),
    );
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });
});
