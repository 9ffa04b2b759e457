import { readFileSync } from 'node:fs';
import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { Format } from 'typebox/format';
import { Value } from 'typebox/value';

// An IANA time zone the runtime knows; an unknown one fails the start with the variable named,
// instead of every date computation later.
Format.Set('time-zone', (value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
});

/** The clinic's time zone setting, the same in every service that shows or computes local times. */
export const clinicTimeZone = (defaultZone: string, description: string) =>
  Type.String({ format: 'time-zone', default: defaultZone, description: `IANA time zone: ${description}` });

/** Settings every service has; a service adds its own with `serviceConfig({...})`. */
export const baseConfigProperties = {
  HOST: Type.String({ default: '0.0.0.0', description: 'The address it listens on' }),
  PORT: Type.Integer({ minimum: 1, maximum: 65535, description: 'The port it listens on' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'The lowest level of the JSON log lines it writes (pino levels)' },
  ),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 64 * 1024, description: 'The largest request body' }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000, description: 'Grace period on SIGTERM' }),
  METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: 'Port of the metrics listener (GET /metrics, Prometheus text), apart from PORT; none when absent',
    }),
  ),
  // Read by tracing.ts before the rest of the configuration (the standard OpenTelemetry variables);
  // listed here so they are documented and checked like the others.
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(
    Type.String({ description: 'OTLP/HTTP endpoint its spans are sent to (Jaeger, e.g. http://jaeger:4318); unset: nothing is traced' }),
  ),
  OTEL_SERVICE_NAME: Type.Optional(Type.String({ description: 'The service name its spans carry (unset: the service’s own name)' })),
  OTEL_TRACES_SAMPLER: Type.Union(
    ['parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio', 'always_on', 'always_off', 'traceidratio'].map((s) =>
      Type.Literal(s),
    ),
    {
      default: 'parentbased_always_on',
      description: 'Which traces are kept (a request that arrives sampled or not keeps its caller’s choice with parentbased_*)',
    },
  ),
  OTEL_TRACES_SAMPLER_ARG: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: 'The share of new traces kept by the *traceidratio samplers (0.1: one in ten)' }),
  ),
};

export function serviceConfig<P extends TProperties>(properties: P) {
  return Type.Object({ ...baseConfigProperties, ...properties });
}

export type BaseConfig = Static<TObject<typeof baseConfigProperties>>;

export class ConfigError extends Error {}

/**
 * Reads and validates configuration from environment variables. `NAME_FILE` is read in place of
 * `NAME` when set, so passwords can come from Docker secrets instead of the environment.
 */
export function loadConfig<S extends TObject>(schema: S, env: NodeJS.ProcessEnv = process.env): Static<S> {
  const raw: Record<string, unknown> = {};
  // A secret file that cannot be read is a configuration error like a missing variable (exit 78,
  // the variable named), not a crash with a stack trace.
  const unreadable = new Map<string, string>();
  for (const key of Object.keys(schema.properties)) {
    const fromFile = env[`${key}_FILE`];
    if (fromFile) {
      try {
        raw[key] = readFileSync(fromFile, 'utf8').trim();
      } catch (error) {
        unreadable.set(key, `  ${key}_FILE: cannot read ${fromFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    } else if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const value = Value.Convert(schema, Value.Default(schema, raw));
  if (unreadable.size === 0 && Value.Check(schema, value)) return value;
  const problems = [...Value.Errors(schema, value)]
    .map((e) => ({ key: e.instancePath.replace(/^\//, ''), message: e.message }))
    .filter(({ key }) => !unreadable.has(key))
    .map(({ key, message }) => `  ${key || '(root)'}: ${message}`);
  throw new ConfigError(`Invalid configuration:\n${[...new Set([...unreadable.values(), ...problems])].join('\n')}`);
}
