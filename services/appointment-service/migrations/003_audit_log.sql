-- Up Migration
-- Admin actions on this service's data: who, what, when (packages/service-kit/src/audit.ts writes it).
CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text NOT NULL,
  actor_name text,
  action text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  target jsonb NOT NULL DEFAULT '{}',
  details jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

-- Down Migration
DROP TABLE audit_log;
