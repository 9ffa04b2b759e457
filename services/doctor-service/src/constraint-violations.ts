import { conflict, notFound, type AppError } from '@clinic/service-kit';

/**
 * What the statement that hit a constraint was doing. A foreign key violated by writing a doctor means
 * the doctor names something missing; violated by deleting, it means the row is still used.
 */
export type Statement = 'write' | 'delete';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

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

/** The client's error for a PostgreSQL unique or foreign key violation we know; undefined for anything else. */
export function constraintViolation(error: unknown, statement: Statement): AppError | undefined {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== UNIQUE_VIOLATION && code !== FOREIGN_KEY_VIOLATION) return undefined;
  return typeof constraint === 'string' ? meanings[constraint]?.(statement) : undefined;
}

/** Runs a statement; a known constraint violation comes out as the client's error. */
export async function translatingViolations<T>(statement: Statement, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw constraintViolation(error, statement) ?? error;
  }
}
