// Reads control and framework YAML files, validates them (schema, condition syntax, mappings) and compiles
// them. Every problem is reported as `<file>: <reason>`; any problem makes loadControls throw.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isGlobalResourceType } from '../catalog';
import { compileCondition, compileTemplate, ConditionError, type CompiledControl } from '../engine/compile';
import { compileRemediation } from '../engine/template';
import type { ControlSet, Framework, LoadedControl } from '../types';
import { controlFileSchema, frameworkFileSchema, zodProblems } from './schema';
import { defaultYamlCachePath, readYamlCache, textHash, writeYamlCache, type YamlCache } from './yaml-cache';

export interface LoadControlsOptions {
  /** Custom control folders loaded beside the built-ins. Default: CLOUDWARD_CONTROLS_DIR (path-delimiter separated). */
  extraDirs?: string[];
  /** Folder of the built-in controls. Default: the repository's controls/. */
  builtinDir?: string;
  /** Parsed YAML by content hash (see yaml-cache.ts). Default: the build's cache when there is one; false: none. */
  yamlCache?: YamlCache | false;
}

export class ControlLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ControlLoadError';
  }
}

/** The repository's controls/ folder, from source (evaluator/controls) or from the build (dist/evaluator/controls). */
export function builtinControlsDir(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'controls'),
    path.resolve(__dirname, '..', '..', '..', 'controls'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'LANGUAGE.md'))) ?? candidates[0];
}

export function defaultExtraDirsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CLOUDWARD_CONTROLS_DIR ?? '').split(path.delimiter).filter(Boolean);
}

function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Top-level folders of a controls folder that hold no controls: mappings, and the calendars the analysers read. */
const NOT_CONTROLS = new Set(['frameworks', 'calendars']);

function listYaml(dir: string, skipFrameworks: boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (skipFrameworks && NOT_CONTROLS.has(entry.name)) continue;
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      files.push(...listYaml(full, false));
    } else if (/\.ya?ml$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

/** A YAML text's value, or its errors. The parser is loaded only when a file is not in the cache. */
function parseYaml(text: string): { value: unknown } | { errors: string[] } {
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0)
    return { errors: document.errors.map((error) => error.message.split('\n')[0]) };
  // The parser builds multi-line texts piece by piece (ropes of hundreds of nodes, held for the whole run): a JSON
  // round trip stores them flat, ~5 MB less. Control and framework files hold only JSON-compatible values.
  return { value: JSON.parse(JSON.stringify(document.toJS())) as unknown };
}

function readYaml(file: string, problems: string[], cache: YamlCache | undefined): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push(`${display(file)}: cannot read: ${(error as Error).message}`);
    return undefined;
  }
  const cached = cache?.get(textHash(text));
  if (cached !== undefined) return cached;
  const parsed = parseYaml(text);
  if ('errors' in parsed) {
    for (const error of parsed.errors) problems.push(`${display(file)}: YAML: ${error}`);
    return undefined;
  }
  return parsed.value;
}

/** Writes the parsed built-in YAML (controls, frameworks, calendars) to the cache; `npm run build` runs it. */
export function writeBuiltinYamlCache(
  builtinDir = builtinControlsDir(),
  out = defaultYamlCachePath(),
): number {
  return writeYamlCache(
    listYaml(builtinDir, false),
    (text) => {
      const parsed = parseYaml(text);
      return 'value' in parsed ? parsed.value : undefined;
    },
    out,
  );
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/, '');
}

export function loadControlFile(
  file: string,
  custom: boolean,
  problems: string[],
  cache?: YamlCache,
): LoadedControl | undefined {
  const raw = readYaml(file, problems, cache);
  if (raw === undefined) return undefined;
  return validateControl(raw, file, custom, problems, baseName(file));
}

/** A control from an in-memory definition (tests, API previews); throws ControlLoadError on any problem. */
export function defineControl(raw: unknown, file = 'inline'): LoadedControl {
  const problems: string[] = [];
  const control = validateControl(raw, file, true, problems);
  if (!control) throw new ControlLoadError(problems);
  return control;
}

function validateControl(
  raw: unknown,
  file: string,
  custom: boolean,
  problems: string[],
  expectedId?: string,
): LoadedControl | undefined {
  const shown = display(file);
  const parsed = controlFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const problem of zodProblems(parsed.error)) problems.push(`${shown}: ${problem}`);
    return undefined;
  }
  const definition = parsed.data;
  const before = problems.length;
  if (expectedId !== undefined && definition.id !== expectedId) {
    problems.push(`${shown}: id "${definition.id}" must equal the file name "${expectedId}"`);
  }
  for (const type of definition.resourceTypes) {
    const isGlobal = isGlobalResourceType(type);
    if (isGlobal !== (definition.scope === 'global')) {
      problems.push(
        `${shown}: scope is ${definition.scope} but ${type} is ${isGlobal ? 'global' : 'regional'}`,
      );
    }
  }
  let compiled: CompiledControl | undefined;
  try {
    compiled = {
      applies: definition.applies === undefined ? undefined : compileCondition(definition.applies, 'applies'),
      condition: compileCondition(definition.condition, 'condition'),
      passMessage:
        definition.passMessage === undefined
          ? undefined
          : compileTemplate(definition.passMessage, 'passMessage'),
      failMessage:
        definition.failMessage === undefined
          ? undefined
          : compileTemplate(definition.failMessage, 'failMessage'),
      remediation: compileRemediation(definition.remediation),
    };
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    problems.push(`${shown}: ${error.message}`);
  }
  if (problems.length > before || !compiled) return undefined;
  return {
    ...definition,
    severity: definition.severity as LoadedControl['severity'],
    file,
    custom,
    compiled,
  };
}

