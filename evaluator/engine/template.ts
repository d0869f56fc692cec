// `{{path}}` templates: control messages (passMessage / failMessage) and remediation (console, cli, terraform),
// filled from one asset. Paths are checked when the control loads; a path with no value renders as a named
// placeholder (`<VolumeId>`), so a reader sees what to fill in instead of a silent gap.
import type { Remediation } from '../types';
import { ConditionError } from './operators';
import { parsePath, PathSyntaxError, readSegments, type ParsedPath } from './paths';

/** What a template may read: the asset's own fields, its configuration, tags and analyser facts. */
const TEMPLATE_ROOTS = [
  'id',
  'name',
  'region',
  'type',
  'accountId',
  'awsAccountId',
  'config',
  'tags',
  'facts',
];

/** The fields a template reads from (an EvalAsset, or a stored asset with its facts). */
export interface TemplateSource {
  id?: string;
  name?: string;
  region?: string;
  type?: string;
  config?: Record<string, unknown>;
  tags?: Record<string, string>;
  facts?: Record<string, unknown>;
}

export interface CompiledTemplate {
  /** The text filled from `asset`; without an asset every path renders as its placeholder. */
  render(asset?: TemplateSource): string;
  /** The paths the template reads, as written. */
  readonly paths: string[];
  /** The paths that have no value on `asset` (they render as placeholders): for tests and checks. */
  missing(asset?: TemplateSource): string[];
}

const templatePattern = /\{\{\s*([^}]*?)\s*\}\}/g;

/** `config.Attachments[0].VolumeId` -> `<VolumeId>`; `tags.Owner` -> `<Owner>`; `id` -> `<id>`. */
export function placeholderFor(path: ParsedPath): string {
  const named = [...path.segments].reverse().find((segment) => !/^\d+$/.test(segment));
  return `<${named ?? 'value'}>`;
}

function renderValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => ['string', 'number'].includes(typeof item))
  )
    return value.join(', ');
  if (Array.isArray(value) && value.length === 0) return undefined;
  return JSON.stringify(value);
}

/** Compiles a template; throws ConditionError naming `where` for a path that cannot be read from an asset. */
export function compileTemplate(text: string, where: string): CompiledTemplate {
  const parts: (string | ParsedPath)[] = [];
  const paths: string[] = [];
  let last = 0;
  for (const match of text.matchAll(templatePattern)) {
    parts.push(text.slice(last, match.index));
    let path: ParsedPath;
    try {
      path = parsePath(match[1]);
    } catch (error) {
      if (error instanceof PathSyntaxError) throw new ConditionError(`${where}: ${error.message}`);
      throw error;
    }
    if (path.fromRoot)
      throw new ConditionError(`${where}: "{{${match[1]}}}": template paths start at the asset, without $.`);
    if (!TEMPLATE_ROOTS.includes(path.segments[0]))
      throw new ConditionError(
        `${where}: "{{${match[1]}}}" reads "${path.segments[0]}", which an asset does not have (use ${TEMPLATE_ROOTS.join(', ')})`,
      );
    parts.push(path);
    paths.push(match[1]);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  const rest = parts.filter((part): part is string => typeof part === 'string').join('');
  // A lone "}}" is ordinary text (JSON in a CLI argument); a "{{" that opens no path is a typo.
  if (rest.includes('{{'))
    throw new ConditionError(`${where}: "{{" opens no path (a path is written {{config.Key}})`);
  const read = (asset: TemplateSource | undefined, path: ParsedPath) =>
    asset && renderValue(readSegments(asset, path.segments));
  return {
    paths,
    missing(asset) {
      return parts
        .filter((part): part is ParsedPath => typeof part !== 'string' && read(asset, part) === undefined)
        .map((part) => part.label);
    },
    render(asset) {
      // join, not +=: it yields one flat string where += leaves a rope of a 32-byte node per piece, which every
      // failing finding's remediation (cli, terraform) held for the life of the report.
      return parts
        .map((part) => (typeof part === 'string' ? part : (read(asset, part) ?? placeholderFor(part))))
        .join('');
    },
  };
}

export interface CompiledRemediation {
  console?: CompiledTemplate[];
  cli?: CompiledTemplate;
  terraform?: CompiledTemplate;
}

export function compileRemediation(remediation: Remediation, where = 'remediation'): CompiledRemediation {
  return {
    console: remediation.console?.map((step, index) => compileTemplate(step, `${where}.console[${index}]`)),
    cli: remediation.cli === undefined ? undefined : compileTemplate(remediation.cli, `${where}.cli`),
    terraform:
      remediation.terraform === undefined
        ? undefined
        : compileTemplate(remediation.terraform, `${where}.terraform`),
  };
}

/** The remediation filled with one asset's values, or with placeholders when no asset is given (a control's page). */
export function renderRemediation(compiled: CompiledRemediation, asset?: TemplateSource): Remediation {
  const out: Remediation = {};
  if (compiled.console) out.console = compiled.console.map((step) => step.render(asset));
  if (compiled.cli) out.cli = compiled.cli.render(asset);
  if (compiled.terraform) out.terraform = compiled.terraform.render(asset);
  return out;
}

/**
 * A control's remediation for one finding (filled with its asset's values) or for the control itself (no asset:
 * placeholders). Uses the templates compiled at load; compiles them here for a control built without the loader.
 */
export function remediationFor(
  control: { remediation: Remediation; compiled?: { remediation?: CompiledRemediation } },
  asset?: TemplateSource,
): Remediation {
  return renderRemediation(control.compiled?.remediation ?? compileRemediation(control.remediation), asset);
}
