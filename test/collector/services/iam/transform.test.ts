import {
  transformAuthorizationPage,
  membershipRelationships,
} from '../../../../collector/services/iam/authorization';
import { indexByArn, parseCredentialReport } from '../../../../collector/services/iam/credential-report';
import { trustedPrincipals } from '../../../../collector/services/iam/trust';
import {
  adminDocument,
  appReadDocument,
  authorizationPage1,
  authorizationPage2,
  credentialReportCsv,
  crossAccountTrustDocument,
  ec2TrustDocument,
} from './fixtures';

const scope = {
  partition: 'aws',
  accountId: '123456789012',
  region: 'us-east-1',
  assetRegion: 'global',
  service: 'iam',
};
const report = {
  rowsByArn: indexByArn(parseCredentialReport(new TextEncoder().encode(credentialReportCsv))),
};
const input = { scope, partition: 'aws', credentialReport: report };

describe('parseCredentialReport', () => {
  it('keeps AWS column names and string values, one row per user including the root account', () => {
    const rows = parseCredentialReport(new TextEncoder().encode(credentialReportCsv));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      user: '<root_account>',
      mfa_active: 'true',
      access_key_1_active: 'false',
    });
    expect(rows[1]).toMatchObject({
      user: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      password_last_used: '2026-11-20T09:00:00+00:00',
      access_key_1_last_rotated: '2023-01-02T03:20:00+00:00',
      cert_2_last_rotated: 'N/A',
    });
  });

  it('decodes content still in base64 and tolerates quoted fields and CRLF', () => {
    const csv = 'user,arn,mfa_active\r\n"odd,name",arn:aws:iam::1:user/odd,false\r\n';
    expect(parseCredentialReport(Buffer.from(csv).toString('base64'))).toEqual([
      { user: 'odd,name', arn: 'arn:aws:iam::1:user/odd', mfa_active: 'false' },
    ]);
  });

  it('returns no rows for an empty report', () => {
    expect(parseCredentialReport(undefined)).toEqual([]);
    expect(parseCredentialReport(new Uint8Array())).toEqual([]);
  });
});

