-- Up Migration
-- EXPIRED: a PENDING appointment whose start passed unconfirmed; NO_SHOW: the patient did not come.
-- Neither holds its time: the exclusion constraints keep counting PENDING and CONFIRMED only.
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'EXPIRED', 'NO_SHOW'));
ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_type_check;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_type_check
  CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED', 'NO_SHOW'));
-- The expiry job finds the PENDING appointments whose start passed.
CREATE INDEX appointments_pending_start_idx ON appointments (start_time) WHERE status = 'PENDING';

-- Down Migration
DROP INDEX appointments_pending_start_idx;
ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_type_check;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_type_check
  CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED'));
ALTER TABLE appointments DROP CONSTRAINT appointments_status_check;
ALTER TABLE appointments ADD CONSTRAINT appointments_status_check
  CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED'));
