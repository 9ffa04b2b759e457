import { Type, type Static, type TSchema } from 'typebox';
import { PageQuery, SingleLineText, Uuid } from './http.ts';
import { DateOnly, Time } from './scheduling.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Name = SingleLineText(120);
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Specialization = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  /** The English name and description, shown when the app is in English; absent, the name above is shown. */
  name_en: Type.Optional(Nullable(Type.String())),
  description_en: Type.Optional(Nullable(Type.String())),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Specialization = Static<typeof Specialization>;

export const CreateSpecializationRequest = Type.Object(
  {
    name: Name,
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    name_en: Type.Optional(Nullable(Name)),
    description_en: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type CreateSpecializationRequest = Static<typeof CreateSpecializationRequest>;

export const UpdateSpecializationRequest = Type.Partial(CreateSpecializationRequest, { additionalProperties: false, minProperties: 1 });
export type UpdateSpecializationRequest = Static<typeof UpdateSpecializationRequest>;

export const Cabinet = Type.Object({
  id: Uuid,
  name: Type.String(),
  location: Type.String({ description: 'Building and address, as shown on the appointment' }),
  floor: Type.Integer(),
  /** The English name, shown when the app is in English; absent, the name above is shown. */
  name_en: Type.Optional(Nullable(Type.String())),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Cabinet = Static<typeof Cabinet>;

export const CreateCabinetRequest = Type.Object(
  {
    name: Name,
    location: SingleLineText(300),
    floor: Type.Integer({ minimum: -10, maximum: 200, description: '0 = ground floor, negative = basement' }),
    name_en: Type.Optional(Nullable(Name)),
  },
  { additionalProperties: false },
);
export type CreateCabinetRequest = Static<typeof CreateCabinetRequest>;

export const UpdateCabinetRequest = Type.Partial(CreateCabinetRequest, { additionalProperties: false, minProperties: 1 });
export type UpdateCabinetRequest = Static<typeof UpdateCabinetRequest>;

export const Doctor = Type.Object({
  id: Uuid,
  user_id: Type.String({ format: 'uuid', description: 'The doctor’s Keycloak user id' }),
  full_name: Type.String({ description: 'As the user’s profile read when the doctor was created' }),
  /** The doctor's login: shown to admins only, never in the public directory (it would name the account to lock out). */
  email: Type.Optional(Type.String({ description: 'Admins only: the doctor’s login email' })),
  specialization: Type.Object({ id: Uuid, name: Type.String(), name_en: Type.Optional(Type.String({ description: 'Shown in English' })) }),
  cabinet: Type.Object({
    id: Uuid,
    name: Type.String(),
    location: Type.String(),
    floor: Type.Integer(),
    name_en: Type.Optional(Type.String({ description: 'Shown in English' })),
  }),
  bio: Nullable(Type.String()),
  years_experience: Nullable(Type.Integer()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Doctor = Static<typeof Doctor>;

const DoctorDetails = {
  specialization_id: Uuid,
  cabinet_id: Uuid,
  bio: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  years_experience: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 80 }))),
};

export const CreateDoctorRequest = Type.Object(
  { user_id: Type.String({ format: 'uuid', description: 'An existing user; they get the DOCTOR role' }), ...DoctorDetails },
  { additionalProperties: false },
);
export type CreateDoctorRequest = Static<typeof CreateDoctorRequest>;

export const UpdateDoctorRequest = Type.Partial(Type.Object(DoctorDetails), { additionalProperties: false, minProperties: 1 });
export type UpdateDoctorRequest = Static<typeof UpdateDoctorRequest>;

export const DoctorListQuery = Type.Object({
  ...PageQuery.properties,
  specialization_id: Type.Optional(Uuid),
  cabinet_id: Type.Optional(Uuid),
});

/** A weekly working-hours entry of a doctor, in the clinic's time zone. */
export const ScheduleEntryView = Type.Object({
  id: Uuid,
  doctor_id: Uuid,
  weekday: Type.Integer({ description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
  start_time: Time,
  end_time: Time,
  slot_minutes: Type.Integer(),
  valid_from: Nullable(DateOnly),
  valid_to: Nullable(DateOnly),
});
export type ScheduleEntryView = Static<typeof ScheduleEntryView>;

export const DoctorSchedule = Type.Object({
  doctor_id: Uuid,
  time_zone: Type.String({ description: 'IANA zone the times are in' }),
  entries: Type.Array(ScheduleEntryView),
});
export type DoctorSchedule = Static<typeof DoctorSchedule>;

export const CreateScheduleEntryRequest = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
    start_time: Time,
    end_time: Time,
    slot_minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 480, default: 30, description: 'Must divide the working time' })),
    valid_from: Type.Optional(Nullable(DateOnly)),
    valid_to: Type.Optional(Nullable(DateOnly)),
  },
  {
    additionalProperties: false,
    description: 'end_time is after start_time (24:00 is the midnight ending the day); slot_minutes divides the time between them',
  },
);
export type CreateScheduleEntryRequest = Static<typeof CreateScheduleEntryRequest>;

