// Inspector2 (regional): whether Amazon Inspector scans EC2, ECR and Lambda in this region, as one synthetic status
// asset per region. BatchGetAccountStatus answers for a never-enabled account too (status DISABLED), so a missing
// answer is a read failure, never "disabled".
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { whereOf } from '../../read';
import { accountStatusAsset } from './transform';

export const inspector2Collector: CollectorModule = {
  service: 'inspector2',
  scope: 'regional',
  resourceTypes: [
    {
      type: 'aws_inspector2_account_status',
      class: 'Detector',
      listOperation: 'Inspector2.BatchGetAccountStatus',
      idSource: 'synthetic: arn:{partition}:inspector2:{region}:{account}:account-status',
    },
  ],
  operations: [{ api: 'Inspector2.BatchGetAccountStatus', actions: ['inspector2:BatchGetAccountStatus'] }],
  collect: collectInspector2,
};

async function collectInspector2(ctx: CollectContext): Promise<void> {
  const client = ctx.client(Inspector2Client);
  const scope = whereOf(ctx, inspector2Collector.service);
  try {
    // Without accountIds AWS answers for the calling account.
    const output = await client.send(new BatchGetAccountStatusCommand({}));
    await ctx.emit({ assets: [accountStatusAsset(scope, output)] });
  } catch (error) {
    await ctx.emit({ assets: [accountStatusAsset(scope, undefined, errorCode(error))] });
    throw error;
  }
}
