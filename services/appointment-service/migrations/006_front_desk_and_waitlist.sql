-- Up Migration
-- Who booked an appointment: its patient, or an admin at the front desk for them. Every earlier
-- booking was made by its patient.
ALTER TABLE appointments ADD COLUMN booked_by uuid;
UPDATE appointments SET booked_by = patient_id;
ALTER TABLE appointments ALTER COLUMN booked_by SET NOT NULL;

-- EXPIRED is recorded as an event now; WAITLIST_OFFER belongs to no appointment (the freed time is
-- nobody's yet), so only it goes without one.
ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_type_check;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_type_check
  CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED', 'NO_SHOW', 'EXPIRED', 'WAITLIST_OFFER'));
ALTER TABLE appointment_events ALTER COLUMN appointment_id DROP NOT NULL;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_appointment_check
  CHECK ((type = 'WAITLIST_OFFER') = (appointment_id IS NULL));

-- Patients waiting for a doctor's time on some days (the clinic's calendar dates), first come, first told.
CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  patient_name text NOT NULL,
  doctor_id uuid NOT NULL,
  -- The doctor's user, so a doctor's token alone says which waitlist is theirs.
  doctor_user_id uuid NOT NULL,
  doctor_name text NOT NULL,
  date_from date NOT NULL,
  date_to date NOT NULL,
  status text NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING', 'OFFERED', 'BOOKED', 'REMOVED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT waitlist_entries_range CHECK (date_to >= date_from)
);
-- One active entry per patient, doctor and range.
CREATE UNIQUE INDEX waitlist_entries_active_unique ON waitlist_entries (patient_id, doctor_id, date_from, date_to)
  WHERE status IN ('WAITING', 'OFFERED');
-- The queue of a doctor's waiters, oldest first.
CREATE INDEX waitlist_entries_queue_idx ON waitlist_entries (doctor_id, created_at, id) WHERE status IN ('WAITING', 'OFFERED');
CREATE INDEX waitlist_entries_patient_idx ON waitlist_entries (patient_id, created_at);

-- A freed time held for one waiting patient until expires_at: only they can book it meanwhile. The
-- booking worker decides holds in order with the doctor's bookings; the database agrees that no two
-- active holds of a doctor overlap.
CREATE TABLE slot_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL,
  start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL,
  patient_id uuid NOT NULL,
  entry_id uuid NOT NULL REFERENCES waitlist_entries (id),
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BOOKED', 'LAPSED', 'RELEASED')),
  expires_at timestamptz NOT NULL,
  -- BOOKED: the appointment the holder made of it.
  appointment_id uuid REFERENCES appointments (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT slot_holds_end_after_start CHECK (end_time > start_time),
  CONSTRAINT slot_holds_doctor_no_overlap EXCLUDE USING gist (doctor_id WITH =, tstzrange(start_time, end_time) WITH &&)
    WHERE (status = 'ACTIVE')
);
-- An entry holds at most one time at once.
CREATE UNIQUE INDEX slot_holds_one_per_entry ON slot_holds (entry_id) WHERE status = 'ACTIVE';
CREATE INDEX slot_holds_expiry_idx ON slot_holds (expires_at) WHERE status = 'ACTIVE';
CREATE INDEX slot_holds_patient_idx ON slot_holds (patient_id, doctor_id, start_time);

-- Down Migration
DROP TABLE slot_holds;
DROP TABLE waitlist_entries;
DELETE FROM appointment_events WHERE type IN ('WAITLIST_OFFER', 'EXPIRED');
ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_appointment_check;
ALTER TABLE appointment_events ALTER COLUMN appointment_id SET NOT NULL;
ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_type_check;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_type_check
  CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED', 'NO_SHOW'));
ALTER TABLE appointments DROP COLUMN booked_by;
