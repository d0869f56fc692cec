// SageMaker (regional): notebook instances with their network placement (subnet, security groups, direct internet
// access), root access, KMS key and execution role, and tags.
import {
  DescribeNotebookInstanceCommand,
  type NotebookInstanceSummary,
  paginateListNotebookInstances,
  paginateListTags,
  SageMakerClient,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { errorCode, errorMessage } from '../../errors';
import type { CollectContext, CollectorModule } from '../../types';
import { detail, readOutput, whereOf } from '../../read';
import { sagemakerOperations, sagemakerResourceTypes } from './declarations';
import { notebookAsset, notebookRelationships, type NotebookRead } from './transform';

export const sagemakerCollector: CollectorModule = {
  service: 'sagemaker',
  scope: 'regional',
  resourceTypes: sagemakerResourceTypes,
  operations: sagemakerOperations,
  collect: collectSageMaker,
};

/**
 * SageMaker answers a Describe of a notebook instance deleted since the list with a ValidationException whose
 * message is "RecordNotFound"; other ValidationExceptions say nothing about the instance being gone.
 */
function isRecordNotFound(error: unknown): boolean {
  return errorCode(error) === 'ValidationException' && /RecordNotFound/.test(errorMessage(error));
}

async function collectSageMaker(ctx: CollectContext): Promise<void> {
  const client = ctx.client(SageMakerClient);
  const scope = whereOf(ctx, sagemakerCollector.service);
  // ListNotebookInstances pages by NextToken (100 at most per page).
  const summaries: NotebookInstanceSummary[] = [];
  for await (const page of paginateListNotebookInstances({ client }, { MaxResults: 100 }))
    summaries.push(...(page.NotebookInstances ?? []).filter((summary) => summary.NotebookInstanceArn));
  if (summaries.length === 0) return;
  const reads = await ctx.mapLimit(summaries, async (summary): Promise<NotebookRead & { gone: boolean }> => {
    let gone = false;
    const [notebook, tags] = await Promise.all([
      readOutput(async () => {
        try {
          return await client.send(
            new DescribeNotebookInstanceCommand({ NotebookInstanceName: summary.NotebookInstanceName }),
          );
        } catch (error) {
          gone = isRecordNotFound(error);
          throw error;
        }
      }),
      detail(async () => {
        const all: Tag[] = [];
        const pages = paginateListTags({ client }, { ResourceArn: summary.NotebookInstanceArn });
        for await (const page of pages) all.push(...(page.Tags ?? []));
        return all;
      }),
    ]);
    return { summary, notebook, tags, gone };
  });
  const assets = reads.filter((read) => !read.gone).map((read) => notebookAsset(scope, read));
  await ctx.emit({
    assets,
    relationships: assets.flatMap((notebook) => notebookRelationships(scope, notebook)),
  });
}
