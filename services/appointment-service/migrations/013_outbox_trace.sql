-- Up Migration
-- The W3C trace context an event was recorded in: the outbox relay publishes the event in that trace,
-- so one booking is one trace from the gateway to the emails.
ALTER TABLE appointment_events ADD COLUMN traceparent text;

-- Down Migration
ALTER TABLE appointment_events DROP COLUMN traceparent;
