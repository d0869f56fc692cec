import {
  ListHostedZonesCommand,
  type ListHostedZonesCommandOutput,
  ListQueryLoggingConfigsCommand,
  ListResourceRecordSetsCommand,
  NoSuchHostedZone,
  Route53Client,
  Route53ServiceException,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { route53Collector } from '../../../../collector/services/route53';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: '0c9d8e7f-0000-4000-8000-000000000001' };
const PUBLIC = 'Z0123456789ABCDEFGHIJ';
const PRIVATE = 'Z9876543210JIHGFEDCBA';

// ListHostedZones: page 1 truncated, NextMarker names the next zone id.
const zones1: ListHostedZonesCommandOutput = {
  $metadata,
  HostedZones: [
    {
      Id: `/hostedzone/${PUBLIC}`,
      Name: 'example.com.',
      CallerReference: 'ref-1',
      Config: { PrivateZone: false },
      ResourceRecordSetCount: 4,
    },
  ],
  Marker: '',
  IsTruncated: true,
  NextMarker: PRIVATE,
  MaxItems: 1,
};
const zones2: ListHostedZonesCommandOutput = {
  $metadata,
  HostedZones: [
    {
      Id: `/hostedzone/${PRIVATE}`,
      Name: 'internal.example.com.',
      CallerReference: 'ref-2',
      Config: { PrivateZone: true },
      ResourceRecordSetCount: 2,
    },
  ],
  Marker: PRIVATE,
  IsTruncated: false,
  MaxItems: 1,
};

const route53 = mockClient(Route53Client);

