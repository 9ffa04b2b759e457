import type { Static, TObject } from 'typebox';
import { ConfigError, loadConfig, type BaseConfig } from './config.ts';
import type { App } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { startMemoryTrim } from './memory-trim.ts';
import { startMetricsServer } from './metrics.ts';
import { flushTracing, startTracing } from './tracing.ts';

export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  /** Registers a resource to release on shutdown; resources are released in reverse order. */
  onShutdown: (close: () => unknown) => void;
}

export interface ServiceDefinition<S extends TObject> {
  name: string;
  configSchema: S;
  build(context: ServiceContext<Static<S>>): Promise<App>;
}

/**
 * Every service starts the same way: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) → validated
 * config → logger → resources and routes (`build`) → listen, and gives back memory once quiet after a
 * burst (memory-trim.ts); on SIGTERM/SIGINT it stops taking
 * requests, lets in-flight ones finish, releases resources in reverse order, and sends the spans
 * still batched.
 */
export async function runService<S extends TObject>(definition: ServiceDefinition<S>): Promise<void> {
  // First, before anything is connected or served: every span of the process goes to one provider.
  startTracing(definition.name);
  let config: Static<S> & BaseConfig;
  try {
    config = loadConfig(definition.configSchema) as Static<S> & BaseConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.name}: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const closers: Array<() => unknown> = [];
  let app: App;
  try {
    app = await definition.build({ config, logger, onShutdown: (close) => closers.push(close) });
    await app.listen({ host: config.HOST, port: config.PORT });
    if (config.METRICS_PORT !== undefined) {
      const metrics = await startMetricsServer({ host: config.HOST, port: config.METRICS_PORT });
      closers.push(() => metrics.close());
    }
    const memoryTrim = startMemoryTrim(logger);
    closers.push(() => memoryTrim.stop());
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await releaseAll(closers, logger);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    await releaseAll(closers, logger);
    await flushTracing();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

async function releaseAll(closers: Array<() => unknown>, logger: Logger) {
  for (const close of closers.reverse()) {
    try {
      await close();
    } catch (error) {
      logger.error({ err: error }, 'releasing a resource failed');
    }
  }
}
