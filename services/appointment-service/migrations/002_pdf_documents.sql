-- Up Migration
-- Events the PDF generator has handled: delivery is at least once, so a redelivered event is
-- recognised here (inserted in the transaction that records its PDF_GENERATED) and skipped.
CREATE TABLE handled_events (
  event_id uuid PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE handled_events;
