-- Up Migration
-- The newest user-service event applied per user (appointment-service keeps the names of the users
-- on their future appointments up to date): an event older than it, delivered late by another
-- replica, changes nothing.
CREATE TABLE user_snapshots (
  user_id uuid PRIMARY KEY,
  as_of timestamptz NOT NULL
);

-- Down Migration
DROP TABLE user_snapshots;
