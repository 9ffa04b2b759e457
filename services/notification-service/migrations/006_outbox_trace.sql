-- Up Migration
-- The W3C trace context a notification was claimed in (the event's consumer): the email is sent in that
-- trace, so one booking is one trace from the gateway to the emails.
ALTER TABLE notifications ADD COLUMN traceparent text;

-- Down Migration
ALTER TABLE notifications DROP COLUMN traceparent;
