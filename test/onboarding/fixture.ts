// One onboarding input used across the suite, rendered once per test file (synth is the slow part); cfn-lint
// over rendered templates, and a scratch directory for `onboard --out`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Runs `body` with a new temporary directory, removed afterwards whatever happens. */
export async function inTempDir(prefix: string, body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `onboard` arguments for BASE_INPUT's account in us-east-1, writing CloudFormation into `out`. */
export function cloudFormationArgs(out: string): string[] {
  return [
    '--account-id',
    BASE_INPUT.accountId,
    '--regions',
    'us-east-1',
    '--out',
    out,
    '--format',
    'cloudformation',
    '--trusted-principal',
    TRUSTED_PRINCIPAL,
  ];
}

// cfn-lint may be installed under pyenv's shims, outside the PATH jest runs with.
const CFN_LINT_ENV = { ...process.env, PATH: `/root/.pyenv/shims:${process.env.PATH}` };

/**
 * A test that cfn-lint reports nothing on `templates()` (file name -> content, linted together so nested
 * templates are checked too); skipped where cfn-lint is not installed.
 */
export function itPassesCfnLint(title: string, templates: () => Record<string, string>): void {
  const installed = spawnSync('cfn-lint', ['--version'], { env: CFN_LINT_ENV }).status === 0;
  (installed ? it : it.skip)(
    title,
    () =>
      inTempDir('cloudward-cfn-lint-', (dir) => {
        const paths = Object.entries(templates()).map(([name, content]) => {
          writeFileSync(join(dir, name), content);
          return join(dir, name);
        });
        const result = spawnSync('cfn-lint', paths, { env: CFN_LINT_ENV, encoding: 'utf8' });
        expect(`${result.stdout}${result.stderr}`).toBe('');
        expect(result.status).toBe(0);
      }),
    60_000,
  );
}
