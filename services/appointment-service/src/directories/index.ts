/** Other services' directories: doctor-service's booking profiles and cabinets, user-service's patient contacts. */
export { doctorDirectory } from './doctor-directory.ts';
export type { Cabinet, DoctorDirectory } from './doctor-directory.ts';
export { patientDirectory } from './patient-directory.ts';
export type { PatientDirectory } from './patient-directory.ts';
export { keptDoctorDirectory } from './booking-profiles.ts';
