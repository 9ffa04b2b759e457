import { notFound, type Pool, type Principal } from '@clinic/service-kit';
import { canManageCalendar, doctorsRepository as doctors } from '../doctors/index.ts';

/** Another doctor's calendar is answered as missing, not forbidden: the SPEC's rule for someone else's resource. */
export const notAllowed = () => notFound('Doctor');

export async function existingDoctor(pool: Pool, doctorId: string) {
  const doctor = await doctors.find(pool, doctorId);
  if (!doctor) throw notFound('Doctor');
  return doctor;
}

export async function calendarOwnedBy(pool: Pool, principal: Principal, doctorId: string) {
  if (!canManageCalendar(principal, await existingDoctor(pool, doctorId))) throw notAllowed();
}
