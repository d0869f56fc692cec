// The demo AWS Organization: a management account, a security tooling account (delegated administrator of
// GuardDuty and Security Hub), the two workload accounts (Production under Workloads/Prod, Staging under
// Workloads/Dev) and a sandbox that is suspended before the last round (so the organization sync disables its
// Cloudward account, with the reason). Customer-managed SCPs guard the root, Workloads and Sandbox.
// Recorded as AWS Organizations answers: the management account reads the whole structure; every other member
// reads only DescribeOrganization (ListRoots answers AccessDenied for a plain member, as AWS does).
import type {
  Account,
  DelegatedAdministrator,
  OrganizationalUnit,
  PolicySummary,
  PolicyTargetSummary,
  Root,
} from '@aws-sdk/client-organizations';
import type { Recording } from '../recording';
import { FINAL_ROUND, daysAgo } from './profile';

const HOME = 'us-east-1';
export const DEMO_ORGANIZATION_ID = 'o-d3m0exmpl1';
export const DEMO_MANAGEMENT_ACCOUNT_ID = '333333333333';
const ROOT_ID = 'r-d3m0';

const orgArn = (kind: string, id: string) =>
  `arn:aws:organizations::${DEMO_MANAGEMENT_ACCOUNT_ID}:${kind}/${DEMO_ORGANIZATION_ID}/${id}`;

interface DemoUnit {
  id: string;
  name: string;
  parentId: string;
}

/** The OU tree under the root. */
export const DEMO_UNITS: DemoUnit[] = [
  { id: 'ou-d3m0-security1', name: 'Security', parentId: ROOT_ID },
  { id: 'ou-d3m0-workloads', name: 'Workloads', parentId: ROOT_ID },
  { id: 'ou-d3m0-prod0001', name: 'Prod', parentId: 'ou-d3m0-workloads' },
  { id: 'ou-d3m0-dev00001', name: 'Dev', parentId: 'ou-d3m0-workloads' },
  { id: 'ou-d3m0-sandbox1', name: 'Sandbox', parentId: ROOT_ID },
];

export interface DemoMember {
  awsAccountId: string;
  name: string;
  parentId: string;
  /** Days before the reference time the account joined. */
  joinedDaysAgo: number;
  /** The round from which AWS reports the account SUSPENDED (closed); absent: ACTIVE throughout. */
  suspendedFromRound?: number;
}

export const DEMO_MEMBERS: DemoMember[] = [
  { awsAccountId: DEMO_MANAGEMENT_ACCOUNT_ID, name: 'Management', parentId: ROOT_ID, joinedDaysAgo: 1200 },
  { awsAccountId: '444444444444', name: 'Security', parentId: 'ou-d3m0-security1', joinedDaysAgo: 1100 },
  { awsAccountId: '111111111111', name: 'Production', parentId: 'ou-d3m0-prod0001', joinedDaysAgo: 1000 },
  { awsAccountId: '222222222222', name: 'Staging', parentId: 'ou-d3m0-dev00001', joinedDaysAgo: 900 },
  {
    awsAccountId: '555555555555',
    name: 'Sandbox',
    parentId: 'ou-d3m0-sandbox1',
    joinedDaysAgo: 200,
    suspendedFromRound: FINAL_ROUND,
  },
];

/** The accounts the organization brings beyond the two workload accounts (small estates: record-landing-zone). */
export const DEMO_LANDING_ZONE_ACCOUNT_IDS = ['333333333333', '444444444444', '555555555555'];

export function memberState(member: DemoMember, round: number): 'ACTIVE' | 'SUSPENDED' {
  return member.suspendedFromRound !== undefined && round >= member.suspendedFromRound
    ? 'SUSPENDED'
    : 'ACTIVE';
}

interface DemoPolicy {
  id: string;
  name: string;
  description: string;
  awsManaged: boolean;
  statement: object[];
  targetIds: string[];
}

const everyTarget = [
  ROOT_ID,
  ...DEMO_UNITS.map((unit) => unit.id),
  ...DEMO_MEMBERS.map((m) => m.awsAccountId),
];

const DEMO_POLICIES: DemoPolicy[] = [
  {
    // AWS attaches FullAWSAccess to the root, every OU and every account when SCPs are enabled.
    id: 'p-FullAWSAccess',
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    awsManaged: true,
    statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    targetIds: everyTarget,
  },
  {
    id: 'p-denyleave1',
    name: 'DenyLeaveOrganization',
    description: 'No account may leave the organization',
    awsManaged: false,
    statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
    targetIds: [ROOT_ID],
  },
  {
    id: 'p-protectsec',
    name: 'ProtectSecurityServices',
    description: 'CloudTrail, GuardDuty and Config stay on',
    awsManaged: false,
    statement: [
      {
        Effect: 'Deny',
        Action: [
          'cloudtrail:StopLogging',
          'cloudtrail:DeleteTrail',
          'guardduty:DeleteDetector',
          'guardduty:DisassociateFromMasterAccount',
          'config:StopConfigurationRecorder',
          'config:DeleteConfigurationRecorder',
        ],
        Resource: '*',
      },
    ],
    targetIds: ['ou-d3m0-workloads', 'ou-d3m0-sandbox1'],
  },
  {
    id: 'p-regionlck1',
    name: 'RegionRestriction',
    description: 'Sandbox accounts work in us-east-1 only',
    awsManaged: false,
    statement: [
      {
        Effect: 'Deny',
        NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
      },
    ],
    targetIds: ['ou-d3m0-sandbox1'],
  },
];

