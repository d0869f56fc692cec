-- Organization syncs run as jobs: each run is recorded with its progress and outcome, like an account's syncs.
-- At most one queued/running sync per organization (the partial unique index), as for accounts.
CREATE TABLE organization_syncs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'create')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress jsonb NOT NULL DEFAULT '{"done": 0, "total": 0}',
  -- created/enabled/disabled AWS account ids and the member syncs queued (accountId, awsAccountId, syncId).
  result jsonb,
  error text,
  queued_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE UNIQUE INDEX organization_syncs_one_in_flight ON organization_syncs (organization_id)
  WHERE status IN ('queued', 'running');
CREATE INDEX organization_syncs_organization_seq_idx ON organization_syncs (organization_id, seq);
