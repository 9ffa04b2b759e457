-- Up Migration
-- The visit type an appointment was booked as, with its names as they were when booked (shown on the
-- PDF, in the emails and in the lists without asking doctor-service; a renamed or archived type changes
-- no appointment). Its length is the appointment's own interval, which the exclusion constraints guard
-- as before. NULL for an appointment booked without a visit type (one slot of the schedule).
ALTER TABLE appointments
  ADD COLUMN visit_type_id uuid,
  ADD COLUMN visit_type_name_ro text,
  ADD COLUMN visit_type_name_en text,
  ADD CONSTRAINT appointments_visit_type_names CHECK (
    (visit_type_id IS NULL AND visit_type_name_ro IS NULL AND visit_type_name_en IS NULL)
    OR (visit_type_id IS NOT NULL AND visit_type_name_ro IS NOT NULL AND visit_type_name_en IS NOT NULL)
  );

-- Down Migration
ALTER TABLE appointments DROP CONSTRAINT appointments_visit_type_names,
  DROP COLUMN visit_type_name_en, DROP COLUMN visit_type_name_ro, DROP COLUMN visit_type_id;
