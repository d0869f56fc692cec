// Trimmed copies of real API Gateway responses (account 123456789012, us-east-1), typed against the SDK outputs.
import {
  APIGatewayServiceException,
  TooManyRequestsException,
  type GetResourcesCommandOutput,
  type GetRestApisCommandOutput,
  type GetStagesCommandOutput as GetRestStagesCommandOutput,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import {
  AccessDeniedException,
  ApiGatewayV2ServiceException,
  type Api,
  type GetApisCommandOutput,
  type GetIntegrationsCommandOutput,
  type GetRoutesCommandOutput,
  type GetStagesCommandOutput,
} from '@aws-sdk/client-apigatewayv2';

const metadata = { httpStatusCode: 200, requestId: 'apigw-req-1', attempts: 1 };
const invocation = (functionArn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

export const ordersFunctionArn = 'arn:aws:lambda:us-east-1:123456789012:function:orders-api';

export const ordersRestApi: RestApi = {
  id: 'a1b2c3d4e5',
  name: 'orders',
  createdDate: new Date('2026-02-02T10:00:00.000Z'),
  apiKeySource: 'HEADER',
  endpointConfiguration: { types: ['REGIONAL'] },
  disableExecuteApiEndpoint: false,
  tags: { team: 'storefront' },
};
export const internalRestApi: RestApi = {
  id: 'f6g7h8i9j0',
  name: 'internal',
  endpointConfiguration: { types: ['PRIVATE'] },
  // GetRestApis returns the resource policy JSON-escaped.
  policy: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}',
};

export const restApisPage1: GetRestApisCommandOutput = {
  $metadata: metadata,
  items: [ordersRestApi],
  position: 'rest-page-2',
};
export const restApisPage2: GetRestApisCommandOutput = { $metadata: metadata, items: [internalRestApi] };
export const noRestApis: GetRestApisCommandOutput = { $metadata: metadata, items: [] };

export const ordersStages: GetRestStagesCommandOutput = {
  $metadata: metadata,
  item: [
    {
      deploymentId: 'dep123',
      stageName: 'prod',
      tracingEnabled: false,
      methodSettings: { '*/*': { loggingLevel: 'ERROR', metricsEnabled: true } },
      createdDate: new Date('2026-02-02T10:05:00.000Z'),
    },
  ],
};
export const noStages: GetRestStagesCommandOutput = { $metadata: metadata, item: [] };

export const ordersResourcesPage1: GetResourcesCommandOutput = {
  $metadata: metadata,
  items: [
    { id: 'root1', path: '/' },
    {
      id: 'res1',
      parentId: 'root1',
      pathPart: 'orders',
      path: '/orders',
      resourceMethods: {
        GET: {
          httpMethod: 'GET',
          authorizationType: 'NONE',
          methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: invocation(ordersFunctionArn) },
        },
        POST: {
          httpMethod: 'POST',
          authorizationType: 'AWS_IAM',
          // Same function through an alias: still one edge to the unqualified function.
          methodIntegration: {
            type: 'AWS_PROXY',
            httpMethod: 'POST',
            uri: invocation(`${ordersFunctionArn}:live`),
          },
        },
      },
    },
  ],
  position: 'resources-page-2',
};
export const ordersResourcesPage2: GetResourcesCommandOutput = {
  $metadata: metadata,
  items: [
    {
      id: 'res2',
      parentId: 'root1',
      pathPart: 'health',
      path: '/health',
      resourceMethods: {
        GET: { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'MOCK' } },
      },
    },
  ],
};
export const noResources: GetResourcesCommandOutput = { $metadata: metadata, items: [] };

export const chatApi: Api = {
  ApiId: 'k1l2m3n4o5',
  Name: 'chat',
  ProtocolType: 'HTTP',
  ApiEndpoint: 'https://k1l2m3n4o5.execute-api.us-east-1.amazonaws.com',
  RouteSelectionExpression: '$request.method $request.path',
  CreatedDate: new Date('2026-05-05T05:05:05.000Z'),
  DisableExecuteApiEndpoint: false,
  Tags: { team: 'messaging' },
};
export const apisPage1: GetApisCommandOutput = {
  $metadata: metadata,
  Items: [chatApi],
  NextToken: 'apis-page-2',
};
export const apisPage2: GetApisCommandOutput = { $metadata: metadata, Items: [] };
export const noApis: GetApisCommandOutput = { $metadata: metadata, Items: [] };

