// Trust-policy CAN_ASSUME edges and explicit Deny statements, with trust policies shaped as AWS stores them.
import { trustedPrincipals, trustRelationships } from '../../../../collector/services/iam/trust';

const ACCOUNT = '111122223333';
const PARTNER = '999988887777';
const PARTNER_ROOT = `arn:aws:iam::${PARTNER}:root`;
const DEPLOYER = `arn:aws:iam::${PARTNER}:role/deployer`;
const OWN_ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Action: unknown = 'sts:AssumeRole', extra: object = {}) => ({
  Effect: 'Allow',
  Principal,
  Action,
  ...extra,
});
const deny = (Principal: unknown, Action: unknown = 'sts:AssumeRole', extra: object = {}) => ({
  Effect: 'Deny',
  Principal,
  Action,
  ...extra,
});

/** fromId -> conditional, for compact expectations. */
const trusted = (document: unknown) =>
  Object.fromEntries(
    trustedPrincipals(document, 'aws', ACCOUNT).map((principal) => [principal.fromId, principal.conditional]),
  );

describe('trustedPrincipals with Deny statements', () => {
  it('removes only the principal an unconditional Deny names', () => {
    const document = policy(allow({ AWS: [PARTNER_ROOT, DEPLOYER] }), deny({ AWS: DEPLOYER }));
    expect(trusted(document)).toEqual({ [PARTNER_ROOT]: false });
  });

  it('treats a denied account (id or root ARN) as every IAM principal of that account, not other accounts', () => {
    const allowed = allow({ AWS: [PARTNER_ROOT, DEPLOYER, OWN_ROOT] });
    expect(trusted(policy(allowed, deny({ AWS: PARTNER })))).toEqual({ [OWN_ROOT]: false });
    expect(trusted(policy(allowed, deny({ AWS: PARTNER_ROOT })))).toEqual({ [OWN_ROOT]: false });
  });

  it('does not let a Deny of one user remove the account root that trusts the whole account', () => {
    const document = policy(allow({ AWS: PARTNER }), deny({ AWS: DEPLOYER }));
    expect(trusted(document)).toEqual({ [PARTNER_ROOT]: false });
  });

  it('reads "*" and {"AWS": "*"} as everyone, services included', () => {
    const allowed = allow({ AWS: PARTNER_ROOT, Service: 'ec2.amazonaws.com' });
    expect(trusted(policy(allowed, deny('*')))).toEqual({});
    expect(trusted(policy(allowed, deny({ AWS: '*' })))).toEqual({});
  });

  it('does not let an account Deny remove a service principal', () => {
    const document = policy(allow({ Service: 'lambda.amazonaws.com' }), deny({ AWS: ACCOUNT }));
    expect(trusted(document)).toEqual({ 'lambda.amazonaws.com': false });
  });

  it('matches the Deny action with IAM wildcards, case-insensitively', () => {
    const allowed = allow({ AWS: PARTNER_ROOT });
    expect(trusted(policy(allowed, deny({ AWS: PARTNER }, 'sts:*')))).toEqual({});
    expect(trusted(policy(allowed, deny({ AWS: PARTNER }, ['STS:Assume*'])))).toEqual({});
    expect(trusted(policy(allowed, deny({ AWS: PARTNER }, 'sts:AssumeRole?')))).toEqual({
      [PARTNER_ROOT]: false,
    });
    expect(trusted(policy(allowed, deny({ AWS: PARTNER }, 'sts:TagSession')))).toEqual({
      [PARTNER_ROOT]: false,
    });
  });

  it('reads NotAction on a Deny as every action but those listed', () => {
    const allowed = allow({ AWS: PARTNER_ROOT }, ['sts:AssumeRole', 'sts:TagSession']);
    const notAction = (NotAction: unknown) => ({ Effect: 'Deny', Principal: { AWS: '*' }, NotAction });
    expect(trusted(policy(allowed, notAction(['sts:TagSession'])))).toEqual({});
    expect(trusted(policy(allowed, notAction('sts:AssumeRole')))).toEqual({ [PARTNER_ROOT]: false });
  });

  it('reads NotAction on an Allow as granting sts:AssumeRole unless listed', () => {
    const notAction = (NotAction: unknown) => ({ Effect: 'Allow', Principal: { AWS: PARTNER }, NotAction });
    expect(trusted(policy(notAction('s3:*')))).toEqual({ [PARTNER_ROOT]: false });
    expect(trusted(policy(notAction('sts:*')))).toEqual({});
  });

  it('checks the call each principal makes: a Deny of sts:AssumeRole leaves web-identity federation alone', () => {
    const document = policy(
      allow({ Federated: GITHUB }, 'sts:AssumeRoleWithWebIdentity', {
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }),
      deny('*', 'sts:AssumeRole'),
    );
    expect(trusted(document)).toEqual({ [GITHUB]: true });
    // An IAM principal only ever calls sts:AssumeRole, so an Allow of sts:Assume* is cancelled by that Deny.
    expect(trusted(policy(allow({ AWS: PARTNER }, 'sts:Assume*'), deny('*', 'sts:AssumeRole')))).toEqual({});
    // `*` may also federate, which the Deny does not cover.
    expect(trusted(policy(allow('*', 'sts:Assume*'), deny('*', 'sts:AssumeRole')))).toEqual({ '*': false });
  });

  it('keeps a principal covered only by a conditional Deny, marked conditional', () => {
    const document = policy(
      allow({ AWS: [PARTNER_ROOT, OWN_ROOT] }),
      deny({ AWS: '*' }, 'sts:AssumeRole', {
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    );
    expect(trusted(document)).toEqual({ [PARTNER_ROOT]: true, [OWN_ROOT]: true });
  });

  it('lets an unconditional Deny win over a conditional one, and an empty Condition counts as none', () => {
    const conditionalDeny = deny({ AWS: PARTNER }, 'sts:AssumeRole', {
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    expect(trusted(policy(allow({ AWS: PARTNER }), conditionalDeny, deny({ AWS: DEPLOYER })))).toEqual({
      [PARTNER_ROOT]: true,
    });
    expect(
      trusted(policy(allow({ AWS: PARTNER }), deny({ AWS: PARTNER }, 'sts:AssumeRole', { Condition: {} }))),
    ).toEqual({});
    expect(trusted(policy(allow({ AWS: PARTNER }, 'sts:AssumeRole', { Condition: {} })))).toEqual({
      [PARTNER_ROOT]: false,
    });
  });

  it('keeps the unconditional grant when one Allow is conditional and another is not', () => {
    const document = policy(
      allow({ AWS: PARTNER }, 'sts:AssumeRole', { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }),
      allow({ AWS: PARTNER_ROOT }),
    );
    expect(trusted(document)).toEqual({ [PARTNER_ROOT]: false });
  });

  it('reads Deny with NotPrincipal as everyone but the listed principals (a principal needs its account too)', () => {
    const allowed = allow({ AWS: [PARTNER_ROOT, DEPLOYER, OWN_ROOT] });
    const everyoneBut = (AWS: string[]) => ({
      Effect: 'Deny',
      NotPrincipal: { AWS },
      Action: 'sts:AssumeRole',
    });
    expect(trusted(policy(allowed, everyoneBut([DEPLOYER, PARTNER])))).toEqual({
      [PARTNER_ROOT]: false,
      [DEPLOYER]: false,
    });
    expect(trusted(policy(allowed, everyoneBut([DEPLOYER])))).toEqual({});
    expect(trusted(policy(allowed, everyoneBut([OWN_ROOT])))).toEqual({ [OWN_ROOT]: false });
  });

  it('keeps the public edge under a NotPrincipal Deny, which it cannot narrow', () => {
    const document = policy(allow('*'), { Effect: 'Deny', NotPrincipal: { AWS: ACCOUNT }, Action: 'sts:*' });
    expect(trusted(document)).toEqual({ '*': false });
  });

  it('emits the remaining principals as CAN_ASSUME edges with their properties', () => {
    const scope = {
      partition: 'aws',
      accountId: ACCOUNT,
      region: 'us-east-1',
      assetRegion: 'global',
      service: 'iam',
    };
    const role = `arn:aws:iam::${ACCOUNT}:role/cross-account-deploy`;
    const document = policy(
      allow({ AWS: [PARTNER, DEPLOYER] }, 'sts:AssumeRole', {
        Condition: { StringEquals: { 'sts:ExternalId': 'd5c0a3' } },
      }),
      deny({ AWS: DEPLOYER }),
    );
    expect(trustRelationships(scope, role, document, 'aws')).toEqual([
      {
        accountId: ACCOUNT,
        fromId: PARTNER_ROOT,
        verb: 'CAN_ASSUME',
        toId: role,
        service: 'iam',
        region: 'global',
        properties: {
          principal: PARTNER,
          principalType: 'AWS',
          crossAccount: true,
          public: false,
          conditional: true,
        },
      },
    ]);
  });
});
