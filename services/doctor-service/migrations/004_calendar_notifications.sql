-- Up Migration
-- Every change of a doctor's calendar (the doctor, their schedule, their time off) is announced on the
-- channel doctor_calendar with the doctor's id, at commit, to every doctor-service replica listening:
-- each keeps the calendars available slots are computed from in memory and forgets the doctor's on
-- the announcement (calendar-cache.ts). A trigger, so that no way of changing the rows is missed.
CREATE FUNCTION announce_calendar_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: the column holding the doctor's id.
  PERFORM pg_notify('doctor_calendar', coalesce(to_jsonb(NEW), to_jsonb(OLD)) ->> TG_ARGV[0]);
  RETURN NULL;
END
$$;
CREATE TRIGGER doctors_calendar_change AFTER INSERT OR UPDATE OR DELETE ON doctors
  FOR EACH ROW EXECUTE FUNCTION announce_calendar_change('id');
CREATE TRIGGER schedules_calendar_change AFTER INSERT OR UPDATE OR DELETE ON schedules
  FOR EACH ROW EXECUTE FUNCTION announce_calendar_change('doctor_id');
CREATE TRIGGER time_off_calendar_change AFTER INSERT OR UPDATE OR DELETE ON time_off
  FOR EACH ROW EXECUTE FUNCTION announce_calendar_change('doctor_id');

-- Down Migration
DROP TRIGGER time_off_calendar_change ON time_off;
DROP TRIGGER schedules_calendar_change ON schedules;
DROP TRIGGER doctors_calendar_change ON doctors;
DROP FUNCTION announce_calendar_change();
