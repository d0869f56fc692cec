// What an onboarding bundle is generated from, validated once here so the CLI, the API and the cdktf app reject
// the same bad input with the same messages, before anything is synthesised or written.
import { z } from 'zod';
import { EXTERNAL_ID_PATTERN } from './external-id';
import { findRegion, isKnownRegion } from './regions';

export const DEFAULT_ROLE_NAME = 'CloudwardReadOnly';
export const ONBOARDING_FORMATS = ['terraform', 'cloudformation', 'json'] as const;
export type OnboardingFormat = (typeof ONBOARDING_FORMATS)[number];

/** Structurally the collector's OperationDeclaration; declared here so onboarding never imports collector code. */
export interface CollectorOperation {
  api: string;
  actions: string[];
}

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
export const roleNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, 'must be 1-64 characters of letters, digits and +=,.@_-');
export const externalIdSchema = z
  .string()
  .regex(EXTERNAL_ID_PATTERN, 'must be 2-1224 characters of letters, digits and +=,.@:/_-');
// The identity Cloudward runs as: an account root, role or user ARN (the partition must match the customer's).
export const trustedPrincipalSchema = z
  .string()
  .regex(
    /^arn:aws(-cn|-us-gov|-eusc)?:iam::\d{12}:(root|(role|user)\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128})$/,
    'must be an IAM ARN like arn:aws:iam::123456789012:role/cloudward (root, role or user)',
  );
export const EVENT_TARGETS = ['sqs', 'https'] as const;
export type EventTarget = (typeof EVENT_TARGETS)[number];
// Where EventBridge pushes events: Cloudward's own address as the internet reaches it (API destinations call
// public HTTPS endpoints only); the event route's path is added to it.
export const eventsEndpointSchema = z
  .string()
  .max(1800)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && !url.search && !url.hash && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'must be an https:// address like https://cloudward.example.com (no query or credentials)' },
  );
export const regionSchema = z.string().refine(isKnownRegion, { message: 'is not an AWS region' });
// EKS cluster names: 1-100 of letters, digits, - and _; optionally "region:name" for clusters outside the first region.
export const eksClusterSchema = z
  .string()
  .regex(/^([a-z]{2}(-[a-z]+)+-\d:)?[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'must be a cluster name or region:name')
  .refine((value) => !value.includes(':') || isKnownRegion(value.split(':')[0]), {
    message: 'names an unknown region',
  });

export const onboardingInputSchema = z
  .object({
    accountId: accountIdSchema,
    regions: z
      .array(regionSchema)
      .min(1, 'choose at least one region')
      .transform((regions) => [...new Set(regions)]),
    externalId: externalIdSchema,
    trustedPrincipal: trustedPrincipalSchema,
    roleName: roleNameSchema.default(DEFAULT_ROLE_NAME),
    restrictRegions: z.boolean().default(false),
    eksClusters: z.array(eksClusterSchema).default([]),
    eksAll: z.boolean().default(false),
    // Event mode: an EventBridge rule per region forwarding to an SQS queue Cloudward reads (sqs), or to
    // Cloudward's HTTPS endpoint through an API destination (https, needs eventsEndpoint). onboarding/events.ts.
    events: z.boolean().default(false),
    eventsTarget: z.enum(EVENT_TARGETS).default('sqs'),
    eventsEndpoint: eventsEndpointSchema.optional(),
  })
  .refine((input) => !(input.events && input.eventsTarget === 'https' && !input.eventsEndpoint), {
    message: "HTTPS push needs Cloudward's public https:// address",
    path: ['eventsEndpoint'],
  })
  .refine((input) => !(input.eksAll && input.eksClusters.length > 0), {
    message: 'use either eksClusters or eksAll, not both',
    path: ['eksAll'],
  })
  .superRefine((input, context) => {
    // The role and the regions live in the trusted principal's partition (no cross-partition AssumeRole).
    const partition = partitionOf(input.trustedPrincipal);
    input.regions.forEach((region, index) => {
      if (findRegion(region)?.partition !== partition) {
        context.addIssue({
          code: 'custom',
          path: ['regions', index],
          message: `is not in the ${partition} partition`,
        });
      }
    });
  });

export type OnboardingInput = z.input<typeof onboardingInputSchema>;
export type OnboardingOptions = z.output<typeof onboardingInputSchema>;

export interface OnboardingInputIssue {
  /** Dotted path in the input, e.g. `regions.1`. */
  path: string;
  message: string;
  /** The offending value when it is a string (echoed so the user sees what was wrong). */
  value?: string;
}

/** Bad onboarding input; `issues` keeps each field's problem for problem+json `errors`. */
export class OnboardingInputError extends Error {
  constructor(
    message: string,
    readonly issues: OnboardingInputIssue[],
  ) {
    super(message);
    this.name = 'OnboardingInputError';
  }
}

export function describeIssue(issue: OnboardingInputIssue, name = issue.path || 'input'): string {
  return issue.value === undefined
    ? `${name}: ${issue.message}`
    : `${name}: ${JSON.stringify(issue.value)} ${issue.message}`;
}

export function parseOnboardingInput(input: unknown): OnboardingOptions {
  const result = onboardingInputSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): OnboardingInputIssue => {
    const value = issue.path.reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
      input,
    );
    return {
      path: issue.path.join('.'),
      message: issue.message,
      ...(typeof value === 'string' ? { value } : {}),
    };
  });
  throw new OnboardingInputError(describeIssue(issues[0]), issues);
}

/** Partition of the trusted principal; the customer role lives in the same partition. */
export function partitionOf(principalArn: string): string {
  return principalArn.split(':')[1];
}

/** `region:name` or `name` (first chosen region). */
export function eksClusterTargets(options: OnboardingOptions): { region: string; name: string }[] {
  return options.eksClusters.map((entry) => {
    const [region, name] = entry.includes(':') ? entry.split(':') : [options.regions[0], entry];
    return { region, name };
  });
}
