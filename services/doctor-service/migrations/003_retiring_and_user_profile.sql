-- Up Migration
-- Set while the doctor is being deleted: the doctor is left out of lists and answers as gone to the
-- booking worker, so no booking decided after appointment-service's check can slip in. Cleared again
-- when the deletion is refused (the doctor still has appointments).
ALTER TABLE doctors ADD COLUMN retiring_since timestamptz;
-- When the user-service event the doctor's name and email come from happened: an older event
-- delivered late changes nothing.
ALTER TABLE doctors ADD COLUMN profile_as_of timestamptz;

-- Down Migration
ALTER TABLE doctors DROP COLUMN profile_as_of;
ALTER TABLE doctors DROP COLUMN retiring_since;
