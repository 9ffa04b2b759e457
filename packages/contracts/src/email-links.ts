import { Type, type Static } from 'typebox';
import { AppointmentStatus } from './appointments.ts';
import { Instant, Uuid } from './http.ts';

/** What an emailed link lets its holder do without logging in. */
export const AppointmentLinkAction = Type.Union([Type.Literal('VIEW'), Type.Literal('RESCHEDULE'), Type.Literal('CANCEL')]);
export type AppointmentLinkAction = Static<typeof AppointmentLinkAction>;

/** The signed token of an emailed appointment link (HMAC-SHA256, made by notification-service). */
export const AppointmentLinkParams = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+~[A-Za-z0-9_-]+$' }),
});

/** An appointment as its emailed link shows it: what the patient needs to recognise it, and what they may do now. */
export const AppointmentByLink = Type.Object({
  appointment: Type.Object({
    id: Uuid,
    doctor_id: Uuid,
    doctor_name: Type.String(),
    specialization_name: Type.String(),
    patient_name: Type.String(),
    cabinet_name: Type.String(),
    cabinet_location: Type.String(),
    cabinet_floor: Type.Integer(),
    start_time: Instant,
    end_time: Instant,
    status: AppointmentStatus,
    /** The visit type booked (its duration is kept when the link moves it) with its names then; null without one. */
    visit_type_id: Type.Union([Uuid, Type.Null()]),
    visit_type_name_ro: Type.Union([Type.String(), Type.Null()]),
    visit_type_name_en: Type.Union([Type.String(), Type.Null()]),
    /** Whom the appointment is for when a family member of the account; null for the account holder. */
    family_member_name: Type.Union([Type.String(), Type.Null()]),
  }),
  actions: Type.Array(AppointmentLinkAction, {
    description: 'What the link allows now: the link’s own actions that the rules (status, the patient cut-off) still allow',
  }),
  language: Type.Union([Type.Literal('ro'), Type.Literal('en')], { description: 'The patient’s language when the email was written' }),
  link_expires_at: Instant,
  pdf_ready: Type.Boolean({ description: 'Whether GET …/pdf serves the PDF now (it is made a moment after each change)' }),
  patient_change_cutoff_hours: Type.Number(),
});
export type AppointmentByLink = Static<typeof AppointmentByLink>;

/** A new time for an appointment, chosen from an emailed link (like the patient's own reschedule). */
export const RescheduleByLinkRequest = Type.Object({ start_time: Instant, end_time: Instant }, { additionalProperties: false });
export type RescheduleByLinkRequest = Static<typeof RescheduleByLinkRequest>;
