// Reads ELBv2 load balancers (+ listeners, attributes, tags) and target groups (+ target health, tags), and
// classic ELBs (+ attributes, tags) of one region. Lists are paginated; tags are read 20 resources per call;
// listeners, attributes and target health have no bulk API and go through ctx.mapLimit.
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers as paginateClassicLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Listener, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EC2Client, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import type { DetailResult } from '../../read';
import { chunks, detail, emitAll, isGone, readType, settleAll, whereOf, withoutMetadata } from '../../read';
import { tagMap } from '../../shape';
import type { CollectContext } from '../../types';
import { classicLoadBalancerToAssets, loadBalancerV2ToAssets, targetGroupToAssets } from './transform';

/** ELB list calls accept up to 400 per page; DescribeTags up to 20 resources. */
const PAGE_SIZE = 400;
const TAGS_PER_CALL = 20;
/** EC2 filters accept up to 200 values. */
const FILTER_VALUES = 200;

type TagResults = Map<string, DetailResult<Record<string, string>>>;

/** A marker equal to the one just sent would loop forever: AWS never does that, so it ends the listing. */
const paging = <C>(client: C) => ({ client, stopOnSameToken: true });

/** A resource named in a DescribeTags call vanished after it was listed (either spelling of the code). */
const GONE_CODES = [
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'TargetGroupNotFound',
  'TargetGroupNotFoundException',
  'AccessPointNotFoundException',
];

/**
 * Tags for many resources, 20 per call; a failed call records its error for those resources only. One resource
 * deleted since the list call fails its whole batch, so such a batch is read again one resource at a time.
 */
async function readTags(
  keys: string[],
  call: (batch: string[]) => Promise<Map<string, Record<string, string>>>,
  batchSize = TAGS_PER_CALL,
): Promise<TagResults> {
  const results: TagResults = new Map();
  for (const batch of chunks(keys, batchSize)) {
    const outcome = await detail(() => call(batch));
    if (!outcome.ok && batch.length > 1 && isGone(outcome, GONE_CODES)) {
      for (const [key, single] of await readTags(batch, call, 1)) results.set(key, single);
      continue;
    }
    for (const key of batch) {
      results.set(key, outcome.ok ? { ok: true, value: outcome.value.get(key) ?? {} } : outcome);
    }
  }
  return results;
}

