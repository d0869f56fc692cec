// IAM analyser, privilege escalation: an escalation action counts when allowed on any resource of its type (a
// made-up probe role/user/group/policy), or, for the policy-writing ones, on the principal itself, its groups or
// a policy attached to it. A grant on one named other resource, or self-service on its own user, does not.
import { analyseIam } from '../../evaluator/analysers/iam';
import { Estate } from '../../evaluator/engine/estate';
import type { EvalAsset } from '../../evaluator';
import { ACCOUNT, asset } from './fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement: statements });
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const SELF_USER = 'arn:aws:iam::*:user/${aws:username}';

function role(name: string, statements: Record<string, unknown>[], attached: string[] = []): EvalAsset {
  return asset(
    'aws_iam_role',
    arn('role', name),
    {
      RoleName: name,
      Arn: arn('role', name),
      RolePolicyList: [{ PolicyName: `${name}-inline`, PolicyDocument: doc(...statements) }],
      AttachedManagedPolicies: attached.map((policy) => ({
        PolicyName: policy,
        PolicyArn: arn('policy', policy),
      })),
    },
    { name },
  );
}

function user(name: string, statements: Record<string, unknown>[], groups: string[] = []): EvalAsset {
  return asset(
    'aws_iam_user',
    arn('user', name),
    {
      UserName: name,
      Arn: arn('user', name),
      UserPolicyList: statements.length
        ? [{ PolicyName: `${name}-inline`, PolicyDocument: doc(...statements) }]
        : [],
      GroupList: groups,
      AttachedManagedPolicies: [],
    },
    { name },
  );
}

function group(name: string, statements: Record<string, unknown>[]): EvalAsset {
  return asset(
    'aws_iam_group',
    arn('group', name),
    {
      GroupName: name,
      Arn: arn('group', name),
      GroupPolicyList: [{ PolicyName: `${name}-inline`, PolicyDocument: doc(...statements) }],
      AttachedManagedPolicies: [],
    },
    { name },
  );
}

function managed(name: string, ...statements: Record<string, unknown>[]): EvalAsset {
  return asset(
    'aws_iam_policy',
    arn('policy', name),
    { PolicyName: name, Arn: arn('policy', name), Document: doc(...statements) },
    { name },
  );
}

async function facts(...assets: EvalAsset[]) {
  return analyseIam(new Estate(assets, []), { now: NOW });
}

const allow = (Action: string | string[], Resource: string | string[]) => ({
  Effect: 'Allow',
  Action,
  Resource,
});

