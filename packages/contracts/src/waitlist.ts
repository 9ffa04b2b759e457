import { Type, type Static } from 'typebox';
import { Instant, Uuid } from './http.ts';
import { DateOnly } from './scheduling.ts';

/** The longest range one waitlist entry may cover, in days (both ends included). */
export const MAX_WAITLIST_RANGE_DAYS = 31;

export const CreateWaitlistEntryRequest = Type.Object(
  {
    doctor_id: Uuid,
    date_from: { ...DateOnly, description: 'First day wanted (YYYY-MM-DD, the clinic’s zone); not in the past' },
    date_to: {
      ...DateOnly,
      description: `Last day wanted, at most ${MAX_WAITLIST_RANGE_DAYS} days after date_from and within the booking horizon`,
    },
    patient_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Who waits: an admin (the front desk) adds this patient; a patient may give only their own id',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateWaitlistEntryRequest = Static<typeof CreateWaitlistEntryRequest>;

/**
 * WAITING: told of the next freed time in its range; OFFERED: a time is held for the patient now;
 * BOOKED: the patient booked the time offered; REMOVED: the patient left the waitlist.
 */
export const WaitlistEntryStatus = Type.Union([
  Type.Literal('WAITING'),
  Type.Literal('OFFERED'),
  Type.Literal('BOOKED'),
  Type.Literal('REMOVED'),
]);
export type WaitlistEntryStatus = Static<typeof WaitlistEntryStatus>;

/** The time held for the entry's patient, while it is: only they can book it until `expires_at`. */
export const WaitlistEntryOffer = Type.Object({
  hold_id: Uuid,
  start_time: Instant,
  end_time: Instant,
  expires_at: Instant,
});

export const WaitlistEntry = Type.Object({
  id: Uuid,
  patient_id: Uuid,
  patient_name: Type.String(),
  doctor_id: Uuid,
  doctor_name: Type.String(),
  date_from: DateOnly,
  date_to: DateOnly,
  status: WaitlistEntryStatus,
  offer: Type.Union([WaitlistEntryOffer, Type.Null()]),
  created_at: Instant,
});
export type WaitlistEntry = Static<typeof WaitlistEntry>;

export const WaitlistQuery = Type.Object({ doctor_id: Uuid });
