import { hasRole, notFound, translatingViolations, type Pool, type Principal } from '@clinic/service-kit';
import type { BookableVisitType, CreateVisitTypeRequest, UpdateVisitTypeRequest, VisitType, VisitTypeList } from '@clinic/contracts';
import { violationMeaning } from '../constraint-violations.ts';
import { visitTypesRepository as repository, type VisitTypeOwner } from './repository.ts';
import { bookableVisitType, effectiveVisitTypes, visitTypesSeenBy } from './rules.ts';

export interface VisitTypeUseCases {
  /** The doctor's effective types as the viewer may see them; an admin with `includeArchived` sees the doctor's own, archived too. */
  ofDoctor(viewer: Principal | undefined, doctorId: string, includeArchived: boolean): Promise<VisitTypeList>;
  /** A specialization's defaults as the viewer may see them (archived ones to an admin who asks). */
  ofSpecialization(viewer: Principal | undefined, specializationId: string, includeArchived: boolean): Promise<VisitTypeList>;
  create(owner: VisitTypeOwner, request: CreateVisitTypeRequest): Promise<VisitType>;
  update(id: string, changes: UpdateVisitTypeRequest): Promise<VisitType>;
}

const trim = (text: string | null | undefined) => (typeof text === 'string' ? text.trim() : text);

/** The doctor's effective active types, for the booking profile and free times (undefined: no such doctor). */
export async function bookableVisitTypes(pool: Pool, doctorId: string): Promise<BookableVisitType[] | undefined> {
  const types = await repository.ofDoctor(pool, doctorId);
  return types && effectiveVisitTypes(types.own, types.defaults).items.map(bookableVisitType);
}

export function visitTypeUseCases(pool: Pool): VisitTypeUseCases {
  const isAdmin = (viewer: Principal | undefined) => viewer !== undefined && hasRole(viewer, 'ADMIN');
  return {
    async ofDoctor(viewer, doctorId, includeArchived) {
      const types = await repository.ofDoctor(pool, doctorId);
      if (!types) throw notFound('Doctor');
      // The admin managing a doctor's own types sees them all, archived ones included.
      if (includeArchived && isAdmin(viewer)) return { items: types.own, source: 'DOCTOR' };
      const effective = effectiveVisitTypes(types.own, types.defaults);
      return { items: visitTypesSeenBy(viewer, effective.items), source: effective.source };
    },

    async ofSpecialization(viewer, specializationId, includeArchived) {
      if (!(await repository.specializationExists(pool, specializationId))) throw notFound('Specialization');
      const types = await repository.ofOwner(pool, { specialization_id: specializationId });
      return { items: includeArchived && isAdmin(viewer) ? types : visitTypesSeenBy(viewer, types) };
    },

    async create(owner, request) {
      // A retiring doctor (being deleted) is no longer there to offer anything.
      if ('doctor_id' in owner && !(await repository.ofDoctor(pool, owner.doctor_id))) throw notFound('Doctor');
      const values = {
        name_ro: request.name_ro.trim(),
        name_en: request.name_en.trim(),
        duration_minutes: request.duration_minutes,
        price_text: trim(request.price_text) ?? null,
        online_bookable: request.online_bookable ?? true,
      };
      return translatingViolations(
        () => repository.insert(pool, owner, values),
        (violation) =>
          violation.kind === 'foreign_key'
            ? notFound('doctor_id' in owner ? 'Doctor' : 'Specialization')
            : violationMeaning('write')(violation),
      );
    },

    async update(id, changes) {
      const trimmed = { ...changes, name_ro: trim(changes.name_ro) ?? undefined, name_en: trim(changes.name_en) ?? undefined };
      const updated = await repository.update(pool, id, { ...trimmed, price_text: trim(changes.price_text) });
      if (!updated) throw notFound('Visit type');
      return updated;
    },
  };
}
