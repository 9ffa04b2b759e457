-- Up Migration
-- NOT_SENT: recorded, never emailed. PDF_GENERATED is recorded for the audit, but its link is already in
-- the appointment's own email (one email per change), so the patient gets no second one for it.
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'FAILED', 'NOT_SENT'));

-- Down Migration
DELETE FROM notifications WHERE status = 'NOT_SENT';
ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'FAILED'));
