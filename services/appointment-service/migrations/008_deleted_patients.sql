-- Up Migration
-- Patients whose account was deleted (user-service's user.deleted). Marked before their appointments
-- ahead are cancelled through the booking queues: every booking of theirs decided after the mark is
-- refused, every one decided before it is cancelled. The PDF generator makes no PDF of theirs again.
CREATE TABLE deleted_patients (
  patient_id uuid PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE deleted_patients;
