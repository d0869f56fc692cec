// The JSON report's schema, written once in zod: docs/schemas/scan-result.schema.json is generated from it
// (`scanResultJsonSchema()`), and a test checks the file is current and that real scan output validates.
import { z } from 'zod';
import { SEVERITIES } from '../../store/model';

const severity = z.enum(SEVERITIES as [string, ...string[]]);
const status = z.enum(['pass', 'fail', 'not_applicable', 'error']);
const count = z.number().int().min(0);

/** Evidence and trace as every surface describes them (scan report, API alerts). */
export const evidenceSchema = z
  .array(z.string())
  .describe('Plain sentences behind the verdict, naming the resources involved (the reason first)');
export const traceSchema = z
  .array(z.string())
  .describe("The engine's condition trace (paths, operators): how the verdict was decided");

const requirementRef = z
  .object({
    framework: z.string().min(1).describe('Framework id, e.g. cis-aws-7.0.0'),
    requirement: z.string().min(1).describe('Requirement id inside the framework, e.g. 2.10'),
  })
  .strict();

const finding = z
  .object({
    controlId: z.string().min(1),
    title: z.string(),
    status: status.describe('The control verdict; suppression does not change it (see `suppressed`)'),
    severity,
    accountId: z.string().regex(/^\d{12}$/),
    region: z.string().min(1).describe('AWS region, or `global`'),
    resourceId: z.string().describe('Short id for people (instance id, bucket name, ...)'),
    resourceArn: z.string().min(1).describe('ARN, or the synthetic id of collector/CATALOG.md'),
    resourceType: z.string().min(1),
    reason: z.string().describe('One plain sentence: why this resource passes or fails'),
    evidence: evidenceSchema,
    trace: traceSchema,
    requirements: z.array(requirementRef),
    remediation: z
      .object({
        console: z.array(z.string()).optional(),
        cli: z.string().optional(),
        terraform: z.string().optional(),
      })
      .strict()
      .optional()
      .describe(
        "On failing and error findings: the control's remediation filled with this resource's values (`<Placeholder>` where it has none)",
      ),
    references: z.array(z.string()).describe("The control's reference links"),
    suppressed: z
      .object({ justification: z.string().min(1), expires: z.string().optional() })
      .strict()
      .optional()
      .describe('Present when a --suppressions entry matched this failing finding'),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('sha256 of control id + resource id + account + region: stable across runs (--baseline)'),
    baseline: z
      .enum(['new', 'known'])
      .optional()
      .describe('With --baseline, on failing findings: whether the baseline already had this failure'),
  })
  .strict();

const portRange = z.object({ protocol: z.string(), from: z.number().int(), to: z.number().int() }).strict();

const asset = z
  .object({
    id: z.string().min(1),
    type: z.string().min(1),
    region: z.string().min(1).describe('AWS region, or `global`'),
    name: z.string(),
    exposure: z
      .object({
        verdict: z.enum(['exposed', 'not_exposed', 'unknown']),
        ports: z.array(portRange).optional(),
        evidence: z.array(z.string()),
      })
      .strict()
      .optional()
      .describe('Internet exposure verdict, for the asset types the exposure analyser covers'),
  })
  .strict();

const frameworkScore = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    passed: count,
    evaluated: count,
    score: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .describe('passed / evaluated; null when nothing was evaluated'),
  })
  .strict();

const scanError = z
  .object({ service: z.string(), region: z.string(), code: z.string(), message: z.string() })
  .strict();

export const scanResultSchema = z
  .object({
    schemaVersion: z.literal('1.0'),
    generator: z.object({ name: z.literal('cloudward'), version: z.string() }).strict(),
    summary: z
      .object({
        accountId: z.string().regex(/^\d{12}$/),
        regions: z.array(z.string()),
        startedAt: z.iso.datetime(),
        finishedAt: z.iso.datetime(),
        counts: z
          .object({ pass: count, fail: count, not_applicable: count, error: count, suppressed: count })
          .strict()
          .describe(
            '`fail` counts unsuppressed failures only; suppressed failures are counted in `suppressed`',
          ),
        failedBySeverity: z
          .object({ critical: count, high: count, medium: count, low: count, info: count })
          .strict()
          .describe('Unsuppressed failures by severity'),
        frameworks: z.array(frameworkScore),
        scope: z
          .object({
            resourceTags: z.record(z.string(), z.string()).optional(),
            resourceArns: z.array(z.string()).optional(),
          })
          .strict()
          .optional()
          .describe('--resource-tags / --resource-arn: findings and assets were narrowed to these resources'),
        baseline: z
          .object({ new: count, known: count })
          .strict()
          .optional()
          .describe('--baseline: unsuppressed failures new since the baseline, and those it already had'),
      })
      .strict(),
    findings: z.array(finding),
    assets: z.array(asset),
    errors: z.array(scanError).describe('Services or regions that could not be read (partial results)'),
  })
  .strict();

export const SCAN_RESULT_SCHEMA_ID = 'https://cloudward.dev/schemas/scan-result.schema.json';

/** The JSON Schema (draft 2020-12) published as docs/schemas/scan-result.schema.json. */
export function scanResultJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scanResultSchema) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCAN_RESULT_SCHEMA_ID,
    title: 'Cloudward scan result',
    description: 'Output of `cloudward scan --format json` (schemaVersion 1.0).',
    ...rest,
  };
}
