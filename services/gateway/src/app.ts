import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAuthenticator, createHttpServer, type ServiceContext, type Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';
import { harden } from './hardening.ts';
import { registerHttpApi } from './http-api.ts';
import { jaegerClient, prometheusClient, systemOverview, systemTraces } from './system/index.ts';
import { replicaReadiness, resolvingReplicas, upstreams } from './upstreams/index.ts';
import { CONTENT_SECURITY_POLICY } from './web-app/index.ts';

const placeholder = fileURLToPath(new URL('../public', import.meta.url));

export async function build({ config, logger }: ServiceContext<Static<typeof configSchema>>) {
  const services = upstreams(config);
  const replicaSets = new Map(services.map((s) => [s.name, resolvingReplicas(s.urls, config.UPSTREAM_RESOLVE_INTERVAL_MS)]));
  await Promise.all([...replicaSets.values()].map((set) => set.refresh()));

  const app = await createHttpServer({
    name: 'gateway',
    description: 'The single public entry point: the web app, /api and /auth',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: replicaReadiness(services, replicaSets),
  });

  const tokens = createAuthenticator({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    jwksUrl: `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}/protocol/openid-connect/certs`,
  });
  await harden(app, config, (token) => tokens.verify(token).then((principal) => principal.id));

  const built = Boolean(config.WEB_ROOT && existsSync(config.WEB_ROOT));
  // The placeholder page styles itself inline; only the built app is held to the policy.
  const webApp = built ? { root: config.WEB_ROOT!, policy: CONTENT_SECURITY_POLICY } : { root: placeholder };
  const system = systemOverview(prometheusClient(config.PROMETHEUS_URL));
  const traces = systemTraces(jaegerClient(config.JAEGER_QUERY_URL));
  await registerHttpApi(app, { config, services, replicaSets, webApp, tokens, system, traces });
  return app;
}
