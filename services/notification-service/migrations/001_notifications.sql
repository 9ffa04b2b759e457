-- Up Migration
-- Every message sent (or being sent) to one recipient on one channel: the audit and the send queue.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  -- What the message is about: an appointment event's id, `agenda:<date>` for a doctor's daily agenda,
  -- `manual:<uuid>` for an admin's message. With recipient and channel, the idempotency key: a
  -- redelivered or caught-up event finds its rows claimed and sends nothing twice.
  source_key text NOT NULL,
  event_id uuid,
  appointment_id uuid,
  type text NOT NULL CHECK (type IN ('CREATED', 'UPDATED', 'CONFIRMED', 'CANCELLED', 'PDF_GENERATED', 'REMINDER_DUE', 'DAILY_AGENDA', 'MANUAL')),
  channel text NOT NULL DEFAULT 'EMAIL' CHECK (channel IN ('EMAIL')),
  recipient_id uuid NOT NULL,
  recipient_email text NOT NULL,
  language text NOT NULL CHECK (language IN ('ro', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  body_html text NOT NULL,
  ics text,
  ics_method text CHECK (ics_method IN ('REQUEST', 'CANCEL')),
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A replica sending the message holds it until then; if it dies, another one takes it after that.
  lease_until timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notifications_once UNIQUE (source_key, recipient_id, channel)
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at);
CREATE INDEX notifications_appointment_idx ON notifications (appointment_id, created_at);

-- Who takes part in each appointment seen in an event: answers who may read its notifications.
CREATE TABLE appointment_participants (
  appointment_id uuid PRIMARY KEY,
  patient_id uuid NOT NULL,
  doctor_user_id uuid NOT NULL
);

-- One row per clinic day whose reminder run (the doctors' agenda of the next day) is done: the run
-- happens once per day however many replicas tick, and a day without its row is caught up.
CREATE TABLE reminder_runs (
  day date PRIMARY KEY,
  completed_at timestamptz
);

-- Down Migration
DROP TABLE reminder_runs;
DROP TABLE appointment_participants;
DROP TABLE notifications;
