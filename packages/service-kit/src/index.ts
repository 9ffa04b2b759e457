export * from './auth.ts';
export * from './config.ts';
export * from './db.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './logger.ts';
export * from './service.ts';
export * from './service-client.ts';
export { Type, type Static, type TSchema } from 'typebox';
