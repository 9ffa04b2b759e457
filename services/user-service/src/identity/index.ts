export { identityDirectory, type IdentityDirectory } from './identity-directory.ts';
export { PLATFORM_ROLES } from './realm-roles.ts';
