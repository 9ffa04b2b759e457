-- Up Migration
-- A doctor's own minimum notice and buffer after each appointment; null keeps the clinic's default
-- (CLINIC_MIN_NOTICE_MINUTES, CLINIC_BUFFER_MINUTES). Changing them announces a calendar change (the
-- doctors trigger of migration 004), so kept calendars are read again.
ALTER TABLE doctors
  ADD COLUMN min_notice_minutes integer CHECK (min_notice_minutes BETWEEN 0 AND 20160),
  ADD COLUMN buffer_minutes integer CHECK (buffer_minutes BETWEEN 0 AND 240);

-- Dates on which the whole clinic is closed (public holidays): no doctor offers a time.
CREATE TABLE closed_days (
  date date PRIMARY KEY,
  name_ro text NOT NULL CHECK (length(name_ro) BETWEEN 1 AND 100),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The years whose public holidays were loaded (CLINIC_PUBLIC_HOLIDAYS), each once: a holiday the
-- admin removed stays removed at the next start.
CREATE TABLE public_holiday_years (
  country text NOT NULL,
  year integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, year)
);

-- A changed closed day changes every doctor's calendar: an empty payload makes every replica forget all.
CREATE FUNCTION announce_closed_days_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('doctor_calendar', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER closed_days_calendar_change AFTER INSERT OR UPDATE OR DELETE ON closed_days
  FOR EACH STATEMENT EXECUTE FUNCTION announce_closed_days_change();

-- Down Migration
DROP TRIGGER closed_days_calendar_change ON closed_days;
DROP FUNCTION announce_closed_days_change();
DROP TABLE public_holiday_years;
DROP TABLE closed_days;
ALTER TABLE doctors DROP COLUMN buffer_minutes, DROP COLUMN min_notice_minutes;
