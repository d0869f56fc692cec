-- Cloudward schema, version 1. Runs unchanged on PostgreSQL (15+) and PGlite.
-- Timestamps are timestamptz(3): millisecond precision, so values round-trip exactly through JS Date and the
-- keyset cursors built from them.

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  aws_account_id text NOT NULL UNIQUE,
  role_arn text NOT NULL,
  external_id_ciphertext text NOT NULL,
  regions text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  last_sync_id uuid,
  -- Insertion order for keyset paging: timestamps tie within a millisecond, a sequence never does.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE syncs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'create', 'scan')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'partial', 'failed', 'interrupted')),
  progress jsonb NOT NULL DEFAULT '{"done":0,"total":0}',
  queued_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  error text,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
-- At most one queued/running sync per account, enforced by the database so it holds across processes.
CREATE UNIQUE INDEX syncs_one_active_per_account ON syncs (account_id) WHERE status IN ('queued', 'running');
CREATE INDEX syncs_account_seq_idx ON syncs (account_id, seq);

CREATE TABLE sync_service_results (
  sync_id uuid NOT NULL REFERENCES syncs (id) ON DELETE CASCADE,
  service text NOT NULL,
  region text NOT NULL,
  status text NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
  error_code text,
  error_message text,
  complete_types text[] NOT NULL DEFAULT '{}',
  asset_count integer NOT NULL DEFAULT 0,
  calls jsonb NOT NULL DEFAULT '{}',
  retries integer NOT NULL DEFAULT 0,
  throttles integer NOT NULL DEFAULT 0,
  duration_ms integer NOT NULL DEFAULT 0,
  recorded_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (sync_id, service, region)
);

CREATE TABLE assets (
  key uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id text NOT NULL,
  region text NOT NULL,
  service text NOT NULL,
  type text NOT NULL,
  class text NOT NULL,
  name text NOT NULL,
  tags jsonb NOT NULL DEFAULT '{}',
  config jsonb NOT NULL DEFAULT '{}',
  read_errors jsonb,
  facts jsonb NOT NULL DEFAULT '{}',
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_sync_id uuid,
  deleted_at timestamptz(3),
  UNIQUE (account_id, id)
);
-- Global and regional assets are queried apart: the main index serves regional lookups, the partial one global.
CREATE INDEX assets_account_region_type_idx ON assets (account_id, region, type);
CREATE INDEX assets_global_idx ON assets (account_id, type) WHERE region = 'global';
CREATE INDEX assets_regional_idx ON assets (account_id, type, region) WHERE region <> 'global';
CREATE INDEX assets_listing_idx ON assets (type, name, key);
CREATE INDEX assets_scope_idx ON assets (account_id, service, region, type) WHERE deleted_at IS NULL;

CREATE TABLE relationships (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  service text NOT NULL,
  region text NOT NULL,
  from_id text NOT NULL,
  verb text NOT NULL,
  to_id text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}',
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_sync_id uuid,
  PRIMARY KEY (account_id, service, region, from_id, verb, to_id)
);
CREATE INDEX relationships_from_idx ON relationships (account_id, from_id);
CREATE INDEX relationships_to_idx ON relationships (account_id, to_id);

CREATE TABLE evaluation_results (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  control_id text NOT NULL,
  asset_id text NOT NULL,
  region text NOT NULL,
  resource_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('pass', 'fail', 'not_applicable', 'error')),
  severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  reason text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]',
  exposed boolean NOT NULL DEFAULT false,
  evaluated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, control_id, asset_id)
);
CREATE INDEX evaluation_results_control_idx ON evaluation_results (control_id, status);
CREATE INDEX evaluation_results_asset_idx ON evaluation_results (account_id, asset_id);

CREATE TABLE suppressions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  control_id text,
  asset_id text,
  account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
  region text,
  tag_key text,
  tag_value text,
  justification text NOT NULL,
  author text NOT NULL,
  expires_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  CHECK (tag_value IS NULL OR tag_key IS NOT NULL),
  CHECK (num_nonnulls(control_id, asset_id, account_id, region, tag_key) > 0)
);

CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  control_id text NOT NULL,
  asset_id text NOT NULL,
  region text NOT NULL,
  resource_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'resolved', 'suppressed')),
  severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  reason text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]',
  exposed boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  resolved_at timestamptz(3),
  suppression_id uuid REFERENCES suppressions (id) ON DELETE SET NULL,
  history jsonb NOT NULL DEFAULT '[]',
  -- Sort keys as plain columns so every listing order is one btree range scan (keyset paging, never OFFSET).
  severity_weight smallint GENERATED ALWAYS AS (
    CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END
  ) STORED,
  rank_weight smallint GENERATED ALWAYS AS (
    (CASE WHEN exposed THEN 10 ELSE 0 END)
    + CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END
  ) STORED,
  UNIQUE (account_id, control_id, asset_id)
);
CREATE INDEX alerts_rank_idx ON alerts (rank_weight, last_seen_at, id);
CREATE INDEX alerts_status_rank_idx ON alerts (status, rank_weight, last_seen_at, id);
CREATE INDEX alerts_account_status_rank_idx ON alerts (account_id, status, rank_weight, last_seen_at, id);
CREATE INDEX alerts_status_severity_idx ON alerts (status, severity_weight, last_seen_at, id);
CREATE INDEX alerts_status_last_seen_idx ON alerts (status, last_seen_at, id);
CREATE INDEX alerts_status_first_seen_idx ON alerts (status, first_seen_at, id);
CREATE INDEX alerts_control_idx ON alerts (control_id, status);
CREATE INDEX alerts_asset_idx ON alerts (account_id, asset_id);
CREATE INDEX alerts_suppression_idx ON alerts (suppression_id) WHERE suppression_id IS NOT NULL;

CREATE TABLE score_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  framework_id text NOT NULL,
  passed integer NOT NULL,
  evaluated integer NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX score_snapshots_account_idx ON score_snapshots (account_id, framework_id, at);
CREATE INDEX score_snapshots_framework_idx ON score_snapshots (framework_id, at);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'auditor')),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at timestamptz(3),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE
);
