import { hasRole, type Principal } from '@clinic/service-kit';
import type { UserRole } from '@clinic/contracts';
import { PLATFORM_ROLES } from '../identity/index.ts';

/** The role a profile records for a token: its most privileged platform role, if any. */
export function roleFromToken(principal: Principal): UserRole | undefined {
  return [...PLATFORM_ROLES].reverse().find((role) => principal.roles.includes(role));
}

/** Admins and the platform's services may read any profile; everyone else only their own. */
export function canViewUser(principal: Principal, userId: string): boolean {
  return hasRole(principal, 'ADMIN') || hasRole(principal, 'SERVICE') || principal.id === userId;
}

/** Only a doctor or an admin can have a doctor record (an admin may also see patients). */
export const mayHaveDoctorRecord = (role: UserRole): boolean => role !== 'PATIENT';

/**
 * Whether a role change ends the user's doctor record: becoming a patient does (a DOCTOR demoted, an
 * ADMIN who also saw patients); a doctor made an admin keeps seeing patients.
 */
export const endsDoctorRecord = (from: UserRole, to: UserRole): boolean => to === 'PATIENT' && mayHaveDoctorRecord(from);

/**
 * Whether taking `userId`'s admin role away (a demotion, a deletion) would leave the platform without
 * an admin: `adminIds` are the users holding ADMIN now.
 */
export const leavesNoAdmin = (adminIds: readonly string[], userId: string): boolean => adminIds.every((id) => id === userId);
