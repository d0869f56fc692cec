import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  OpenSearchClient,
  OpenSearchServiceException,
} from '@aws-sdk/client-opensearch';
import { mockClient } from 'aws-sdk-client-mock';
import { opensearchCollector } from '../../../../collector/services/opensearch';
import { testContext } from '../../harness';

const $metadata = { httpStatusCode: 200, requestId: 'd1e2f3a4-0000-4000-8000-000000000001' };
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/3c4d5e6f-7081-92a3-b4c5-d6e7f8091a2b';
const arn = (name: string) => `arn:aws:es:us-east-1:123456789012:domain/${name}`;

const publicPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${arn('search-0')}/*` }],
};

const status = (name: string, fields: Partial<DomainStatus> = {}): DomainStatus => ({
  DomainId: `123456789012/${name}`,
  DomainName: name,
  ARN: arn(name),
  Created: true,
  Deleted: false,
  Endpoint: `search-${name}-abcdefghijklmnop.us-east-1.es.amazonaws.com`,
  Processing: false,
  UpgradeProcessing: false,
  EngineVersion: 'OpenSearch_2.13',
  ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
  AccessPolicies: '',
  EncryptionAtRestOptions: { Enabled: false },
  NodeToNodeEncryptionOptions: { Enabled: false },
  DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
  ...fields,
});

// Seven domains: DescribeDomains takes at most five names, so two batches.
const names = ['search-0', 'search-1', 'search-2', 'search-3', 'search-4', 'search-5', 'logs'];
const statuses: Record<string, DomainStatus> = Object.fromEntries(names.map((name) => [name, status(name)]));
statuses['search-0'] = status('search-0', { AccessPolicies: JSON.stringify(publicPolicy) });
statuses.logs = status('logs', {
  Endpoint: undefined,
  Endpoints: { vpc: 'vpc-logs-abcdefghijklmnop.us-east-1.es.amazonaws.com' },
  EncryptionAtRestOptions: { Enabled: true, KmsKeyId: KEY },
  NodeToNodeEncryptionOptions: { Enabled: true },
  DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
  VPCOptions: {
    VPCId: 'vpc-0a1b2c3d4e5f60718',
    SubnetIds: ['subnet-0aaa1111bbbb2222c'],
    AvailabilityZones: ['us-east-1a'],
    SecurityGroupIds: ['sg-0search000000001'],
  },
});

const accessDenied = (action: string) =>
  new OpenSearchServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 403, requestId: 'd1e2f3a4-0000-4000-8000-00000000000e' },
    message: `User: arn:aws:sts::123456789012:assumed-role/CloudwardReadOnly/cloudward is not authorized to perform: ${action}`,
  });

const opensearch = mockClient(OpenSearchClient);

function mockOpenSearch(): void {
  opensearch.on(ListDomainNamesCommand).resolves({
    $metadata,
    DomainNames: names.map((name) => ({ DomainName: name, EngineType: 'OpenSearch' })),
  });
  opensearch.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => {
    if (input.DomainNames.length > 5) throw new Error('DescribeDomains takes at most 5 domain names');
    return { $metadata, DomainStatusList: input.DomainNames.map((name) => statuses[name]) };
  });
}

beforeEach(() => opensearch.reset());

describe('opensearchCollector', () => {
  it('describes the listed domains five at a time and emits each with its access policy parsed', async () => {
    mockOpenSearch();
    const run = testContext(opensearchCollector);
    await opensearchCollector.collect(run.ctx);
    expect(
      opensearch.commandCalls(DescribeDomainsCommand).map((call) => call.args[0].input.DomainNames),
    ).toEqual([
      ['search-0', 'search-1', 'search-2', 'search-3', 'search-4'],
      ['search-5', 'logs'],
    ]);
    expect(run.assets.map((asset) => asset.name)).toEqual(names);
    expect(run.assets[0]).toMatchObject({
      id: arn('search-0'),
      type: 'aws_opensearch_domain',
      class: 'Database',
    });
    expect(run.assets[0].config.AccessPolicies).toEqual(publicPolicy);
    // AWS answers "" for a domain without an access policy.
    expect(run.assets[1].config.AccessPolicies).toBeNull();
    expect(run.assets[6].config).toMatchObject({
      EncryptionAtRestOptions: { Enabled: true },
      VPCOptions: { VPCId: 'vpc-0a1b2c3d4e5f60718' },
    });
  });

  it('links the VPC domain to its security group, subnet and key', async () => {
    mockOpenSearch();
    const run = testContext(opensearchCollector);
    await opensearchCollector.collect(run.ctx);
    expect(run.relationships.map((edge) => [edge.fromId, edge.verb, edge.toId])).toEqual([
      ['arn:aws:ec2:us-east-1:123456789012:security-group/sg-0search000000001', 'PROTECTS', arn('logs')],
      [arn('logs'), 'IN', 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0aaa1111bbbb2222c'],
      [KEY, 'ENCRYPTS', arn('logs')],
    ]);
  });

  it('drops a domain being deleted, and one DescribeDomains no longer returns', async () => {
    mockOpenSearch();
    statuses['search-1'] = status('search-1', { Deleted: true });
    opensearch.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => ({
      $metadata,
      DomainStatusList: input.DomainNames.filter((name) => name !== 'search-2').map((name) => statuses[name]),
    }));
    const run = testContext(opensearchCollector);
    await opensearchCollector.collect(run.ctx);
    statuses['search-1'] = status('search-1');
    expect(run.assets.map((asset) => asset.name)).toEqual([
      'search-0',
      'search-3',
      'search-4',
      'search-5',
      'logs',
    ]);
  });

  it('fails the unit with AWS code when ListDomainNames or DescribeDomains is denied', async () => {
    opensearch.on(ListDomainNamesCommand).rejects(accessDenied('es:ListDomainNames'));
    let run = testContext(opensearchCollector);
    await expect(opensearchCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    opensearch.reset();
    mockOpenSearch();
    opensearch.on(DescribeDomainsCommand).rejects(accessDenied('es:DescribeDomains'));
    run = testContext(opensearchCollector);
    await expect(opensearchCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(run.assets).toEqual([]);
  });

  it('makes no further calls in a region without domains', async () => {
    opensearch.on(ListDomainNamesCommand).resolves({ $metadata, DomainNames: [] });
    const run = testContext(opensearchCollector);
    await opensearchCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['OpenSearch.ListDomainNames']);
  });
});
