-- Up Migration
CREATE TABLE specializations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX specializations_name_unique ON specializations (lower(name));

CREATE TABLE cabinets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  location text NOT NULL,
  floor integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cabinets_name_unique ON cabinets (lower(name));

-- `user_id` is the Keycloak user id; name and email are a snapshot of the user's profile taken when
-- the doctor was created, so lists need no call to user-service. RESTRICT: a specialization or cabinet
-- still used by a doctor cannot be deleted, whatever the application does.
CREATE TABLE doctors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  full_name text NOT NULL,
  email text NOT NULL,
  specialization_id uuid NOT NULL,
  cabinet_id uuid NOT NULL,
  bio text,
  years_experience integer CHECK (years_experience >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT doctors_user_unique UNIQUE (user_id),
  CONSTRAINT doctors_specialization_fk FOREIGN KEY (specialization_id) REFERENCES specializations (id) ON DELETE RESTRICT,
  CONSTRAINT doctors_cabinet_fk FOREIGN KEY (cabinet_id) REFERENCES cabinets (id) ON DELETE RESTRICT
);
CREATE INDEX doctors_specialization_idx ON doctors (specialization_id);
CREATE INDEX doctors_cabinet_idx ON doctors (cabinet_id);
CREATE INDEX doctors_name_idx ON doctors (full_name, id);

-- Weekly working hours in the clinic's time zone. end_time may be 24:00, the midnight ending the day.
CREATE TABLE schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  end_time time NOT NULL,
  slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 480),
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT schedules_whole_minutes CHECK (extract(second FROM start_time) = 0 AND extract(second FROM end_time) = 0),
  CONSTRAINT schedules_time_range CHECK (start_time < end_time),
  CONSTRAINT schedules_slots_fit CHECK (mod((extract(epoch FROM end_time - start_time) / 60)::integer, slot_minutes) = 0),
  CONSTRAINT schedules_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX schedules_doctor_idx ON schedules (doctor_id, weekday, start_time);

-- Whole days, end_date inclusive, on which a doctor offers no slot.
CREATE TABLE time_off (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctors (id) ON DELETE CASCADE,
  start_date date NOT NULL,
  end_date date NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT time_off_range CHECK (end_date >= start_date)
);
CREATE INDEX time_off_doctor_idx ON time_off (doctor_id, end_date);

-- Down Migration
DROP TABLE time_off;
DROP TABLE schedules;
DROP TABLE doctors;
DROP TABLE cabinets;
DROP TABLE specializations;
