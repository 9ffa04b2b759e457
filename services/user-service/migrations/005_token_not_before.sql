-- Up Migration
-- The instant from which a user's tokens are honoured again, moved forward by each change of their role
-- and by their deletion: every service refuses a token issued before it (user.tokens_revoked tells them;
-- a service starting up reads the recent ones through GET /internal/users/token-not-befores).
CREATE TABLE token_not_before (
  user_id uuid PRIMARY KEY,
  not_before timestamptz NOT NULL
);
CREATE INDEX token_not_before_at_idx ON token_not_before (not_before);

-- The ids of deleted users, and nothing else of them: a token of theirs still unexpired, or a sync
-- from Keycloak, never makes their profile again.
CREATE TABLE deleted_users (
  id uuid PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE user_events DROP CONSTRAINT user_events_type_check;
ALTER TABLE user_events ADD CONSTRAINT user_events_type_check CHECK (type IN ('UPDATED', 'DELETED', 'TOKENS_REVOKED'));

-- Down Migration
ALTER TABLE user_events DROP CONSTRAINT user_events_type_check;
ALTER TABLE user_events ADD CONSTRAINT user_events_type_check CHECK (type IN ('UPDATED', 'DELETED'));
DROP TABLE deleted_users;
DROP TABLE token_not_before;
