// Lambda reads: one paginated list, then three small per-function calls (AWS has no bulk form of any).
import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  ListTagsCommand,
  paginateListAliases,
  paginateListFunctions,
  paginateListFunctionUrlConfigs,
  type FunctionConfiguration,
  type FunctionUrlConfig,
  type GetPolicyCommandOutput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { errorCode } from '../../errors';
import { type DetailOutcome, readDetail, withoutMetadata } from '../../read';

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

/**
 * An answer saying the endpoint does not serve the operation at all (an emulator's 404 page for a route it lacks,
 * 501 Not Implemented, UnknownOperationException), as opposed to AWS refusing or failing this one request.
 */
function operationNotServed(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
  const code = errorCode(error);
  return (
    code === 'HttpStatus404' ||
    status === 501 ||
    ['UnknownOperationException', 'NotImplemented', 'InvalidAction'].includes(code)
  );
}

async function aliasNames(
  client: LambdaClient,
  functionName: string,
  signal: AbortSignal,
): Promise<string[]> {
  const names: string[] = [];
  const pages = paginateListAliases({ client }, { FunctionName: functionName }, { abortSignal: signal });
  for await (const page of pages)
    names.push(...(page.Aliases ?? []).map((alias) => alias.Name ?? '').filter(Boolean));
  return names;
}

export type FunctionUrlsOutcome = DetailOutcome<{ FunctionUrlConfigs: FunctionUrlConfig[] }>;

/**
 * A function's URL configurations, ListFunctionUrlConfigs' output. Where the endpoint does not serve that operation
 * (moto), the same list is built from the documented per-URL call: GetFunctionUrlConfig for the unqualified function
 * and for each alias (ListAliases), the only two places a function URL can be attached. Any failure there is the
 * outcome's error: a partial list would let an unread alias URL pass.
 */
export class FunctionUrlReader {
  private listNotServed = false;

  constructor(
    private readonly client: LambdaClient,
    private readonly signal: AbortSignal,
  ) {}

  async read(functionName: string): Promise<FunctionUrlsOutcome> {
    if (!this.listNotServed) {
      try {
        return { ok: true, value: await listFunctionUrlConfigs(this.client, functionName, this.signal) };
      } catch (error) {
        if (!operationNotServed(error)) return readDetail(() => Promise.reject(error));
        this.listNotServed = true;
      }
    }
    return this.readOneByOne(functionName);
  }

  private async readOneByOne(functionName: string): Promise<FunctionUrlsOutcome> {
    const aliases = await readDetail(() => aliasNames(this.client, functionName, this.signal));
    if (!aliases.ok) return aliases;
    const configs: FunctionUrlConfig[] = [];
    for (const qualifier of [undefined, ...(aliases.value ?? [])]) {
      // ResourceNotFoundException: no URL on this function or alias.
      const url = await readDetail(
        () =>
          this.client.send(
            new GetFunctionUrlConfigCommand({ FunctionName: functionName, Qualifier: qualifier }),
            { abortSignal: this.signal },
          ),
        ['ResourceNotFoundException'],
      );
      if (!url.ok) return url;
      // An emulator that keeps one URL per function answers it for every qualifier: listed once.
      const config = url.value ? (withoutMetadata(url.value) as FunctionUrlConfig) : undefined;
      if (config && !configs.some((known) => known.FunctionUrl === config.FunctionUrl)) configs.push(config);
    }
    return { ok: true, value: { FunctionUrlConfigs: configs } };
  }
}
