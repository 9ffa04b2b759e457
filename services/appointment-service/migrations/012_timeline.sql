-- Up Migration
-- The front desk may book a time held for a waiting patient, saying why: the hold ends OVERRIDDEN,
-- naming who took it, why, and the appointment made of it (the appointment's timeline shows it).
ALTER TABLE slot_holds DROP CONSTRAINT slot_holds_status_check;
ALTER TABLE slot_holds ADD CONSTRAINT slot_holds_status_check CHECK (status IN ('ACTIVE', 'BOOKED', 'LAPSED', 'RELEASED', 'OVERRIDDEN'));
ALTER TABLE slot_holds ADD COLUMN overridden_by uuid;
ALTER TABLE slot_holds ADD COLUMN override_reason text;
CREATE INDEX slot_holds_appointment_idx ON slot_holds (appointment_id) WHERE appointment_id IS NOT NULL;

-- Down Migration
DROP INDEX slot_holds_appointment_idx;
UPDATE slot_holds SET status = 'RELEASED' WHERE status = 'OVERRIDDEN';
ALTER TABLE slot_holds DROP COLUMN override_reason;
ALTER TABLE slot_holds DROP COLUMN overridden_by;
ALTER TABLE slot_holds DROP CONSTRAINT slot_holds_status_check;
ALTER TABLE slot_holds ADD CONSTRAINT slot_holds_status_check CHECK (status IN ('ACTIVE', 'BOOKED', 'LAPSED', 'RELEASED'));
