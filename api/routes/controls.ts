// /api/v1/controls and /api/v1/frameworks: control metadata with result counts, frameworks with their
// requirement tree and scores (passed / evaluated). Read-only; any valid token.
import { Router } from 'express';
import { z } from 'zod';
import {
  countsFromStore,
  knownResourceTypes,
  defaultControlSet,
  remediationFor,
  resolveControlIdsIn,
  scoreFramework,
  type ControlSet,
  type LoadedControl,
} from '../../evaluator';
import { SEVERITIES, type Severity } from '../../store/model';
import type { Store } from '../../store/store';
import type { ExtraRouter } from '../app';
import { defineRoute, listOf, notFound, pageQuery } from '../http';

export interface ControlsRouterDeps {
  store: Store;
  /** The control set to serve; default: the process-wide set (built-ins + CLOUDWARD_CONTROLS_DIR). */
  controls?: () => ControlSet;
}

const shortText = z.string().trim().min(1).max(200);
const accountQuery = shortText.optional().describe('Cloudward account id; default: every account');

const controlsQuery = z.object({
  framework: shortText.optional().describe('Framework id'),
  severity: listOf(SEVERITIES as [Severity, ...Severity[]])
    .optional()
    .describe('Comma-separated or repeated'),
  resourceType: z
    .string()
    .refine((type) => knownResourceTypes.includes(type), 'unknown resource type')
    .optional(),
  search: z.string().trim().min(1).max(200).optional().describe('Case-insensitive substring of id or title'),
  account: accountQuery,
});

const countsSchema = z.object({
  pass: z.number(),
  fail: z.number(),
  notApplicable: z.number(),
  error: z.number(),
});
const controlSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.string(),
  resourceTypes: z.array(z.string()),
  scope: z.enum(['regional', 'global']),
  custom: z.boolean(),
  standalone: z.boolean(),
  frameworks: z.array(z.object({ id: z.string(), requirements: z.array(z.string()) })),
  counts: countsSchema,
});

const ZERO = { pass: 0, fail: 0, notApplicable: 0, error: 0 };

/** control id -> frameworks and requirement ids that map it. */
function mappings(set: ControlSet): Map<string, { id: string; requirements: string[] }[]> {
  const byControl = new Map<string, { id: string; requirements: string[] }[]>();
  for (const framework of set.frameworks) {
    for (const requirement of framework.requirements) {
      for (const controlId of requirement.controls) {
        const list = byControl.get(controlId) ?? [];
        let entry = list.find((item) => item.id === framework.id);
        if (!entry) list.push((entry = { id: framework.id, requirements: [] }));
        if (!entry.requirements.includes(requirement.id)) entry.requirements.push(requirement.id);
        byControl.set(controlId, list);
      }
    }
  }
  return byControl;
}

function summary(
  control: LoadedControl,
  frameworks: { id: string; requirements: string[] }[],
  counts: typeof ZERO,
) {
  return {
    id: control.id,
    title: control.title,
    severity: control.severity,
    resourceTypes: control.resourceTypes,
    scope: control.scope,
    custom: control.custom,
    standalone: control.standalone,
    frameworks,
    counts,
  };
}

export function controlsRouter(deps: ControlsRouterDeps): Router {
  const router = Router();
  const getSet = deps.controls ?? defaultControlSet;
  const tags = ['controls'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List controls (filter by framework, severity, resource type, search) with result counts',
      tags,
      query: controlsQuery,
      response: z.object({ items: z.array(controlSummarySchema), nextCursor: z.null() }),
      problems: [404],
    },
    async ({ query }) => {
      const set = getSet();
      let allowed: Set<string> | undefined;
      if (query.framework) {
        const ids = resolveControlIdsIn(set, query.framework);
        if (!ids) throw notFound('framework', query.framework);
        allowed = new Set(ids);
      }
      const needle = query.search?.toLowerCase();
      const counts = countsFromStore(await deps.store.resultCounts({ accountId: query.account }));
      const byControl = mappings(set);
      const items = set.controls
        .filter((control) => !allowed || allowed.has(control.id))
        .filter((control) => !query.severity || query.severity.includes(control.severity))
        .filter((control) => !query.resourceType || control.resourceTypes.includes(query.resourceType))
        .filter(
          (control) => !needle || control.id.includes(needle) || control.title.toLowerCase().includes(needle),
        )
        .map((control) => summary(control, byControl.get(control.id) ?? [], counts.get(control.id) ?? ZERO));
      return { items, nextCursor: null };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary: 'One control: metadata, remediation, frameworks, result counts and failing assets',
      tags,
      params: z.object({
        id: z.string().regex(/^[a-z0-9_]{1,120}$/, 'control ids are lowercase letters, digits and _'),
      }),
      query: pageQuery.extend({ account: accountQuery }),
      problems: [404],
    },
    async ({ params, query }) => {
      const set = getSet();
      const control = set.controls.find((candidate) => candidate.id === params.id);
      if (!control) throw notFound('control', params.id);
      const counts = countsFromStore(await deps.store.resultCounts({ accountId: query.account }));
      const failing = await deps.store.listResults(
        { controlId: control.id, accountId: query.account, status: ['fail'] },
        { cursor: query.cursor, limit: query.limit },
      );
      // What could not be judged, and why (the web UI lists them next to the failing assets).
      const errors = await deps.store.listResults(
        { controlId: control.id, accountId: query.account, status: ['error'] },
        { limit: 50 },
      );
      return {
        ...summary(control, mappings(set).get(control.id) ?? [], counts.get(control.id) ?? ZERO),
        rationale: control.rationale,
        // No single asset here: the templates show their placeholders (`<BucketName>`).
        remediation: remediationFor(control),
        references: control.references,
        applies: control.applies ?? null,
        condition: control.condition,
        failing,
        errors,
      };
    },
  );
  return router;
}

