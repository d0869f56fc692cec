// Each framework's mappings against the documented scope of its requirements (docs/mapping-scopes.yaml): every
// mapped control targets only the resource types the requirement is about and together they cover them all, and
// where the requirement is narrower than its resource type ("customer managed policies only", "attached volumes",
// "public write, not read") each mapped control gives the expected verdict on sample resources in and out of scope.
// One control mapped to two requirements with different scopes fails here: that is how FSBP S3.2 and S3.3 once
// shared a "bucket is public" control that reported world-readable buckets as world-writable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { evaluateEstate, loadControls, type LoadedControl } from '../../evaluator';
import { ACCOUNT_ID, buildEstate, readFrameworkFiles, ROOT, type CaseAsset } from './helpers';

interface ScopeRow {
  scope: string;
  source: string;
  configRule?: string;
  resourceTypes: string[];
  scopeChecks?: string[];
}

const table = parse(readFileSync(path.join(ROOT, 'docs', 'mapping-scopes.yaml'), 'utf8')) as {
  frameworks: Record<string, Record<string, ScopeRow>>;
};
const { controls } = loadControls({ extraDirs: [] });
const controlById = new Map(controls.map((control) => [control.id, control]));
/**
 * Frameworks whose requirements are control objectives ("A.8.24 Use of cryptography", "PR.DS-01 data-at-rest is
 * protected"), not one setting of one resource type: each maps the controls that check the AWS side of the
 * objective, across many resource types, and says in its description what they check and what stays manual. A
 * resource-type scope would only restate the mapping, so they are not held to this table (test/controls/mapping.test.ts
 * checks them).
 */
const objectiveFrameworks = new Set([
  'hipaa-security-rule',
  'iso-27001-2022',
  'nist-800-53-rev5',
  'nist-csf-2.0',
  'pci-dss-4.0.1',
  'soc2-2017',
]);
const frameworks = readFrameworkFiles()
  .map((entry) => entry.data)
  .filter((framework) => !objectiveFrameworks.has(framework.id));
const NOW = new Date('2026-06-01T00:00:00Z');

// ---- scope checks: sample resources and the verdict a control in that scope gives them ------------------------

/** out: not applicable (or no result); in: evaluated (any status but not_applicable); pass / fail: that status. */
type Verdict = 'out' | 'in' | 'pass' | 'fail';
interface Sample {
  name: string;
  assets: CaseAsset[];
  expect: Verdict;
}
interface ScopeCheck {
  /** Only mapped controls that target this type are held to the check. */
  type: string;
  samples: Sample[];
}

const adminDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const managedPolicy = (name: string, owner: 'aws' | 'customer', attachments: number): CaseAsset => {
  const arn = `arn:aws:iam::${owner === 'aws' ? 'aws' : ACCOUNT_ID}:policy/${name}`;
  return {
    type: 'aws_iam_policy',
    id: arn,
    name,
    config: {
      PolicyName: name,
      Arn: arn,
      DefaultVersionId: 'v1',
      AttachmentCount: attachments,
      Document: adminDocument,
    },
  };
};
const volume = (state: string): CaseAsset => ({
  type: 'aws_ec2_volume',
  id: `arn:aws:ec2:us-east-1:${ACCOUNT_ID}:volume/vol-${state}`,
  config: { VolumeId: `vol-${state}`, State: state, Encrypted: false },
});
const loadBalancer = (type: string): CaseAsset => ({
  type: 'aws_elbv2_load_balancer',
  id: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_ID}:loadbalancer/${type}/lb/1`,
  config: {
    LoadBalancerName: `${type}-lb`,
    Type: type,
    Scheme: 'internal',
    LoadBalancerAttributes: { Attributes: [] },
  },
});
const kmsKey = (manager: string, spec = 'SYMMETRIC_DEFAULT'): CaseAsset => ({
  type: 'aws_kms_key',
  id: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/${manager}-${spec}`,
  config: {
    KeyMetadata: { KeyManager: manager, KeySpec: spec, KeyState: 'Enabled', Origin: 'AWS_KMS' },
    KeyManager: manager,
    KeySpec: spec,
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
  },
});
const securityGroup = (name: string): CaseAsset => ({
  type: 'aws_ec2_security_group',
  id: `arn:aws:ec2:us-east-1:${ACCOUNT_ID}:security-group/sg-${name}`,
  config: {
    GroupId: `sg-${name}`,
    GroupName: name,
    VpcId: 'vpc-1',
    IpPermissions: [],
    IpPermissionsEgress: [],
  },
});
const user = (passwordEnabled: boolean): CaseAsset => ({
  type: 'aws_iam_user',
  id: `arn:aws:iam::${ACCOUNT_ID}:user/${passwordEnabled ? 'console' : 'api-only'}`,
  config: {
    UserName: passwordEnabled ? 'console' : 'api-only',
    CredentialReport: { password_enabled: String(passwordEnabled), mfa_active: 'false' },
  },
});
const allOn = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const allOff = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};
const bucket = (
  name: string,
  grant: { acl?: string; action?: string },
  block: Record<string, boolean> | null = allOff,
): CaseAsset => ({
  type: 'aws_s3_bucket',
  id: `arn:aws:s3:::${name}`,
  name,
  config: {
    Name: name,
    PublicAccessBlock: block ? { PublicAccessBlockConfiguration: block } : null,
    BucketPolicy: grant.action
      ? {
          Policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: grant.action, Resource: `arn:aws:s3:::${name}/*` },
            ],
          },
        }
      : null,
    BucketAcl: {
      Grants: grant.acl
        ? [
            {
              Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
              Permission: grant.acl,
            },
          ]
        : [],
    },
  },
});
const accountBlock: CaseAsset = {
  type: 'aws_s3_account_public_access_block',
  id: `arn:aws:s3:::${ACCOUNT_ID}:account-public-access-block`,
  config: { PublicAccessBlock: { PublicAccessBlockConfiguration: allOn } },
};

