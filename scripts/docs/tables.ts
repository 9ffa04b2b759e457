// The tables `npm run docs` writes from the services' code: the services and the data they own
// (docs/architecture.md) and the configuration (README.md).
import { code, table } from './markdown.ts';
import type { Service, Variable } from './services.ts';

/** What a variable connects the service to, read from its name. */
function peerOf(variable: string): string | undefined {
  const service = /^([A-Z]+)_SERVICE_URLS?$/.exec(variable);
  if (service) return `${service[1]!.toLowerCase()}-service`;
  if (variable === 'DATABASE_URL') return 'PostgreSQL';
  if (variable === 'AMQP_URL') return 'RabbitMQ';
  if (variable === 'KEYCLOAK_URL') return 'Keycloak';
  if (variable.startsWith('MINIO_')) return 'MinIO';
  if (variable.startsWith('SMTP_')) return 'SMTP relay';
  return undefined;
}

/** Each peer once, with the variables that name it: "user-service (`USER_SERVICE_URL`)". */
export function talksTo(service: Service): string {
  const peers = new Map<string, string[]>();
  for (const { name } of service.variables) {
    const peer = peerOf(name);
    if (peer) peers.set(peer, [...(peers.get(peer) ?? []), name]);
  }
  return [...peers].map(([peer, variables]) => `${peer} (${variables.map(code).join(', ')})`).join('; ');
}

export function servicesTable(services: Service[]): string {
  const rows = services.map((service) => [
    service.name,
    service.schema ? [`${code(service.schema)}:`, service.tables.map(code).join(', ')].join(' ') : 'none',
    talksTo(service),
  ]);
  return table(['service', 'schema: tables (from its migrations)', 'talks to (from its configuration)'], rows);
}

function defaultOf(variable: Variable): string {
  if (variable.default === undefined) return variable.required ? 'required' : '— (optional)';
  return typeof variable.default === 'string' ? code(variable.default) : JSON.stringify(variable.default);
}

/** "all", "all but gateway", or the services named. */
function servicesIn(names: string[], all: string[]): string {
  if (names.length === all.length) return 'all';
  const missing = all.filter((name) => !names.includes(name));
  return missing.length === 1 && all.length > 2 ? `all but ${missing[0]}` : names.join(', ');
}

/**
 * One row per variable and meaning: services whose schema gives a variable the same description and
 * default share a row ("all" when every service does); the rows of every service first, then each variable's
 * rows together, in the order the schemas name them.
 */
export function configurationTable(services: Service[]): string {
  const rows = new Map<string, { variable: Variable; services: string[] }>();
  for (const service of services) {
    for (const variable of service.variables) {
      const key = JSON.stringify([variable.name, variable.description, defaultOf(variable)]);
      const row = rows.get(key) ?? { variable, services: [] };
      row.services.push(service.name);
      rows.set(key, row);
    }
  }
  const all = services.map((service) => service.name);
  const names = [...new Set([...rows.values()].map((row) => row.variable.name))];
  const rank = (row: { variable: Variable; services: string[] }) =>
    (row.services.length === all.length ? 0 : names.length) + names.indexOf(row.variable.name);
  const ordered = [...rows.values()].sort((a, b) => rank(a) - rank(b));
  return table(
    ['variable', 'service', 'meaning', 'default'],
    ordered.map(({ variable, services: names }) => [
      code(variable.name),
      servicesIn(names, all),
      variable.description ?? '(no description in the schema)',
      defaultOf(variable),
    ]),
  );
}
