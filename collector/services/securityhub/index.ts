// Security Hub (regional): whether the account is subscribed in this region, as one synthetic hub asset.
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Asset } from '../../../store/model';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode, errorCodes } from '../../errors';
import { whereOf } from '../../read';
import { type Where, makeAsset, plainConfig } from '../../shape';

export const securityhubCollector: CollectorModule = {
  service: 'securityhub',
  scope: 'regional',
  resourceTypes: [
    {
      type: 'aws_securityhub_hub',
      class: 'Detector',
      listOperation: 'SecurityHub.DescribeHub',
      idSource: 'synthetic: arn:{partition}:securityhub:{region}:{account}:hub/default',
    },
  ],
  operations: [{ api: 'SecurityHub.DescribeHub', actions: ['securityhub:DescribeHub'] }],
  collect: collectSecurityHub,
};

/**
 * `hub` is the DescribeHub output minus $metadata, or null when the account is not subscribed; `failure` the error
 * code when DescribeHub could not be read (the hub's controls then say `error`, not "not enabled").
 */
export function hubAsset(
  scope: Where,
  partition: string,
  hub: Record<string, unknown> | null,
  failure?: string,
): Asset {
  return makeAsset(scope, {
    id: `arn:${partition}:securityhub:${scope.region}:${scope.accountId}:hub/default`,
    type: 'aws_securityhub_hub',
    class: 'Detector',
    name: 'default',
    config: { Hub: hub },
    readErrors: failure ? { Hub: failure } : undefined,
  });
}

async function collectSecurityHub(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SecurityHubClient);
  const scope = whereOf(ctx, securityhubCollector.service);
  let hub: Record<string, unknown> | null;
  try {
    hub = plainConfig(await client.send(new DescribeHubCommand({})));
  } catch (error) {
    // "Account ... is not subscribed to AWS Security Hub": a valid answer (Security Hub off), not a failure.
    if (!errorCodes(error).includes('InvalidAccessException')) {
      await ctx.emit({ assets: [hubAsset(scope, ctx.partition, null, errorCode(error))] });
      throw error;
    }
    hub = null;
  }
  await ctx.emit({ assets: [hubAsset(scope, ctx.partition, hub)] });
}