const scopeChecks: Record<string, ScopeCheck> = {
  customer_managed_policies_attached_or_not: {
    type: 'aws_iam_policy',
    samples: [
      {
        name: 'AWS managed policy, attached',
        assets: [managedPolicy('AdministratorAccess', 'aws', 3)],
        expect: 'out',
      },
      {
        name: 'customer managed policy, attached',
        assets: [managedPolicy('admin', 'customer', 1)],
        expect: 'in',
      },
      {
        name: 'customer managed policy, unattached',
        assets: [managedPolicy('spare', 'customer', 0)],
        expect: 'in',
      },
    ],
  },
  attached_managed_policies: {
    type: 'aws_iam_policy',
    samples: [
      {
        name: 'customer managed policy, unattached',
        assets: [managedPolicy('spare', 'customer', 0)],
        expect: 'out',
      },
      {
        name: 'customer managed policy, attached',
        assets: [managedPolicy('admin', 'customer', 1)],
        expect: 'in',
      },
      {
        name: 'AWS managed policy, attached',
        assets: [managedPolicy('AdministratorAccess', 'aws', 3)],
        expect: 'in',
      },
    ],
  },
  attached_volumes: {
    type: 'aws_ec2_volume',
    samples: [
      { name: 'unattached volume', assets: [volume('available')], expect: 'out' },
      { name: 'attached volume', assets: [volume('in-use')], expect: 'in' },
    ],
  },
  application_load_balancers: {
    type: 'aws_elbv2_load_balancer',
    samples: [
      { name: 'Network Load Balancer', assets: [loadBalancer('network')], expect: 'out' },
      { name: 'Gateway Load Balancer', assets: [loadBalancer('gateway')], expect: 'out' },
      { name: 'Application Load Balancer', assets: [loadBalancer('application')], expect: 'in' },
    ],
  },
  all_elbv2_load_balancers: {
    type: 'aws_elbv2_load_balancer',
    samples: ['application', 'network', 'gateway'].map((type) => ({
      name: `${type} load balancer`,
      assets: [loadBalancer(type)],
      expect: 'in' as const,
    })),
  },
  customer_managed_keys: {
    type: 'aws_kms_key',
    samples: [
      { name: 'AWS managed key', assets: [kmsKey('AWS')], expect: 'out' },
      { name: 'customer managed key', assets: [kmsKey('CUSTOMER')], expect: 'in' },
    ],
  },
  symmetric_customer_managed_keys: {
    type: 'aws_kms_key',
    samples: [
      { name: 'AWS managed key', assets: [kmsKey('AWS')], expect: 'out' },
      { name: 'customer managed asymmetric key', assets: [kmsKey('CUSTOMER', 'RSA_2048')], expect: 'out' },
      { name: 'customer managed symmetric key', assets: [kmsKey('CUSTOMER')], expect: 'in' },
    ],
  },
  default_security_groups: {
    type: 'aws_ec2_security_group',
    samples: [
      { name: 'a VPC security group other than default', assets: [securityGroup('web')], expect: 'out' },
      { name: "the VPC's default security group", assets: [securityGroup('default')], expect: 'in' },
    ],
  },
  console_password_users: {
    type: 'aws_iam_user',
    samples: [
      { name: 'user without a console password', assets: [user(false)], expect: 'out' },
      { name: 'user with a console password', assets: [user(true)], expect: 'in' },
    ],
  },
  public_read_not_write: {
    type: 'aws_s3_bucket',
    samples: [
      { name: 'ACL grants READ to AllUsers', assets: [bucket('acl-read', { acl: 'READ' })], expect: 'fail' },
      {
        name: 'policy lets everyone s3:GetObject',
        assets: [bucket('policy-read', { action: 's3:GetObject' })],
        expect: 'fail',
      },
      {
        name: 'ACL grants WRITE to AllUsers only',
        assets: [bucket('acl-write', { acl: 'WRITE' })],
        expect: 'pass',
      },
      {
        name: 'policy lets everyone s3:PutObject only',
        assets: [bucket('policy-write', { action: 's3:PutObject' })],
        expect: 'pass',
      },
    ],
  },
  public_write_not_read: {
    type: 'aws_s3_bucket',
    samples: [
      {
        name: 'ACL grants WRITE to AllUsers',
        assets: [bucket('acl-write', { acl: 'WRITE' })],
        expect: 'fail',
      },
      {
        name: 'policy lets everyone s3:PutObject',
        assets: [bucket('policy-write', { action: 's3:PutObject' })],
        expect: 'fail',
      },
      {
        name: 'ACL grants READ to AllUsers only',
        assets: [bucket('acl-read', { acl: 'READ' })],
        expect: 'pass',
      },
      {
        name: 'policy lets everyone s3:GetObject only',
        assets: [bucket('policy-read', { action: 's3:GetObject' })],
        expect: 'pass',
      },
    ],
  },
  resource_policy_only: {
    type: 'aws_s3_bucket',
    samples: [
      {
        name: 'policy lets everyone s3:GetObject',
        assets: [bucket('policy-read', { action: 's3:GetObject' })],
        expect: 'fail',
      },
      {
        name: 'public ACL but no public policy (an ACL is not a resource policy)',
        assets: [bucket('acl-read', { acl: 'READ' })],
        expect: 'pass',
      },
    ],
  },
  bucket_level_block_only: {
    type: 'aws_s3_bucket',
    samples: [
      {
        name: 'bucket block off, account block on',
        assets: [bucket('account-only', {}, null), accountBlock],
        expect: 'fail',
      },
      { name: 'bucket block on', assets: [bucket('own-block', {}, allOn)], expect: 'pass' },
    ],
  },
  bucket_or_account_block: {
    type: 'aws_s3_bucket',
    samples: [
      {
        name: 'bucket block off, account block on',
        assets: [bucket('account-only', {}, null), accountBlock],
        expect: 'pass',
      },
      { name: 'bucket block on', assets: [bucket('own-block', {}, allOn)], expect: 'pass' },
      { name: 'neither block on', assets: [bucket('no-block', {}, null)], expect: 'fail' },
    ],
  },
};

async function verdictOf(control: LoadedControl, sample: Sample): Promise<string> {
  const { assets, relationships } = buildEstate({ name: sample.name, expect: 'pass', assets: sample.assets });
  const { results } = await evaluateEstate(assets, relationships, [control], { analysers: true, now: NOW });
  const subject = assets[0].id;
  const result = results.find((r) => r.controlId === control.id && r.assetId === subject);
  if (!result || result.status === 'not_applicable') return 'out';
  return sample.expect === 'in' ? 'in' : result.status;
}

// ---- the tests, one block per framework -----------------------------------------------------------------------

