// AWS Config (regional): configuration recorders and whether they are recording.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  type ConfigurationRecorder,
  type ConfigurationRecorderStatus,
} from '@aws-sdk/client-config-service';
import type { CollectContext, CollectorModule } from '../../types';
import { errorCode } from '../../errors';
import { whereOf } from '../../read';
import { configOperations, configResourceTypes } from './declarations';
import { recorderAssets, unreadRecordersAsset } from './transform';

export const configCollector: CollectorModule = {
  service: 'config',
  scope: 'regional',
  resourceTypes: configResourceTypes,
  operations: configOperations,
  collect: collectConfig,
};

async function collectConfig(ctx: CollectContext): Promise<void> {
  const client = ctx.client(ConfigServiceClient);
  const scope = whereOf(ctx, configCollector.service);
  // Neither call is paginated: a region holds at most a handful of recorders.
  let recorders: ConfigurationRecorder[];
  try {
    ({ ConfigurationRecorders: recorders = [] } = await client.send(
      new DescribeConfigurationRecordersCommand({}),
    ));
  } catch (error) {
    await ctx.emit({ assets: [unreadRecordersAsset(scope, ctx.partition, errorCode(error))] });
    throw error;
  }
  if (recorders.length === 0) return;
  let statuses: ConfigurationRecorderStatus[] | { error: string };
  try {
    const output = await client.send(new DescribeConfigurationRecorderStatusCommand({}));
    statuses = output.ConfigurationRecordersStatus ?? [];
  } catch (error) {
    statuses = { error: errorCode(error) };
  }
  await ctx.emit({
    assets: recorderAssets(scope, ctx.partition, recorders, statuses),
  });
}
