import { fileURLToPath } from 'node:url';
import swaggerUi from '@fastify/swagger-ui';
import { createAuthenticator, loadConfig, type App, type Authenticator, type Static } from '@clinic/service-kit';
import { configSchema } from './config.ts';
import { proxyKeycloak } from './keycloak/index.ts';
import { proxyRegistration, proxyServices, requestForwarding, upstreams, type ReplicaSet, type Upstream } from './upstreams/index.ts';
import {
  jaegerClient,
  prometheusClient,
  systemOverview,
  systemRoutes,
  systemTraces,
  type SystemOverviewReader,
  type TraceReader,
} from './system/index.ts';
import { serveWebApp } from './web-app/index.ts';

/** What the gateway's routes pass requests to; registering them sends nothing anywhere. */
export interface HttpApiDeps {
  config: Static<typeof configSchema>;
  /** The services behind /api, and the replicas of each by service name. */
  services: Upstream[];
  replicaSets: Map<string, ReplicaSet>;
  /** The folder the web app is served from, and the Content-Security-Policy it is held to (none for the placeholder). */
  webApp: { root: string; policy?: string };
  /** Verifies the tokens of the gateway's own routes (the System page's). */
  tokens: Authenticator;
  /** The System page's figures, read from Prometheus. */
  system: SystemOverviewReader;
  /** One request's trace, read from Jaeger. */
  traces: TraceReader;
}

/** Every route of the gateway: /api proxied to the services, their documents, the System page's figures and traces, /auth, and the web app. */
export async function registerHttpApi(app: App, deps: HttpApiDeps): Promise<void> {
  const { config, services } = deps;
  const forwarding = requestForwarding(config.PUBLIC_URL);
  await proxyRegistration(app, config, forwarding);
  await proxyServices(app, services, deps.replicaSets, forwarding);
  systemRoutes(app, deps.tokens, deps.system, deps.traces);
  await proxyKeycloak(app, config, forwarding);
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { urls: services.map((s) => ({ name: s.name, url: `/api/openapi/${s.name}.json` })) },
  });
  await serveWebApp(app, deps.webApp.root, deps.webApp.policy);
}

/**
 * Dependencies for reading the gateway's routes offline (`npm run docs`): the proxies need real
 * strings (upstream URLs, the web app's folder), so every service is given an address that is never
 * called, and each replica set stands still.
 */
export function placeholderDeps(): HttpApiDeps {
  const nowhere = 'http://placeholder.invalid';
  const config = loadConfig(configSchema, {
    USER_SERVICE_URL: nowhere,
    DOCTOR_SERVICE_URL: nowhere,
    APPOINTMENT_SERVICE_URLS: nowhere,
    NOTIFICATION_SERVICE_URL: nowhere,
    KEYCLOAK_URL: `${nowhere}/auth`,
    JWT_ISSUER: `${nowhere}/auth/realms/clinic`,
  });
  const services = upstreams(config);
  const still: ReplicaSet = { current: () => [nowhere], refresh: async () => undefined, stop: () => undefined };
  return {
    config,
    services,
    replicaSets: new Map(services.map((service) => [service.name, still])),
    webApp: { root: fileURLToPath(new URL('../public', import.meta.url)) },
    tokens: createAuthenticator({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, jwksUrl: `${nowhere}/certs` }),
    system: systemOverview(prometheusClient(undefined)),
    traces: systemTraces(jaegerClient(undefined)),
  };
}
