// Each service's README lists its folders (services/<svc>/src/<folder>/) one line each, in the form
// "- `folder/` — what it holds"; this finds a folder missing from the list, or listed and gone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './services.ts';

export function readmeFolderProblems(service: string, root = ROOT): string[] {
  const readme = join(root, 'services', service, 'README.md');
  if (!existsSync(readme)) return [`services/${service}/README.md is missing`];
  const onDisk = readdirSync(join(root, 'services', service, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const listed = [...readFileSync(readme, 'utf8').matchAll(/^- `([^`/]+)\/` — /gm)].map((match) => match[1]!);
  const file = `services/${service}/README.md`;
  return [
    ...onDisk.filter((folder) => !listed.includes(folder)).map((folder) => `${file}: folder src/${folder}/ is not listed`),
    ...listed.filter((folder) => !onDisk.includes(folder)).map((folder) => `${file}: lists src/${folder}/, which does not exist`),
  ];
}
