// zod schemas for control and framework files (controls/LANGUAGE.md). Condition syntax is checked by the compiler.
import { z } from 'zod';
import { SEVERITIES } from '../../store/model';
import { knownResourceTypes } from '../catalog';

const conditionSource = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())], {
  error: 'must be a condition (a map or a list)',
});

export const controlFileSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(_[a-z0-9]+)+$/,
      'must look like <service>_<resource>_<expected_state> (lowercase, underscores)',
    ),
  title: z.string().trim().min(10, 'must be 10-120 characters').max(120, 'must be 10-120 characters'),
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  resourceTypes: z
    .array(
      z.string().refine((type) => knownResourceTypes.includes(type), {
        error: (issue) => `unknown resource type "${String(issue.input)}" (see collector/CATALOG.md)`,
      }),
    )
    .min(1, 'needs at least one resource type'),
  scope: z.enum(['regional', 'global']),
  applies: conditionSource.optional(),
  condition: conditionSource,
  rationale: z.string().trim().min(1, 'must not be empty'),
  remediation: z
    .strictObject({
      console: z.array(z.string().min(1)).optional(),
      cli: z.string().min(1).optional(),
      terraform: z.string().min(1).optional(),
    })
    .refine((value) => value.console || value.cli || value.terraform, {
      error: 'needs console, cli or terraform',
    }),
  references: z.array(z.url()).default([]),
  standalone: z.boolean().default(false),
  passMessage: z.string().min(1).optional(),
  failMessage: z.string().min(1).optional(),
});

export type ControlFile = z.infer<typeof controlFileSchema>;

const requirementId = z.union([z.string().min(1), z.number()]).transform(String);

export const frameworkFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be lowercase letters, digits, dots and dashes'),
  name: z.string().min(1),
  version: z.union([z.string().min(1), z.number()]).transform(String),
  source: z.string().min(1),
  description: z.string().optional(),
  sections: z.array(z.strictObject({ id: requirementId, title: z.string().min(1) })).default([]),
  requirements: z
    .array(
      z.strictObject({
        id: requirementId,
        title: z.string().min(1),
        section: requirementId.optional(),
        assessment: z.enum(['automated', 'manual']),
        controls: z.array(z.string()).default([]),
        description: z.string().optional(),
      }),
    )
    .min(1, 'needs at least one requirement'),
});

export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

/** `field.path: message` lines from a zod error. */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}
