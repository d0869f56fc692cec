// Validation rules for connected AWS accounts (seed 001, issue 2): 12-digit account id, a role ARN in that account,
// regions from api/regions.ts, external IDs within AWS's allowed characters and length.
import { z } from 'zod';
import {
  GENERATED_EXTERNAL_ID_LENGTH,
  generateExternalId as generateOnboardingExternalId,
} from '../onboarding/external-id';
import { AWS_REGIONS, REGION_CODES, findRegion } from './regions';

export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]+$/;
export { GENERATED_EXTERNAL_ID_LENGTH };

/** 32 letters/digits, each chosen uniformly with a CSPRNG (~190 bits): the same generator `cloudward onboard` uses. */
export function generateExternalId(): string {
  return generateOnboardingExternalId(GENERATED_EXTERNAL_ID_LENGTH);
}

const ROLE_ARN_PATTERN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-eusc):iam::(\d{12}):role\/((?:[\x21-\x2e\x30-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;

export interface ParsedRoleArn {
  partition: string;
  accountId: string;
  path: string;
  roleName: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | null {
  const match = ROLE_ARN_PATTERN.exec(arn);
  if (!match) return null;
  const path = '/' + match[3];
  if (path.length > 512) return null;
  return { partition: match[1], accountId: match[2], path, roleName: match[4] };
}

/** An organization's root (r-xxxx) or OU (ou-xxxx-xxxxxxxx) id, as AWS Organizations forms them. */
export const OU_ID_PATTERN = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
/** An IAM role name (no path). */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

export const accountNameSchema = z.string().trim().min(1, 'name must not be empty').max(100);
export const awsAccountIdSchema = z.string().regex(/^\d{12}$/, 'awsAccountId must be exactly 12 digits');
export const roleArnSchema = z
  .string()
  .max(2048)
  .refine(
    (value) => parseRoleArn(value) !== null,
    'roleArn must be an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path/>name',
  );
export const externalIdSchema = z
  .string()
  .min(2, 'externalId must be at least 2 characters')
  .max(1224, 'externalId must be at most 1224 characters')
  .regex(EXTERNAL_ID_PATTERN, 'externalId may only contain letters, digits and +=,.@:/-_');
export const regionsSchema = z
  .array(
    z.enum(REGION_CODES as [string, ...string[]], {
      error: (issue) => `unknown AWS region "${String(issue.input)}"`,
    }),
  )
  .min(1, 'choose at least one region')
  .max(AWS_REGIONS.length)
  .refine((regions) => new Set(regions).size === regions.length, 'regions must not repeat');

/** Field errors for the rules that tie fields together (role in the same account and partition as the regions). */
export function crossFieldErrors(input: {
  awsAccountId: string;
  roleArn?: string;
  regions?: string[];
}): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const arn = input.roleArn ? parseRoleArn(input.roleArn) : null;
  if (arn && arn.accountId !== input.awsAccountId) {
    errors.push({
      path: 'body.roleArn',
      message: `roleArn must be a role in account ${input.awsAccountId}, not ${arn.accountId}`,
    });
  }
  if (arn && input.regions) {
    input.regions.forEach((code, index) => {
      const region = findRegion(code);
      if (region && region.partition !== arn.partition) {
        errors.push({
          path: `body.regions.${index}`,
          message: `region ${code} is in partition ${region.partition}, the role is in ${arn.partition}`,
        });
      }
    });
  }
  return errors;
}

/** What auditors see instead of the external ID: enough to tell two apart, not enough to use one. */
export function maskExternalId(externalId: string): string {
  return externalId.length <= 8 ? '********' : `********${externalId.slice(-4)}`;
}
