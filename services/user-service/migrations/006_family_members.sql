-- Up Migration
-- The people an account holder books for (a child, a parent, a spouse): the appointment is theirs, the
-- emails go to the account. Removed with the account (ON DELETE CASCADE): nothing of them outlives it.
CREATE TABLE family_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  birth_date date NOT NULL,
  relation text NOT NULL CHECK (relation IN ('child', 'parent', 'spouse', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX family_members_user_idx ON family_members (user_id, created_at);

-- Down Migration
DROP TABLE family_members;
