// Onboarding over HTTP: an existing account's role bundle (external ID decrypted, regions filled in) and a
// preview of the policies for an account not created yet (the web wizard). Admin only: bundles carry the
// external ID, which auditors only ever see masked.
import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/store';
import { defineRoute, HttpProblem, idParams, notFound, queryBoolean, validationProblem } from '../http';
import { generateExternalId } from '../../onboarding/external-id';
import {
  OnboardingInputError,
  type CollectorOperation,
  type OnboardingFormat,
} from '../../onboarding/options';
import { prepareOnboarding, type OnboardingPlan } from '../../onboarding/plan';
import { manualCommands, onboardingDocuments, renderPlan } from '../../onboarding/render';
import { zipBundle } from '../../onboarding/render/zip';

export interface OnboardingRouterDeps {
  store: Pick<Store, 'getAccount'>;
  /** Decrypts an account's externalIdCiphertext (the app's SecretBox.decrypt). */
  decryptExternalId: (ciphertext: string) => string;
  /** The identity Cloudward runs as (CLOUDWARD_TRUSTED_PRINCIPAL); a request may override it with ?trustedPrincipal. */
  trustedPrincipal?: string;
  /** The collector's operations: pass `allOperations` from collector/registry (called per request). */
  operations: () => CollectorOperation[];
}

/** `?x=a,b` or `?x=a&x=b` -> ['a', 'b']. */
const stringList = z.preprocess(
  (value) =>
    (value === undefined ? [] : Array.isArray(value) ? value : [value])
      .flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]))
      .map((part) => (typeof part === 'string' ? part.trim() : part))
      .filter((part) => part !== ''),
  z.array(z.string().max(200)).max(100),
);

const commonQuery = {
  trustedPrincipal: z.string().max(2048).optional(),
  roleName: z.string().max(64).optional(),
  restrictRegions: queryBoolean.optional(),
  eksClusters: stringList.optional(),
  eksAll: queryBoolean.optional(),
};

const bundleQuery = z.object({
  format: z.enum(['terraform', 'cloudformation', 'json']).default('json'),
  ...commonQuery,
});

const previewQuery = z.object({
  accountId: z.string().max(64),
  regions: stringList,
  externalId: z.string().max(1224).optional(),
  ...commonQuery,
});

type CommonQuery = {
  trustedPrincipal?: string;
  roleName?: string;
  restrictRegions?: boolean;
  eksClusters?: string[];
  eksAll?: boolean;
};

const documentsSchema = z.object({
  roleName: z.string(),
  roleArn: z.string(),
  externalId: z.string(),
  regions: z.array(z.string()),
  trustPolicy: z.record(z.string(), z.unknown()),
  permissionsPolicy: z.record(z.string(), z.unknown()).nullable(),
  regionRestrictionPolicy: z.record(z.string(), z.unknown()).nullable(),
  managedPolicies: z.array(z.string()),
  steps: z.array(z.string()),
});

/** Routes at their full paths (`/accounts/:id/onboarding`, `/onboarding/preview`), for mounting at the API root. */
export function onboardingRouter(deps: OnboardingRouterDeps): Router {
  const router = Router();
  addAccountBundleRoute(router, deps, '/accounts/:id/onboarding');
  addPreviewRoute(router, deps, '/onboarding/preview');
  return router;
}

/**
 * The same routes as createApp's `extraRouters` entries (it mounts under plain prefixes, never the root):
 * `deps.extraRouters: [...onboardingExtraRouters({ store, decryptExternalId: secrets.decrypt, trustedPrincipal,
 * operations: allOperations })]`.
 */
export function onboardingExtraRouters(
  deps: OnboardingRouterDeps,
): { path: string; router: Router; minimumRole: 'auditor' | 'admin' }[] {
  const accounts = Router();
  addAccountBundleRoute(accounts, deps, '/:id/onboarding');
  const onboarding = Router();
  addPreviewRoute(onboarding, deps, '/preview');
  // Auditor at the mount so unrelated /accounts routes keep their own rules; each route demands admin itself.
  return [
    { path: '/accounts', router: accounts, minimumRole: 'auditor' },
    { path: '/onboarding', router: onboarding, minimumRole: 'auditor' },
  ];
}