export function loadFrameworkFile(
  file: string,
  problems: string[],
  cache?: YamlCache,
): Framework | undefined {
  const raw = readYaml(file, problems, cache);
  if (raw === undefined) return undefined;
  const shown = display(file);
  const parsed = frameworkFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const problem of zodProblems(parsed.error)) problems.push(`${shown}: ${problem}`);
    return undefined;
  }
  const framework = parsed.data;
  const before = problems.length;
  if (framework.id !== baseName(file))
    problems.push(`${shown}: id "${framework.id}" must equal the file name "${baseName(file)}"`);
  const sectionIds = new Set<string>();
  for (const section of framework.sections) {
    if (sectionIds.has(section.id)) problems.push(`${shown}: section "${section.id}" is listed twice`);
    sectionIds.add(section.id);
  }
  const requirementIds = new Set<string>();
  for (const requirement of framework.requirements) {
    if (requirementIds.has(requirement.id))
      problems.push(`${shown}: requirement "${requirement.id}" is listed twice`);
    requirementIds.add(requirement.id);
    if (requirement.section !== undefined && !sectionIds.has(requirement.section)) {
      problems.push(`${shown}: requirement ${requirement.id}: unknown section "${requirement.section}"`);
    }
  }
  return problems.length > before ? undefined : { ...framework, file };
}

/** Adds an item unless its id is taken (a duplicate is a problem naming both files). */
function register<T extends { id: string; file: string }>(
  item: T,
  byId: Map<string, T>,
  list: T[],
  kind: string,
  problems: string[],
): void {
  const twin = byId.get(item.id);
  if (twin) {
    problems.push(`${display(item.file)}: duplicate ${kind} id "${item.id}" (also in ${display(twin.file)})`);
    return;
  }
  byId.set(item.id, item);
  list.push(item);
}

/** Loads everything and returns the problems instead of throwing (for `controls validate`). */
export function collectControls(options: LoadControlsOptions = {}): ControlSet & { problems: string[] } {
  const problems: string[] = [];
  const builtinDir = options.builtinDir ?? builtinControlsDir();
  const extraDirs = options.extraDirs ?? defaultExtraDirsFromEnv();
  const cache = options.yamlCache === false ? undefined : (options.yamlCache ?? readYamlCache());
  const sources: { dir: string; custom: boolean }[] = [
    { dir: builtinDir, custom: false },
    ...extraDirs.map((dir) => ({ dir, custom: true })),
  ];

  const controls: LoadedControl[] = [];
  const frameworks: Framework[] = [];
  const controlById = new Map<string, LoadedControl>();
  const frameworkById = new Map<string, Framework>();
  for (const { dir, custom } of sources) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      problems.push(`${display(dir)}: controls folder not found`);
      continue;
    }
    for (const file of listYaml(dir, true)) {
      const control = loadControlFile(file, custom, problems, cache);
      if (control) register(control, controlById, controls, 'control', problems);
    }
    const frameworksDir = path.join(dir, 'frameworks');
    if (existsSync(frameworksDir)) {
      for (const file of listYaml(frameworksDir, false)) {
        const framework = loadFrameworkFile(file, problems, cache);
        if (framework) register(framework, frameworkById, frameworks, 'framework', problems);
      }
    }
  }

  const used = new Set<string>();
  for (const framework of frameworks) {
    for (const requirement of framework.requirements) {
      for (const controlId of requirement.controls) {
        used.add(controlId);
        if (!controlById.has(controlId))
          problems.push(
            `${display(framework.file)}: requirement ${requirement.id}: unknown control "${controlId}"`,
          );
      }
    }
  }
  for (const control of controls) {
    if (!control.custom && !control.standalone && !used.has(control.id)) {
      problems.push(
        `${display(control.file)}: not used by any framework (map it in controls/frameworks/ or set standalone: true)`,
      );
    }
  }
  return { controls, frameworks, problems };
}

/** Loads and validates every control and framework; throws ControlLoadError listing `<file>: <reason>` lines. */
export function loadControls(options: LoadControlsOptions = {}): ControlSet {
  const { controls, frameworks, problems } = collectControls(options);
  if (problems.length > 0) throw new ControlLoadError(problems);
  return { controls, frameworks };
}
