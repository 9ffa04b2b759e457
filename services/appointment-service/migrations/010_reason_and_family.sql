-- Up Migration
-- Whom an appointment is for when not the account holder: one of the account's family members
-- (user-service's family_members; their id, and their name as it was when booked). And why the patient
-- comes, in their words: shown to the clinic, never in emails nor on the PDF.
ALTER TABLE appointments ADD COLUMN family_member_id uuid;
ALTER TABLE appointments ADD COLUMN family_member_name text;
ALTER TABLE appointments ADD COLUMN reason text;
ALTER TABLE appointments ADD CONSTRAINT appointments_family_member_named
  CHECK ((family_member_id IS NULL) = (family_member_name IS NULL));
ALTER TABLE appointments ADD CONSTRAINT appointments_reason_length CHECK (length(reason) BETWEEN 1 AND 500);

-- The patient-overlap guard follows the person the appointment is for, not the account that booked it:
-- a parent may book two children at the same time, and no one person is ever in two places at once
-- (the account holder's own appointments are theirs, a family member's are the member's).
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap
  EXCLUDE USING gist ((coalesce(family_member_id, patient_id)) WITH =, tstzrange(start_time, end_time) WITH &&)
  WHERE (status IN ('PENDING', 'CONFIRMED'));
CREATE INDEX appointments_family_member_idx ON appointments (family_member_id, start_time) WHERE family_member_id IS NOT NULL;

-- Down Migration
DROP INDEX appointments_family_member_idx;
ALTER TABLE appointments DROP CONSTRAINT appointments_patient_no_overlap;
ALTER TABLE appointments ADD CONSTRAINT appointments_patient_no_overlap
  EXCLUDE USING gist (patient_id WITH =, tstzrange(start_time, end_time) WITH &&)
  WHERE (status IN ('PENDING', 'CONFIRMED'));
ALTER TABLE appointments DROP CONSTRAINT appointments_reason_length;
ALTER TABLE appointments DROP CONSTRAINT appointments_family_member_named;
ALTER TABLE appointments DROP COLUMN reason;
ALTER TABLE appointments DROP COLUMN family_member_name;
ALTER TABLE appointments DROP COLUMN family_member_id;
