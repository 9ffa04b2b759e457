import { lookup } from 'node:dns/promises';
import type { Static } from '@clinic/service-kit';
import type { configSchema } from '../config.ts';

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
    services.push({
      name: 'doctor-service',
      urls: [config.DOCTOR_SERVICE_URL],
      prefixes: ['/doctors', '/specializations', '/cabinets', '/visit-types'],
    });
  }
  if (config.APPOINTMENT_SERVICE_URLS) {
    const urls = config.APPOINTMENT_SERVICE_URLS.split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    services.push({ name: 'appointment-service', urls, prefixes: ['/appointments', '/waitlist'] });
  }
  const notificationUrls = [config.NOTIFICATION_SERVICE_URLS, config.NOTIFICATION_SERVICE_URL]
    .flatMap((list) => list?.split(',') ?? [])
    .map((u) => u.trim())
    .filter(Boolean);
  if (notificationUrls.length > 0) {
    services.push({ name: 'notification-service', urls: [...new Set(notificationUrls)], prefixes: ['/notifications'] });
  }
  return services;
}

/** Errors that mean the upstream is not there (refused, or gone mid-request), as opposed to answering badly. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export function isConnectionError(error: Error): boolean {
  const { code, cause } = error as Error & { code?: string; cause?: { code?: string } };
  return CONNECTION_ERRORS.has(cause?.code ?? code ?? '');
}

/**
 * The replica refused the connection: nothing of the request reached it, so another replica may take
 * it whatever its method, a POST included. A reset or a timeout is not this: the replica may have
 * received the request and acted on it.
 */
export function isConnectionRefused(error: Error): boolean {
  const { code, cause } = error as Error & { code?: string; cause?: { code?: string } };
  return (cause?.code ?? code) === 'ECONNREFUSED';
}

export interface ReplicaPicker {
  /** The next replica in turn, passing over those that recently refused a connection. */
  pick(): string;
  /**
   * The next replica in turn that is not among `tried`, those that recently refused a connection last;
   * undefined once every replica has been tried.
   */
  another(tried: ReadonlySet<string>): string | undefined;
  /** A replica that could not be reached: passed over for `quarantineMs`. */
  markUnreachable(url: string): void;
}

/**
 * Round robin over a service's replicas. A dead replica is skipped for a while instead of failing
 * every n-th request until it is back (the swarm's own load balancing does the same with health checks).
 */
export function replicaPicker(replicas: string[] | (() => string[]), quarantineMs = 5_000, now = () => Date.now()): ReplicaPicker {
  let next = 0;
  const unreachableUntil = new Map<string, number>();
  const current = () => (typeof replicas === 'function' ? replicas() : replicas);
  const reachable = (url: string) => (unreachableUntil.get(url) ?? 0) <= now();
  return {
    pick() {
      const urls = current();
      for (let tried = 0; tried < urls.length; tried++) {
        const url = urls[next++ % urls.length]!;
        if (reachable(url)) return url;
      }
      // Every replica looks down: try them in turn anyway rather than refuse outright.
      return urls[next++ % urls.length]!;
    },
    another(tried) {
      const urls = current();
      const start = next++;
      const untried = urls.map((_, i) => urls[(start + i) % urls.length]!).filter((url) => !tried.has(url));
      return untried.find(reachable) ?? untried[0];
    },
    markUnreachable(url) {
      unreachableUntil.set(url, now() + quarantineMs);
    },
  };
}

/** The current replica URLs of a service, kept up to date while it runs. */
export interface ReplicaSet {
  current(): string[];
  /** Resolves again now; the interval does it anyway. */
  refresh(): Promise<void>;
  stop(): void;
}

type Lookup = (hostname: string) => Promise<string[]>;

const lookupAll: Lookup = async (hostname) => (await lookup(hostname, { all: true, family: 4 })).map((a) => a.address);

/**
 * Each URL whose host is a name stands for every address the name resolves to, looked up again every
 * `intervalMs`. With DNS round-robin endpoints (a swarm service in `endpoint_mode: dnsrr`, or
 * `tasks.<service>`) the name answers one address per running task, so requests spread over the
 * tasks and follow them as they come and go. A failed look-up keeps the last addresses known: a
 * name that briefly resolves to nothing (every task restarting) must not empty the set.
 */
export function resolvingReplicas(urls: string[], intervalMs: number, resolve: Lookup = lookupAll): ReplicaSet {
  const known = new Map<string, string[]>(urls.map((url) => [url, [url]]));
  const byName = urls.filter((url) => !isAddress(new URL(url).hostname));
  const refresh = async () => {
    await Promise.all(
      byName.map(async (url) => {
        const parsed = new URL(url);
        try {
          const addresses = [...new Set(await resolve(parsed.hostname))].sort();
          if (addresses.length === 0) return;
          known.set(
            url,
            addresses.map((address) => {
              const one = new URL(url);
              one.hostname = address;
              return one.toString().replace(/\/$/, '');
            }),
          );
        } catch {
          // keep the last addresses known
        }
      }),
    );
  };
  const timer = intervalMs > 0 && byName.length > 0 ? setInterval(() => void refresh(), intervalMs) : undefined;
  timer?.unref();
  return {
    current: () => [...known.values()].flat(),
    refresh,
    stop: () => clearInterval(timer),
  };
}

const isAddress = (host: string) => /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
