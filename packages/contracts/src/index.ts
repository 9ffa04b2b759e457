export * from './http.ts';
export * from './scheduling.ts';
export * from './users.ts';
