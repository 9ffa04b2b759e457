export * from './doctors.ts';
export * from './http.ts';
export * from './scheduling.ts';
export * from './users.ts';
export * from './appointments.ts';
export * from './notifications.ts';
export * from './waitlist.ts';
export * from './personal-data.ts';
