// The clinic's catalogue: specializations and cabinets.
export { catalogUseCases, type CatalogUseCases } from './use-cases.ts';
export { cabinetsTable, specializationsTable } from './repository.ts';
export { catalogRoutes } from './routes.ts';
