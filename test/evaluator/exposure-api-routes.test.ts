// Exposure of APIs and of the Lambda functions they trigger: an API with no deployed stage answers nothing; a
// function is exposed through the methods or routes that need no credentials, not through authorized ones; a
// function whose URLs could not be read is unknown unless an open API path settles it.
import { analyseExposure } from '../../evaluator/analysers/exposure';
import { namesFunction } from '../../evaluator/analysers/exposure/api-routes';
import { Estate } from '../../evaluator/engine/estate';
import type { EvalAsset } from '../../evaluator';
import type { Relationship } from '../../store/model';
import { ACCOUNT, asset, edge, REGION } from './fixtures';

const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`;
const OTHER_FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-admin`;
const REST = `arn:aws:apigateway:${REGION}::/restapis/a1b2c3`;
const HTTP = `arn:aws:apigateway:${REGION}::/apis/h1j2k3`;
const invokeUri = (fn: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fn}/invocations`;

function fn(readErrors?: Record<string, string>): EvalAsset {
  return asset(
    'aws_lambda_function',
    FN,
    {
      FunctionName: 'orders',
      FunctionArn: FN,
      Runtime: 'python3.12',
      Policy: null,
      ...(readErrors ? {} : { FunctionUrlConfigs: { FunctionUrlConfigs: [] } }),
    },
    { name: 'orders', readErrors },
  );
}

/** GetResources (embed=methods) items: GET /orders -> FN with the given authorization, POST /admin -> OTHER_FN. */
function restApi(authorizationType: string, stages: unknown[] = [{ stageName: 'prod', deploymentId: 'd1' }]) {
  return asset(
    'aws_apigateway_rest_api',
    REST,
    {
      id: 'a1b2c3',
      name: 'orders-api',
      endpointConfiguration: { types: ['REGIONAL'] },
      Stages: { item: stages },
      Resources: {
        items: [
          { id: 'r0', path: '/' },
          {
            id: 'r1',
            parentId: 'r0',
            pathPart: 'orders',
            path: '/orders',
            resourceMethods: {
              GET: {
                httpMethod: 'GET',
                authorizationType,
                apiKeyRequired: true,
                methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: invokeUri(`${FN}:live`) },
              },
            },
          },
          {
            id: 'r2',
            parentId: 'r0',
            pathPart: 'admin',
            path: '/admin',
            resourceMethods: {
              POST: {
                httpMethod: 'POST',
                authorizationType: 'NONE',
                methodIntegration: { type: 'AWS_PROXY', httpMethod: 'POST', uri: invokeUri(OTHER_FN) },
              },
            },
          },
        ],
      },
    },
    { name: 'orders-api' },
  );
}

/** GetApis item + GetRoutes / GetIntegrations / GetStages outputs of an HTTP or WebSocket API. */
function httpApi(routes: Record<string, unknown>[], protocol = 'HTTP') {
  return asset(
    'aws_apigatewayv2_api',
    HTTP,
    {
      ApiId: 'h1j2k3',
      Name: 'orders-http',
      ProtocolType: protocol,
      ApiEndpoint: 'https://h1j2k3.execute-api.eu-west-1.amazonaws.com',
      Integrations: {
        Items: [{ IntegrationId: 'int1', IntegrationType: 'AWS_PROXY', IntegrationUri: FN }],
      },
      Routes: { Items: routes },
      Stages: { Items: [{ StageName: '$default', AutoDeploy: true }] },
    },
    { name: 'orders-http' },
  );
}

function exposureOf(assets: EvalAsset[], id: string, relationships: Relationship[] = []) {
  const fact = analyseExposure(new Estate(assets, relationships)).get(id);
  expect(fact).toBeDefined();
  return fact!;
}

describe('functions behind API Gateway', () => {
  const restEdge = [edge(REST, 'TRIGGERS', FN)];
  const httpEdge = [edge(HTTP, 'TRIGGERS', FN)];

  it('a REST method without authorization exposes the function (an API key is not authorization)', () => {
    const fact = exposureOf([fn(), restApi('NONE')], FN, restEdge);
    expect(fact.verdict).toBe('exposed');
    expect(fact.paths).toEqual(['internet -> orders-api GET /orders -> orders']);
  });

  it.each(['AWS_IAM', 'COGNITO_USER_POOLS', 'CUSTOM'])(
    'a REST method with %s authorization does not expose it',
    (authorizationType) => {
      const fact = exposureOf([fn(), restApi(authorizationType)], FN, restEdge);
      expect(fact.verdict).toBe('not_exposed');
      expect(fact.evidence[0]).toContain(`GET /orders (${authorizationType})`);
    },
  );

  it('an HTTP API route without an authorizer exposes it; a JWT route does not', () => {
    const open = httpApi([
      { RouteId: 'rt1', RouteKey: 'GET /items', AuthorizationType: 'NONE', Target: 'integrations/int1' },
    ]);
    expect(exposureOf([fn(), open], FN, httpEdge).verdict).toBe('exposed');
    const jwt = httpApi([
      {
        RouteId: 'rt1',
        RouteKey: 'GET /items',
        AuthorizationType: 'JWT',
        AuthorizerId: 'au1',
        Target: 'integrations/int1',
      },
    ]);
    expect(exposureOf([fn(), jwt], FN, httpEdge).verdict).toBe('not_exposed');
    // The API itself still answers on the internet.
    expect(exposureOf([fn(), jwt], HTTP, httpEdge).verdict).toBe('exposed');
  });

  it('one open route among authorized ones is enough', () => {
    const api = httpApi([
      { RouteKey: 'GET /items', AuthorizationType: 'JWT', Target: 'integrations/int1' },
      { RouteKey: '$default', Target: 'integrations/int1' },
    ]);
    expect(exposureOf([fn(), api], FN, httpEdge).paths).toEqual([
      'internet -> orders-http $default -> orders',
    ]);
  });

  it('a WebSocket API is guarded by the authorizer on $connect', () => {
    const routes = (auth: string) => [
      { RouteKey: '$connect', AuthorizationType: auth, Target: 'integrations/int1' },
      { RouteKey: 'sendmessage', AuthorizationType: 'NONE', Target: 'integrations/int1' },
    ];
    expect(exposureOf([fn(), httpApi(routes('AWS_IAM'), 'WEBSOCKET')], FN, httpEdge).verdict).toBe(
      'not_exposed',
    );
    expect(exposureOf([fn(), httpApi(routes('NONE'), 'WEBSOCKET')], FN, httpEdge).verdict).toBe('exposed');
  });

  it('an API with no deployed stage exposes neither itself nor the function', () => {
    expect(exposureOf([fn(), restApi('NONE', [])], REST, restEdge).evidence).toEqual([
      'not exposed: API orders-api has no deployed stage',
    ]);
    expect(exposureOf([fn(), restApi('NONE', [])], FN, restEdge).verdict).toBe('not_exposed');
  });

  it('a function whose URLs could not be read is unknown, unless an open API path exposes it', () => {
    const unread = fn({ FunctionUrlConfigs: 'AccessDeniedException' });
    expect(exposureOf([unread], FN).verdict).toBe('unknown');
    expect(exposureOf([unread, restApi('AWS_IAM')], FN, restEdge).verdict).toBe('unknown');
    expect(exposureOf([unread, restApi('NONE')], FN, restEdge).verdict).toBe('exposed');
    expect(exposureOf([fn()], FN).verdict).toBe('not_exposed');
  });
});

describe('REST API resource policies', () => {
  const policyApi = (policy: unknown) =>
    asset(
      'aws_apigateway_rest_api',
      REST,
      { id: 'a1b2c3', name: 'orders-api', endpointConfiguration: { types: ['REGIONAL'] }, policy },
      { name: 'orders-api' },
    );
  const statement = (extra: Record<string, unknown>) => ({
    Effect: 'Allow',
    Principal: '*',
    Action: 'execute-api:Invoke',
    Resource: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3/*`,
    ...extra,
  });
  const verdict = (...statements: unknown[]) =>
    exposureOf([policyApi({ Version: '2012-10-17', Statement: statements })], REST).verdict;

  it('an allow for everyone, or for everyone from anywhere, leaves the API exposed', () => {
    expect(verdict(statement({}))).toBe('exposed');
    expect(verdict(statement({ Condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } } }))).toBe(
      'exposed',
    );
    // A deny for one path does not close the rest.
    expect(
      verdict(
        statement({}),
        statement({
          Effect: 'Deny',
          Resource: 'execute-api:/*/GET/admin',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
        }),
      ),
    ).toBe('exposed');
  });

  it('an allow only from one range, only for named accounts, or a deny outside one endpoint is not exposed', () => {
    expect(verdict(statement({ Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } }))).toBe(
      'not_exposed',
    );
    expect(verdict(statement({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))).toBe('not_exposed');
    const fact = exposureOf(
      [
        policyApi({
          Version: '2012-10-17',
          Statement: [
            statement({ Resource: 'execute-api:/*' }),
            statement({
              Effect: 'Deny',
              Resource: 'execute-api:/*',
              Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } },
            }),
          ],
        }),
      ],
      REST,
    );
    expect(fact.evidence).toEqual([
      'not exposed: API orders-api has a public endpoint but its resource policy denies every caller not from aws:SourceVpce vpce-0a1b2c3d4e5f67890',
    ]);
  });

  it('no policy, or one that could not be parsed, changes nothing', () => {
    expect(exposureOf([policyApi(undefined)], REST).verdict).toBe('exposed');
    expect(exposureOf([policyApi('{not json')], REST).verdict).toBe('exposed');
  });
});

describe('namesFunction', () => {
  it('matches the function alone, with an alias or version, not a function whose name starts alike', () => {
    expect(namesFunction(invokeUri(FN), FN)).toBe(true);
    expect(namesFunction(invokeUri(`${FN}:live`), FN)).toBe(true);
    expect(namesFunction(FN, FN)).toBe(true);
    expect(namesFunction(invokeUri(OTHER_FN), FN)).toBe(false);
    expect(namesFunction(undefined, FN)).toBe(false);
  });
});
