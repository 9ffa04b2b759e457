-- Up Migration
-- The rest of what a doctor's booking profile is made of, announced on doctor_calendar like the
-- calendar (migrations 004 and 006): appointment-service keeps booking profiles in memory and forgets a
-- doctor's on the announcement (its directories/booking-profiles.ts). A doctor's own visit types
-- announce that doctor; a specialization's visit types, and a changed or removed specialization or
-- cabinet (whose names a profile shows), every doctor (an empty payload). A new specialization or
-- cabinet changes no profile until a doctor is moved to it, which the doctor's row announces.
CREATE FUNCTION announce_visit_types_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('doctor_calendar', coalesce(OLD.doctor_id::text, '')); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('doctor_calendar', coalesce(NEW.doctor_id::text, '')); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER visit_types_profile_change AFTER INSERT OR UPDATE OR DELETE ON visit_types
  FOR EACH ROW EXECUTE FUNCTION announce_visit_types_change();

-- Migration 006's announcement of every doctor, named for what it now does for three tables.
ALTER FUNCTION announce_closed_days_change() RENAME TO announce_every_doctor;
CREATE TRIGGER specializations_profile_change AFTER UPDATE OR DELETE ON specializations
  FOR EACH STATEMENT EXECUTE FUNCTION announce_every_doctor();
CREATE TRIGGER cabinets_profile_change AFTER UPDATE OR DELETE ON cabinets
  FOR EACH STATEMENT EXECUTE FUNCTION announce_every_doctor();

-- Down Migration
DROP TRIGGER cabinets_profile_change ON cabinets;
DROP TRIGGER specializations_profile_change ON specializations;
ALTER FUNCTION announce_every_doctor() RENAME TO announce_closed_days_change;
DROP TRIGGER visit_types_profile_change ON visit_types;
DROP FUNCTION announce_visit_types_change();
