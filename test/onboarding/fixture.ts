// One onboarding input used across the suite, rendered once per test file (synth is the slow part).
import { allOperations } from '../../collector/registry';
import type { CollectorOperation, OnboardingInput } from '../../onboarding/options';
import { prepareOnboarding, type OnboardingPlan } from '../../onboarding/plan';
import { renderPlan } from '../../onboarding/render';

export const TRUSTED_PRINCIPAL = 'arn:aws:iam::210987654321:role/cloudward-service';
export const EXTERNAL_ID = 'Xk3vQ9mZpL2wR7tY8uN4bC6dF1gH5jK0';

export const BASE_INPUT: OnboardingInput = {
  accountId: '123456789012',
  regions: ['eu-west-1', 'us-east-1'],
  externalId: EXTERNAL_ID,
  trustedPrincipal: TRUSTED_PRINCIPAL,
};

/**
 * API Gateway operations the collector's apigateway module calls (collector brief: GetRestApis, GetStages,
 * GetResources; v2 GetApis, GetIntegrations, GetRoutes, GetStages) plus the single-API reads SecurityAudit does
 * not cover. Added to the registry's operations so the resource-scoped `apigateway:GET` path is exercised
 * whether or not that module is registered yet.
 */
export const API_GATEWAY_OPERATIONS: CollectorOperation[] = [
  { api: 'APIGateway.GetRestApis', actions: ['apigateway:GET'] },
  { api: 'APIGateway.GetRestApi', actions: ['apigateway:GET'] },
  { api: 'APIGateway.GetStages', actions: ['apigateway:GET'] },
  { api: 'APIGateway.GetResources', actions: ['apigateway:GET'] },
  { api: 'ApiGatewayV2.GetApis', actions: ['apigateway:GET'] },
  { api: 'ApiGatewayV2.GetApi', actions: ['apigateway:GET'] },
  { api: 'ApiGatewayV2.GetIntegrations', actions: ['apigateway:GET'] },
  { api: 'ApiGatewayV2.GetRoutes', actions: ['apigateway:GET'] },
  { api: 'ApiGatewayV2.GetStages', actions: ['apigateway:GET'] },
];

export function collectorOperations(): CollectorOperation[] {
  return [...allOperations(), ...API_GATEWAY_OPERATIONS];
}

const cache = new Map<string, Promise<{ plan: OnboardingPlan; files: Map<string, string> }>>();

export function renderedBundle(overrides: Partial<OnboardingInput> = {}) {
  const key = JSON.stringify(overrides);
  let entry = cache.get(key);
  if (!entry) {
    entry = prepareOnboarding({ ...BASE_INPUT, ...overrides }, collectorOperations()).then((plan) => ({
      plan,
      files: renderPlan(plan),
    }));
    cache.set(key, entry);
  }
  return entry;
}

export function file(files: Map<string, string>, path: string): string {
  const content = files.get(path);
  if (content === undefined) throw new Error(`bundle has no ${path}; it has ${[...files.keys()].join(', ')}`);
  return content;
}
