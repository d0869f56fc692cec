// Compiles a condition tree (controls/LANGUAGE.md) once into closures. Each node tests a value and writes
// the evidence that decided it; syntax problems are thrown as ConditionError naming where they are.
import type { RelationshipVerb } from '../../store/model';
import { knownResourceTypes } from '../catalog';
import type { EvalAsset } from '../types';
import { resourceTypeOfId } from './asset-ids';
import type { Estate } from './estate';
import { ConditionError, operatorFactories, prepareComparison, type PreparedOperator } from './operators';
import {
  formatSegments,
  joinLabel,
  parsePath,
  PathSyntaxError,
  readSegments,
  type ParsedPath,
} from './paths';
import { capitalise, plainAsset, plainList, plural, relationPhrase } from './sentences';
import type { CompiledRemediation, CompiledTemplate } from './template';
import { asList, describeAsset, formatValue, shortId, typeLabel } from './values';

/** `bucket logs-archive` style name for an id the estate holds no asset for. */
function shortName(id: string): string {
  const type = resourceTypeOfId(id);
  return type ? `${typeLabel(type)} ${shortId(id)}` : shortId(id);
}

export { ConditionError } from './operators';
export { compileTemplate, type CompiledTemplate } from './template';

/**
 * Thrown while evaluating when a condition reads a config key the collector could not read, an undecided analyser
 * fact, or an aggregate whose members were not all collected (`sentence` then says what was missing).
 */
export class ReadErrorSignal {
  constructor(
    readonly key: string,
    readonly code: string,
    readonly assetId: string,
    readonly sentence?: string,
  ) {}
}

export interface RunContext {
  root: EvalAsset;
  estate: Estate;
  now: number;
  /** Aggregates that do not depend on the evaluated asset, reused across assets of one evaluation. */
  cache: Map<unknown, Map<string, { ok: boolean; evidence: string[]; sentences: string[] }>>;
  /**
   * Plain sentences for the result's `evidence`, written beside the trace (`out`) whenever a decisive node
   * explains itself: the analysers' own evidence for a fact read, and who the related assets are.
   */
  sentences: string[];
  /** True while explaining under an odd number of `not`/`none`: a match is what the control rules out. */
  negated?: boolean;
  /** The first leaf found unmet while explaining (what made an `applies:` condition false). */
  firstUnmet?: { asset: EvalAsset | undefined; segments: string[]; value: unknown };
}

export interface ConditionNode {
  /** Compact text of the condition, for "no element matches ..." evidence. */
  describe: string;
  /** Reads `$.` paths (so results cannot be shared across evaluated assets). */
  usesRoot: boolean;
  /**
   * `current` is the asset or list element in scope; `label` its path for evidence. With `out` null only the
   * verdict is computed (no strings): combinators first decide cheaply, then re-run only the decisive children
   * with an evidence array.
   */
  run(current: unknown, label: string, ctx: RunContext, out: string[] | null): boolean;
}

export interface CompiledControl {
  applies?: ConditionNode;
  condition: ConditionNode;
  passMessage?: CompiledTemplate;
  failMessage?: CompiledTemplate;
  /** `remediation` with its `{{path}}` templates compiled (absent for controls defined before templates). */
  remediation?: CompiledRemediation;
}

const verbs: RelationshipVerb[] = [
  'PROTECTS',
  'USES',
  'IN',
  'ROUTES',
  'HAS',
  'ROUTES_TO',
  'TRIGGERS',
  'MEMBER_OF',
  'ATTACHED_TO',
  'CAN_ASSUME',
  'ENCRYPTS',
  'LOGS_TO',
  'PEERS_WITH',
  'NOTIFIES',
  'MONITORS',
];

const structuralKeys = [
  'all',
  'any',
  'not',
  'anyOf',
  'allOf',
  'noneOf',
  'countOf',
  'related',
  'assets',
  'attr',
  'fact',
];
/** Evidence from one aggregate is capped so a thousand matching elements do not become a thousand lines. */
const SAMPLE = 3;

interface Scope {
  /** The current value is an asset (root, related asset, aggregate member), so `config.X` checks readErrors. */
  isAsset: boolean;
}

