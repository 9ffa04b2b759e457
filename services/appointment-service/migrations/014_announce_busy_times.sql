-- Up Migration
-- Every change of the times a doctor's appointments and holds take is announced on the channel
-- doctor_busy with the doctor's id, at commit (DOCTOR_BUSY_CHANNEL in @clinic/contracts): doctor-service
-- keeps the busy times available slots are computed from in memory and forgets the doctor's on the
-- announcement. A trigger, so that no way of changing the rows is missed; only the columns busy times
-- are read from fire it (a PDF's key or a name does not). Announcements of one doctor in one
-- transaction are sent once.
CREATE FUNCTION announce_busy_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('doctor_busy', OLD.doctor_id::text); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('doctor_busy', NEW.doctor_id::text); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appointments_busy_change AFTER INSERT OR DELETE OR UPDATE OF doctor_id, start_time, end_time, status
  ON appointments FOR EACH ROW EXECUTE FUNCTION announce_busy_change();
CREATE TRIGGER slot_holds_busy_change AFTER INSERT OR DELETE OR UPDATE OF doctor_id, start_time, end_time, status, expires_at
  ON slot_holds FOR EACH ROW EXECUTE FUNCTION announce_busy_change();

-- Down Migration
DROP TRIGGER slot_holds_busy_change ON slot_holds;
DROP TRIGGER appointments_busy_change ON appointments;
DROP FUNCTION announce_busy_change();
