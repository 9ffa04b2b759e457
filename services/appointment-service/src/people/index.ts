export { patientRecords, personalDataRoutes } from './personal-data.ts';
export { startUserEventsConsumer } from './user-events.ts';
export type { PatientRecordsUseCases } from './personal-data.ts';