function fail(where: string, message: string): never {
  throw new ConditionError(`${where}: ${message}`);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function compileCondition(source: unknown, where = 'condition'): ConditionNode {
  return compileNode(source, where, { isAsset: true });
}

function compileNode(source: unknown, where: string, scope: Scope): ConditionNode {
  if (Array.isArray(source)) return compileAll(source, where, scope);
  if (!isMap(source)) fail(where, `a condition must be a map or a list, got ${formatValue(source)}`);
  // related/assets carry their own any/all/none keys, so they win the classification.
  const head = 'related' in source ? ['related'] : 'assets' in source ? ['assets'] : [];
  const kinds = [
    ...head,
    ...structuralKeys.filter(
      (key) => key in source && !(head.length && ['all', 'any', 'related', 'assets'].includes(key)),
    ),
  ];
  if (kinds.length > 1 && !(kinds.length === 2 && kinds.includes('attr') && kinds.includes('fact'))) {
    fail(where, `combines ${kinds.join(' and ')}; use one per map (wrap them in all:)`);
  }
  if (kinds.includes('attr') && kinds.includes('fact')) fail(where, 'use either attr or fact, not both');
  const kind = kinds[0];
  switch (kind) {
    case 'all':
      onlyKeys(source, ['all'], where);
      if (!Array.isArray(source.all)) fail(`${where}.all`, 'must be a list of conditions');
      return compileAll(source.all, `${where}.all`, scope);
    case 'any':
      onlyKeys(source, ['any'], where);
      return compileAny(source.any, `${where}.any`, scope);
    case 'not':
      onlyKeys(source, ['not'], where);
      return compileNot(compileNode(source.not, `${where}.not`, scope));
    case 'anyOf':
    case 'allOf':
    case 'noneOf':
    case 'countOf':
      return compileQuantifier(kind, source, where, scope);
    case 'related':
      return compileRelated(source, where, scope);
    case 'assets':
      return compileAssets(source, where, scope);
    default:
      return compileLeaf(source, where, scope);
  }
}

function onlyKeys(source: Record<string, unknown>, allowed: string[], where: string): void {
  for (const key of Object.keys(source)) {
    if (!allowed.includes(key)) {
      const hint = key in operatorFactories ? ` (operators go in a map with attr:, or inside where:)` : '';
      fail(where, `unknown key "${key}"${hint}; expected ${allowed.join(', ')}`);
    }
  }
}

function compileAll(list: unknown[], where: string, scope: Scope): ConditionNode {
  const children = list.map((child, index) => compileNode(child, `${where}[${index}]`, scope));
  return {
    describe:
      children.length === 1 ? children[0].describe : `all of (${children.map((c) => c.describe).join('; ')})`,
    usesRoot: children.some((child) => child.usesRoot),
    run(current, label, ctx, out) {
      let failing: ConditionNode | undefined;
      for (const child of children) {
        if (!child.run(current, label, ctx, null)) {
          failing = child;
          break;
        }
      }
      if (out) {
        // False: the first failing child says why. True: every child does.
        if (failing) failing.run(current, label, ctx, out);
        else for (const child of children) child.run(current, label, ctx, out);
      }
      return failing === undefined;
    },
  };
}

function compileAny(list: unknown, where: string, scope: Scope): ConditionNode {
  if (!Array.isArray(list) || list.length === 0) fail(where, 'must be a non-empty list of conditions');
  const children = list.map((child, index) => compileNode(child, `${where}[${index}]`, scope));
  return {
    describe: `any of (${children.map((c) => c.describe).join('; ')})`,
    usesRoot: children.some((child) => child.usesRoot),
    run(current, label, ctx, out) {
      let passing: ConditionNode | undefined;
      for (const child of children) {
        if (child.run(current, label, ctx, null)) {
          passing = child;
          break;
        }
      }
      if (out) {
        // True: the first passing child says why. False: every child does.
        if (passing) passing.run(current, label, ctx, out);
        else for (const child of children) child.run(current, label, ctx, out);
      }
      return passing !== undefined;
    },
  };
}

function compileNot(child: ConditionNode): ConditionNode {
  return {
    describe: `not (${child.describe})`,
    usesRoot: child.usesRoot,
    run(current, label, ctx, out) {
      if (!out) return !child.run(current, label, ctx, out);
      // Explaining: sentences below speak of what the control rules out.
      const outer = ctx.negated;
      ctx.negated = !outer;
      try {
        return !child.run(current, label, ctx, out);
      } finally {
        ctx.negated = outer;
      }
    },
  };
}

/**
 * An analyser that lacked data (a subnet or security group not collected, a policy document not read) says so in its
 * fact: `verdict: 'unknown'` for the whole fact, or `unknown: { field: reason }` for single fields. A control that
 * reads such a fact cannot decide, like one reading a config key the collector could not read: it gets `error`
 * with the analyser's reason, never pass or fail.
 */
function undecidedFact(fact: unknown, field: string | undefined): string | undefined {
  if (!isMap(fact)) return undefined;
  if (field !== undefined && isMap(fact.unknown) && typeof fact.unknown[field] === 'string')
    return fact.unknown[field];
  if (fact.verdict !== 'unknown') return undefined;
  if (Array.isArray(fact.reasons) && fact.reasons.length) return fact.reasons.map(String).join('; ');
  // Exposure and public-access facts lead their evidence with the summary ("unknown: <what was missing>").
  const first = Array.isArray(fact.evidence)
    ? fact.evidence.find((line) => typeof line === 'string')
    : undefined;
  return typeof first === 'string' ? first.replace(/^unknown: /, '') : 'not enough was collected to decide';
}

/**
 * Builds a reader for a path that enforces the readErrors rule when it reads an asset's `config`, and its
 * counterpart for undecided facts.
 */
function makeReader(path: ParsedPath, scope: Scope): (current: unknown, ctx: RunContext) => unknown {
  const readsAsset = path.fromRoot || scope.isAsset;
  const configKey =
    readsAsset && path.segments[0] === 'config' && path.segments.length >= 2 ? path.segments[1] : undefined;
  const factKey =
    readsAsset && path.segments[0] === 'facts' && path.segments.length >= 2
      ? String(path.segments[1])
      : undefined;
  const factField = path.segments.length >= 3 ? String(path.segments[2]) : undefined;
  const segments = path.segments;
  return (current, ctx) => {
    const target = path.fromRoot ? ctx.root : current;
    if (configKey !== undefined) {
      const errors = (target as EvalAsset).readErrors;
      if (errors && configKey in errors)
        throw new ReadErrorSignal(configKey, errors[configKey], (target as EvalAsset).id);
    }
    if (factKey !== undefined) {
      const reason = undecidedFact((target as EvalAsset).facts?.[factKey], factField);
      if (reason !== undefined)
        throw new ReadErrorSignal(
          `facts.${factKey}${factField !== undefined && factField !== 'verdict' ? `.${factField}` : ''}`,
          reason,
          (target as EvalAsset).id,
        );
    }
    return segments.length === 0 ? target : readSegments(target, segments);
  };
}

function parsePathAt(text: unknown, where: string): ParsedPath {
  if (typeof text !== 'string') fail(where, 'a path must be a string');
  try {
    return parsePath(text);
  } catch (error) {
    if (error instanceof PathSyntaxError) fail(where, error.message);
    throw error;
  }
}

function compileLeaf(source: Record<string, unknown>, where: string, scope: Scope): ConditionNode {
  let path: ParsedPath;
  if ('fact' in source) {
    const fact = parsePathAt(source.fact, `${where}.fact`);
    if (fact.fromRoot) fail(`${where}.fact`, 'a fact name cannot start with $.');
    path = {
      fromRoot: false,
      segments: ['facts', ...fact.segments],
      label: formatSegments(['facts', ...fact.segments]),
    };
  } else if ('attr' in source) {
    path = parsePathAt(source.attr, `${where}.attr`);
  } else {
    path = { fromRoot: false, segments: [], label: '' };
  }
  const operators: PreparedOperator[] = [];
  for (const [key, argument] of Object.entries(source)) {
    if (key === 'attr' || key === 'fact') continue;
    const factory = operatorFactories[key];
    if (!factory) fail(where, `unknown operator "${key}"`);
    try {
      operators.push(factory(argument));
    } catch (error) {
      if (error instanceof ConditionError) fail(where, error.message);
      throw error;
    }
  }
  if (operators.length === 0) fail(where, `needs an operator (${Object.keys(operatorFactories).join(', ')})`);
  const read = makeReader(path, scope);
  const factEvidence =
    path.segments[0] === 'facts' && path.segments.length >= 2 ? path.segments.slice(1) : undefined;
  const describe = `${path.label || (path.fromRoot ? '$' : 'value')} ${operators.map((op) => op.expectation.replace(/^expected /, '')).join(' and ')}`;
  return {
    describe,
    usesRoot: path.fromRoot,
    run(current, label, ctx, out) {
      const value = read(current, ctx);
      let ok = true;
      for (const operator of operators) {
        if (!operator.test(value, ctx.now)) {
          ok = false;
          break;
        }
      }
      if (!out) return ok;
      const unmet = operators
        .filter((operator) => !operator.test(value, ctx.now))
        .map((operator) => operator.expectation);
      const name = path.fromRoot ? path.label : joinLabel(label, path.label) || 'value';
      const shown =
        value === undefined ? 'missing' : operators[0].show ? operators[0].show(value) : formatValue(value);
      out.push(ok ? `${name} is ${shown}` : `${name} is ${shown}, ${unmet.join(' and ')}`);
      if (!ok && !ctx.firstUnmet && (path.fromRoot || scope.isAsset))
        ctx.firstUnmet = {
          asset: (path.fromRoot ? ctx.root : current) as EvalAsset,
          segments: path.segments,
          value,
        };
      if (factEvidence) {
        const target = (path.fromRoot ? ctx.root : current) as EvalAsset;
        for (const line of factEvidenceFor(target?.facts, factEvidence)) {
          out.push(line);
          ctx.sentences.push(line);
        }
      }
      return ok;
    },
  };
}

/** Evidence the analysers stored beside a fact: `facts.exposure.evidence`, or `facts.iam.adminEvidence` for `adminAccess`. */
function factEvidenceFor(facts: Record<string, unknown> | undefined, segments: string[]): string[] {
  if (!facts) return [];
  let found: unknown;
  let node: unknown = facts;
  for (let index = 0; index < segments.length && isMap(node); index++) {
    const segment = segments[index];
    if (index === segments.length - 1) {
      const sibling = node[`${segment.replace(/[A-Z][a-z]*$/, '')}Evidence`];
      if (Array.isArray(sibling)) found = sibling;
    }
    node = node[segment];
    if (isMap(node) && Array.isArray(node.evidence)) found = node.evidence;
  }
  return Array.isArray(found) ? found.filter((line): line is string => typeof line === 'string') : [];
}

function compileQuantifier(
  kind: 'anyOf' | 'allOf' | 'noneOf' | 'countOf',
  source: Record<string, unknown>,
  where: string,
  scope: Scope,
): ConditionNode {
  const comparisonKeys = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
  onlyKeys(source, kind === 'countOf' ? [kind, 'where', ...comparisonKeys] : [kind, 'where'], where);
  const path = parsePathAt(source[kind], `${where}.${kind}`);
  const read = makeReader(path, scope);
  if (kind === 'allOf' && !('where' in source)) fail(where, 'allOf needs where:');
  const condition =
    'where' in source ? compileNode(source.where, `${where}.where`, { isAsset: false }) : undefined;
  const comparison =
    kind === 'countOf'
      ? prepareComparisonAt(
          Object.fromEntries(comparisonKeys.filter((k) => k in source).map((k) => [k, source[k]])),
          where,
        )
      : undefined;
  const what = condition ? condition.describe : 'anything';
  return {
    describe: `${kind} ${path.label} (${what})`,
    usesRoot: path.fromRoot || (condition?.usesRoot ?? false),
    run(current, label, ctx, out) {
      const list = asList(read(current, ctx));
      const items = list ?? [];
      const matches: number[] = [];
      let firstMiss = -1;
      for (let index = 0; index < items.length; index++) {
        if (!condition || condition.run(items[index], '', ctx, null)) {
          matches.push(index);
          if (kind === 'anyOf' || kind === 'noneOf') break;
        } else if (firstMiss < 0) {
          firstMiss = index;
          if (kind === 'allOf') break;
        }
      }
      const ok =
        kind === 'anyOf'
          ? matches.length > 0
          : kind === 'noneOf'
            ? matches.length === 0
            : kind === 'allOf'
              ? firstMiss < 0
              : comparison!.test(matches.length);
      if (!out) return ok;
      const listLabel = path.fromRoot ? path.label : joinLabel(label, path.label) || 'value';
      const explain = (index: number) => {
        if (condition) condition.run(items[index], `${listLabel}[${index}]`, ctx, out);
        else out.push(`${listLabel}[${index}] is present`);
      };
      const size =
        list === undefined ? `${listLabel} is missing` : `${listLabel} has ${items.length} element(s)`;
      if (kind === 'anyOf') {
        if (ok) explain(matches[0]);
        else out.push(`no element matches ${what}: ${size}`);
      } else if (kind === 'noneOf') {
        if (ok) out.push(`no element matches ${what}: ${size}`);
        else {
          out.push(`${listLabel}[${matches[0]}] matches ${what}`);
          explain(matches[0]);
        }
      } else if (kind === 'allOf') {
        if (ok) out.push(`every element matches ${what}: ${size}`);
        else explain(firstMiss);
      } else {
        out.push(
          `${matches.length} of ${items.length} element(s) of ${listLabel} match ${what}, expected ${comparison!.text}`,
        );
        for (const index of matches.slice(0, SAMPLE)) explain(index);
      }
      return ok;
    },
  };
}

function prepareComparisonAt(argument: unknown, where: string) {
  try {
    return prepareComparison(argument, 'count');
  } catch (error) {
    if (error instanceof ConditionError) fail(where, error.message);
    throw error;
  }
}

type Mode =
  | { kind: 'any' | 'all' | 'none'; condition: ConditionNode }
  | { kind: 'count'; comparison: ReturnType<typeof prepareComparison>; condition?: ConditionNode };

function compileMode(source: Record<string, unknown>, head: string, where: string): Mode {
  const modes = ['any', 'all', 'none', 'count'].filter((key) => key in source);
  if (modes.length !== 1) fail(where, `${head} needs exactly one of any, all, none, count`);
  const mode = modes[0] as 'any' | 'all' | 'none' | 'count';
  onlyKeys(source, mode === 'count' ? [head, 'count', 'where'] : [head, mode], where);
  const childScope = { isAsset: true };
  if (mode === 'count') {
    return {
      kind: 'count',
      comparison: prepareComparisonAt(source.count, `${where}.count`),
      condition: 'where' in source ? compileNode(source.where, `${where}.where`, childScope) : undefined,
    };
  }
  return { kind: mode, condition: compileNode(source[mode], `${where}.${mode}`, childScope) };
}

/** How `related`/`assets` name their members in plain sentences. */
interface Members {
  /** One member and how it relates: "security group web (sg-1), which protects instance a (i-1),". */
  one(member: EvalAsset): string;
  /** "security groups that protect instance a (i-1)" for `count` members (singular for 1). */
  group(count: number): string;
  /** Plain sentence for no member at all: "No security group protects instance a (i-1)." */
  none: string;
}

/** Shared tail of `related` and `assets`: applies the mode to a list of assets, writing evidence. */
function judgeAssets(
  mode: Mode,
  members: readonly EvalAsset[],
  ctx: RunContext,
  out: string[] | null,
  introduce: (asset: EvalAsset) => string,
  emptyText: string,
  plain: Members,
  missing?: { key: string; assetId: string; sentence: string },
): boolean {
  const what = mode.condition?.describe ?? 'anything';
  // Members that were never collected could change a verdict the collected ones do not settle.
  const undecided = () => {
    if (missing) throw new ReadErrorSignal(missing.key, 'not collected', missing.assetId, missing.sentence);
  };
  const explain = (member: EvalAsset) => {
    if (!out) return;
    const evidence: string[] = [];
    mode.condition?.run(member, '', ctx, evidence);
    out.push(`${introduce(member)}${evidence.length ? `: ${evidence.join('; ')}` : ''}`);
  };
  const say = (sentence: string) => {
    if (out) ctx.sentences.push(sentence);
  };
  const listed = (list: readonly EvalAsset[]) => plainList(list.map(plainAsset), SAMPLE);
  if (mode.kind === 'count') {
    undecided();
    const matched = members.filter((member) => !mode.condition || mode.condition.run(member, '', ctx, null));
    const ok = mode.comparison.test(matched.length);
    if (out) {
      out.push(
        `${matched.length} of ${members.length} match ${what}, expected ${mode.comparison.text}${members.length ? '' : ` (${emptyText})`}`,
      );
      if (members.length === 0) say(plain.none);
      else
        say(
          `${matched.length} of the ${plain.group(members.length)} ${matched.length === 1 ? 'is' : 'are'} counted (the control expects ${mode.comparison.text})${matched.length ? `: ${listed(matched)}` : ''}.`,
        );
      matched.slice(0, SAMPLE).forEach(explain);
    }
    return ok;
  }
  // any: the first match decides (true); all: the first miss decides (false); none: the first match decides (false).
  const lookingFor = mode.kind !== 'all';
  let decisive: EvalAsset | undefined;
  for (const member of members) {
    if (mode.condition.run(member, '', ctx, null) === lookingFor) {
      decisive = member;
      break;
    }
  }
  // Under `not` (or `none`) a member that matches is what the control rules out: the words follow the polarity.
  const ruledOut = ctx.negated !== (mode.kind === 'none');
  const verdict = (matches: boolean, many = false) =>
    ruledOut
      ? `${many ? 'are' : 'is'}${matches ? '' : ' not'} what this control rules out`
      : matches
        ? `${many ? 'meet' : 'meets'} this control's condition`
        : `${many ? 'do' : 'does'} not meet this control's condition`;
  const inner = (run: () => void) => {
    const outer = ctx.negated;
    ctx.negated = ruledOut;
    try {
      run();
    } finally {
      ctx.negated = outer;
    }
  };
  if (decisive) {
    say(`${capitalise(plain.one(decisive))} ${verdict(mode.kind !== 'all')}.`);
    inner(() => explain(decisive));
    return mode.kind === 'any';
  }
  undecided();
  if (out) {
    if (members.length === 0) out.push(emptyText);
    else out.push(`${mode.kind === 'all' ? 'all' : 'none'} of ${members.length} match ${what}`);
    if (members.length === 0) say(plain.none);
    else if (members.length === 1) {
      say(`${capitalise(plain.one(members[0]))} ${verdict(mode.kind === 'all')}.`);
      // One member: its own sentences say why (the trace keeps its usual summary line).
      inner(() => mode.condition.run(members[0], '', ctx, []));
    } else if (mode.kind === 'all')
      say(`All ${members.length} ${plain.group(members.length)} ${verdict(true, true)}: ${listed(members)}.`);
    else
      say(
        `None of the ${members.length} ${plain.group(members.length)} ${verdict(true)}: ${listed(members)}.`,
      );
  }
  return mode.kind !== 'any';
}

function compileRelated(source: Record<string, unknown>, where: string, scope: Scope): ConditionNode {
  if (!scope.isAsset)
    fail(where, 'related needs an asset in scope; it cannot be used inside where: over list elements');
  const spec = source.related;
  if (!isMap(spec)) fail(`${where}.related`, 'must be a map { verb, direction, type? }');
  onlyKeys(spec, ['verb', 'direction', 'type'], `${where}.related`);
  const verb = spec.verb as RelationshipVerb;
  if (!verbs.includes(verb))
    fail(`${where}.related.verb`, `unknown verb "${String(spec.verb)}" (one of ${verbs.join(', ')})`);
  const direction = spec.direction;
  if (direction !== 'in' && direction !== 'out') fail(`${where}.related.direction`, 'must be in or out');
  const type = spec.type;
  if (type !== undefined && (typeof type !== 'string' || !knownResourceTypes.includes(type))) {
    fail(`${where}.related.type`, `unknown resource type "${String(type)}"`);
  }
  const mode = compileMode(source, 'related', where);
  const target = type ? typeLabel(type) : 'asset';
  return {
    describe: `${mode.kind} related ${direction === 'in' ? `${target} ${verb} this` : `this ${verb} ${target}`}${mode.condition ? ` (${mode.condition.describe})` : ''}`,
    usesRoot: mode.condition?.usesRoot ?? false,
    run(current, _label, ctx, out) {
      const asset = current as EvalAsset;
      const members = ctx.estate.related(asset.id, verb, direction, type);
      const introduce = (member: EvalAsset) =>
        direction === 'in'
          ? `${describeAsset(member)} ${verb} this`
          : `this ${verb} ${describeAsset(member)}`;
      const emptyText = direction === 'in' ? `no ${target} ${verb} this` : `this ${verb} no ${target}`;
      const self = plainAsset(asset);
      const phrase = relationPhrase(verb);
      const plain: Members =
        direction === 'in'
          ? {
              one: (member) => `${plainAsset(member)}, which ${phrase.singular} ${self},`,
              group: (count) =>
                `${plural(target, count)} that ${count === 1 ? phrase.singular : phrase.plural} ${self}`,
              none: `No ${target} ${phrase.singular} ${self}.`,
            }
          : {
              one: (member) => `${plainAsset(member)}, which ${self} ${phrase.singular},`,
              group: (count) => `${plural(target, count)} that ${self} ${phrase.singular}`,
              none: `${capitalise(self)} ${phrase.singular} no ${target}.`,
            };
      const notCollected = ctx.estate.missingRelated(asset.id, verb, direction, type);
      const names = notCollected.slice(0, SAMPLE).map(shortName).join(', ');
      const more = notCollected.length > SAMPLE ? ` and ${notCollected.length - SAMPLE} more` : '';
      const missing = notCollected.length
        ? {
            key: 'related',
            assetId: asset.id,
            sentence:
              direction === 'in'
                ? `${names}${more}, which ${notCollected.length === 1 ? phrase.singular : phrase.plural} ${self}, ${notCollected.length === 1 ? 'was' : 'were'} not collected`
                : `${self} ${phrase.singular} ${names}${more}, which ${notCollected.length === 1 ? 'was' : 'were'} not collected`,
          }
        : undefined;
      return judgeAssets(mode, members, ctx, out, introduce, emptyText, plain, missing);
    },
  };
}

function compileAssets(source: Record<string, unknown>, where: string, scope: Scope): ConditionNode {
  const spec = source.assets;
  if (!isMap(spec)) fail(`${where}.assets`, 'must be a map { type, sameRegion? }');
  onlyKeys(spec, ['type', 'sameRegion'], `${where}.assets`);
  const type = spec.type;
  if (typeof type !== 'string' || !knownResourceTypes.includes(type))
    fail(`${where}.assets.type`, `unknown resource type "${String(type)}"`);
  if (spec.sameRegion !== undefined && typeof spec.sameRegion !== 'boolean')
    fail(`${where}.assets.sameRegion`, 'must be true or false');
  const sameRegion = spec.sameRegion === true;
  const mode = compileMode(source, 'assets', where);
  const label = typeLabel(type);
  const usesRoot = mode.condition?.usesRoot ?? false;
  const node: ConditionNode = {
    describe: `${mode.kind} ${label}${sameRegion ? ' in this region' : ''}${mode.condition ? ` (${mode.condition.describe})` : ''}`,
    usesRoot,
    run(current, _label, ctx, out) {
      const anchor = (scope.isAsset ? current : ctx.root) as EvalAsset;
      const region = sameRegion ? anchor.region : undefined;
      const cacheKey = `${anchor.accountId}\0${region ?? '*'}`;
      let perNode = usesRoot ? undefined : ctx.cache.get(node);
      const cached = perNode?.get(cacheKey);
      if (cached) {
        if (out) {
          pushAll(out, cached.evidence);
          pushAll(ctx.sentences, cached.sentences);
        }
        return cached.ok;
      }
      const members = ctx.estate.ofType(anchor.accountId, type, region);
      const where = region ? `region ${region}` : 'the account';
      const emptyText = `no ${label} in ${where}`;
      const plain: Members = {
        one: (member) => `${plainAsset(member)} in ${where}`,
        group: (count) => `${plural(label, count)} in ${where}`,
        none: `There is no ${label} in ${where}.`,
      };
      const unread = ctx.estate.unreadType(anchor.accountId, type, region);
      const missing = unread.length
        ? {
            key: 'assets',
            assetId: anchor.id,
            sentence: `the ${label} list of account ${anchor.accountId} could not be read in ${unread
              .map((u) => `${u.region} (${u.code})`)
              .join(', ')}`,
          }
        : undefined;
      if (usesRoot) return judgeAssets(mode, members, ctx, out, describeAsset, emptyText, plain, missing);
      // Cached with its evidence and sentences, since later assets may need them.
      const evidence: string[] = [];
      const outer = ctx.sentences;
      const sentences: string[] = [];
      ctx.sentences = sentences;
      let ok: boolean;
      try {
        ok = judgeAssets(mode, members, ctx, evidence, describeAsset, emptyText, plain, missing);
      } finally {
        ctx.sentences = outer;
      }
      if (!perNode) ctx.cache.set(node, (perNode = new Map()));
      perNode.set(cacheKey, { ok, evidence, sentences });
      if (out) {
        pushAll(out, evidence);
        pushAll(ctx.sentences, sentences);
      }
      return ok;
    },
  };
  return node;
}

function pushAll(target: string[], lines: string[]): void {
  for (const line of lines) target.push(line);
}
