import type { Static } from '@clinic/service-kit';
import type { configSchema } from './config.ts';

export interface Upstream {
  /** Service name, also the name of its OpenAPI document under /api/openapi/. */
  name: string;
  /** Replicas of the service; requests go round robin. */
  urls: string[];
  /** Public path prefixes under /api that belong to the service. */
  prefixes: string[];
}

/** Which service answers which public path. Internal routes (e.g. /events) are deliberately absent. */
export function upstreams(config: Static<typeof configSchema>): Upstream[] {
  return [{ name: 'user-service', urls: [config.USER_SERVICE_URL], prefixes: ['/users'] }];
}

/** Round robin over a service's replicas. */
export function roundRobin(urls: string[]): () => string {
  let next = 0;
  return () => urls[next++ % urls.length]!;
}
