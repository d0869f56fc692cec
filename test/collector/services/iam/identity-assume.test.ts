import {
  type IdentityAssumeInput,
  type IdentityPrincipal,
  allowingPolicy,
  identityAssumeRelationships,
} from '../../../../collector/services/iam/identity-assume';
import {
  addIdentityAssumePage,
  emptyIdentityAssumeInput,
} from '../../../../collector/services/iam/identity-inputs';
import { authorizationPage1, encoded } from './fixtures';

const ACCOUNT = '111122223333';
const scope = {
  partition: 'aws',
  accountId: ACCOUNT,
  region: 'us-east-1',
  assetRegion: 'global',
  service: 'iam',
};
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const OPS_ADMIN = `arn:aws:iam::${ACCOUNT}:role/ops-admin`;
const AUDIT = `arn:aws:iam::${ACCOUNT}:role/audit`;

const trusts = (principal: string | Record<string, string>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: typeof principal === 'string' ? { AWS: principal } : principal,
      Action: 'sts:AssumeRole',
    },
  ],
});
const allow = (action: unknown, resource: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});

function user(inline: unknown[], extra: Partial<IdentityPrincipal> = {}): IdentityPrincipal {
  return {
    arn: ALICE,
    managedPolicyArns: [],
    inlinePolicies: inline.map((document, index) => ({ id: `${ALICE}/inline-policy/p${index}`, document })),
    groupNames: [],
    ...extra,
  };
}

function estate(
  principals: IdentityPrincipal[],
  overrides: Partial<IdentityAssumeInput> = {},
): IdentityAssumeInput {
  return {
    principals,
    groups: new Map(),
    managedPolicies: new Map(),
    roles: [
      { arn: OPS_ADMIN, trustPolicy: trusts(ROOT) },
      { arn: AUDIT, trustPolicy: trusts('999988887777') },
    ],
    ...overrides,
  };
}

const edges = (input: IdentityAssumeInput) =>
  identityAssumeRelationships(scope, 'aws', input).map(({ fromId, toId, properties }) => ({
    fromId,
    toId,
    properties,
  }));

