// Lambda functions with their resource policy, function URLs and tags (CATALOG.md: aws_lambda_function).
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { CollectorModule } from '../../types';
import { FunctionUrlReader, functionPages, getFunctionPolicy, listFunctionTags } from './get';
import { detail, isGone, ListFailures, readDetail, whereOf } from '../../read';
import { FUNCTION_TYPE, transformFunction } from './transform';

export const lambdaCollector: CollectorModule = {
  service: 'lambda',
  scope: 'regional',
  resourceTypes: [
    {
      type: FUNCTION_TYPE,
      class: 'Function',
      listOperation: 'Lambda.ListFunctions',
      detailOperations: [
        'Lambda.GetPolicy',
        'Lambda.ListFunctionUrlConfigs',
        'Lambda.ListTags',
        // Only where ListFunctionUrlConfigs is not served (see FunctionUrlReader).
        'Lambda.ListAliases',
        'Lambda.GetFunctionUrlConfig',
      ],
      idSource: 'FunctionArn',
    },
  ],
  operations: [
    { api: 'Lambda.ListFunctions', actions: ['lambda:ListFunctions'] },
    { api: 'Lambda.GetPolicy', actions: ['lambda:GetPolicy'] },
    { api: 'Lambda.ListFunctionUrlConfigs', actions: ['lambda:ListFunctionUrlConfigs'] },
    { api: 'Lambda.ListTags', actions: ['lambda:ListTags'] },
    { api: 'Lambda.ListAliases', actions: ['lambda:ListAliases'] },
    { api: 'Lambda.GetFunctionUrlConfig', actions: ['lambda:GetFunctionUrlConfig'] },
  ],
  async collect(ctx) {
    const client = ctx.client(LambdaClient);
    const scope = whereOf(ctx, 'lambda');
    const failures = new ListFailures(ctx, [FUNCTION_TYPE]);
    const urls = new FunctionUrlReader(client, ctx.signal);
    await failures.run([FUNCTION_TYPE], async () => {
      for await (const functions of functionPages(client, ctx.signal)) {
        const results = await ctx.mapLimit(functions, async (fn) => {
          const name = fn.FunctionName ?? '';
          // Tags first: ListTags answers ResourceNotFoundException only for a function deleted since the list
          // (an untagged function has an empty map), and then nothing more is asked about it.
          const tags = await detail(() => listFunctionTags(client, fn.FunctionArn ?? '', ctx.signal));
          if (isGone(tags, ['ResourceNotFoundException'])) return undefined;
          // A function without a resource policy answers ResourceNotFoundException: read, and absent.
          const policy = await readDetail(
            () => getFunctionPolicy(client, name, ctx.signal),
            ['ResourceNotFoundException'],
          );
          const urlConfigs = await urls.read(name);
          return transformFunction(scope, fn, { policy, urlConfigs, tags });
        });
        const present = results.filter((result) => result !== undefined);
        await ctx.emit({
          assets: present.map((result) => result.asset),
          relationships: present.flatMap((result) => result.relationships),
        });
      }
    });
    failures.finish();
  },
};
