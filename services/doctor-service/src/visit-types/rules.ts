import { hasRole, type Principal } from '@clinic/service-kit';
import type { BookableVisitType, VisitType } from '@clinic/contracts';

export type VisitTypeSource = 'DOCTOR' | 'SPECIALIZATION';

/**
 * A doctor's effective visit types: their own active ones when they have any, else their
 * specialization's active defaults. Archived types count for neither: a doctor whose own types are all
 * archived offers the defaults again.
 */
export function effectiveVisitTypes(
  own: readonly VisitType[],
  defaults: readonly VisitType[],
): { items: VisitType[]; source: VisitTypeSource } {
  const ownActive = own.filter((type) => !type.archived);
  if (ownActive.length > 0) return { items: ownActive, source: 'DOCTOR' };
  return { items: defaults.filter((type) => !type.archived), source: 'SPECIALIZATION' };
}

/** Staff (admins, doctors) see every active type; patients and anonymous callers those they may book online. */
export function visitTypesSeenBy(viewer: Principal | undefined, types: readonly VisitType[]): VisitType[] {
  const staff = viewer !== undefined && (hasRole(viewer, 'ADMIN') || hasRole(viewer, 'DOCTOR'));
  return types.filter((type) => !type.archived && (staff || type.online_bookable));
}

/** A visit type as the booking worker decides with it. */
export const bookableVisitType = (type: VisitType): BookableVisitType => ({
  id: type.id,
  name_ro: type.name_ro,
  name_en: type.name_en,
  duration_minutes: type.duration_minutes,
  online_bookable: type.online_bookable,
});
