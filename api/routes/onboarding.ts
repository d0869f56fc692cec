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
import type { OwnIdentity } from '../own-identity';

export interface OnboardingRouterDeps {
  store: Pick<Store, 'getAccount'>;
  /** Decrypts an account's externalIdCiphertext (the app's SecretBox.decrypt). */
  decryptExternalId: (ciphertext: string) => string;
  /** The identity Cloudward runs as (CLOUDWARD_TRUSTED_PRINCIPAL); a request may override it with ?trustedPrincipal. */
  trustedPrincipal?: string;
  /** The collector's operations: pass `allOperations` from collector/registry (called per request). */
  operations: () => CollectorOperation[];
  /** Cloudward's own identity (api/own-identity.ts): the trusted principal when none is configured. */
  ownIdentity?: () => Promise<OwnIdentity>;
  /** CLOUDWARD_TEMPLATE_URL: where the CloudFormation template is hosted, for the console's quick-create link. */
  templateUrl?: string;
}

/** The configured principal, else the one detected from Cloudward's own credentials, else undefined. */
export async function effectiveTrustedPrincipal(deps: {
  trustedPrincipal?: string;
  ownIdentity?: () => Promise<OwnIdentity>;
}): Promise<string | undefined> {
  if (deps.trustedPrincipal) return deps.trustedPrincipal;
  const identity = await deps.ownIdentity?.();
  return identity?.state === 'detected' ? (identity.trustedPrincipal ?? undefined) : undefined;
}

export const NO_TRUSTED_PRINCIPAL =
  'No trusted principal: CLOUDWARD_TRUSTED_PRINCIPAL is not set and Cloudward could not detect its own AWS identity. Set it, or pass ?trustedPrincipal=<IAM ARN of the identity Cloudward runs as>.';

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
  events: queryBoolean.optional(),
  eventsTarget: z.enum(['sqs', 'https']).optional(),
  eventsEndpoint: z.string().max(1800).optional(),
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
  events?: boolean;
  eventsTarget?: 'sqs' | 'https';
  eventsEndpoint?: string;
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
  addIdentityRoute(router, deps, '/onboarding/identity');
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
  addIdentityRoute(onboarding, deps, '/identity');
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
        ...(await commonInput(deps, query)),
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
        ...(await commonInput(deps, query)),
        accountId: query.accountId,
        regions: query.regions,
        externalId: query.externalId ?? generateExternalId(),
      });
      return documentsResponse(plan);
    },
  );
}

async function commonInput(deps: OnboardingRouterDeps, query: CommonQuery) {
  const trustedPrincipal = query.trustedPrincipal || (await effectiveTrustedPrincipal(deps));
  if (!trustedPrincipal) throw new HttpProblem(503, 'Service Unavailable', NO_TRUSTED_PRINCIPAL);
  return {
    trustedPrincipal,
    roleName: query.roleName,
    restrictRegions: query.restrictRegions ?? false,
    eksClusters: query.eksClusters ?? [],
    eksAll: query.eksAll ?? false,
    events: query.events ?? false,
    ...(query.eventsTarget ? { eventsTarget: query.eventsTarget } : {}),
    ...(query.eventsEndpoint ? { eventsEndpoint: query.eventsEndpoint } : {}),
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

const identitySchema = z.object({
  trustedPrincipal: z
    .string()
    .nullable()
    .describe(
      'The principal role trust policies name: configured, else detected; null means the wizard must ask',
    ),
  source: z.enum(['environment', 'detected', 'none']),
  identity: z
    .object({
      state: z.enum(['not-checked', 'detected', 'no-credentials', 'error']),
      arn: z.string().optional(),
      accountId: z.string().optional(),
      errorCode: z.string().optional(),
      message: z.string().optional(),
      note: z.string().optional(),
    })
    .describe(
      "Cloudward's own AWS identity (STS GetCallerIdentity); not checked when a principal is configured",
    ),
  templateUrl: z
    .string()
    .nullable()
    .describe('CLOUDWARD_TEMPLATE_URL, for the CloudFormation quick-create link'),
});

function addIdentityRoute(router: Router, deps: OnboardingRouterDeps, path: string): void {
  defineRoute(
    router,
    {
      method: 'get',
      path,
      summary: "The principal customer roles trust, and Cloudward's own AWS identity when none is configured",
      tags: ['onboarding'],
      role: 'admin',
      response: identitySchema,
    },
    async () => {
      const templateUrl = deps.templateUrl || null;
      if (deps.trustedPrincipal)
        return {
          trustedPrincipal: deps.trustedPrincipal,
          source: 'environment' as const,
          identity: { state: 'not-checked' as const },
          templateUrl,
        };
      const identity: OwnIdentity = deps.ownIdentity
        ? await deps.ownIdentity()
        : { state: 'error', errorCode: 'NotWired', message: 'identity detection is not wired in' };
      const detected = identity.state === 'detected' ? identity.trustedPrincipal : null;
      return {
        trustedPrincipal: detected,
        source: detected ? ('detected' as const) : ('none' as const),
        identity,
        templateUrl,
      };
    },
  );
}

/** `arn:aws:iam::123456789012:role/path/Name` -> `Name`. */
function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? roleArn;
}
