// API Gateway REST APIs (v1) and HTTP/WebSocket APIs (v2) with the Lambda functions they trigger
// (CATALOG.md: aws_apigateway_rest_api, aws_apigatewayv2_api). The two lists are independent.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CollectorModule } from '../../types';
import {
  apiPages,
  getIntegrations,
  getRestResources,
  getRestStages,
  getRoutes,
  getStages,
  restApiPages,
} from './get';
import { ListFailures, readDetail, whereOf } from '../../read';
import { HTTP_API_TYPE, REST_API_TYPE, transformHttpApi, transformRestApi } from './transform';

// Every API Gateway read, v1 or v2, is authorised by the one action apigateway:GET.
const GET = ['apigateway:GET'];

export const apigatewayCollector: CollectorModule = {
  service: 'apigateway',
  scope: 'regional',
  resourceTypes: [
    {
      type: REST_API_TYPE,
      class: 'Gateway',
      listOperation: 'APIGateway.GetRestApis',
      detailOperations: ['APIGateway.GetStages', 'APIGateway.GetResources'],
      idSource: 'ARN built from RestApi.id: arn:{p}:apigateway:{r}::/restapis/{id}',
    },
    {
      type: HTTP_API_TYPE,
      class: 'Gateway',
      listOperation: 'ApiGatewayV2.GetApis',
      detailOperations: ['ApiGatewayV2.GetIntegrations', 'ApiGatewayV2.GetRoutes', 'ApiGatewayV2.GetStages'],
      idSource: 'ARN built from Api.ApiId: arn:{p}:apigateway:{r}::/apis/{ApiId}',
    },
  ],
  operations: [
    { api: 'APIGateway.GetRestApis', actions: GET },
    { api: 'APIGateway.GetStages', actions: GET },
    { api: 'APIGateway.GetResources', actions: GET },
    { api: 'ApiGatewayV2.GetApis', actions: GET },
    { api: 'ApiGatewayV2.GetIntegrations', actions: GET },
    { api: 'ApiGatewayV2.GetRoutes', actions: GET },
    { api: 'ApiGatewayV2.GetStages', actions: GET },
  ],
  async collect(ctx) {
    const scope = whereOf(ctx, 'apigateway');
    const failures = new ListFailures(ctx, [REST_API_TYPE, HTTP_API_TYPE]);

    const rest = ctx.client(APIGatewayClient);
    await failures.run([REST_API_TYPE], async () => {
      for await (const apis of restApiPages(rest, ctx.signal)) {
        const results = await ctx.mapLimit(apis, async (api) => {
          const restApiId = api.id ?? '';
          const stages = await readDetail(() => getRestStages(rest, restApiId, ctx.signal));
          const resources = await readDetail(() => getRestResources(rest, restApiId, ctx.signal));
          return transformRestApi(scope, api, { stages, resources });
        });
        await ctx.emit({
          assets: results.map((result) => result.asset),
          relationships: results.flatMap((result) => result.relationships),
        });
      }
    });

    const v2 = ctx.client(ApiGatewayV2Client);
    await failures.run([HTTP_API_TYPE], async () => {
      for await (const apis of apiPages(v2, ctx.signal)) {
        const results = await ctx.mapLimit(apis, async (api) => {
          const apiId = api.ApiId ?? '';
          const integrations = await readDetail(() => getIntegrations(v2, apiId, ctx.signal));
          const routes = await readDetail(() => getRoutes(v2, apiId, ctx.signal));
          const stages = await readDetail(() => getStages(v2, apiId, ctx.signal));
          return transformHttpApi(scope, api, { integrations, routes, stages });
        });
        await ctx.emit({
          assets: results.map((result) => result.asset),
          relationships: results.flatMap((result) => result.relationships),
        });
      }
    });

    failures.finish();
  },
};