function addAccountBundleRoute(router: Router, deps: OnboardingRouterDeps, path: string): void {
  defineRoute(
    router,
    {
      method: 'get',
      path,
      summary: "An account's onboarding bundle (zip for terraform/cloudformation, JSON documents for json)",
      tags: ['onboarding'],
      role: 'admin',
      params: idParams,
      query: bundleQuery,
      response: documentsSchema,
      otherMediaTypes: { 'application/zip': 'binary' },
      problems: [404, 503],
    },
    async ({ params, query, res }) => {
      const account = await deps.store.getAccount(params.id);
      if (!account) throw notFound('Account', params.id);
      const plan = await planFor(deps, {
        ...commonInput(deps, query),
        accountId: account.awsAccountId,
        regions: account.regions,
        externalId: deps.decryptExternalId(account.externalIdCiphertext),
        roleName: query.roleName ?? roleNameOf(account.roleArn),
      });
      if (query.format === 'json') return documentsResponse(plan);
      await sendZip(
        res,
        plan,
        query.format,
        `cloudward-onboarding-${account.awsAccountId}-${query.format}.zip`,
      );
      return undefined;
    },
  );
}

function addPreviewRoute(router: Router, deps: OnboardingRouterDeps, path: string): void {
  defineRoute(
    router,
    {
      method: 'get',
      path,
      summary: 'The role policies for an account not created yet (external ID generated when absent)',
      tags: ['onboarding'],
      role: 'admin',
      query: previewQuery,
      response: documentsSchema,
      problems: [503],
    },
    async ({ query }) => {
      const plan = await planFor(deps, {
        ...commonInput(deps, query),
        accountId: query.accountId,
        regions: query.regions,
        externalId: query.externalId ?? generateExternalId(),
      });
      return documentsResponse(plan);
    },
  );
}

function commonInput(deps: OnboardingRouterDeps, query: CommonQuery) {
  const trustedPrincipal = query.trustedPrincipal ?? deps.trustedPrincipal;
  if (!trustedPrincipal) {
    throw new HttpProblem(
      503,
      'Service Unavailable',
      'No trusted principal is configured: set CLOUDWARD_TRUSTED_PRINCIPAL or pass ?trustedPrincipal=<IAM ARN>.',
    );
  }
  return {
    trustedPrincipal,
    roleName: query.roleName,
    restrictRegions: query.restrictRegions ?? false,
    eksClusters: query.eksClusters ?? [],
    eksAll: query.eksAll ?? false,
  };
}

async function planFor(deps: OnboardingRouterDeps, input: Record<string, unknown>): Promise<OnboardingPlan> {
  try {
    return await prepareOnboarding(input, deps.operations());
  } catch (error) {
    if (error instanceof OnboardingInputError) {
      throw validationProblem(
        error.issues.map((issue) => ({ path: `query.${issue.path}`, message: issue.message })),
        error.message,
      );
    }
    throw error;
  }
}

function documentsResponse(plan: OnboardingPlan) {
  const documents = onboardingDocuments(plan);
  return {
    roleName: documents.roleName,
    roleArn: documents.roleArn,
    externalId: documents.externalId,
    regions: documents.regions,
    trustPolicy: documents.trustPolicy,
    permissionsPolicy: documents.permissionsPolicy,
    regionRestrictionPolicy: documents.regionRestrictionPolicy,
    managedPolicies: documents.managedPolicies,
    steps: manualCommands(documents),
  };
}

async function sendZip(
  res: import('express').Response,
  plan: OnboardingPlan,
  format: OnboardingFormat,
  filename: string,
): Promise<void> {
  const archive = await zipBundle(renderPlan(plan, [format]));
  res.status(200).type('application/zip').attachment(filename).send(archive);
}

/** `arn:aws:iam::123456789012:role/path/Name` -> `Name`. */
function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? roleArn;
}
