// Reading the services' Prometheus metrics, as Prometheus would: each process's own metrics listener.
import { metricsPort } from '@clinic/devstack';
import { http } from './http.ts';
import { testStack } from './stack.ts';

/** One sample of the Prometheus text format: a metric name, its labels and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text page (comments and blank lines left out). */
export function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** Every service process of the test stack by name (gateway, user-service, appointment-service-1…). */
export const serviceProcesses = () => Object.keys(testStack().services).sort();

/** Where a process of the test stack serves its metrics: its own listener, its HTTP port + 40. */
export function metricsUrl(processName: string): string {
  const url = new URL(testStack().services[processName]!);
  return `http://${url.hostname}:${metricsPort(Number(url.port))}/metrics`;
}

/** The samples a process serves right now. */
export async function readMetrics(processName: string): Promise<Sample[]> {
  const answer = await http<string>(metricsUrl(processName));
  if (answer.status !== 200) throw new Error(`${processName}'s /metrics answered ${answer.status}`);
  return parseMetrics(answer.body);
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none). */
export const sumOf = (samples: Sample[], name: string, labels: Record<string, string> = {}): number =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);

/** The samples of every process whose name starts with `prefix`, by process. */
export async function readEach(prefix: string): Promise<Map<string, Sample[]>> {
  const names = serviceProcesses().filter((name) => name.startsWith(prefix));
  return new Map(await Promise.all(names.map(async (name) => [name, await readMetrics(name)] as const)));
}

/** The sum over processes (every replica of a service) of `sumOf` each. */
export const sumOver = (each: Map<string, Sample[]>, name: string, labels: Record<string, string> = {}): number =>
  [...each.values()].reduce((sum, samples) => sum + sumOf(samples, name, labels), 0);
