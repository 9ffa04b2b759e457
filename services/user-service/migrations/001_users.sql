-- Up Migration
-- One row per platform user. `id` is the Keycloak user id (the `sub` of the user's tokens), so every
-- service can name a user from a token alone.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  full_name text NOT NULL,
  phone text,
  role text NOT NULL CHECK (role IN ('PATIENT', 'DOCTOR', 'ADMIN')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);

-- Down Migration
DROP TABLE users;
