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
  const services: Upstream[] = [{ name: 'user-service', urls: [config.USER_SERVICE_URL], prefixes: ['/users'] }];
  if (config.DOCTOR_SERVICE_URL) {
    services.push({ name: 'doctor-service', urls: [config.DOCTOR_SERVICE_URL], prefixes: ['/doctors', '/specializations', '/cabinets'] });
  }
  if (config.APPOINTMENT_SERVICE_URLS) {
    const urls = config.APPOINTMENT_SERVICE_URLS.split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    services.push({ name: 'appointment-service', urls, prefixes: ['/appointments'] });
  }
  if (config.NOTIFICATION_SERVICE_URL) {
    services.push({ name: 'notification-service', urls: [config.NOTIFICATION_SERVICE_URL], prefixes: ['/notifications'] });
  }
  return services;
}

export interface ReplicaPicker {
  /** The next replica in turn, passing over those that recently refused a connection. */
  pick(): string;
  /** A replica that could not be reached: passed over for `quarantineMs`. */
  markUnreachable(url: string): void;
}

/**
 * Round robin over a service's replicas. A dead replica is skipped for a while instead of failing
 * every n-th request until it is back (the swarm's own load balancing does the same with health checks).
 */
export function replicaPicker(urls: string[], quarantineMs = 5_000, now = () => Date.now()): ReplicaPicker {
  let next = 0;
  const unreachableUntil = new Map<string, number>();
  return {
    pick() {
      for (let tried = 0; tried < urls.length; tried++) {
        const url = urls[next++ % urls.length]!;
        if ((unreachableUntil.get(url) ?? 0) <= now()) return url;
      }
      // Every replica looks down: try them in turn anyway rather than refuse outright.
      return urls[next++ % urls.length]!;
    },
    markUnreachable(url) {
      unreachableUntil.set(url, now() + quarantineMs);
    },
  };
}