export const chatFunctionArn = 'arn:aws:lambda:us-east-1:123456789012:function:chat-handler';
export const chatIntegrationsPage1: GetIntegrationsCommandOutput = {
  $metadata: metadata,
  Items: [
    {
      IntegrationId: 'int1',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: chatFunctionArn,
      PayloadFormatVersion: '2.0',
    },
  ],
  NextToken: 'integrations-page-2',
};
export const chatIntegrationsPage2: GetIntegrationsCommandOutput = {
  $metadata: metadata,
  Items: [
    {
      IntegrationId: 'int2',
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com/{proxy}',
    },
  ],
};
export const chatRoutes: GetRoutesCommandOutput = {
  $metadata: metadata,
  Items: [
    { RouteId: 'r1', RouteKey: 'POST /messages', AuthorizationType: 'NONE', Target: 'integrations/int1' },
  ],
};
export const chatStages: GetStagesCommandOutput = {
  $metadata: metadata,
  Items: [{ StageName: '$default', AutoDeploy: true, LastUpdatedDate: new Date('2026-05-05T06:00:00.000Z') }],
};

export function restAccessDenied(action: string): APIGatewayServiceException {
  return new APIGatewayServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'apigw-403' },
  });
}

export function v2AccessDenied(action: string): AccessDeniedException {
  return new AccessDeniedException({
    Message: `User is not authorized to perform: ${action}`,
    message: `User is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403, requestId: 'apigw2-403' },
  });
}

/** API Gateway's low read limits answer 429 TooManyRequestsException; this one outlasted the SDK's retries. */
export function throttled(): TooManyRequestsException {
  return new TooManyRequestsException({
    retryAfterSeconds: '1',
    message: 'Too Many Requests',
    $metadata: { httpStatusCode: 429, requestId: 'apigw-429', attempts: 8 },
  });
}

/** A REST API never deployed: no tags, no endpoint configuration, only its root resource with no methods. */
export const draftRestApi: RestApi = { id: 'p0q9r8s7t6', name: 'draft', rootResourceId: 'rootd' };
export const draftOnly: GetRestApisCommandOutput = { $metadata: metadata, items: [draftRestApi] };
/** GetStages of an API without stages, with the empty `item` list left out. */
export const stagesMemberOmitted: GetRestStagesCommandOutput = { $metadata: metadata };
export const draftResources: GetResourcesCommandOutput = {
  $metadata: metadata,
  items: [{ id: 'rootd', path: '/' }],
};

/** An HTTP API just created: no tags, routes, integrations or stages; the empty `Items` lists left out. */
export const bareHttpApi: Api = {
  ApiId: 'u5v4w3x2y1',
  Name: 'bare',
  ProtocolType: 'HTTP',
  RouteSelectionExpression: '$request.method $request.path',
};
export const bareOnly: GetApisCommandOutput = { $metadata: metadata, Items: [bareHttpApi] };
export const integrationsMemberOmitted: GetIntegrationsCommandOutput = { $metadata: metadata };
export const routesMemberOmitted: GetRoutesCommandOutput = { $metadata: metadata };
export const v2StagesMemberOmitted: GetStagesCommandOutput = { $metadata: metadata };
/** Last pages of the API lists with the empty list member left out and no token. */
export const restApisMemberOmitted: GetRestApisCommandOutput = { $metadata: metadata };
export const apisMemberOmitted: GetApisCommandOutput = { $metadata: metadata };

/** An endpoint that does not implement API Gateway v2 (an AWS emulator): HTTP 501 with a JSON error body. */
export function v2NotImplemented(operation: string): ApiGatewayV2ServiceException {
  return new ApiGatewayV2ServiceException({
    name: 'InternalFailure',
    $fault: 'server',
    message: `API action '${operation}' for service 'apigatewayv2' not yet implemented`,
    $metadata: { httpStatusCode: 501, requestId: 'apigw2-501' },
  });
}
