// `npm run docs`: writes the parts of the docs that restate the code, from the code —
//   docs/architecture.md  "Services and the data they own" (migrations, config schemas),
//   docs/api.md           every service's routes (its OpenAPI document, built offline),
//   README.md             "Configuration" (the config schemas' descriptions and defaults),
//   docs/authorization.md the authorization matrix (tests/authorization/matrix.ts);
// and checks that each service's README lists exactly the folders of its src/, and that every repository
// path the docs name exists.
// `--check` writes nothing: it exits 1 naming each file that differs (part of `npm run lint`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AUTHORIZATION_DOC, authorizationDocument } from '../tests/authorization/matrix.ts';
import { API_DOC, apiDocument } from './docs/api.ts';
import { docPathProblems } from './docs/doc-paths.ts';
import { formatMarkdown, replaceRegion } from './docs/markdown.ts';
import { readmeFolderProblems } from './docs/service-readmes.ts';
import { loadService, ROOT, serviceNames } from './docs/services.ts';
import { configurationTable, servicesTable } from './docs/tables.ts';

const check = process.argv.includes('--check');
const names = serviceNames();
const services = await Promise.all(names.map(loadService));

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const withRegion = (file: string, region: string, content: string) => replaceRegion(read(file), region, content, file);

const documents: Record<string, string> = {
  'docs/architecture.md': withRegion('docs/architecture.md', 'services', servicesTable(services)),
  [API_DOC]: await apiDocument(names),
  'README.md': withRegion('README.md', 'configuration', configurationTable(services)),
};

const differing: string[] = [];
for (const [file, text] of Object.entries(documents)) {
  const formatted = await formatMarkdown(text, join(ROOT, file));
  if (formatted === safeRead(file)) continue;
  differing.push(file);
  if (!check) writeFileSync(join(ROOT, file), formatted);
}
const authorization = await authorizationDocument();
if (authorization !== safeRead(relative(ROOT, AUTHORIZATION_DOC))) {
  differing.push(relative(ROOT, AUTHORIZATION_DOC));
  if (!check) writeFileSync(AUTHORIZATION_DOC, authorization);
}

const problems = [...names.flatMap((name) => readmeFolderProblems(name)), ...docPathProblems()];
for (const problem of problems) process.stderr.write(`${problem}\n`);
if (check && differing.length > 0) {
  process.stderr.write(`${differing.map((file) => `${file} differs from what \`npm run docs\` generates`).join('\n')}\n`);
}
if (!check) process.stdout.write(differing.length > 0 ? `wrote ${differing.join(', ')}\n` : 'docs are up to date\n');
// A check that passes says so: the lint's last line is then its verdict, not silence.
else if (differing.length === 0 && problems.length === 0) process.stdout.write('docs match the code\n');
process.exit((check && differing.length > 0) || problems.length > 0 ? 1 : 0);

function safeRead(file: string): string | undefined {
  try {
    return read(file);
  } catch {
    return undefined;
  }
}
