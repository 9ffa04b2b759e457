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

/** Round robin over a service's replicas. */
export function roundRobin(urls: string[]): () => string {
  let next = 0;
  return () => urls[next++ % urls.length]!;
}