export async function collectElb(ctx: CollectContext): Promise<void> {
  const where = whereOf(ctx, 'elb');
  const v2 = ctx.client(ElasticLoadBalancingV2Client);
  const classic = ctx.client(ElasticLoadBalancingClient);

  const v2Tags = (arns: string[]) =>
    readTags(arns, async (batch) => {
      const output = await v2.send(new DescribeTagsCommand({ ResourceArns: batch }));
      return new Map(
        (output.TagDescriptions ?? []).map((entry) => [entry.ResourceArn ?? '', tagMap(entry.Tags)]),
      );
    });

  const readers = [
    readType(ctx, 'aws_elbv2_load_balancer', async () => {
      for await (const page of paginateDescribeLoadBalancers(paging(v2), { PageSize: PAGE_SIZE })) {
        const loadBalancers = page.LoadBalancers ?? [];
        const tags = await v2Tags(loadBalancers.map((loadBalancer) => loadBalancer.LoadBalancerArn ?? ''));
        const emitted = await ctx.mapLimit(loadBalancers, async (loadBalancer) => {
          const arn = loadBalancer.LoadBalancerArn ?? '';
          const [listeners, attributes] = await Promise.all([
            detail(async () => {
              const all: Listener[] = [];
              for await (const listenerPage of paginateDescribeListeners(paging(v2), {
                LoadBalancerArn: arn,
              })) {
                all.push(...(listenerPage.Listeners ?? []));
              }
              return all;
            }),
            detail(async () =>
              withoutMetadata(
                await v2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })),
              ),
            ),
          ]);
          return loadBalancerV2ToAssets(where, loadBalancer, { listeners, attributes, tags: tags.get(arn) });
        });
        await emitAll(ctx, emitted);
      }
    }),
    readType(ctx, 'aws_elbv2_target_group', async () => {
      for await (const page of paginateDescribeTargetGroups(paging(v2), { PageSize: PAGE_SIZE })) {
        const groups = page.TargetGroups ?? [];
        const tags = await v2Tags(groups.map((group) => group.TargetGroupArn ?? ''));
        const health = await ctx.mapLimit(groups, (group) =>
          detail(async () =>
            withoutMetadata(
              await v2.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })),
            ),
          ),
        );
        const interfaceByIp = await resolveIpTargets(ctx, groups, health);
        await emitAll(
          ctx,
          groups.map((group, index) =>
            targetGroupToAssets(where, group, {
              health: health[index],
              tags: tags.get(group.TargetGroupArn ?? ''),
              interfaceByIp,
            }),
          ),
        );
      }
    }),
    readType(ctx, 'aws_elb_load_balancer', async () => {
      for await (const page of paginateClassicLoadBalancers(paging(classic), { PageSize: PAGE_SIZE })) {
        const descriptions = page.LoadBalancerDescriptions ?? [];
        const tags = await readTags(
          descriptions.map((description) => description.LoadBalancerName ?? ''),
          async (batch) => {
            const output = await classic.send(new DescribeClassicTagsCommand({ LoadBalancerNames: batch }));
            return new Map(
              (output.TagDescriptions ?? []).map((entry) => [
                entry.LoadBalancerName ?? '',
                tagMap(entry.Tags),
              ]),
            );
          },
        );
        const attributes = await ctx.mapLimit(descriptions, (description) =>
          detail(async () =>
            withoutMetadata(
              await classic.send(
                new DescribeClassicAttributesCommand({ LoadBalancerName: description.LoadBalancerName }),
              ),
            ),
          ),
        );
        await emitAll(
          ctx,
          descriptions.map((description, index) =>
            classicLoadBalancerToAssets(where, description, {
              attributes: attributes[index],
              tags: tags.get(description.LoadBalancerName ?? ''),
            }),
          ),
        );
      }
    }),
  ];
  await settleAll(readers);
}

/**
 * IP targets name an address, not a resource: find the interfaces holding those addresses, per VPC, in bulk.
 * Failure only loses those edges (the target list stays in TargetHealth).
 */
async function resolveIpTargets(
  ctx: CollectContext,
  groups: TargetGroup[],
  health: DetailResult<{ TargetHealthDescriptions?: { Target?: { Id?: string } }[] }>[],
): Promise<Map<string, string>> {
  const ipsByVpc = new Map<string, Set<string>>();
  groups.forEach((group, index) => {
    const result = health[index];
    if (group.TargetType !== 'ip' || !group.VpcId || !result.ok) return;
    const ips = ipsByVpc.get(group.VpcId) ?? new Set<string>();
    for (const description of result.value.TargetHealthDescriptions ?? [])
      if (description.Target?.Id) ips.add(description.Target.Id);
    ipsByVpc.set(group.VpcId, ips);
  });
  const interfaceByIp = new Map<string, string>();
  if (ipsByVpc.size === 0) return interfaceByIp;
  const ec2 = ctx.client(EC2Client);
  for (const [vpcId, ips] of ipsByVpc) {
    for (const batch of chunks([...ips], FILTER_VALUES)) {
      const outcome = await detail(async () => {
        const input = {
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'addresses.private-ip-address', Values: batch },
          ],
        };
        for await (const page of paginateDescribeNetworkInterfaces(
          { ...paging(ec2), pageSize: 1000 },
          input,
        )) {
          for (const eni of page.NetworkInterfaces ?? []) {
            for (const address of eni.PrivateIpAddresses ?? []) {
              if (address.PrivateIpAddress && eni.NetworkInterfaceId)
                interfaceByIp.set(`${vpcId} ${address.PrivateIpAddress}`, eni.NetworkInterfaceId);
            }
          }
        }
      });
      if (!outcome.ok) ctx.log(`could not resolve IP targets in ${vpcId}: ${outcome.code}`);
    }
  }
  return interfaceByIp;
}
