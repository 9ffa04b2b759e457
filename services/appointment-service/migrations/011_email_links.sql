-- Up Migration
-- The emailed links' tokens that cancelled their appointment: a cancel link works once (a second use
-- answers 410 LINK_USED). The tokens themselves are never stored; only their ids.
CREATE TABLE used_link_tokens (
  token_id uuid PRIMARY KEY,
  appointment_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('CANCEL')),
  used_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE used_link_tokens;
