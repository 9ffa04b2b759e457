-- Up Migration
CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  doctor_id uuid NOT NULL,
  -- The doctor's user id, so a doctor's token alone says which appointments are theirs.
  doctor_user_id uuid NOT NULL,
  cabinet_id uuid NOT NULL,
  start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED')),
  -- Names as they were when booked: shown on the PDF and in emails without asking other services.
  patient_name text NOT NULL,
  patient_email text NOT NULL,
  doctor_name text NOT NULL,
  doctor_email text NOT NULL,
  specialization_name text NOT NULL,
  cabinet_name text NOT NULL,
  cabinet_location text NOT NULL,
  cabinet_floor integer NOT NULL,
  pdf_object_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT appointments_end_after_start CHECK (end_time > start_time),
  -- The last guard against double bookings, whatever the application does: no two active
  -- appointments of one doctor, nor of one patient, may overlap in time.
  CONSTRAINT appointments_doctor_no_overlap EXCLUDE USING gist (doctor_id WITH =, tstzrange(start_time, end_time) WITH &&)
    WHERE (status IN ('PENDING', 'CONFIRMED')),
  CONSTRAINT appointments_patient_no_overlap EXCLUDE USING gist (patient_id WITH =, tstzrange(start_time, end_time) WITH &&)
    WHERE (status IN ('PENDING', 'CONFIRMED'))
);
CREATE INDEX appointments_patient_idx ON appointments (patient_id, start_time);
CREATE INDEX appointments_doctor_user_idx ON appointments (doctor_user_id, start_time);
CREATE INDEX appointments_confirmed_end_idx ON appointments (end_time) WHERE status = 'CONFIRMED';

-- The outbox: written in the same transaction as the change it describes.
CREATE TABLE appointment_events (
  id uuid PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'REMINDER_DUE', 'PDF_GENERATED')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set by the relay once RabbitMQ confirmed the event.
  published_at timestamptz,
  -- Set by notification-service once it has handled the event.
  is_processed boolean NOT NULL DEFAULT false,
  processed_at timestamptz
);
CREATE INDEX appointment_events_unpublished_idx ON appointment_events (created_at) WHERE published_at IS NULL;
CREATE INDEX appointment_events_unprocessed_idx ON appointment_events (created_at) WHERE NOT is_processed;
CREATE INDEX appointment_events_appointment_idx ON appointment_events (appointment_id);

-- Every booking command and its outcome: replays a client's retry (same Idempotency-Key) and makes
-- a redelivered command a no-op.
CREATE TABLE booking_commands (
  id uuid PRIMARY KEY,
  requester_id uuid NOT NULL,
  idempotency_key text,
  request jsonb NOT NULL,
  outcome jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT booking_commands_idempotency_unique UNIQUE (requester_id, idempotency_key)
);

-- Down Migration
DROP TABLE booking_commands;
DROP TABLE appointment_events;
DROP TABLE appointments;
