/** What user-service's users do to appointments: renamed and deleted accounts, a patient's export. */
export { patientRecords, personalDataRoutes } from './personal-data.ts';
export { startUserEventsConsumer } from './user-events.ts';
export type { PatientRecordsUseCases } from './personal-data.ts';
