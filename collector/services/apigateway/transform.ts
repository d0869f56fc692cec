// Pure: API Gateway responses -> aws_apigateway_rest_api / aws_apigatewayv2_api assets and API TRIGGERS function.
//
// Example: RestApi { id: 'a1' } with a resource whose GET method has methodIntegration.uri
// 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations'
// -> asset 'arn:aws:apigateway:us-east-1::/restapis/a1', edge a1 TRIGGERS 'arn:aws:lambda:us-east-1:1:function:f'.
import type { Resource, RestApi, Stages } from '@aws-sdk/client-api-gateway';
import type { Api, Integration, Route, Stage } from '@aws-sdk/client-apigatewayv2';
import type { Asset, Relationship } from '../../../store/model';
import { lambdaFunctionArn } from './lambda-targets';
import { makeAsset, makeRelationship, parsePolicyDocument, plainConfig } from '../../shape';
import { mergeDetail, type DetailOutcome } from '../../read';
import { type Where } from '../../shape';

export const REST_API_TYPE = 'aws_apigateway_rest_api';
export const HTTP_API_TYPE = 'aws_apigatewayv2_api';

export interface RestApiDetails {
  stages?: DetailOutcome<Stages>;
  resources?: DetailOutcome<{ items: Resource[] }>;
}

export interface HttpApiDetails {
  integrations?: DetailOutcome<{ Items: Integration[] }>;
  routes?: DetailOutcome<{ Items: Route[] }>;
  stages?: DetailOutcome<{ Items: Stage[] }>;
}

export function restApiArn(scope: Where, restApiId: string): string {
  return `arn:${scope.partition}:apigateway:${scope.region}::/restapis/${restApiId}`;
}

export function httpApiArn(scope: Where, apiId: string): string {
  return `arn:${scope.partition}:apigateway:${scope.region}::/apis/${apiId}`;
}

export function transformRestApi(
  scope: Where,
  api: RestApi,
  details: RestApiDetails,
): { asset: Asset; relationships: Relationship[] } {
  const id = restApiArn(scope, api.id ?? '');
  const asset = makeAsset(scope, {
    id,
    type: REST_API_TYPE,
    class: 'Gateway',
    name: api.name ?? api.id ?? id,
    tags: { ...(api.tags ?? {}) },
    config:
      api.policy === undefined
        ? plainConfig(api)
        : { ...plainConfig(api), policy: parseRestApiPolicy(api.policy) },
  });
  mergeDetail(asset, 'Stages', details.stages);
  mergeDetail(asset, 'Resources', details.resources);

  const uris: (string | undefined)[] = [];
  if (details.resources?.ok) {
    for (const resource of details.resources.value?.items ?? []) {
      for (const method of Object.values(resource.resourceMethods ?? {}))
        uris.push(method.methodIntegration?.uri);
    }
  }
  return { asset, relationships: triggers(scope, id, uris) };
}

/**
 * A REST API's resource policy as an object. API Gateway returns it JSON-escaped inside the string
 * (`{\"Version\":\"2012-10-17\",...\"Resource\":\"arn:...:a1b2c3\/*\"}`); a plain JSON string is read too.
 * Unparseable stays the string it was.
 */
export function parseRestApiPolicy(policy: string): unknown {
  if (policy === '') return policy;
  const plain = parsePolicyDocument(policy);
  if (typeof plain !== 'string') return plain;
  try {
    // The escaped form is the body of a JSON string literal: decode it as one, then parse the document.
    return JSON.parse(JSON.parse(`"${policy}"`) as string) as unknown;
  } catch {
    return parsePolicyDocument(policy.replace(/\\"/g, '"').replace(/\\\//g, '/'));
  }
}

export function transformHttpApi(
  scope: Where,
  api: Api,
  details: HttpApiDetails,
): { asset: Asset; relationships: Relationship[] } {
  const id = httpApiArn(scope, api.ApiId ?? '');
  const asset = makeAsset(scope, {
    id,
    type: HTTP_API_TYPE,
    class: 'Gateway',
    name: api.Name ?? api.ApiId ?? id,
    tags: { ...(api.Tags ?? {}) },
    config: plainConfig(api),
  });
  mergeDetail(asset, 'Integrations', details.integrations);
  mergeDetail(asset, 'Routes', details.routes);
  mergeDetail(asset, 'Stages', details.stages);

  const uris = details.integrations?.ok
    ? (details.integrations.value?.Items ?? []).map((integration) => integration.IntegrationUri)
    : [];
  return { asset, relationships: triggers(scope, id, uris) };
}

/** One TRIGGERS edge per distinct function, however many methods or routes reach it. */
function triggers(scope: Where, apiId: string, uris: (string | undefined)[]): Relationship[] {
  const functions = new Set<string>();
  for (const uri of uris) {
    const functionArn = lambdaFunctionArn(uri);
    if (functionArn) functions.add(functionArn);
  }
  return [...functions].map((functionArn) => makeRelationship(scope, apiId, 'TRIGGERS', functionArn));
}
