// The clinic's catalogue: specializations and cabinets.
export { catalogUseCases, type CatalogUseCases } from './catalog.ts';
export { cabinetsTable, specializationsTable } from './catalog-repository.ts';
export { catalogRoutes } from './catalog-routes.ts';
