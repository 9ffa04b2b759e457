// Visit types: the clinic's defaults per specialization and doctors' own, each with its duration.
export { visitTypeRoutes } from './routes.ts';
export { bookableVisitTypes, visitTypeUseCases, type VisitTypeUseCases } from './use-cases.ts';
