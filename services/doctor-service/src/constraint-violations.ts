import { conflict, notFound, type AppError, type ConstraintViolation } from '@clinic/service-kit';

// Service-wide, so at the top of src/: the meanings of the constraints of every table of the service's
// migrations (catalogue, doctors, time off), used by the catalog, doctors and schedules folders alike.

/**
 * What the statement that hit a constraint was doing. A foreign key violated by writing a doctor means
 * the doctor names something missing; violated by deleting, it means the row is still used.
 */
export type Statement = 'write' | 'delete';

export const alreadyADoctor = () => conflict('ALREADY_A_DOCTOR', 'This user is already a doctor');

// Keyed by the constraint and index names of migrations/*.sql.
const meanings: Record<string, (statement: Statement) => AppError> = {
  specializations_name_unique: () => conflict('SPECIALIZATION_EXISTS', 'A specialization with this name already exists'),
  cabinets_name_unique: () => conflict('CABINET_EXISTS', 'A cabinet with this name already exists'),
  doctors_user_unique: alreadyADoctor,
  doctors_specialization_fk: (statement) =>
    statement === 'delete'
      ? conflict('SPECIALIZATION_IN_USE', 'The specialization is still used by a doctor; move or delete the doctor first')
      : notFound('Specialization'),
  doctors_cabinet_fk: (statement) =>
    statement === 'delete'
      ? conflict('CABINET_IN_USE', 'The cabinet is still used by a doctor; move or delete the doctor first')
      : notFound('Cabinet'),
  // Only a doctor deleted while their time off was being added.
  time_off_doctor_id_fkey: () => notFound('Doctor'),
};

/**
 * The domain error of a unique or foreign key violation the use cases expect (for `translatingViolations`
 * of @clinic/service-kit); undefined for any other.
 */
export const violationMeaning =
  (statement: Statement) =>
  ({ kind, constraint }: ConstraintViolation): AppError | undefined =>
    (kind === 'unique' || kind === 'foreign_key') && constraint ? meanings[constraint]?.(statement) : undefined;
