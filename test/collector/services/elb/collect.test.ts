import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancersCommand as DescribeClassicLoadBalancersCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
  ElasticLoadBalancingServiceException,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { elbCollector } from '../../../../collector/services/elb';
import { errorCode } from '../../../../collector/errors';
import { testContext } from '../../harness';
import { elbv2Error, serviceError } from '../../aws-errors';
import * as fx from './fixtures';

const v2 = mockClient(ElasticLoadBalancingV2Client);
const classic = mockClient(ElasticLoadBalancingClient);
const ec2 = mockClient(EC2Client);
const meta = { $metadata: { httpStatusCode: 200, requestId: 'req-1' } };
const arn = (resource: string) => `arn:aws:ec2:us-east-1:${fx.ACCOUNT}:${resource}`;

function mockRegion(): void {
  v2.on(DescribeLoadBalancersCommand)
    .resolves(fx.loadBalancersPage1)
    .on(DescribeLoadBalancersCommand, { Marker: fx.loadBalancersPage1.NextMarker })
    .resolves(fx.loadBalancersPage2);
  v2.on(DescribeListenersCommand)
    .resolves({ ...meta, Listeners: [] })
    .on(DescribeListenersCommand, { LoadBalancerArn: fx.ALB_ARN })
    .resolves(fx.listenersPage1)
    .on(DescribeListenersCommand, { LoadBalancerArn: fx.ALB_ARN, Marker: fx.listenersPage1.NextMarker })
    .resolves(fx.listenersPage2);
  v2.on(DescribeLoadBalancerAttributesCommand).resolves(fx.albAttributes);
  v2.on(DescribeTagsCommand).resolves(fx.tags);
  v2.on(DescribeTargetGroupsCommand).resolves(fx.targetGroups);
  v2.on(DescribeTargetHealthCommand, { TargetGroupArn: fx.TG_INSTANCES })
    .resolves(fx.instanceHealth)
    .on(DescribeTargetHealthCommand, { TargetGroupArn: fx.TG_IPS })
    .resolves(fx.ipHealth)
    .on(DescribeTargetHealthCommand, { TargetGroupArn: fx.TG_LAMBDA })
    .resolves(fx.lambdaHealth);
  ec2.on(DescribeNetworkInterfacesCommand).resolves(fx.interfacesForIps);
  classic.on(DescribeClassicLoadBalancersCommand).resolves(fx.classicLoadBalancers);
  classic.on(DescribeClassicAttributesCommand).resolves(fx.classicAttributes);
  classic.on(DescribeClassicTagsCommand).resolves(fx.classicTags);
}

const edges = (run: { relationships: { fromId: string; verb: string; toId: string }[] }) =>
  run.relationships.map((edge) => `${edge.fromId} ${edge.verb} ${edge.toId}`);

beforeEach(() => {
  v2.reset();
  classic.reset();
  ec2.reset();
});