function mockZones(): void {
  // Query logging: account-wide, two pages linked by NextToken; the public zone logs, the private one does not.
  route53
    .on(ListQueryLoggingConfigsCommand)
    .resolves({
      $metadata,
      QueryLoggingConfigs: [
        {
          Id: '87654321-dcba-4321-abcd-0123456789ab',
          HostedZoneId: PUBLIC,
          CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/example.com',
        },
      ],
      NextToken: 'AQICAHh-page-2',
    })
    .on(ListQueryLoggingConfigsCommand, { NextToken: 'AQICAHh-page-2' })
    .resolves({
      $metadata,
      QueryLoggingConfigs: [
        {
          Id: '12345678-abcd-4321-dcba-ba9876543210',
          HostedZoneId: 'Z1OTHERZONE000000000',
          CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/other.com',
        },
      ],
    });
  route53
    .on(ListHostedZonesCommand)
    .resolves(zones1)
    .on(ListHostedZonesCommand, { Marker: PRIVATE })
    .resolves(zones2);
  // Public zone: two record pages; the second starts at NextRecordName / NextRecordType.
  route53.on(ListResourceRecordSetsCommand, { HostedZoneId: `/hostedzone/${PUBLIC}` }).resolves({
    $metadata,
    ResourceRecordSets: [
      { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org.' }] },
      {
        Name: 'shop.example.com.',
        Type: 'CNAME',
        TTL: 300,
        ResourceRecords: [{ Value: 'shop-old.s3-website-us-east-1.amazonaws.com' }],
      },
    ],
    IsTruncated: true,
    NextRecordName: 'www.example.com.',
    NextRecordType: 'A',
    MaxItems: 2,
  });
  route53
    .on(ListResourceRecordSetsCommand, {
      HostedZoneId: `/hostedzone/${PUBLIC}`,
      StartRecordName: 'www.example.com.',
      StartRecordType: 'A',
    })
    .resolves({
      $metadata,
      ResourceRecordSets: [
        {
          Name: 'www.example.com.',
          Type: 'A',
          AliasTarget: {
            HostedZoneId: 'Z2FDTNDATAQYW2',
            DNSName: 'd111111abcdef8.cloudfront.net.',
            EvaluateTargetHealth: false,
          },
        },
      ],
      IsTruncated: false,
      MaxItems: 2,
    });
  route53.on(ListResourceRecordSetsCommand, { HostedZoneId: `/hostedzone/${PRIVATE}` }).resolves({
    $metadata,
    ResourceRecordSets: [
      { Name: 'db.internal.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '10.0.1.5' }] },
    ],
    IsTruncated: false,
    MaxItems: 300,
  });
}

beforeEach(() => route53.reset());

describe('route53Collector', () => {
  it('follows both paginations and emits each zone with every record set, globally', async () => {
    mockZones();
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(route53.commandCalls(ListHostedZonesCommand)).toHaveLength(2);
    expect(route53.commandCalls(ListResourceRecordSetsCommand)).toHaveLength(3);
    expect(run.assets.map((asset) => [asset.type, asset.id, asset.name, asset.region])).toEqual([
      ['aws_route53_hosted_zone', `arn:aws:route53:::hostedzone/${PUBLIC}`, 'example.com.', 'global'],
      [
        'aws_route53_hosted_zone',
        `arn:aws:route53:::hostedzone/${PRIVATE}`,
        'internal.example.com.',
        'global',
      ],
    ]);
    const records = run.assets[0].config.ResourceRecordSets as { Name: string; Type: string }[];
    expect(records.map((record) => [record.Name, record.Type])).toEqual([
      ['example.com.', 'NS'],
      ['shop.example.com.', 'CNAME'],
      ['www.example.com.', 'A'],
    ]);
    expect(run.assets[1].config.HostedZone).toMatchObject({ Config: { PrivateZone: true } });
  });

  it('keeps each zone its own query logging configurations, read over every page once per account', async () => {
    mockZones();
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(route53.commandCalls(ListQueryLoggingConfigsCommand)).toHaveLength(2);
    expect(run.assets.map((asset) => asset.config.QueryLoggingConfigs)).toEqual([
      [
        {
          Id: '87654321-dcba-4321-abcd-0123456789ab',
          HostedZoneId: PUBLIC,
          CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/example.com',
        },
      ],
      [],
    ]);
  });

  it('names the AWS resource each alias or CNAME points at (S3 website bucket, CloudFront), not plain addresses', async () => {
    mockZones();
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(run.assets[0].config.RecordTargets).toEqual([
      {
        Record: 'shop.example.com.',
        Type: 'CNAME',
        Alias: false,
        Kind: 's3',
        Target: 'shop-old.s3-website-us-east-1.amazonaws.com',
        Region: 'us-east-1',
        Bucket: 'shop-old',
      },
      {
        Record: 'www.example.com.',
        Type: 'A',
        Alias: true,
        Kind: 'cloudfront',
        Target: 'd111111abcdef8.cloudfront.net',
      },
    ]);
    expect(run.assets[1].config.RecordTargets).toEqual([]);
  });

  it('records a refused query logging list on every zone, keeping the records', async () => {
    mockZones();
    route53.on(ListQueryLoggingConfigsCommand).rejects(
      new Route53ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: route53:ListQueryLoggingConfigs',
      }),
    );
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(run.assets.map((asset) => asset.readErrors)).toEqual([
      { QueryLoggingConfigs: 'AccessDenied' },
      { QueryLoggingConfigs: 'AccessDenied' },
    ]);
    expect(run.assets[0].config.ResourceRecordSets).toHaveLength(3);
  });

  it('fails the unit with AWS code when ListHostedZones is denied', async () => {
    route53.on(ListHostedZonesCommand).rejects(
      new Route53ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: route53:ListHostedZones',
      }),
    );
    const run = testContext(route53Collector);
    await expect(route53Collector.collect(run.ctx)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(run.assets).toEqual([]);
  });

  it('keeps a zone whose records are denied (readErrors), drops one deleted since the list', async () => {
    mockZones();
    route53.on(ListResourceRecordSetsCommand, { HostedZoneId: `/hostedzone/${PUBLIC}` }).rejects(
      new Route53ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'User is not authorized to perform: route53:ListResourceRecordSets',
      }),
    );
    route53
      .on(ListResourceRecordSetsCommand, { HostedZoneId: `/hostedzone/${PRIVATE}` })
      .rejects(new NoSuchHostedZone({ message: `No hosted zone found with ID: ${PRIVATE}`, $metadata: {} }));
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      ['example.com.', { ResourceRecordSets: 'AccessDenied', RecordTargets: 'AccessDenied' }],
    ]);
  });

  it('makes no further calls without hosted zones', async () => {
    route53
      .on(ListHostedZonesCommand)
      .resolves({ $metadata, HostedZones: [], IsTruncated: false, MaxItems: 100 });
    const run = testContext(route53Collector);
    await route53Collector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['Route53.ListHostedZones']);
  });
});
