-- Up Migration
-- What a patient books: a first consultation of 60 minutes, a follow-up of 20. A specialization's types
-- are the clinic's defaults for its doctors; a doctor with types of their own offers those instead.
-- Archived types stay (appointments name them) but are neither offered nor booked.
CREATE TABLE visit_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  specialization_id uuid REFERENCES specializations (id) ON DELETE CASCADE,
  doctor_id uuid REFERENCES doctors (id) ON DELETE CASCADE,
  name_ro text NOT NULL,
  name_en text NOT NULL,
  duration_minutes integer NOT NULL,
  price_text text,
  online_bookable boolean NOT NULL DEFAULT true,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT visit_types_one_owner CHECK ((specialization_id IS NULL) <> (doctor_id IS NULL)),
  CONSTRAINT visit_types_duration CHECK (duration_minutes BETWEEN 5 AND 480 AND duration_minutes % 5 = 0)
);
CREATE INDEX visit_types_specialization_idx ON visit_types (specialization_id) WHERE specialization_id IS NOT NULL;
CREATE INDEX visit_types_doctor_idx ON visit_types (doctor_id) WHERE doctor_id IS NOT NULL;

-- The demo clinic is Romanian: names and descriptions are written in Romanian, with the English ones
-- shown when the app is in English (optional: absent, the Romanian one is shown).
ALTER TABLE specializations ADD COLUMN name_en text, ADD COLUMN description_en text;
ALTER TABLE cabinets ADD COLUMN name_en text;

-- Down Migration
ALTER TABLE cabinets DROP COLUMN name_en;
ALTER TABLE specializations DROP COLUMN description_en, DROP COLUMN name_en;
DROP TABLE visit_types;
