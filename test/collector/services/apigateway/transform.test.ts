import { lambdaFunctionArn } from '../../../../collector/services/apigateway/lambda-targets';
import type { Where } from '../../../../collector/shape';
import {
  HTTP_API_TYPE,
  parseRestApiPolicy,
  REST_API_TYPE,
  transformHttpApi,
  transformRestApi,
} from '../../../../collector/services/apigateway/transform';
import {
  chatApi,
  chatFunctionArn,
  chatIntegrationsPage1,
  chatIntegrationsPage2,
  chatRoutes,
  chatStages,
  ordersFunctionArn,
  ordersResourcesPage1,
  ordersResourcesPage2,
  ordersRestApi,
  ordersStages,
} from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'apigateway',
};

describe('transformRestApi', () => {
  it('builds the API Gateway ARN and keeps RestApi, Stages and Resources', () => {
    const resources = { items: [...ordersResourcesPage1.items!, ...ordersResourcesPage2.items!] };
    const { asset, relationships } = transformRestApi(scope, ordersRestApi, {
      stages: { ok: true, value: ordersStages },
      resources: { ok: true, value: resources },
    });

    expect(asset).toMatchObject({
      id: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5',
      type: REST_API_TYPE,
      class: 'Gateway',
      name: 'orders',
      tags: { team: 'storefront' },
      config: {
        id: 'a1b2c3d4e5',
        createdDate: '2026-02-02T10:00:00.000Z',
        Stages: { item: [{ stageName: 'prod', createdDate: '2026-02-02T10:05:00.000Z' }] },
        Resources: { items: resources.items },
      },
    });
    expect(asset.config.Stages).not.toHaveProperty('$metadata');
    expect(relationships).toEqual([
      {
        accountId: '123456789012',
        fromId: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5',
        verb: 'TRIGGERS',
        toId: ordersFunctionArn,
        service: 'apigateway',
        region: 'us-east-1',
      },
    ]);
  });

  it('emits no edges when the resources could not be read, and records why', () => {
    const { asset, relationships } = transformRestApi(scope, ordersRestApi, {
      resources: { ok: false, code: 'TooManyRequestsException' },
    });

    expect(relationships).toEqual([]);
    expect(asset.readErrors).toEqual({ Resources: 'TooManyRequestsException' });
  });
});

describe('transformHttpApi', () => {
  it('keeps Api, Integrations, Routes and Stages and links only Lambda integrations', () => {
    const integrations = { Items: [...chatIntegrationsPage1.Items!, ...chatIntegrationsPage2.Items!] };
    const { asset, relationships } = transformHttpApi(scope, chatApi, {
      integrations: { ok: true, value: integrations },
      routes: { ok: true, value: { Items: chatRoutes.Items! } },
      stages: { ok: true, value: { Items: chatStages.Items! } },
    });

    expect(asset).toMatchObject({
      id: 'arn:aws:apigateway:us-east-1::/apis/k1l2m3n4o5',
      type: HTTP_API_TYPE,
      name: 'chat',
      tags: { team: 'messaging' },
      config: {
        ProtocolType: 'HTTP',
        CreatedDate: '2026-05-05T05:05:05.000Z',
        Integrations: integrations,
        Routes: { Items: chatRoutes.Items },
        Stages: { Items: [{ StageName: '$default', LastUpdatedDate: '2026-05-05T06:00:00.000Z' }] },
      },
    });
    expect(relationships.map((edge) => [edge.verb, edge.toId])).toEqual([['TRIGGERS', chatFunctionArn]]);
  });
});

describe('lambdaFunctionArn', () => {
  it.each([
    [
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:210987654321:function:x/invocations',
      'arn:aws:lambda:eu-west-1:210987654321:function:x',
    ],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:y:$LATEST',
      'arn:aws:lambda:us-east-1:123456789012:function:y',
    ],
    [
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:z:${stageVariables.alias}/invocations',
      'arn:aws:lambda:us-east-1:123456789012:function:z',
    ],
    [
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:w',
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:w',
    ],
  ])('reads the function from %s', (uri, expected) => {
    expect(lambdaFunctionArn(uri)).toBe(expected);
  });

  it.each([
    'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations',
    'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-${stageVariables.env}/invocations',
    'https://backend.example.com/{proxy}',
    'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue',
    undefined,
  ])('resolves no function from %s', (uri) => {
    expect(lambdaFunctionArn(uri)).toBeUndefined();
  });
});

describe('parseRestApiPolicy', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*',
        Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
      },
    ],
  };

  it('reads the JSON-escaped form GetRestApis returns (escaped quotes and slashes)', () => {
    // As AWS sends it: {\"Version\":\"2012-10-17\",...\"Resource\":\"arn:...:a1b2c3d4e5\/*\"...}
    const escaped = JSON.stringify(JSON.stringify(document)).slice(1, -1).replace(/\//g, '\\/');
    expect(escaped.startsWith('{\\"Version\\":')).toBe(true);
    expect(parseRestApiPolicy(escaped)).toEqual(document);
  });

  it('reads a plain JSON document and keeps what it cannot parse as it was', () => {
    expect(parseRestApiPolicy(JSON.stringify(document))).toEqual(document);
    expect(parseRestApiPolicy('not a policy')).toBe('not a policy');
  });

  it('puts the parsed policy in place in the asset config', () => {
    const { asset } = transformRestApi(
      scope,
      { ...ordersRestApi, policy: JSON.stringify(JSON.stringify(document)).slice(1, -1) },
      {},
    );
    expect((asset.config as { policy: unknown }).policy).toEqual(document);
  });
});
