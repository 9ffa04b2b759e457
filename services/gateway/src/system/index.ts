export { systemRoutes } from './routes.ts';
export { prometheusClient } from './prometheus-client.ts';
export { systemOverview, type SystemOverviewReader } from './use-cases.ts';
