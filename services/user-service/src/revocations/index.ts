export { revokeTokens } from './revoke-tokens.ts';
export { revocationRoutes, type RecentNotBefores } from './routes.ts';
export { tokenNotBeforeRepository } from './token-not-before-repository.ts';
