-- Up Migration
-- EXPIRED: a request the clinic never confirmed before its time; WAITLIST_OFFER: a freed time held for a
-- waiting patient (about no appointment yet: appointment_id stays null).
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED',
  'PDF_GENERATED', 'REMINDER_DUE', 'EXPIRED', 'WAITLIST_OFFER', 'DAILY_AGENDA', 'MANUAL'));

-- Down Migration
DELETE FROM notifications WHERE type IN ('EXPIRED', 'WAITLIST_OFFER');
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED',
  'PDF_GENERATED', 'REMINDER_DUE', 'DAILY_AGENDA', 'MANUAL'));