describe.each(frameworks.map((framework) => [framework.id, framework] as const))(
  '%s mapping scopes',
  (id, framework) => {
    const rows = table.frameworks[id] ?? {};
    const mapped = framework.requirements.filter((requirement) => requirement.controls.length > 0);

    it('documents the scope of every mapped requirement, and only of requirements that exist and are mapped', () => {
      expect(mapped.map((requirement) => requirement.id).filter((rid) => !rows[rid])).toEqual([]);
      const mappedIds = new Set(mapped.map((requirement) => requirement.id));
      expect(Object.keys(rows).filter((rid) => !mappedIds.has(rid))).toEqual([]);
    });

    it('gives every scope a sentence and a source', () => {
      const bad = Object.entries(rows).filter(([rid, row]) => {
        if (!row.scope || row.scope.length < 10 || !row.resourceTypes?.length) return true;
        if (id === 'aws-fsbp') {
          const [service, number] = rid.split('.');
          const anchor = `${service.toLowerCase()}-controls.html#${service.toLowerCase()}-${number}`;
          return (
            row.source !== `https://docs.aws.amazon.com/securityhub/latest/userguide/${anchor}` ||
            (row.configRule !== undefined &&
              !row.configRule.startsWith('https://docs.aws.amazon.com/config/latest/developerguide/'))
          );
        }
        return !row.source.includes(`v${framework.version}, recommendation ${rid} `);
      });
      expect(bad.map(([rid]) => rid)).toEqual([]);
    });

    it.each(mapped.map((requirement) => [requirement.id, requirement.controls] as const))(
      '%s: its controls target only the documented resource types, and cover them all',
      (rid, controlIds) => {
        const row = rows[rid];
        expect(row).toBeDefined();
        const outside = controlIds.flatMap((controlId) =>
          controlById
            .get(controlId)!
            .resourceTypes.filter((type) => !row.resourceTypes.includes(type))
            .map((type) => `${controlId} targets ${type}`),
        );
        const uncovered = row.resourceTypes.filter(
          (type) => !controlIds.some((controlId) => controlById.get(controlId)!.resourceTypes.includes(type)),
        );
        expect({ outside, uncovered }).toEqual({ outside: [], uncovered: [] });
      },
    );

    const checked = mapped.flatMap((requirement) =>
      (rows[requirement.id]?.scopeChecks ?? []).map(
        (check) => [requirement.id, check, requirement.controls] as const,
      ),
    );
    if (checked.length === 0) return;
    it.each(checked)('%s: its controls keep to the scope "%s"', async (_rid, checkName, controlIds) => {
      const check = scopeChecks[checkName];
      expect(check).toBeDefined();
      const held = controlIds
        .map((controlId) => controlById.get(controlId)!)
        .filter((c) => c.resourceTypes.includes(check.type));
      expect(held.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const control of held) {
        for (const sample of check.samples) {
          const verdict = await verdictOf(control, sample);
          if (verdict !== sample.expect)
            wrong.push(`${control.id} on ${sample.name}: ${verdict}, expected ${sample.expect}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  },
);

describe('scope checks', () => {
  it('cover every framework but the control-objective ones, which have no rows', () => {
    const all = readFrameworkFiles().map((entry) => entry.data.id);
    expect(all.filter((id) => !objectiveFrameworks.has(id) && !table.frameworks[id])).toEqual([]);
    expect([...objectiveFrameworks].filter((id) => !all.includes(id) || table.frameworks[id])).toEqual([]);
  });

  it('are all used by some requirement (an unused probe is dead weight)', () => {
    const used = new Set(
      Object.values(table.frameworks).flatMap((rows) =>
        Object.values(rows).flatMap((row) => row.scopeChecks ?? []),
      ),
    );
    expect(Object.keys(scopeChecks).filter((name) => !used.has(name))).toEqual([]);
  });

  it('tell the old shared public-bucket control apart from the read and write scopes', async () => {
    // The control FSBP S3.2 and S3.3 both mapped before they were split: it must fail one of each pair of probes.
    const shared = controlById.get('s3_bucket_not_public')!;
    const readOnly = scopeChecks.public_write_not_read.samples.find((s) => s.expect === 'pass')!;
    expect(await verdictOf(shared, readOnly)).toBe('fail');
  });
});
