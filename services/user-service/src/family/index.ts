export { familyUseCases, type FamilyUseCases } from './use-cases.ts';
export { familyRepository } from './repository.ts';
export { ownFamilyRoutes, staffFamilyRoutes } from './routes.ts';
export { familyInternalRoutes } from './internal-routes.ts';