describe('IAM analyser: escalation actions on any resource of their type', () => {
  it.each([
    [
      'iam:AttachRolePolicy on one named other role',
      allow('iam:AttachRolePolicy', arn('role', 'app')),
      false,
    ],
    ['iam:AttachRolePolicy on every role', allow('iam:AttachRolePolicy', 'arn:aws:iam::*:role/*'), true],
    [
      'iam:AttachRolePolicy on roles under one path',
      allow('iam:AttachRolePolicy', arn('role', 'team/*')),
      false,
    ],
    ['iam:PutRolePolicy on *', allow('iam:PutRolePolicy', '*'), true],
    ['iam:UpdateAssumeRolePolicy on every role', allow('iam:UpdateAssumeRolePolicy', arn('role', '*')), true],
    ['iam:CreateAccessKey on *', allow('iam:CreateAccessKey', '*'), true],
    ['iam:CreateAccessKey on one named user', allow('iam:CreateAccessKey', arn('user', 'bob')), false],
    [
      'iam:CreatePolicyVersion on one policy',
      allow('iam:CreatePolicyVersion', arn('policy', 'shared')),
      false,
    ],
    ['iam:CreatePolicyVersion on every policy', allow('iam:CreatePolicyVersion', arn('policy', '*')), true],
    ['iam:AddUserToGroup on one group', allow('iam:AddUserToGroup', arn('group', 'readers')), false],
    ['iam:AddUserToGroup on every group', allow('iam:AddUserToGroup', arn('group', '*')), true],
    ['iam:* on *', allow('iam:*', '*'), true],
  ])('a role with %s', async (_name, statement, expected) => {
    const all = await facts(role('web', [statement]));
    const web = all.get(arn('role', 'web'))!;
    expect(web.adminAccess).toBe(expected);
    if (!expected) expect(web.adminEvidence![0]).toContain('not administrator-equivalent');
  });

  it('says which resource type the escalation reaches, naming the probe', async () => {
    const web = (await facts(role('web', [allow('iam:AttachRolePolicy', arn('role', '*'))]))).get(
      arn('role', 'web'),
    )!;
    expect(web.adminEvidence).toEqual([
      `effective permissions (inline web-inline) allow iam:AttachRolePolicy on any role (even a made-up one, ${arn('role', 'cloudward-escalation-probe')}), which can grant any permission (privilege escalation)`,
    ]);
  });

  it('a Deny on the resource type wins over the Allow on *', async () => {
    const web = role('web', [
      allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], '*'),
      { Effect: 'Deny', Action: 'iam:*RolePolicy', Resource: 'arn:aws:iam::*:role/*' },
    ]);
    expect((await facts(web)).get(arn('role', 'web'))!.adminAccess).toBe(false);
  });

  it('a Deny on one other role leaves the escalation on every other role', async () => {
    const web = role('web', [
      allow('iam:AttachRolePolicy', '*'),
      { Effect: 'Deny', Action: 'iam:AttachRolePolicy', Resource: arn('role', 'break-glass') },
    ]);
    expect((await facts(web)).get(arn('role', 'web'))!.adminAccess).toBe(true);
  });

  it('self-service on its own user (${aws:username}) is not escalation, for the user and the policy', async () => {
    const selfService = managed(
      'SelfService',
      allow(['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:CreateLoginProfile'], SELF_USER),
    );
    const alice = asset('aws_iam_user', arn('user', 'alice'), {
      UserName: 'alice',
      Arn: arn('user', 'alice'),
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [{ PolicyName: 'SelfService', PolicyArn: arn('policy', 'SelfService') }],
    });
    const all = await facts(selfService, alice);
    expect(all.get(arn('user', 'alice'))!.adminAccess).toBe(false);
    expect(all.get(arn('policy', 'SelfService'))!.adminAccess).toBe(false);
  });

  it('a user named like the probe still does not escalate through its own user', async () => {
    const probeNamed = user('cloudward-escalation-probe', [allow('iam:CreateAccessKey', SELF_USER)]);
    expect((await facts(probeNamed)).get(arn('user', 'cloudward-escalation-probe'))!.adminAccess).toBe(false);
  });

  it('reads ${aws:username} in a Deny: "every user but yourself" is denied', async () => {
    const alice = user('alice', [
      allow('iam:CreateAccessKey', '*'),
      { Effect: 'Deny', Action: 'iam:CreateAccessKey', NotResource: SELF_USER },
    ]);
    const bob = user('bob', [allow('iam:CreateAccessKey', '*')]);
    const all = await facts(alice, bob);
    expect(all.get(arn('user', 'alice'))!.adminAccess).toBe(false);
    expect(all.get(arn('user', 'bob'))!.adminAccess).toBe(true);
  });

  it('keeps the whole-account administrators', async () => {
    const all = await facts(
      role('admin', [allow('*', '*')]),
      user('ops', [allow(['iam:*', 'sts:*'], '*')]),
      managed('Admin', allow('*', '*')),
    );
    expect(all.get(arn('role', 'admin'))!.adminEvidence![0]).toContain('every sampled action');
    expect(all.get(arn('user', 'ops'))!.adminAccess).toBe(true);
    expect(all.get(arn('policy', 'Admin'))!.adminAccess).toBe(true);
  });
});

