-- Up Migration
-- Users whose account was deleted (user-service's user.deleted): their notifications keep what the
-- clinic's audit needs (when, which kind, about which appointment, whether it was sent) without the
-- message or the address, and nothing more is written or sent to them.
CREATE TABLE deleted_recipients (
  user_id uuid PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE deleted_recipients;