/** Security tooling is delegated to the Security account (GuardDuty, Security Hub, IAM Access Analyzer). */
const DELEGATED_ADMIN_IDS = ['444444444444'];

const emailOf = (member: DemoMember) => `aws+${member.name.toLowerCase()}@example.com`;

function accountOf(member: DemoMember, round: number, now: Date): Account {
  const state = memberState(member, round);
  return {
    Id: member.awsAccountId,
    Arn: orgArn('account', member.awsAccountId),
    Email: emailOf(member),
    Name: member.name,
    Status: state,
    State: state,
    JoinedMethod: member.awsAccountId === DEMO_MANAGEMENT_ACCOUNT_ID ? 'INVITED' : 'CREATED',
    JoinedTimestamp: daysAgo(now, member.joinedDaysAgo),
  };
}

function policySummary(policy: DemoPolicy): PolicySummary {
  return {
    Id: policy.id,
    Arn: policy.awsManaged
      ? `arn:aws:organizations::aws:policy/service_control_policy/${policy.id}`
      : orgArn('policy', `service_control_policy/${policy.id}`),
    Name: policy.name,
    Description: policy.description,
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: policy.awsManaged,
  };
}

function targetOf(id: string): PolicyTargetSummary {
  if (id === ROOT_ID) return { TargetId: id, Arn: orgArn('root', id), Name: 'Root', Type: 'ROOT' };
  const unit = DEMO_UNITS.find((candidate) => candidate.id === id);
  if (unit) return { TargetId: id, Arn: orgArn('ou', id), Name: unit.name, Type: 'ORGANIZATIONAL_UNIT' };
  const member = DEMO_MEMBERS.find((candidate) => candidate.awsAccountId === id);
  return { TargetId: id, Arn: orgArn('account', id), Name: member?.name, Type: 'ACCOUNT' };
}

/** Organizations answers for demo account `awsAccountId` (every demo account is a member of the organization). */
export function recordOrganization(
  recording: Recording,
  awsAccountId: string,
  round: number,
  now: Date,
): void {
  const management = DEMO_MEMBERS[0];
  recording.output(
    'Organizations',
    'DescribeOrganization',
    HOME,
    {},
    {
      Organization: {
        Id: DEMO_ORGANIZATION_ID,
        Arn: `arn:aws:organizations::${DEMO_MANAGEMENT_ACCOUNT_ID}:organization/${DEMO_ORGANIZATION_ID}`,
        FeatureSet: 'ALL',
        MasterAccountArn: orgArn('account', DEMO_MANAGEMENT_ACCOUNT_ID),
        MasterAccountId: DEMO_MANAGEMENT_ACCOUNT_ID,
        MasterAccountEmail: emailOf(management),
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    },
  );
  if (awsAccountId !== DEMO_MANAGEMENT_ACCOUNT_ID) {
    recording.error(
      'Organizations',
      'ListRoots',
      HOME,
      {},
      {
        name: 'AccessDeniedException',
        status: 400,
        message: "You don't have permissions to access this resource.",
      },
    );
    return;
  }

  const roots: Root[] = [
    {
      Id: ROOT_ID,
      Arn: orgArn('root', ROOT_ID),
      Name: 'Root',
      PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  ];
  recording.output('Organizations', 'ListRoots', HOME, {}, { Roots: roots });
  for (const parentId of [ROOT_ID, ...DEMO_UNITS.map((unit) => unit.id)]) {
    const units: OrganizationalUnit[] = DEMO_UNITS.filter((unit) => unit.parentId === parentId).map(
      (unit) => ({ Id: unit.id, Arn: orgArn('ou', unit.id), Name: unit.name }),
    );
    recording.output(
      'Organizations',
      'ListOrganizationalUnitsForParent',
      HOME,
      { ParentId: parentId },
      { OrganizationalUnits: units },
    );
    recording.output(
      'Organizations',
      'ListAccountsForParent',
      HOME,
      { ParentId: parentId },
      {
        Accounts: DEMO_MEMBERS.filter((member) => member.parentId === parentId).map((member) =>
          accountOf(member, round, now),
        ),
      },
    );
  }
  recording.output(
    'Organizations',
    'ListAccounts',
    HOME,
    {},
    { Accounts: DEMO_MEMBERS.map((member) => accountOf(member, round, now)) },
  );

  recording.output(
    'Organizations',
    'ListPolicies',
    HOME,
    { Filter: 'SERVICE_CONTROL_POLICY' },
    { Policies: DEMO_POLICIES.map(policySummary) },
  );
  for (const policy of DEMO_POLICIES) {
    recording.output(
      'Organizations',
      'DescribePolicy',
      HOME,
      { PolicyId: policy.id },
      {
        Policy: {
          PolicySummary: policySummary(policy),
          Content: JSON.stringify({ Version: '2012-10-17', Statement: policy.statement }),
        },
      },
    );
    recording.output(
      'Organizations',
      'ListTargetsForPolicy',
      HOME,
      { PolicyId: policy.id },
      { Targets: policy.targetIds.map(targetOf) },
    );
  }

  const admins: DelegatedAdministrator[] = DEMO_MEMBERS.filter((member) =>
    DELEGATED_ADMIN_IDS.includes(member.awsAccountId),
  ).map((member) => ({
    ...accountOf(member, round, now),
    DelegationEnabledDate: daysAgo(now, member.joinedDaysAgo - 10),
  }));
  recording.output(
    'Organizations',
    'ListDelegatedAdministrators',
    HOME,
    {},
    { DelegatedAdministrators: admins },
  );
}
