// API Gateway reads. REST APIs (v1): GetRestApis (paginated by `position`), then GetStages and GetResources with
// embedded methods per API (the only way to see integrations without one call per method). HTTP/WebSocket
// APIs (v2): GetApis, then GetIntegrations, GetRoutes and GetStages per API (NextToken; v2 has no paginators).
import {
  GetStagesCommand as GetRestStagesCommand,
  paginateGetResources,
  paginateGetRestApis,
  type APIGatewayClient,
  type Resource,
  type RestApi,
  type Stages,
} from '@aws-sdk/client-api-gateway';
import {
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Api,
  type ApiGatewayV2Client,
  type Integration,
  type Route,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';

// The largest pages AWS allows: API Gateway's read limits are low, so fewer calls matter here.
const PAGE_SIZE = 500;

export async function* restApiPages(
  client: APIGatewayClient,
  signal: AbortSignal,
): AsyncGenerator<RestApi[]> {
  for await (const page of paginateGetRestApis({ client }, { limit: PAGE_SIZE }, { abortSignal: signal })) {
    yield page.items ?? [];
  }
}

/** GetStages output as `{ item }`: an API without stages may answer with `item` left out, stored as `[]`. */
export async function getRestStages(
  client: APIGatewayClient,
  restApiId: string,
  signal: AbortSignal,
): Promise<Stages> {
  const { $metadata: _metadata, ...stages } = await client.send(new GetRestStagesCommand({ restApiId }), {
    abortSignal: signal,
  });
  return { ...stages, item: stages.item ?? [] };
}

/** Every page of GetResources (methods and integrations embedded) merged into `{ items }`. */
export async function getRestResources(
  client: APIGatewayClient,
  restApiId: string,
  signal: AbortSignal,
): Promise<{ items: Resource[] }> {
  const items: Resource[] = [];
  const pages = paginateGetResources(
    { client },
    { restApiId, embed: ['methods'], limit: PAGE_SIZE },
    { abortSignal: signal },
  );
  for await (const page of pages) items.push(...(page.items ?? []));
  return { items };
}

export async function* apiPages(client: ApiGatewayV2Client, signal: AbortSignal): AsyncGenerator<Api[]> {
  let token: string | undefined;
  do {
    const page = await client.send(new GetApisCommand({ MaxResults: String(PAGE_SIZE), NextToken: token }), {
      abortSignal: signal,
    });
    yield page.Items ?? [];
    token = page.NextToken;
  } while (token);
}

export function getIntegrations(client: ApiGatewayV2Client, apiId: string, signal: AbortSignal) {
  return allItems<Integration>((token) =>
    client.send(
      new GetIntegrationsCommand({ ApiId: apiId, MaxResults: String(PAGE_SIZE), NextToken: token }),
      {
        abortSignal: signal,
      },
    ),
  );
}

export function getRoutes(client: ApiGatewayV2Client, apiId: string, signal: AbortSignal) {
  return allItems<Route>((token) =>
    client.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: String(PAGE_SIZE), NextToken: token }), {
      abortSignal: signal,
    }),
  );
}

export function getStages(client: ApiGatewayV2Client, apiId: string, signal: AbortSignal) {
  return allItems<Stage>((token) =>
    client.send(new GetStagesCommand({ ApiId: apiId, MaxResults: String(PAGE_SIZE), NextToken: token }), {
      abortSignal: signal,
    }),
  );
}

/** Follows NextToken to the end and returns `{ Items }`, the output shape without the token. */
async function allItems<T>(
  fetchPage: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<{ Items: T[] }> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token);
  return { Items: items };
}
