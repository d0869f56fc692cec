-- Organization connections: the management account (or a delegated administrator) connected once; member
-- accounts become Cloudward accounts through organization_members, which also records why a member is disabled.
CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  management_account_id text NOT NULL UNIQUE,
  role_arn text NOT NULL,
  external_id_ciphertext text NOT NULL,
  member_role_name text NOT NULL,
  regions text[] NOT NULL,
  include_ou_ids text[] NOT NULL DEFAULT '{}',
  exclude_ou_ids text[] NOT NULL DEFAULT '{}',
  include_account_ids text[] NOT NULL DEFAULT '{}',
  exclude_account_ids text[] NOT NULL DEFAULT '{}',
  last_sync_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE organization_members (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  aws_account_id text NOT NULL,
  account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
  name text NOT NULL,
  state text NOT NULL,
  parent_path text[] NOT NULL,
  managed boolean NOT NULL,
  reason text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, aws_account_id)
);