describe('identityAssumeRelationships', () => {
  it('links a user whose inline policy allows sts:AssumeRole on a role trusting the account root', () => {
    const input = estate([user([allow('sts:AssumeRole', OPS_ADMIN)])]);
    expect(identityAssumeRelationships(scope, 'aws', input)).toEqual([
      {
        accountId: ACCOUNT,
        fromId: ALICE,
        verb: 'CAN_ASSUME',
        toId: OPS_ADMIN,
        service: 'iam',
        region: 'global',
        properties: { via: 'identity-policy', policy: `${ALICE}/inline-policy/p0` },
      },
    ]);
  });

  it('matches wildcard resources and actions (sts:*, *, sts:Assume?ole)', () => {
    for (const [action, resource] of [
      ['sts:*', `arn:aws:iam::${ACCOUNT}:role/ops-*`],
      ['*', '*'],
      [['s3:GetObject', 'STS:Assume?ole'], `arn:aws:iam::*:role/ops-?dmin`],
    ]) {
      expect(edges(estate([user([allow(action, resource)])]))).toEqual([
        {
          fromId: ALICE,
          toId: OPS_ADMIN,
          properties: { via: 'identity-policy', policy: `${ALICE}/inline-policy/p0` },
        },
      ]);
    }
  });

  it('adds nothing when the resource or the action does not match', () => {
    expect(edges(estate([user([allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/other-*`)])]))).toEqual(
      [],
    );
    expect(edges(estate([user([allow('sts:GetCallerIdentity', '*')])]))).toEqual([]);
    expect(edges(estate([user([allow('sts:AssumeRoleWithSAML', '*')])]))).toEqual([]);
  });

  it('lets an explicit Deny on sts:AssumeRole for the role override the Allow, in any policy order', () => {
    const deny = { Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: OPS_ADMIN }] };
    expect(edges(estate([user([allow('*', '*'), deny])]))).toEqual([]);
    expect(edges(estate([user([deny, allow('*', '*')])]))).toEqual([]);
  });

  it('keeps the edge when the Deny covers another role or carries a Condition', () => {
    const otherDeny = { Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: AUDIT }] };
    const conditionalDeny = {
      Statement: [
        {
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    };
    expect(
      edges(estate([user([allow('*', '*'), otherDeny, conditionalDeny])])).map((edge) => edge.toId),
    ).toEqual([OPS_ADMIN]);
  });

  it('adds nothing for a role whose trust policy does not trust this account', () => {
    // AUDIT trusts only 999988887777; alice may call AssumeRole on it but the role refuses.
    expect(edges(estate([user([allow('sts:AssumeRole', AUDIT)])]))).toEqual([]);
  });

  it('leaves a role that names the principal itself to its trust-policy edge, with no duplicate', () => {
    const input = estate([user([allow('sts:AssumeRole', '*')])], {
      roles: [
        {
          arn: OPS_ADMIN,
          trustPolicy: { Statement: [...trusts(ALICE).Statement, ...trusts(ROOT).Statement] },
        },
      ],
    });
    expect(edges(input)).toEqual([]);
  });

  it('adds nothing when the trust policy unconditionally denies sts:AssumeRole to everyone or to the caller', () => {
    for (const denied of ['*', ALICE, ROOT]) {
      const trustPolicy = {
        Statement: [
          ...trusts(ROOT).Statement,
          { Effect: 'Deny', Principal: { AWS: denied }, Action: 'sts:AssumeRole' },
        ],
      };
      const input = estate([user([allow('sts:AssumeRole', OPS_ADMIN)])], {
        roles: [{ arn: OPS_ADMIN, trustPolicy }],
      });
      expect(edges(input)).toEqual([]);
    }
  });

  it('applies trust-policy Denies written with NotAction, an account id or NotPrincipal, as the trust edges do', () => {
    const denies = [
      { Effect: 'Deny', Principal: '*', NotAction: 'sts:TagSession' },
      { Effect: 'Deny', Principal: { AWS: ACCOUNT }, Action: 'sts:Assume*' },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/bob`, ACCOUNT] },
        Action: 'sts:*',
      },
    ];
    for (const deny of denies) {
      const input = estate([user([allow('sts:AssumeRole', OPS_ADMIN)])], {
        roles: [{ arn: OPS_ADMIN, trustPolicy: { Statement: [...trusts(ROOT).Statement, deny] } }],
      });
      expect(edges(input)).toEqual([]);
    }
    // Spared by NotPrincipal (the caller and its account are listed): the edge stays.
    const spared = { Effect: 'Deny', NotPrincipal: { AWS: [ALICE, ACCOUNT] }, Action: 'sts:*' };
    const input = estate([user([allow('sts:AssumeRole', OPS_ADMIN)])], {
      roles: [{ arn: OPS_ADMIN, trustPolicy: { Statement: [...trusts(ROOT).Statement, spared] } }],
    });
    expect(edges(input).map((edge) => edge.fromId)).toEqual([ALICE]);
  });

  it('counts a trust policy open to everyone (*) as trusting this account', () => {
    const input = estate([user([allow('sts:AssumeRole', OPS_ADMIN)])], {
      roles: [{ arn: OPS_ADMIN, trustPolicy: trusts('*') }],
    });
    expect(edges(input).map((edge) => edge.toId)).toEqual([OPS_ADMIN]);
  });

  it('gives a user the policies of its groups, naming the group policy that allows it', () => {
    const groupArn = `arn:aws:iam::${ACCOUNT}:group/ops`;
    const managedArn = `arn:aws:iam::${ACCOUNT}:policy/assume-ops`;
    const input = estate([user([], { groupNames: ['ops', 'missing'] })], {
      groups: new Map([
        ['ops', { arn: groupArn, managedPolicyArns: [managedArn], inlinePolicies: [], groupNames: [] }],
      ]),
      managedPolicies: new Map([[managedArn, allow('sts:AssumeRole', OPS_ADMIN)]]),
    });
    expect(edges(input)).toEqual([
      { fromId: ALICE, toId: OPS_ADMIN, properties: { via: 'identity-policy', policy: managedArn } },
    ]);
  });

  it('lets a group Deny override the user own Allow', () => {
    const input = estate([user([allow('*', '*')], { groupNames: ['locked'] })], {
      groups: new Map([
        [
          'locked',
          {
            arn: `arn:aws:iam::${ACCOUNT}:group/locked`,
            managedPolicyArns: [],
            inlinePolicies: [
              { id: 'deny', document: { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } },
            ],
            groupNames: [],
          },
        ],
      ]),
    });
    expect(edges(input)).toEqual([]);
  });

  it('ignores attached managed policies whose document was not read', () => {
    const input = estate([user([], { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/unknown`] })]);
    expect(edges(input)).toEqual([]);
  });

  it('links roles that may assume other roles (role chaining)', () => {
    const chaining: IdentityPrincipal = {
      arn: AUDIT,
      managedPolicyArns: [],
      inlinePolicies: [{ id: `${AUDIT}/inline-policy/chain`, document: allow('sts:AssumeRole', OPS_ADMIN) }],
      groupNames: [],
    };
    expect(edges(estate([chaining])).map(({ fromId, toId }) => [fromId, toId])).toEqual([[AUDIT, OPS_ADMIN]]);
  });

  it('does not let a role assume itself through its account root trust (AWS requires naming the role since 2022)', () => {
    const admin: IdentityPrincipal = {
      arn: OPS_ADMIN,
      managedPolicyArns: [],
      inlinePolicies: [{ id: `${OPS_ADMIN}/inline-policy/all`, document: allow('*', '*') }],
      groupNames: [],
    };
    const alice = user([allow('sts:AssumeRole', '*')]);
    expect(edges(estate([admin, alice])).map(({ fromId, toId }) => [fromId, toId])).toEqual([
      [ALICE, OPS_ADMIN],
    ]);
    // A trust policy open to everyone (*) covers the role too.
    const open = estate([admin], { roles: [{ arn: OPS_ADMIN, trustPolicy: trusts('*') }] });
    expect(edges(open).map(({ fromId, toId }) => [fromId, toId])).toEqual([[OPS_ADMIN, OPS_ADMIN]]);
  });

  it('returns nothing for an empty estate', () => {
    expect(identityAssumeRelationships(scope, 'aws', emptyIdentityAssumeInput())).toEqual([]);
  });
});

describe('allowingPolicy', () => {
  it('honours NotAction and NotResource', () => {
    const notAction = {
      id: 'a',
      document: { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } },
    };
    const notResource = {
      id: 'b',
      document: { Statement: { Effect: 'Allow', Action: 'sts:*', NotResource: AUDIT } },
    };
    expect(allowingPolicy([notAction], OPS_ADMIN)).toBe('a');
    expect(allowingPolicy([notResource], OPS_ADMIN)).toBe('b');
    expect(allowingPolicy([notResource], AUDIT)).toBeUndefined();
  });

  it('tolerates documents that are not policies', () => {
    expect(
      allowingPolicy(
        [
          { id: 'x', document: 'not json' },
          { id: 'y', document: null },
        ],
        OPS_ADMIN,
      ),
    ).toBeUndefined();
  });
});

describe('addIdentityAssumePage', () => {
  it('keeps users with their groups, roles with parsed trust policies and attached default managed versions', () => {
    const gathered = emptyIdentityAssumeInput();
    addIdentityAssumePage(authorizationPage1, gathered);
    const alice = gathered.principals.find((principal) => principal.arn.endsWith(':user/alice'));
    expect(alice).toMatchObject({
      groupNames: ['admins'],
      managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      inlinePolicies: [
        {
          id: 'arn:aws:iam::123456789012:user/alice/inline-policy/inline-admin',
          document: { Statement: [{ Effect: 'Allow' }] },
        },
      ],
    });
    expect(gathered.roles.map((role) => role.arn)).toEqual(['arn:aws:iam::123456789012:role/web']);
    expect(gathered.roles[0]?.trustPolicy).toMatchObject({
      Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }],
    });
    // ReadOnlyAccess has AttachmentCount 0: it grants nothing and is not kept.
    expect([...gathered.managedPolicies.keys()]).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
  });

  it('parses URL-encoded group policies', () => {
    const gathered = emptyIdentityAssumeInput();
    addIdentityAssumePage(
      {
        GroupDetailList: [
          {
            GroupName: 'ops',
            Arn: 'arn:aws:iam::1:group/ops',
            GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: encoded(allow('sts:AssumeRole', '*')) }],
          },
        ],
      },
      gathered,
    );
    expect(gathered.groups.get('ops')?.inlinePolicies).toEqual([
      { id: 'arn:aws:iam::1:group/ops/inline-policy/p', document: allow('sts:AssumeRole', '*') },
    ]);
  });
});
