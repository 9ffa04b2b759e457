-- Up Migration
-- The language of the user's emails; Romanian unless the user chose English.
ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'ro' CHECK (language IN ('ro', 'en'));

-- Down Migration
ALTER TABLE users DROP COLUMN language;
