import { Type, type Static } from 'typebox';
import { AppointmentView } from './appointments.ts';
import { FamilyMember } from './family.ts';
import { Instant, Uuid } from './http.ts';
import { Notification } from './notifications.ts';
import { UserProfile } from './users.ts';
import { WaitlistEntry } from './waitlist.ts';

/** One appointment's PDF, as the patient got it by email. */
export const ExportedDocument = Type.Object({
  appointment_id: Uuid,
  file_name: Type.String(),
  content_type: Type.Literal('application/pdf'),
  content_base64: Type.String({ contentEncoding: 'base64' }),
});
export type ExportedDocument = Static<typeof ExportedDocument>;

/** What appointment-service holds of one patient (internal, for user-service's export). */
export const PatientRecords = Type.Object({
  appointments: Type.Array(AppointmentView),
  waitlist: Type.Array(WaitlistEntry),
  documents: Type.Array(ExportedDocument),
});
export type PatientRecords = Static<typeof PatientRecords>;

/** Every notification sent to one user (internal, for user-service's export). */
export const RecipientNotifications = Type.Object({ notifications: Type.Array(Notification) });
export type RecipientNotifications = Static<typeof RecipientNotifications>;

/** GET /users/me/export: everything the platform holds of the caller, gathered from every service that holds some. */
export const PersonalDataExport = Type.Object({
  exported_at: Instant,
  profile: UserProfile,
  family_members: Type.Array(FamilyMember),
  ...PatientRecords.properties,
  notifications: Type.Array(Notification),
});
export type PersonalDataExport = Static<typeof PersonalDataExport>;
