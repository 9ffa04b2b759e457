import { Type, type Static } from 'typebox';
import { SingleLineText } from './http.ts';
import { DateOnly } from './scheduling.ts';

/** A date on which the whole clinic is closed (a public holiday): no doctor offers a time. */
export const ClosedDay = Type.Object({
  date: DateOnly,
  name_ro: Type.String({ description: 'The day’s name in Romanian, e.g. Crăciunul' }),
  name_en: Type.String({ description: 'The day’s name in English, e.g. Christmas Day' }),
});
export type ClosedDay = Static<typeof ClosedDay>;

export const CreateClosedDayRequest = Type.Object(
  { date: DateOnly, name_ro: SingleLineText(100), name_en: SingleLineText(100) },
  { additionalProperties: false },
);
export type CreateClosedDayRequest = Static<typeof CreateClosedDayRequest>;

export const ClosedDayParams = Type.Object({ date: DateOnly });

export const ClosedDaysQuery = Type.Object({
  /** The first date listed; today in the clinic's zone when absent. */
  from: Type.Optional(DateOnly),
});

export const ClosedDays = Type.Object({ items: Type.Array(ClosedDay) });
export type ClosedDays = Static<typeof ClosedDays>;

const NOTICE = 'Minutes before its start a time can still be booked';
const BUFFER = 'Minutes kept free after each appointment';
const NoticeMinutes = Type.Integer({ minimum: 0, maximum: 20160, description: NOTICE });
const BufferMinutes = Type.Integer({ minimum: 0, maximum: 240, description: BUFFER });
const Own = (schema: typeof NoticeMinutes, description: string) =>
  Type.Union([schema, Type.Null()], { description: `${description}; null: the clinic’s default` });

/** A doctor's own minimum notice and buffer (null: the clinic's default), and what is in force. */
export const DoctorBookingLimits = Type.Object({
  min_notice_minutes: Own(NoticeMinutes, NOTICE),
  buffer_minutes: Own(BufferMinutes, BUFFER),
  effective: Type.Object({ min_notice_minutes: NoticeMinutes, buffer_minutes: BufferMinutes }),
});
export type DoctorBookingLimits = Static<typeof DoctorBookingLimits>;

export const UpdateDoctorBookingLimitsRequest = Type.Object(
  { min_notice_minutes: Own(NoticeMinutes, NOTICE), buffer_minutes: Own(BufferMinutes, BUFFER) },
  { additionalProperties: false },
);
export type UpdateDoctorBookingLimitsRequest = Static<typeof UpdateDoctorBookingLimitsRequest>;

/** `GET /doctors/booking-rules`: the clinic's defaults and its closed days from today on (public). */
export const BookingRules = Type.Object({
  min_notice_minutes: NoticeMinutes,
  buffer_minutes: BufferMinutes,
  closed_days: Type.Array(ClosedDay),
});
export type BookingRules = Static<typeof BookingRules>;
