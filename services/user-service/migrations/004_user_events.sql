-- Up Migration
-- The outbox: what happened to a user (UPDATED, DELETED), written in the transaction of the change and
-- relayed to RabbitMQ's clinic.events as user.<type> (doctor- and appointment-service keep copies of
-- names and emails). No foreign key: a deleted user's last event outlives their row.
CREATE TABLE user_events (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('UPDATED', 'DELETED')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The request that made the change: the relay publishes the event under its id (x-request-id).
  request_id text,
  -- Set by the relay once RabbitMQ confirmed the event.
  published_at timestamptz
);
CREATE INDEX user_events_unpublished_idx ON user_events (created_at) WHERE published_at IS NULL;
CREATE INDEX user_events_user_idx ON user_events (user_id, created_at);

-- Down Migration
DROP TABLE user_events;
