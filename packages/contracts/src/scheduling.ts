import { Type, type Static } from 'typebox';
import { Uuid } from './http.ts';
import { BookableVisitType } from './visit-types.ts';

export const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'HH:MM, clinic time' });
export const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A weekly working-hours entry, as @clinic/scheduling reads it. */
export const ScheduleEntry = Type.Object({
  id: Uuid,
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
  startTime: Time,
  endTime: Time,
  slotMinutes: Type.Integer(),
  validFrom: Type.Union([DateOnly, Type.Null()]),
  validTo: Type.Union([DateOnly, Type.Null()]),
});
export type ScheduleEntry = Static<typeof ScheduleEntry>;

export const TimeOff = Type.Object({
  id: Uuid,
  startDate: DateOnly,
  endDate: DateOnly,
  reason: Type.String(),
});
export type TimeOff = Static<typeof TimeOff>;

/**
 * Internal: `GET /internal/doctors/{id}/booking-profile` on doctor-service (SERVICE role). Everything the
 * booking worker needs to check a requested interval and to snapshot the names shown on PDFs and emails.
 */
export const DoctorBookingProfile = Type.Object({
  doctor: Type.Object({
    id: Uuid,
    user_id: Uuid,
    full_name: Type.String(),
    email: Type.String(),
    specialization: Type.Object({ id: Uuid, name: Type.String() }),
    cabinet: Type.Object({ id: Uuid, name: Type.String(), location: Type.String(), floor: Type.Integer() }),
  }),
  schedule: Type.Array(ScheduleEntry),
  time_off: Type.Array(TimeOff),
  time_zone: Type.String({ description: 'IANA zone of the clinic, e.g. Europe/Bucharest' }),
  horizon_days: Type.Integer({ description: 'How many days ahead bookings are accepted' }),
  min_notice_minutes: Type.Integer({ description: 'The doctor’s minimum notice in force (own or the clinic’s)' }),
  buffer_minutes: Type.Integer({ description: 'Minutes kept free after each of the doctor’s appointments (own or the clinic’s)' }),
  closed_days: Type.Array(Type.Object({ date: DateOnly, name: Type.String() }), { description: 'The clinic’s closed days from today on' }),
  /** The doctor's effective active visit types (their own, else their specialization's); absent from older services. */
  visit_types: Type.Optional(Type.Array(BookableVisitType)),
});
export type DoctorBookingProfile = Static<typeof DoctorBookingProfile>;

/**
 * Internal: `GET /internal/busy?doctor_id=&from=&to=` on appointment-service (SERVICE role). The doctor's
 * active (PENDING / CONFIRMED) appointments overlapping [from, to); `to` omitted means no end.
 */
export const BusyQuery = Type.Object({
  doctor_id: Uuid,
  from: Type.String({ format: 'date-time' }),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export const BusyIntervals = Type.Object({
  intervals: Type.Array(Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) })),
  changes_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the answer changes by itself (the first of its holds to expire), or null: only a change of the rows does',
  }),
});
/**
 * The PostgreSQL channel on which appointment-service's database announces, at commit, every change of a
 * doctor's appointments or holds (the doctor's id as payload): doctor-service keeps busy times until then.
 */
export const DOCTOR_BUSY_CHANNEL = 'doctor_busy';

/**
 * The PostgreSQL channel on which doctor-service's database announces, at commit, every change of what
 * a doctor's calendar and booking profile are made of (the doctor's id as payload; empty: every doctor).
 * doctor-service keeps calendars until then, appointment-service booking profiles.
 */
export const DOCTOR_CALENDAR_CHANNEL = 'doctor_calendar';
export type BusyIntervals = Static<typeof BusyIntervals>;
