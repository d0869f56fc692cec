import {
  APIGatewayClient,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand as GetRestStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { apigatewayCollector } from '../../../../collector/services/apigateway';
import { testContext } from '../../harness';
import {
  apisMemberOmitted,
  apisPage1,
  apisPage2,
  bareHttpApi,
  bareOnly,
  chatFunctionArn,
  chatIntegrationsPage1,
  chatIntegrationsPage2,
  chatRoutes,
  chatStages,
  draftOnly,
  draftResources,
  draftRestApi,
  integrationsMemberOmitted,
  noApis,
  noResources,
  noRestApis,
  noStages,
  ordersFunctionArn,
  ordersResourcesPage1,
  ordersResourcesPage2,
  ordersStages,
  restAccessDenied,
  restApisMemberOmitted,
  restApisPage1,
  restApisPage2,
  routesMemberOmitted,
  stagesMemberOmitted,
  throttled,
  v2AccessDenied,
  v2NotImplemented,
  v2StagesMemberOmitted,
} from './fixtures';

const rest = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);

beforeEach(() => {
  rest.reset();
  v2.reset();
});

function serveRest(): void {
  rest.on(GetRestApisCommand).resolves(restApisPage1);
  rest.on(GetRestApisCommand, { position: 'rest-page-2' }).resolves(restApisPage2);
  rest.on(GetRestStagesCommand, { restApiId: 'a1b2c3d4e5' }).resolves(ordersStages);
  rest.on(GetRestStagesCommand, { restApiId: 'f6g7h8i9j0' }).resolves(noStages);
  rest.on(GetResourcesCommand, { restApiId: 'a1b2c3d4e5' }).resolves(ordersResourcesPage1);
  rest
    .on(GetResourcesCommand, { restApiId: 'a1b2c3d4e5', position: 'resources-page-2' })
    .resolves(ordersResourcesPage2);
  rest.on(GetResourcesCommand, { restApiId: 'f6g7h8i9j0' }).resolves(noResources);
}

function serveV2(): void {
  v2.on(GetApisCommand).resolves(apisPage1);
  v2.on(GetApisCommand, { NextToken: 'apis-page-2' }).resolves(apisPage2);
  v2.on(GetIntegrationsCommand, { ApiId: 'k1l2m3n4o5' }).resolves(chatIntegrationsPage1);
  v2.on(GetIntegrationsCommand, { ApiId: 'k1l2m3n4o5', NextToken: 'integrations-page-2' }).resolves(
    chatIntegrationsPage2,
  );
  v2.on(GetRoutesCommand).resolves(chatRoutes);
  v2.on(GetStagesCommand).resolves(chatStages);
}

