// Which methods (REST) or routes (HTTP, WebSocket) of an API reach a Lambda function, and whether a caller needs
// credentials to use them: an authorizer (IAM, Cognito, Lambda, JWT) keeps the anonymous internet out the way a
// function URL's AWS_IAM auth does. API keys are not authorization (AWS: "don't use API keys for authentication").
import type { EvalAsset } from '../../types';
import { asArray, publicStatements, statementsOf } from '../resource-policy';

/* eslint-disable @typescript-eslint/no-explicit-any -- configs are AWS response shapes read defensively */
type Config = Record<string, any>;

export interface RoutesToFunction {
  /** False when the API's methods or routes were not collected: which ones reach the function is not known. */
  known: boolean;
  /** Routes anyone may call, e.g. `GET /orders`. */
  open: string[];
  /** Routes that need credentials, with the authorization type, e.g. `GET /items (JWT)`. */
  guarded: string[];
}

/** The integration URI names this unqualified function ARN (alone, with an alias or version, or in a path). */
export function namesFunction(uri: unknown, functionArn: string): boolean {
  if (typeof uri !== 'string' || !functionArn) return false;
  for (let at = uri.indexOf(functionArn); at >= 0; at = uri.indexOf(functionArn, at + 1)) {
    const next = uri[at + functionArn.length];
    if (next === undefined || next === '/' || next === ':') return true;
  }
  return false;
}

const isOpen = (authorizationType: unknown) =>
  authorizationType === undefined || authorizationType === null || authorizationType === 'NONE';

export function routesToFunction(api: EvalAsset, functionArn: string): RoutesToFunction {
  const c = api.config as Config;
  const result: RoutesToFunction = { known: false, open: [], guarded: [] };
  if (api.type === 'aws_apigateway_rest_api') {
    const resources = c.Resources?.items;
    if (!Array.isArray(resources)) return result;
    result.known = true;
    for (const resource of resources) {
      for (const [verb, method] of Object.entries<Config>(resource?.resourceMethods ?? {})) {
        if (!namesFunction(method?.methodIntegration?.uri, functionArn)) continue;
        const label = `${verb} ${resource.path ?? resource.id ?? '?'}`;
        if (isOpen(method.authorizationType)) result.open.push(label);
        else result.guarded.push(`${label} (${method.authorizationType})`);
      }
    }
    return result;
  }
  const routes = c.Routes?.Items;
  const integrations = c.Integrations?.Items;
  if (!Array.isArray(routes) || !Array.isArray(integrations)) return result;
  result.known = true;
  const targets = new Set(
    integrations
      .filter((integration: Config) => namesFunction(integration?.IntegrationUri, functionArn))
      .map((integration: Config) => `integrations/${integration.IntegrationId}`),
  );
  // A WebSocket API authorizes the connection: only $connect carries an authorizer, and it guards every route.
  const websocket = c.ProtocolType === 'WEBSOCKET';
  const connect = routes.find((route: Config) => route?.RouteKey === '$connect');
  for (const route of routes) {
    if (!targets.has(route?.Target)) continue;
    const authorization = websocket ? connect?.AuthorizationType : route.AuthorizationType;
    const label = String(route.RouteKey ?? route.RouteId ?? '?');
    if (isOpen(authorization)) result.open.push(label);
    else result.guarded.push(`${label} (${authorization}${websocket ? ' on $connect' : ''})`);
  }
  return result;
}

/** The API's stages when they were read (REST `Stages.item`, HTTP `Stages.Items`), else undefined. */
export function apiStages(api: EvalAsset): unknown[] | undefined {
  const stages = (api.config as Config).Stages;
  const list = api.type === 'aws_apigateway_rest_api' ? stages?.item : stages?.Items;
  return Array.isArray(list) ? list : undefined;
}

/** Deny conditions that let only one network in: requests from elsewhere (the internet) match and are denied. */
const NETWORK_KEYS = ['aws:sourceip', 'aws:sourcevpce', 'aws:sourcevpc'];
const WHOLE_API = /^(\*|execute-api:(\/\*)+|arn:[^:]+:execute-api:[^:]+:[^:]+:[^/]+(\/\*)+)$/;

function deniesAllButOneNetwork(statement: Record<string, any>): string | undefined {
  if (statement.Effect !== 'Deny') return undefined;
  const principal = statement.Principal;
  if (!(principal === '*' || asArray(principal?.AWS).includes('*'))) return undefined;
  const actions = asArray(statement.Action).map((action) => String(action).toLowerCase());
  if (!actions.some((action) => ['*', 'execute-api:*', 'execute-api:invoke'].includes(action)))
    return undefined;
  if (!asArray(statement.Resource).some((resource) => WHOLE_API.test(String(resource)))) return undefined;
  for (const [operator, block] of Object.entries<Record<string, unknown>>(statement.Condition ?? {})) {
    const op = operator.toLowerCase();
    // NotIpAddress / StringNotEquals (and ...IfExists: a request without the key is denied too).
    if (!(op.startsWith('notipaddress') || op.startsWith('stringnotequals'))) continue;
    for (const [key, values] of Object.entries(block ?? {})) {
      const list = asArray(values as unknown).map(String);
      if (!NETWORK_KEYS.includes(key.toLowerCase()) || list.length === 0) continue;
      if (list.some((value) => value.endsWith('/0') || /[*?]/.test(value))) continue;
      return `denies every caller not from ${key} ${list.join(', ')}`;
    }
  }
  return undefined;
}

/**
 * Why a REST API's resource policy keeps anonymous internet callers out, or undefined when it does not (or there is
 * none). With a resource policy, API Gateway lets a caller in only when the policy allows it: no statement allowing
 * Principal "*" without a narrowing condition means no anonymous access; a Deny for everyone outside one source
 * range or VPC endpoint shuts out the rest of the internet.
 */
export function restApiPolicyRestriction(policy: unknown): string | undefined {
  if (!policy || typeof policy !== 'object') return undefined;
  for (const statement of statementsOf(policy)) {
    const denial = deniesAllButOneNetwork(statement);
    if (denial) return `its resource policy ${denial}`;
  }
  if (publicStatements(policy, 'resource policy').length === 0)
    return 'its resource policy allows no anonymous caller (Principal "*" only under a source or account condition, or named principals only)';
  return undefined;
}