/** Whole days, end_date inclusive, on which the doctor offers no slot. */
export const TimeOffView = Type.Object({
  id: Uuid,
  doctor_id: Uuid,
  start_date: DateOnly,
  end_date: DateOnly,
  reason: Type.String(),
});
export type TimeOffView = Static<typeof TimeOffView>;

/**
 * Whether to cancel the appointments a calendar change leaves outside the doctor's hours or inside
 * their time off (otherwise the change is refused with 409 SCHEDULE_HAS_APPOINTMENTS listing them), and
 * the reason the patients are told. Both or neither.
 */
const CancelAppointmentsOption = {
  cancel_appointments: Type.Optional(
    Type.Boolean({ description: 'Cancel the appointments the change leaves without a time (with cancellation_reason)' }),
  ),
  cancellation_reason: Type.Optional(
    SingleLineText(500, { description: 'Why those appointments are cancelled: told to their patients and doctor' }),
  ),
};

export const CreateTimeOffRequest = Type.Object(
  {
    start_date: DateOnly,
    end_date: DateOnly,
    reason: SingleLineText(200, { description: 'e.g. vacation, sick leave, public holiday (private: never shown to patients)' }),
    ...CancelAppointmentsOption,
  },
  { additionalProperties: false, description: 'end_date is inclusive and not before start_date' },
);
export type CreateTimeOffRequest = Static<typeof CreateTimeOffRequest>;

export const DoctorScheduleEntryParams = Type.Object({ doctor_id: Uuid, schedule_id: Uuid });
export const DoctorTimeOffParams = Type.Object({ doctor_id: Uuid, time_off_id: Uuid });

/** How a schedule entry is removed: refused while it holds appointments, unless they are to be cancelled. */
export const RemoveScheduleEntryQuery = Type.Object(CancelAppointmentsOption);
export type RemoveScheduleEntryQuery = Static<typeof RemoveScheduleEntryQuery>;

export const AvailableSlotsQuery = Type.Object({
  date: DateOnly,
  visit_type_id: Type.Optional(
    Type.String({ format: 'uuid', description: 'Free times of this visit type’s length, on the schedule’s grid' }),
  ),
});

export const NoSlotsReason = Type.Union(
  [
    Type.Literal('INVALID_DATE'),
    Type.Literal('PAST_DATE'),
    Type.Literal('BEYOND_HORIZON'),
    /** The clinic is closed that day (closed_day names it). */
    Type.Literal('CLOSED'),
    Type.Literal('TIME_OFF'),
    Type.Literal('NOT_WORKING'),
    /** Every free time starts sooner than the doctor's minimum notice allows booking online. */
    Type.Literal('TOO_SOON'),
    Type.Literal('FULLY_BOOKED'),
  ],
  { description: 'Why there is no slot; absent whenever there are slots' },
);

/** The name of the closed day a date is, with reason CLOSED. */
const ClosedDayName = Type.Object({ name_ro: Type.String(), name_en: Type.String() });

export const AvailableSlots = Type.Object({
  doctor_id: Uuid,
  date: DateOnly,
  time_zone: Type.String(),
  slots: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time', description: 'ISO-8601 with the clinic zone’s offset' }),
      end: Type.String({ format: 'date-time' }),
    }),
  ),
  reason: Type.Optional(NoSlotsReason),
  closed_day: Type.Optional(ClosedDayName),
});
export type AvailableSlots = Static<typeof AvailableSlots>;

/** The most days one availability answer covers: two weeks, enough for a week view and its neighbour. */
export const MAX_AVAILABILITY_DAYS = 14;

export const AvailabilityQuery = Type.Object({
  from: DateOnly,
  days: Type.Integer({ minimum: 1, maximum: MAX_AVAILABILITY_DAYS, default: 7 }),
  visit_type_id: Type.Optional(
    Type.String({ format: 'uuid', description: 'Free times of this visit type’s length, on the schedule’s grid' }),
  ),
});

export const Availability = Type.Object({
  doctor_id: Uuid,
  from: DateOnly,
  days: Type.Integer(),
  time_zone: Type.String({ description: 'IANA zone the dates and times are in' }),
  horizon_days: Type.Integer({ description: 'How many days after today can be booked' }),
  dates: Type.Array(
    Type.Object({
      date: DateOnly,
      slots: AvailableSlots.properties.slots,
      reason: Type.Optional(NoSlotsReason),
      closed_day: Type.Optional(ClosedDayName),
    }),
    { description: 'One entry per date from `from`, in order, each as available-slots answers it' },
  ),
});
export type Availability = Static<typeof Availability>;