export function frameworksRouter(deps: ControlsRouterDeps): Router {
  const router = Router();
  const getSet = deps.controls ?? defaultControlSet;
  const tags = ['frameworks'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'List frameworks with their score (passed / evaluated)',
      tags,
      query: z.object({ account: accountQuery }),
    },
    async ({ query }) => {
      const set = getSet();
      const counts = countsFromStore(await deps.store.resultCounts({ accountId: query.account }));
      const items = set.frameworks.map((framework) => {
        const score = scoreFramework(framework, counts);
        return {
          id: framework.id,
          name: framework.name,
          version: framework.version,
          source: framework.source,
          requirements: framework.requirements.length,
          automated: framework.requirements.filter((r) => r.assessment === 'automated').length,
          manual: framework.requirements.filter((r) => r.assessment === 'manual').length,
          score: { passed: score.passed, evaluated: score.evaluated, score: score.score },
        };
      });
      return { items, nextCursor: null };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/:id',
      summary:
        'One framework: requirement tree with per-section and per-requirement counts and scores; manual requirements marked',
      tags,
      params: z.object({
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{0,100}$/, 'framework ids are lowercase letters, digits, . and -'),
      }),
      query: z.object({ account: accountQuery }),
      problems: [404],
    },
    async ({ params, query }) => {
      const set = getSet();
      const framework = set.frameworks.find((candidate) => candidate.id === params.id);
      if (!framework) throw notFound('framework', params.id);
      const counts = countsFromStore(await deps.store.resultCounts({ accountId: query.account }));
      const score = scoreFramework(framework, counts);
      const requirements = score.requirements.map((requirement) => ({
        ...requirement,
        manual: requirement.assessment === 'manual',
      }));
      // Each section carries its own score (its requirements and its sub-sections', controls counted once) and
      // its parent, so the tree and per-section bars need no arithmetic in the client.
      const sections = score.sections.map((section) => ({
        id: section.id,
        title: section.title,
        parent: section.parent,
        score: {
          pass: section.pass,
          fail: section.fail,
          notApplicable: section.notApplicable,
          error: section.error,
          passed: section.passed,
          evaluated: section.evaluated,
          score: section.score,
          requirements: section.requirements,
          manual: section.manual,
        },
        requirements: requirements.filter((requirement) => requirement.section === section.id),
      }));
      return {
        id: framework.id,
        name: framework.name,
        version: framework.version,
        source: framework.source,
        description: framework.description ?? null,
        score: {
          pass: score.pass,
          fail: score.fail,
          notApplicable: score.notApplicable,
          error: score.error,
          passed: score.passed,
          evaluated: score.evaluated,
          score: score.score,
        },
        sections,
        requirements,
      };
    },
  );
  return router;
}

/** Both routers, ready for createApp's `extraRouters`. */
export function controlsExtraRouters(deps: ControlsRouterDeps): ExtraRouter[] {
  return [
    { path: '/controls', router: controlsRouter(deps), minimumRole: 'auditor' },
    { path: '/frameworks', router: frameworksRouter(deps), minimumRole: 'auditor' },
  ];
}

/** For suppression rules (createApp's `isKnownControl`): a control id that is loaded, built-in or custom. */
export function isKnownControl(controlId: string): boolean {
  return defaultControlSet().controls.some((control) => control.id === controlId);
}

/** For the alerts filter (createApp's `resolveControlIds`): a framework's or one requirement's control ids; null when unknown. */
export function resolveControlIds(frameworkId: string, requirementId?: string): string[] | null {
  return resolveControlIdsIn(defaultControlSet(), frameworkId, requirementId);
}