describe('transformAuthorizationPage', () => {
  const page1 = transformAuthorizationPage(authorizationPage1, input);
  const page2 = transformAuthorizationPage(authorizationPage2, input);
  const byId = (id: string) => [...page1.assets, ...page2.assets].find((asset) => asset.id === id);

  it('emits users with their credential-report row, parsed inline policies, tags and ISO dates', () => {
    const alice = byId('arn:aws:iam::123456789012:user/alice');
    expect(alice).toMatchObject({
      type: 'aws_iam_user',
      class: 'User',
      region: 'global',
      service: 'iam',
      accountId: '123456789012',
      name: 'alice',
      tags: { team: 'security' },
    });
    expect(alice?.config.CreateDate).toBe('2023-01-02T03:04:05.000Z');
    expect(alice?.config.UserPolicyList).toEqual([
      { PolicyName: 'inline-admin', PolicyDocument: adminDocument },
    ]);
    expect(alice?.config.CredentialReport).toMatchObject({
      user: 'alice',
      password_enabled: 'true',
      mfa_active: 'false',
    });
    expect(alice?.readErrors).toBeUndefined();
  });

  it('marks a user missing from the credential report as a read error rather than guessing', () => {
    const newcomer = byId('arn:aws:iam::123456789012:user/newcomer');
    expect(newcomer?.config.CredentialReport).toBeUndefined();
    expect(newcomer?.readErrors).toEqual({ CredentialReport: 'UserNotInCredentialReport' });
  });

  it('puts the report error on every user when the report could not be read', () => {
    const failed = transformAuthorizationPage(authorizationPage1, {
      ...input,
      credentialReport: { error: 'AccessDenied' },
    });
    expect(
      failed.assets.filter((asset) => asset.type === 'aws_iam_user').map((asset) => asset.readErrors),
    ).toEqual([{ CredentialReport: 'AccessDenied' }, { CredentialReport: 'AccessDenied' }]);
  });

  it('emits inline policies with the documented synthetic id, attached to their principal', () => {
    const inline = byId('arn:aws:iam::123456789012:user/alice/inline-policy/inline-admin');
    expect(inline).toMatchObject({
      type: 'aws_iam_user_policy',
      class: 'AccessPolicy',
      config: {
        PolicyName: 'inline-admin',
        PolicyDocument: adminDocument,
        PrincipalArn: 'arn:aws:iam::123456789012:user/alice',
      },
    });
    expect(byId('arn:aws:iam::123456789012:role/auditor/inline-policy/extra')?.type).toBe(
      'aws_iam_role_policy',
    );
    expect(byId('arn:aws:iam::123456789012:group/teams/admins/inline-policy/deny-billing')?.type).toBe(
      'aws_iam_group_policy',
    );
    expect(page1.relationships).toContainEqual({
      accountId: '123456789012',
      fromId: 'arn:aws:iam::123456789012:user/alice/inline-policy/inline-admin',
      verb: 'ATTACHED_TO',
      toId: 'arn:aws:iam::123456789012:user/alice',
      service: 'iam',
      region: 'global',
    });
  });

  it('attaches managed policies to users and roles', () => {
    const attachments = [...page1.relationships, ...page2.relationships]
      .filter((edge) => edge.verb === 'ATTACHED_TO' && !edge.fromId.includes('/inline-policy/'))
      .map((edge) => [edge.fromId, edge.toId]);
    expect(attachments).toEqual([
      ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::123456789012:user/alice'],
      ['arn:aws:iam::123456789012:policy/app-read', 'arn:aws:iam::123456789012:role/web'],
    ]);
  });

  it('keeps AWS-managed policies only when attached, with the default version parsed as Document', () => {
    expect(byId('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(byId('arn:aws:iam::aws:policy/AdministratorAccess')?.config.Document).toEqual(adminDocument);
    const customer = byId('arn:aws:iam::123456789012:policy/app-read');
    expect(customer).toMatchObject({ type: 'aws_iam_policy', class: 'AccessPolicy', name: 'app-read' });
    expect(customer?.config.Document).toEqual(appReadDocument);
    expect((customer?.config.PolicyVersionList as { Document: unknown }[])[0].Document).toEqual(
      adminDocument,
    );
  });

  it('stores trust policies without their sts:ExternalId values, keeping the condition itself', () => {
    const role = byId('arn:aws:iam::123456789012:role/auditor');
    const stored = role?.config.AssumeRolePolicyDocument as { Statement: { Condition?: unknown }[] };
    expect(stored.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': '(redacted)' } });
    expect(JSON.stringify(role?.config)).not.toContain('"abc"');
    // The statements without conditions are kept as they were.
    expect(stored.Statement.slice(1)).toEqual(crossAccountTrustDocument.Statement.slice(1));
  });

  it('parses role trust policies and emits instance profiles that USE the role', () => {
    const role = byId('arn:aws:iam::123456789012:role/web');
    expect(role?.config.AssumeRolePolicyDocument).toEqual(ec2TrustDocument);
    expect(role?.config.RoleLastUsed).toEqual({
      LastUsedDate: '2026-11-01T00:00:00.000Z',
      Region: 'eu-west-1',
    });
    const profile = byId('arn:aws:iam::123456789012:instance-profile/web-profile');
    expect(profile).toMatchObject({
      type: 'aws_iam_instance_profile',
      class: 'AccessRole',
      name: 'web-profile',
    });
    expect(page1.relationships).toContainEqual(
      expect.objectContaining({
        fromId: 'arn:aws:iam::123456789012:instance-profile/web-profile',
        verb: 'USES',
        toId: 'arn:aws:iam::123456789012:role/web',
      }),
    );
    expect(page1.relationships).toContainEqual(
      expect.objectContaining({
        fromId: 'ec2.amazonaws.com',
        verb: 'CAN_ASSUME',
        toId: 'arn:aws:iam::123456789012:role/web',
        properties: {
          principal: 'ec2.amazonaws.com',
          principalType: 'Service',
          crossAccount: false,
          public: false,
          conditional: false,
        },
      }),
    );
  });

  it('reports group memberships by name and group ARNs, resolved across pages', () => {
    expect(page1.memberships).toEqual([['arn:aws:iam::123456789012:user/alice', 'admins']]);
    expect(page2.groupArns).toEqual([['admins', 'arn:aws:iam::123456789012:group/teams/admins']]);
    const edges = membershipRelationships(scope, 'aws', page1.memberships, new Map(page2.groupArns));
    expect(edges).toEqual([
      {
        accountId: '123456789012',
        fromId: 'arn:aws:iam::123456789012:user/alice',
        verb: 'MEMBER_OF',
        toId: 'arn:aws:iam::123456789012:group/teams/admins',
        service: 'iam',
        region: 'global',
      },
    ]);
    expect(membershipRelationships(scope, 'aws', [['u', 'ghost']], new Map())[0].toId).toBe(
      'arn:aws:iam::123456789012:group/ghost',
    );
  });

  it('returns nothing for an empty page', () => {
    expect(transformAuthorizationPage({ IsTruncated: false }, input)).toEqual({
      assets: [],
      relationships: [],
      groupArns: [],
      memberships: [],
    });
  });
});

describe('trustedPrincipals', () => {
  it('reads account-id, public and wildcard-action principals, and drops those an unconditional Deny covers', () => {
    const document = authorizationPage2.RoleDetailList?.[0].AssumeRolePolicyDocument;
    const principals = trustedPrincipals(
      JSON.parse(decodeURIComponent(document as string)),
      'aws',
      '123456789012',
    );
    // The Deny of sts:AssumeRole to every AWS principal removes both accounts; `*` may still federate
    // (sts:Assume* also allows AssumeRoleWithWebIdentity/SAML), and sts:TagSession alone grants nothing.
    expect(principals).toEqual([
      {
        fromId: '*',
        principal: '*',
        principalType: 'AWS',
        crossAccount: true,
        public: true,
        conditional: false,
      },
    ]);
    const withoutDeny = JSON.parse(decodeURIComponent(document as string));
    withoutDeny.Statement = withoutDeny.Statement.filter(
      (statement: { Effect: string }) => statement.Effect !== 'Deny',
    );
    expect(trustedPrincipals(withoutDeny, 'aws', '123456789012')).toEqual([
      {
        fromId: 'arn:aws:iam::999988887777:root',
        principal: 'arn:aws:iam::999988887777:root',
        principalType: 'AWS',
        crossAccount: true,
        public: false,
        conditional: true,
      },
      {
        fromId: 'arn:aws:iam::123456789012:root',
        principal: '123456789012',
        principalType: 'AWS',
        crossAccount: false,
        public: false,
        conditional: true,
      },
      {
        fromId: '*',
        principal: '*',
        principalType: 'AWS',
        crossAccount: true,
        public: true,
        conditional: false,
      },
    ]);
  });

  it('handles a single statement object, federated principals and documents that are not policies', () => {
    const federated = {
      Statement: {
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    };
    expect(trustedPrincipals(federated, 'aws', '123456789012')).toEqual([
      expect.objectContaining({ principalType: 'Federated', crossAccount: false, public: false }),
    ]);
    expect(trustedPrincipals('not json', 'aws', '1')).toEqual([]);
    expect(trustedPrincipals(null, 'aws', '1')).toEqual([]);
  });
});
