// Records the account's security services for one demo region: GuardDuty, Security Hub, IAM Access Analyzer,
// plus API Gateway (read by the collector; the demo accounts run no API Gateway workloads; ECS is containers.ts)
// (Organizations: organization.ts). Production runs GuardDuty everywhere, Security Hub and an
// analyzer in us-east-1; Staging has GuardDuty in us-east-1 only, without S3 protection.
import type { AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import type { Recording } from '../recording';
import { type EstateContext, daysAgo, stableHex } from './profile';

export function recordSecurityServices(
  recording: Recording,
  ctx: EstateContext,
  region: string,
  regionIndex: number,
): void {
  const owner = ctx.account.awsAccountId;
  const staging = ctx.account.kind === 'staging';

  const detectorId = stableHex([owner, region, 'guardduty'], 32);
  const guardDuty = !staging || regionIndex === 0;
  recording.output('GuardDuty', 'ListDetectors', region, {}, { DetectorIds: guardDuty ? [detectorId] : [] });
  if (guardDuty) {
    const feature = (Name: string, enabled: boolean) => ({
      Name,
      Status: enabled ? 'ENABLED' : 'DISABLED',
      UpdatedAt: daysAgo(ctx.now, 100),
    });
    recording.output(
      'GuardDuty',
      'GetDetector',
      region,
      { DetectorId: detectorId },
      {
        CreatedAt: daysAgo(ctx.now, 500).toISOString(),
        UpdatedAt: daysAgo(ctx.now, 100).toISOString(),
        FindingPublishingFrequency: 'SIX_HOURS',
        ServiceRole: `arn:aws:iam::${owner}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        Status: 'ENABLED',
        Features: [
          feature('CLOUD_TRAIL', true),
          feature('DNS_LOGS', true),
          feature('FLOW_LOGS', true),
          feature('S3_DATA_EVENTS', !staging),
          feature('RDS_LOGIN_EVENTS', !staging),
          feature('EKS_AUDIT_LOGS', !staging),
        ],
        Tags: {},
      },
    );
  }

  if (!staging && regionIndex === 0) {
    recording.output(
      'SecurityHub',
      'DescribeHub',
      region,
      {},
      {
        HubArn: `arn:aws:securityhub:${region}:${owner}:hub/default`,
        SubscribedAt: daysAgo(ctx.now, 400).toISOString(),
        AutoEnableControls: true,
        ControlFindingGenerator: 'SECURITY_CONTROL',
      },
    );
  } else {
    recording.error(
      'SecurityHub',
      'DescribeHub',
      region,
      {},
      {
        name: 'InvalidAccessException',
        status: 401,
        message: `Account ${owner} is not subscribed to AWS Security Hub`,
      },
    );
  }

  const analyzers: AnalyzerSummary[] =
    !staging && regionIndex === 0
      ? [
          {
            arn: `arn:aws:access-analyzer:${region}:${owner}:analyzer/account-analyzer`,
            name: 'account-analyzer',
            type: 'ACCOUNT',
            createdAt: daysAgo(ctx.now, 300),
            status: 'ACTIVE',
            tags: {},
          },
        ]
      : [];
  recording.output('AccessAnalyzer', 'ListAnalyzers', region, {}, { analyzers });

  recording.output('APIGateway', 'GetRestApis', region, {}, { items: [] });
  recording.output('ApiGatewayV2', 'GetApis', region, {}, { Items: [] });
}

/**
 * Account contacts (Account Management API): every demo account has its contact information; some have a
 * security contact, the others none (AWS answers ResourceNotFoundException for a contact type never set).
 */
export function recordContacts(recording: Recording, securityContact: boolean): void {
  recording.output(
    'Account',
    'GetContactInformation',
    'us-east-1',
    {},
    {
      ContactInformation: {
        FullName: 'Example Corp',
        AddressLine1: '1 Main Street',
        City: 'Seattle',
        StateOrRegion: 'WA',
        PostalCode: '98101',
        CountryCode: 'US',
        PhoneNumber: '+12065550100',
        CompanyName: 'Example Corp',
      },
    },
  );
  const notSet = (type: string) =>
    recording.error(
      'Account',
      'GetAlternateContact',
      'us-east-1',
      { AlternateContactType: type },
      {
        name: 'ResourceNotFoundException',
        status: 404,
        message: 'No contact of the inputted alternate contact type found.',
      },
    );
  if (!securityContact) notSet('SECURITY');
  else
    recording.output(
      'Account',
      'GetAlternateContact',
      'us-east-1',
      { AlternateContactType: 'SECURITY' },
      {
        AlternateContact: {
          AlternateContactType: 'SECURITY',
          Name: 'Security team',
          Title: 'Security operations',
          EmailAddress: 'security@example.com',
          PhoneNumber: '+12065550111',
        },
      },
    );
  notSet('BILLING');
  notSet('OPERATIONS');
}
