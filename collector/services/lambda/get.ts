// Lambda reads: one paginated list, then three small per-function calls (AWS has no bulk form of any).
import {
  GetPolicyCommand,
  ListTagsCommand,
  paginateListFunctions,
  paginateListFunctionUrlConfigs,
  type FunctionConfiguration,
  type FunctionUrlConfig,
  type GetPolicyCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';

export async function* functionPages(
  client: LambdaClient,
  signal: AbortSignal,
): AsyncGenerator<FunctionConfiguration[]> {
  for await (const page of paginateListFunctions({ client }, {}, { abortSignal: signal })) {
    yield page.Functions ?? [];
  }
}

export function getFunctionPolicy(
  client: LambdaClient,
  functionName: string,
  signal: AbortSignal,
): Promise<GetPolicyCommandOutput> {
  return client.send(new GetPolicyCommand({ FunctionName: functionName }), { abortSignal: signal });
}

/** Every page of ListFunctionUrlConfigs merged into one output (no NextMarker). */
export async function listFunctionUrlConfigs(
  client: LambdaClient,
  functionName: string,
  signal: AbortSignal,
): Promise<{ FunctionUrlConfigs: FunctionUrlConfig[] }> {
  const configs: FunctionUrlConfig[] = [];
  const pages = paginateListFunctionUrlConfigs(
    { client },
    { FunctionName: functionName },
    { abortSignal: signal },
  );
  for await (const page of pages) configs.push(...(page.FunctionUrlConfigs ?? []));
  return { FunctionUrlConfigs: configs };
}

/** ListTags' `Tags` map (by function ARN: ListTags takes no function name). */
export async function listFunctionTags(
  client: LambdaClient,
  functionArn: string,
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const output = await client.send(new ListTagsCommand({ Resource: functionArn }), { abortSignal: signal });
  return output?.Tags ?? {};
}
