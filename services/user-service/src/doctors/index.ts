export { doctorRecords, type DoctorRecords } from './doctor-records.ts';
