import type { PoolClient } from '@clinic/service-kit';
import type { BookingCommand, BookingOutcome, DoctorBookingProfile, WaitlistOffer, WaitlistOfferEvent } from '@clinic/contracts';
import { localDate } from '@clinic/scheduling';
import { appointmentsRepository as appointments } from '../appointments/index.ts';
import type { Decision } from '../booking/index.ts';
import { holdsRepository as holds, waitlistRepository as entries } from './repository.ts';
import { clinicDateTime, holdEnd, holdVerdict, nextWaiter, type OverlappingHold } from './rules.ts';

type OfferTimeCommand = Extract<BookingCommand, { kind: 'OFFER_TIME' }>;

const notOffered = (reason: Extract<BookingOutcome, { result: 'NOT_OFFERED' }>['reason']): Decision => ({
  reply: { result: 'NOT_OFFERED', reason },
});

/**
 * The waitlist's part in a booking or a reschedule to [start, end) for `patientId`, decided by the
 * booking worker in the savepoint of that command: a time held for someone else (unexpired) refuses
 * it with SLOT_HELD (saying until when, in clinic time), unless the front desk overrides the holds with
 * a reason (they end OVERRIDDEN once the appointment is written); the patient's own holds of it are
 * used up once the appointment is written. `known`: those holds as the booking worker's batch read them
 * already in this transaction (locked, by its clock); without them they are read here.
 */
export async function holdsOnBooking(
  tx: PoolClient,
  booking: { doctorId: string; patientId: string; start: string; end: string; timeZone: string; override?: { by: string; reason: string } },
  known?: readonly OverlappingHold[],
): Promise<{ refusal?: BookingOutcome; consume: (appointmentId: string) => Promise<void> }> {
  const overlapping = known ?? (await holds.activeOverlapping(tx, booking.doctorId, booking.start, booking.end));
  const verdict = holdVerdict(overlapping, booking.patientId);
  const { override } = booking;
  if (verdict.kind === 'HELD' && override) {
    const others = overlapping.filter((h) => h.patient_id !== booking.patientId && !h.expired).map((h) => h.id);
    const own = overlapping.filter((h) => h.patient_id === booking.patientId).map((h) => h.id);
    return {
      consume: async (appointmentId) => {
        await holds.markOverridden(tx, others, override, appointmentId);
        await holds.markBooked(tx, own, appointmentId);
      },
    };
  }
  if (verdict.kind === 'HELD') {
    const until = clinicDateTime(verdict.hold.expires_at, booking.timeZone);
    return {
      refusal: { result: 'REJECTED', code: 'SLOT_HELD', message: `This time is held for a patient on the waitlist until ${until}` },
      consume: async () => {},
    };
  }
  const own = verdict.kind === 'OWN' ? verdict.holds.map((h) => h.id) : [];
  return { consume: (appointmentId) => holds.markBooked(tx, own, appointmentId) };
}

/**
 * OFFER_TIME: a freed time of the doctor goes to the first patient waiting for its day, decided in order
 * with the doctor's bookings (the same shard), so no booking decided before it is missed and none
 * decided after it can take the time meanwhile. Holds of this time that ran out are marked LAPSED
 * first; then, if the time is still bookable and nobody has it (no active appointment, no unexpired
 * hold), the first waiter free at that time who did not let it lapse before gets a hold until
 * `now + holdSeconds` or the time's start, whichever comes first (`holdEnd`), their entry becomes OFFERED and a WAITLIST_OFFER event is recorded.
 *
 * Runs in a savepoint of its own: a failure undoes this command's writes, and the batch tries it again.
 */
export async function decideOfferTime(
  tx: PoolClient,
  command: OfferTimeCommand,
  profile: DoctorBookingProfile | undefined,
  context: { now: Date; holdSeconds: number; bookable: (profile: DoctorBookingProfile) => boolean },
): Promise<Decision> {
  await tx.query('SAVEPOINT offer_time');
  try {
    const decision = await offer(tx, command, profile, context);
    await tx.query('RELEASE SAVEPOINT offer_time');
    return decision;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT offer_time');
    throw error;
  }
}

async function offer(
  tx: PoolClient,
  command: OfferTimeCommand,
  profile: DoctorBookingProfile | undefined,
  { now, holdSeconds, bookable }: { now: Date; holdSeconds: number; bookable: (profile: DoctorBookingProfile) => boolean },
): Promise<Decision> {
  const start = new Date(command.start_time).toISOString();
  const end = new Date(command.end_time).toISOString();
  await holds.lapseExpired(tx, command.doctor_id, start, end);
  if (!profile || !bookable(profile)) return notOffered('NOT_BOOKABLE');
  if (await appointments.findActiveOverlap(tx, { doctorId: command.doctor_id }, start, end)) return notOffered('TAKEN');
  if ((await holds.activeOverlapping(tx, command.doctor_id, start, end)).length > 0) return notOffered('TAKEN');

  const date = localDate(new Date(start), profile.time_zone);
  const waiter = nextWaiter(await entries.candidates(tx, command.doctor_id, date, start, end), date);
  if (!waiter) return notOffered('NO_WAITER');

  // Holds run on the database's clock (set, shown as busy, lapsed), whichever replica decides them.
  const offeredAt = await holds.clock(tx);
  // The hold ends no later than the last moment the time can be booked: its start less the notice.
  const expiresAt = holdEnd(offeredAt, holdSeconds, new Date(start), profile.min_notice_minutes * 60);
  if (expiresAt <= offeredAt) return notOffered('NOT_BOOKABLE');
  const hold = await holds.insert(tx, {
    doctor_id: command.doctor_id,
    patient_id: waiter.patient_id,
    entry_id: waiter.entry_id,
    start_time: start,
    end_time: end,
    expires_at: expiresAt.toISOString(),
  });
  await entries.setStatus(tx, waiter.entry_id, 'OFFERED');
  const { doctor } = profile;
  const offered: WaitlistOffer = {
    hold_id: hold.id,
    entry_id: hold.entry_id,
    patient_id: hold.patient_id,
    doctor_id: doctor.id,
    doctor_user_id: doctor.user_id,
    doctor_name: doctor.full_name,
    specialization_name: doctor.specialization.name,
    cabinet_name: doctor.cabinet.name,
    cabinet_location: doctor.cabinet.location,
    cabinet_floor: doctor.cabinet.floor,
    start_time: hold.start_time,
    end_time: hold.end_time,
    expires_at: hold.expires_at,
  };
  const event: WaitlistOfferEvent = { id: crypto.randomUUID(), type: 'WAITLIST_OFFER', occurredAt: now.toISOString(), offer: offered };
  return { reply: { result: 'OFFERED', offer: offered }, event };
}
