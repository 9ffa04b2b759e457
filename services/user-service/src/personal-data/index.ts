export { personalDataUseCases, type PersonalDataUseCases } from './personal-data.ts';
export { personalDataSources } from './personal-data-sources.ts';
export { personalDataRoutes } from './routes.ts';