describe('apigatewayCollector', () => {
  it('reads every page of REST and HTTP APIs with their details and Lambda edges', async () => {
    serveRest();
    serveV2();
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    // Every declared operation is used: the onboarding policy grants nothing this module does not need.
    expect(new Set(run.calls)).toEqual(
      new Set(apigatewayCollector.operations.map((operation) => operation.api)),
    );

    expect(run.assets.map((asset) => `${asset.type} ${asset.name}`)).toEqual([
      'aws_apigateway_rest_api orders',
      'aws_apigateway_rest_api internal',
      'aws_apigatewayv2_api chat',
    ]);
    expect(rest.commandCalls(GetResourcesCommand)[0].args[0].input.embed).toEqual(['methods']);
    const orders = run.assets[0].config.Resources as { items: unknown[] };
    expect(orders.items).toHaveLength(3);
    const chat = run.assets[2].config.Integrations as { Items: unknown[] };
    expect(chat.Items).toHaveLength(2);
    expect(run.relationships.map((edge) => [edge.fromId, edge.toId])).toEqual([
      ['arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5', ordersFunctionArn],
      ['arn:aws:apigateway:us-east-1::/apis/k1l2m3n4o5', chatFunctionArn],
    ]);
    expect(run.calls.filter((call) => call === 'ApiGatewayV2.GetApis')).toHaveLength(2);
    expect(run.failures).toEqual([]);
  });

  it('emits nothing for a region without APIs', async () => {
    rest.on(GetRestApisCommand).resolves(noRestApis);
    v2.on(GetApisCommand).resolves(noApis);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.calls).toEqual(['APIGateway.GetRestApis', 'ApiGatewayV2.GetApis']);
  });

  it('keeps HTTP APIs when REST APIs are denied', async () => {
    const denied = restAccessDenied('apigateway:GET');
    rest.on(GetRestApisCommand).rejects(denied);
    serveV2();
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_apigateway_rest_api', error: denied }]);
    expect(run.assets.map((asset) => asset.type)).toEqual(['aws_apigatewayv2_api']);
  });

  it('records a failed detail read on the API and keeps the others', async () => {
    serveRest();
    serveV2();
    v2.on(GetRoutesCommand).rejects(v2AccessDenied('apigateway:GET'));
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    const chat = run.assets.find((asset) => asset.type === 'aws_apigatewayv2_api');
    expect(chat?.readErrors).toEqual({ Routes: 'AccessDeniedException' });
    expect(chat?.config).toHaveProperty('Integrations');
    expect(chat?.config).not.toHaveProperty('Routes');
    expect(run.failures).toEqual([]);
  });

  it('throws when neither list can be read', async () => {
    rest.on(GetRestApisCommand).rejects(restAccessDenied('apigateway:GET'));
    v2.on(GetApisCommand).rejects(v2AccessDenied('apigateway:GET'));
    const run = testContext(apigatewayCollector);

    await expect(apigatewayCollector.collect(run.ctx)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(run.failures.map((failure) => failure.type)).toEqual([
      'aws_apigateway_rest_api',
      'aws_apigatewayv2_api',
    ]);
  });

  it('records resources throttled past retries on that API only, without TRIGGERS guesses', async () => {
    serveRest();
    v2.on(GetApisCommand).resolves(noApis);
    rest.on(GetResourcesCommand, { restApiId: 'a1b2c3d4e5' }).rejects(throttled());
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    const [orders, internal] = run.assets;
    expect(orders.readErrors).toEqual({ Resources: 'TooManyRequestsException' });
    expect(orders.config).toHaveProperty('Stages');
    expect(internal.readErrors).toBeUndefined();
    expect(run.relationships).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('keeps the first page and marks REST APIs incomplete when a later page is throttled', async () => {
    serveRest();
    v2.on(GetApisCommand).resolves(noApis);
    const error = throttled();
    rest.on(GetRestApisCommand, { position: 'rest-page-2' }).rejects(error);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.assets.map((asset) => asset.name)).toEqual(['orders']);
    expect(run.failures).toEqual([{ type: 'aws_apigateway_rest_api', error }]);
  });

  it('keeps a REST API without stages or methods and an HTTP API without routes, with empty lists', async () => {
    rest.on(GetRestApisCommand).resolves(draftOnly);
    rest.on(GetRestStagesCommand).resolves(stagesMemberOmitted);
    rest.on(GetResourcesCommand).resolves(draftResources);
    v2.on(GetApisCommand).resolves(bareOnly);
    v2.on(GetIntegrationsCommand).resolves(integrationsMemberOmitted);
    v2.on(GetRoutesCommand).resolves(routesMemberOmitted);
    v2.on(GetStagesCommand).resolves(v2StagesMemberOmitted);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.assets.map((asset) => [asset.name, asset.tags, asset.readErrors])).toEqual([
      ['draft', {}, undefined],
      ['bare', {}, undefined],
    ]);
    const [draft, bare] = run.assets;
    expect(draft.config).toEqual({
      ...draftRestApi,
      Stages: { item: [] },
      Resources: { items: [{ id: 'rootd', path: '/' }] },
    });
    expect(bare.config).toEqual({
      ...bareHttpApi,
      Integrations: { Items: [] },
      Routes: { Items: [] },
      Stages: { Items: [] },
    });
    expect(run.relationships).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('reads API list pages that leave their list member out as empty', async () => {
    rest.on(GetRestApisCommand).resolves(restApisMemberOmitted);
    v2.on(GetApisCommand).resolves(apisMemberOmitted);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.assets).toEqual([]);
    expect(run.failures).toEqual([]);
  });

  it('keeps REST APIs and marks only HTTP APIs failed when the endpoint does not implement API Gateway v2', async () => {
    serveRest();
    const failure = v2NotImplemented('GetApis');
    v2.on(GetApisCommand).rejects(failure);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.failures).toEqual([{ type: 'aws_apigatewayv2_api', error: failure }]);
    expect(run.assets.map((asset) => asset.name)).toEqual(['orders', 'internal']);
    expect(run.relationships.map((edge) => edge.toId)).toEqual([ordersFunctionArn]);
  });

  it('keeps the HTTP API and its Lambda edge when GetRoutes is not implemented', async () => {
    v2.on(GetApisCommand).resolves(apisPage1);
    v2.on(GetApisCommand, { NextToken: 'apis-page-2' }).resolves(apisPage2);
    v2.on(GetIntegrationsCommand, { ApiId: 'k1l2m3n4o5' }).resolves(chatIntegrationsPage1);
    v2.on(GetIntegrationsCommand, { ApiId: 'k1l2m3n4o5', NextToken: 'integrations-page-2' }).resolves(
      chatIntegrationsPage2,
    );
    v2.on(GetRoutesCommand).rejects(v2NotImplemented('GetRoutes'));
    v2.on(GetStagesCommand).resolves(chatStages);
    rest.on(GetRestApisCommand).resolves(noRestApis);
    const run = testContext(apigatewayCollector);

    await apigatewayCollector.collect(run.ctx);

    expect(run.assets.map((asset) => [asset.name, asset.readErrors])).toEqual([
      ['chat', { Routes: 'InternalFailure' }],
    ]);
    expect(run.relationships.map((edge) => edge.toId)).toEqual([chatFunctionArn]);
    expect(run.failures).toEqual([]);
  });
});
