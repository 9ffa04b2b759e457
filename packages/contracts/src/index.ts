export * from './http.ts';
export * from './users.ts';