describe('elbCollector', () => {
  test('reads load balancers (every page, listeners across pages, attributes, tags), target groups and classic ELBs', async () => {
    mockRegion();
    const run = testContext(elbCollector);
    await elbCollector.collect(run.ctx);
    expect(run.failures).toEqual([]);

    const alb = run.assets.find((asset) => asset.id === fx.ALB_ARN)!;
    expect(alb).toMatchObject({
      type: 'aws_elbv2_load_balancer',
      class: 'Gateway',
      name: 'web',
      tags: { team: 'web' },
    });
    expect(alb.config.Scheme).toBe('internet-facing');
    expect((alb.config.Listeners as { Port: number }[]).map((listener) => listener.Port)).toEqual([80, 443]);
    expect(alb.config.LoadBalancerAttributes).toEqual({ Attributes: fx.albAttributes.Attributes });
    expect(run.assets.find((asset) => asset.id === fx.NLB_ARN)?.config.Listeners).toEqual([]);

    const instancesGroup = run.assets.find((asset) => asset.id === fx.TG_INSTANCES)!;
    expect(instancesGroup.config.TargetHealth).toEqual({
      TargetHealthDescriptions: fx.instanceHealth.TargetHealthDescriptions,
    });

    const legacyArn = `arn:aws:elasticloadbalancing:us-east-1:${fx.ACCOUNT}:loadbalancer/legacy`;
    const legacy = run.assets.find((asset) => asset.type === 'aws_elb_load_balancer')!;
    expect(legacy).toMatchObject({ id: legacyArn, tags: { owner: 'ops' } });
    expect(legacy.config.LoadBalancerAttributes).toEqual({
      LoadBalancerAttributes: fx.classicAttributes.LoadBalancerAttributes,
    });
    expect(legacy.config.CreatedTime).toBe('2020-05-05T00:00:00.000Z');

    expect(edges(run)).toEqual(
      expect.arrayContaining([
        `${arn('security-group/sg-0alb')} PROTECTS ${fx.ALB_ARN}`,
        `${fx.ALB_ARN} IN ${arn('vpc/vpc-0a1b2c3d')}`,
        `${fx.ALB_ARN} ROUTES_TO ${fx.TG_INSTANCES}`,
        `${fx.TG_INSTANCES} ROUTES_TO ${arn('instance/i-0001')}`,
        `${fx.TG_INSTANCES} ROUTES_TO ${arn('instance/i-0002')}`,
        `${fx.NLB_ARN} ROUTES_TO ${fx.TG_IPS}`,
        `${fx.TG_IPS} ROUTES_TO ${arn('network-interface/eni-0a1b')}`,
        `${fx.TG_LAMBDA} ROUTES_TO ${fx.FUNCTION_ARN}`,
        `${arn('security-group/sg-0legacy')} PROTECTS ${legacyArn}`,
        `${legacyArn} IN ${arn('vpc/vpc-0a1b2c3d')}`,
        `${legacyArn} ROUTES_TO ${arn('instance/i-0003')}`,
      ]),
    );
    // An IP outside the VPC has no interface: no edge is invented for it.
    expect(edges(run).filter((edge) => edge.startsWith(`${fx.TG_IPS} ROUTES_TO`))).toHaveLength(1);
    // IP lookups are one filtered call per VPC, not one per target.
    expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'vpc-id', Values: ['vpc-0a1b2c3d'] },
      { Name: 'addresses.private-ip-address', Values: ['10.0.1.10', '192.168.7.7'] },
    ]);
    expect(v2.commandCalls(DescribeLoadBalancersCommand)[0].args[0].input).toMatchObject({ PageSize: 400 });
  });

  test('no load balancers at all: nothing emitted, no detail calls, nothing failed', async () => {
    v2.on(DescribeLoadBalancersCommand).resolves({ ...meta, LoadBalancers: [] });
    v2.on(DescribeTargetGroupsCommand).resolves({ ...meta, TargetGroups: [] });
    classic.on(DescribeClassicLoadBalancersCommand).resolves({ ...meta, LoadBalancerDescriptions: [] });
    const run = testContext(elbCollector);
    await elbCollector.collect(run.ctx);
    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
    expect(run.calls.sort()).toEqual([
      'ElasticLoadBalancing.DescribeLoadBalancers',
      'ElasticLoadBalancingV2.DescribeLoadBalancers',
      'ElasticLoadBalancingV2.DescribeTargetGroups',
    ]);
  });

  test('a failed detail call becomes readErrors on that load balancer, not a failed type', async () => {
    mockRegion();
    v2.on(DescribeLoadBalancerAttributesCommand).rejects(
      elbv2Error('AccessDenied', 403, 'User is not authorized'),
    );
    const run = testContext(elbCollector);
    await elbCollector.collect(run.ctx);
    const alb = run.assets.find((asset) => asset.id === fx.ALB_ARN)!;
    expect(alb.readErrors).toEqual({ LoadBalancerAttributes: 'AccessDenied' });
    expect(alb.config).not.toHaveProperty('LoadBalancerAttributes');
    expect(run.failures).toEqual([]);
  });

  test('AccessDenied on the v2 list fails the v2 types only; classic ELBs are still read', async () => {
    mockRegion();
    v2.on(DescribeLoadBalancersCommand).rejects(elbv2Error('AccessDenied', 403));
    v2.on(DescribeTargetGroupsCommand).rejects(elbv2Error('AccessDenied', 403));
    const run = testContext(elbCollector);
    await elbCollector.collect(run.ctx);
    expect(run.failures.map((failure) => [failure.type, errorCode(failure.error)]).sort()).toEqual([
      ['aws_elbv2_load_balancer', 'AccessDenied'],
      ['aws_elbv2_target_group', 'AccessDenied'],
    ]);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_elb_load_balancer']);
  });

  // Answers AWS's documentation allows (and emulators give) that must not cost other resources or types.
  describe('answers AWS allows that an emulator gives', () => {
    const lbArn = (index: number) =>
      `arn:aws:elasticloadbalancing:us-east-1:${fx.ACCOUNT}:loadbalancer/app/lb-${index}/${String(index).padStart(16, '0')}`;
    const manyLoadBalancers = (count: number) => ({
      ...meta,
      LoadBalancers: Array.from({ length: count }, (_, index) => ({
        LoadBalancerArn: lbArn(index),
        LoadBalancerName: `lb-${index}`,
        Type: 'application' as const,
      })),
    });
    /** AWS's DescribeTags: one description per ARN asked for; a vanished one fails the whole call. */
    const v2TagsFor = (gone?: string) => async (input: { ResourceArns?: string[] }) => {
      if (gone && input.ResourceArns?.includes(gone))
        throw Object.assign(
          elbv2Error('LoadBalancerNotFoundException', 400, `Load balancers '[${gone}]' not found`),
          { Code: 'LoadBalancerNotFound' },
        );
      return {
        ...meta,
        TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({
          ResourceArn: arn,
          Tags: [{ Key: 'arn', Value: arn.split('/')[2] }],
        })),
      };
    };

    function mockManyLoadBalancers(count: number, gone?: string): void {
      v2.on(DescribeLoadBalancersCommand).resolves(manyLoadBalancers(count));
      v2.on(DescribeListenersCommand).resolves({ ...meta, Listeners: [] });
      v2.on(DescribeLoadBalancerAttributesCommand).resolves(fx.albAttributes);
      v2.on(DescribeTagsCommand).callsFake(v2TagsFor(gone));
      v2.on(DescribeTargetGroupsCommand).resolves({ ...meta, TargetGroups: [] });
      classic.on(DescribeClassicLoadBalancersCommand).resolves({ ...meta, LoadBalancerDescriptions: [] });
    }

    test('tags are read 20 ARNs per call', async () => {
      mockManyLoadBalancers(45);
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures).toEqual([]);
      expect(
        v2.commandCalls(DescribeTagsCommand).map((call) => call.args[0].input.ResourceArns?.length),
      ).toEqual([20, 20, 5]);
      expect(run.assets.every((asset) => asset.tags.arn === asset.name && !asset.readErrors)).toBe(true);
    });

    test('a load balancer deleted after the list costs only its own tags, not its batch', async () => {
      mockManyLoadBalancers(25, lbArn(3));
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures).toEqual([]);
      const gone = run.assets.find((asset) => asset.id === lbArn(3))!;
      expect(gone.readErrors).toEqual({ Tags: 'LoadBalancerNotFound' });
      const others = run.assets.filter((asset) => asset.id !== lbArn(3));
      expect(others).toHaveLength(24);
      expect(others.every((asset) => asset.tags.arn === asset.name && !asset.readErrors)).toBe(true);
      // One failed batch of 20 read again one ARN at a time; the second batch of 5 was fine.
      expect(v2.commandCalls(DescribeTagsCommand)).toHaveLength(1 + 20 + 1);
    });

    test('classic ELB: tags 20 names per call; a deleted one costs only its own tags', async () => {
      const names = Array.from({ length: 22 }, (_, index) => `classic-${index}`);
      v2.on(DescribeLoadBalancersCommand).resolves({ ...meta, LoadBalancers: [] });
      v2.on(DescribeTargetGroupsCommand).resolves({ ...meta, TargetGroups: [] });
      classic.on(DescribeClassicLoadBalancersCommand).resolves({
        ...meta,
        LoadBalancerDescriptions: names.map((LoadBalancerName) => ({ LoadBalancerName })),
      });
      classic.on(DescribeClassicAttributesCommand).resolves(fx.classicAttributes);
      classic.on(DescribeClassicTagsCommand).callsFake(async (input: { LoadBalancerNames?: string[] }) => {
        if (input.LoadBalancerNames?.includes('classic-1'))
          throw Object.assign(
            serviceError(
              ElasticLoadBalancingServiceException as never,
              'AccessPointNotFoundException',
              400,
              "There is no ACTIVE Load Balancer named 'classic-1'",
            ),
            { Code: 'LoadBalancerNotFound' },
          );
        return {
          ...meta,
          TagDescriptions: (input.LoadBalancerNames ?? []).map((LoadBalancerName) => ({
            LoadBalancerName,
            Tags: [{ Key: 'name', Value: LoadBalancerName }],
          })),
        };
      });
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures).toEqual([]);
      expect(
        classic
          .commandCalls(DescribeClassicTagsCommand)
          .map((call) => call.args[0].input.LoadBalancerNames?.length),
      ).toEqual([20, ...Array(20).fill(1), 2]);
      const byName = new Map(run.assets.map((asset) => [asset.name, asset]));
      expect(byName.get('classic-1')?.readErrors).toEqual({ Tags: 'LoadBalancerNotFound' });
      expect(byName.get('classic-0')?.tags).toEqual({ name: 'classic-0' });
      expect(byName.get('classic-21')?.tags).toEqual({ name: 'classic-21' });
    });

    test('DescribeTags denied is not retried per resource: every load balancer keeps a Tags read error', async () => {
      mockManyLoadBalancers(25);
      v2.on(DescribeTagsCommand).rejects(elbv2Error('AccessDenied', 403));
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(v2.commandCalls(DescribeTagsCommand)).toHaveLength(2);
      expect(run.assets.every((asset) => asset.readErrors?.Tags === 'AccessDenied')).toBe(true);
      expect(run.failures).toEqual([]);
    });

    test('target groups with no targets, no load balancers and no VPC: assets, no guessed edges', async () => {
      v2.on(DescribeLoadBalancersCommand).resolves({ ...meta, LoadBalancers: [] });
      v2.on(DescribeTagsCommand).resolves({ ...meta, TagDescriptions: [] });
      v2.on(DescribeTargetGroupsCommand).resolves({
        ...meta,
        TargetGroups: [
          {
            TargetGroupArn: fx.TG_INSTANCES,
            TargetGroupName: 'web',
            TargetType: 'instance',
            LoadBalancerArns: [],
          },
          { TargetGroupArn: fx.TG_IPS, TargetGroupName: 'ips', TargetType: 'ip', VpcId: 'vpc-0a1b2c3d' },
        ],
      });
      // AWS sends the empty list; an emulator may leave the member out.
      v2.on(DescribeTargetHealthCommand, { TargetGroupArn: fx.TG_INSTANCES })
        .resolves({ ...meta, TargetHealthDescriptions: [] })
        .on(DescribeTargetHealthCommand, { TargetGroupArn: fx.TG_IPS })
        .resolves({ ...meta });
      classic.on(DescribeClassicLoadBalancersCommand).resolves({ ...meta });
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures).toEqual([]);
      expect(run.assets.map((asset) => [asset.name, asset.config.TargetHealth, asset.tags])).toEqual([
        ['web', { TargetHealthDescriptions: [] }, {}],
        ['ips', {}, {}],
      ]);
      expect(run.relationships).toEqual([]);
      expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(0);
    });

    test('an empty NextMarker ends a listing; so does the same marker again', async () => {
      mockRegion();
      v2.on(DescribeLoadBalancersCommand).resolves({ ...fx.loadBalancersPage1, NextMarker: '' });
      let classicCalls = 0;
      classic.on(DescribeClassicLoadBalancersCommand).callsFake(async () => {
        classicCalls += 1;
        // Guard: a listing that kept following the marker fails here instead of hanging the test.
        if (classicCalls > 5) throw elbv2Error('Throttling', 400);
        return { ...fx.classicLoadBalancers, NextMarker: 'c2FtZQ==' };
      });
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures).toEqual([]);
      expect(v2.commandCalls(DescribeLoadBalancersCommand)).toHaveLength(1);
      expect(classicCalls).toBe(2);
    });

    test('an API the emulator does not implement: readErrors for a detail, the type for a list', async () => {
      mockRegion();
      const notImplemented = (action: string) =>
        elbv2Error('InternalFailure', 501, `The API action ${action} is not yet implemented`);
      v2.on(DescribeTagsCommand).rejects(notImplemented('DescribeTags'));
      classic.on(DescribeClassicLoadBalancersCommand).rejects(notImplemented('DescribeLoadBalancers'));
      const run = testContext(elbCollector);
      await elbCollector.collect(run.ctx);
      expect(run.failures.map((failure) => [failure.type, errorCode(failure.error)])).toEqual([
        ['aws_elb_load_balancer', 'InternalFailure'],
      ]);
      const v2Assets = run.assets.filter((asset) => asset.type.startsWith('aws_elbv2_'));
      expect(v2Assets).toHaveLength(5);
      expect(v2Assets.every((asset) => asset.readErrors?.Tags === 'InternalFailure')).toBe(true);
    });
  });
});
