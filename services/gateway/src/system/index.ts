export { systemRoutes } from './routes.ts';
export { prometheusClient } from './prometheus-client.ts';
export { jaegerClient } from './jaeger-client.ts';
export { systemOverview, type SystemOverviewReader } from './use-cases.ts';
export { systemTraces, type TraceReader } from './traces.ts';
