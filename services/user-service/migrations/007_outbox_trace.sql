-- Up Migration
-- The W3C trace context an event was recorded in: the outbox relay publishes the event in that trace.
ALTER TABLE user_events ADD COLUMN traceparent text;

-- Down Migration
ALTER TABLE user_events DROP COLUMN traceparent;
