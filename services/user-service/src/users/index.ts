export { userUseCases, type UserUseCases } from './use-cases.ts';
export { usersRepository } from './repository.ts';
export { registrationRoutes } from './registration-routes.ts';
export { ownProfileRoutes, syncRoutes } from './profile-routes.ts';
export { userAdminRoutes, userListRoutes } from './admin-routes.ts';
export { userInternalRoutes } from './internal-routes.ts';