describe('IAM analyser: escalation through what the principal is made of', () => {
  it('a user allowed to attach or write policies on itself (${aws:username}) is an administrator', async () => {
    const all = await facts(
      user('attacher', [allow('iam:AttachUserPolicy', SELF_USER)]),
      user('writer', [allow('iam:PutUserPolicy', arn('user', 'writer'))]),
      managed('AttachToSelf', allow('iam:AttachUserPolicy', SELF_USER)),
    );
    expect(all.get(arn('user', 'attacher'))!.adminEvidence).toEqual([
      `effective permissions (inline attacher-inline) allow iam:AttachUserPolicy on ${arn('user', 'attacher')}, the user itself, so it can grant itself any permission (privilege escalation)`,
    ]);
    expect(all.get(arn('user', 'writer'))!.adminAccess).toBe(true);
    // Whoever holds the policy can grant itself anything.
    expect(all.get(arn('policy', 'AttachToSelf'))!.adminAccess).toBe(true);
  });

  it('a role allowed iam:PutRolePolicy on itself, or to rewrite its own managed policy', async () => {
    const all = await facts(
      role('self-writer', [allow('iam:PutRolePolicy', arn('role', 'self-writer'))]),
      managed('Mine', allow('s3:ListAllMyBuckets', '*')),
      role('rewriter', [allow('iam:CreatePolicyVersion', arn('policy', 'Mine'))], ['Mine']),
      role('other-rewriter', [allow('iam:CreatePolicyVersion', arn('policy', 'Mine'))]),
    );
    expect(all.get(arn('role', 'self-writer'))!.adminAccess).toBe(true);
    expect(all.get(arn('role', 'rewriter'))!.adminEvidence![0]).toContain('a policy attached to it');
    // The same grant held by a role Mine is not attached to reaches nothing of its own.
    expect(all.get(arn('role', 'other-rewriter'))!.adminAccess).toBe(false);
  });

  it("a member allowed to attach a policy to one of its groups; another group's member is not", async () => {
    const writers = group('writers', [allow('iam:AttachGroupPolicy', arn('group', 'writers'))]);
    const all = await facts(
      writers,
      user('carol', [], ['writers']),
      user('dave', [allow('iam:AttachGroupPolicy', arn('group', 'writers'))]),
    );
    expect(all.get(arn('user', 'carol'))!.adminEvidence![0]).toContain('a group it belongs to');
    expect(all.get(arn('group', 'writers'))!.adminAccess).toBe(true);
    expect(all.get(arn('user', 'dave'))!.adminAccess).toBe(false);
  });

  it('iam:UpdateAssumeRolePolicy on its own role only is not escalation', async () => {
    const all = await facts(role('web', [allow('iam:UpdateAssumeRolePolicy', arn('role', 'web'))]));
    expect(all.get(arn('role', 'web'))!.adminAccess).toBe(false);
  });
});

describe('IAM analyser: the static reading when the simulator rejects a document', () => {
  // A Sid with spaces and an unknown key: IAM-simulate refuses the document, the analyser reads it directly.
  const odd = (statement: Record<string, unknown>) => ({
    Sid: 'has spaces!',
    Unexpected: true,
    ...statement,
  });

  it.each([
    ['one named role', arn('role', 'app'), false],
    ['every role', 'arn:aws:iam::*:role/*', true],
    ['*', '*', true],
  ])('iam:AttachRolePolicy on %s', async (_name, resource, expected) => {
    const web = role('web', [odd(allow('iam:AttachRolePolicy', resource))]);
    expect((await facts(web)).get(arn('role', 'web'))!.adminAccess).toBe(expected);
  });

  it('CreateAccessKey on its own user (${aws:username}) stays self-service', async () => {
    const alice = user('alice', [odd(allow('iam:CreateAccessKey', SELF_USER))]);
    expect((await facts(alice)).get(arn('user', 'alice'))!.adminAccess).toBe(false);
  });
});
