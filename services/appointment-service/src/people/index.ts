export { patientRecords, personalDataRoutes } from './personal-data.ts';
export { startUserEventsConsumer } from './user-events.ts';
