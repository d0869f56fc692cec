// Read endpoints the web UI needs beyond the core routers: the region list, an alert summary and export,
// framework score trends and each account's sync state. Mounted at /api/v1/regions and /api/v1/reports
// (own prefixes, so the `/:id` routes of /alerts and /frameworks never shadow them).
import { Router, type Response } from 'express';
import { z } from 'zod';
import {
  countsFromStore,
  defaultControlSet,
  remediationFor,
  scoreFramework,
  type ControlSet,
} from '../../evaluator';
import { AWS_REGIONS } from '../../onboarding/regions';
import { SEVERITIES, type Alert } from '../../store/model';
import type { AlertFilter, Store } from '../../store/store';
import type { ExtraRouter } from '../app';
import type { ResolveControlIds } from '../context';
import { csvField } from '../export/csv';
import {
  defineRoute,
  HttpProblem,
  listOf,
  notFound,
  pageQuery,
  pageSchema,
  queryBoolean,
  validationProblem,
} from '../http';
import { OnboardingInputError, type CollectorOperation } from '../../onboarding/options';
import { prepareOnboarding } from '../../onboarding/plan';
import { renderPlan } from '../../onboarding/render';
import { zipBundle } from '../../onboarding/render/zip';
import type { OwnIdentity } from '../own-identity';
import { alertFilterFromQuery, alertFilterQuery } from './alert-filter';
import { effectiveTrustedPrincipal, NO_TRUSTED_PRINCIPAL } from './onboarding';
import { alertSchema } from './alerts';
import { syncSchema } from './syncs';

export interface WebSupportDeps {
  store: Store;
  /** The same resolver createApp receives; without it the framework/requirement filters answer 400. */
  resolveControlIds?: ResolveControlIds;
  /** Control titles for the summary; default: the process-wide control set. */
  controls?: () => ControlSet;
  /** For the wizard's Terraform/CloudFormation tabs before the account exists; without it they answer 503. */
  onboarding?: {
    /** CLOUDWARD_TRUSTED_PRINCIPAL: the identity Cloudward runs as. */
    trustedPrincipal?: string;
    /** `allOperations` from collector/registry. */
    operations: () => CollectorOperation[];
    /** Cloudward's own identity: the trusted principal when none is configured. */
    ownIdentity?: () => Promise<OwnIdentity>;
  };
}

const shortText = z.string().trim().min(1).max(200);

const alertRemediationSchema = z.object({
  controlId: z.string(),
  remediation: z
    .object({
      console: z.array(z.string()).optional(),
      cli: z.string().optional(),
      terraform: z.string().optional(),
    })
    .nullable()
    .describe("Null when the alert's control is no longer loaded"),
  references: z.array(z.string()),
});

const EXPORT_PAGE = 500;
const CSV_COLUMNS = [
  'id',
  'severity',
  'status',
  'control_id',
  'control_title',
  'account_id',
  'aws_account_id',
  'region',
  'resource_type',
  'asset_id',
  'exposed',
  'reason',
  'evidence',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
  'suppression_id',
] as const;

/** GET /api/v1/regions: every region Cloudward accepts, for the region pickers. */
export function regionsRouter(): Router {
  const router = Router();
  defineRoute(
    router,
    {
      method: 'get',
      path: '/',
      summary: 'AWS regions Cloudward can sync (opt-in regions marked)',
      tags: ['meta'],
      response: z.object({
        items: z.array(
          z.object({ name: z.string(), description: z.string(), partition: z.string(), optIn: z.boolean() }),
        ),
      }),
    },
    async () => ({
      items: AWS_REGIONS.map((region) => ({
        name: region.code,
        description: region.name,
        partition: region.partition,
        optIn: region.optIn,
      })),
    }),
  );
  return router;
}

/** GET /api/v1/reports/...: summaries the overview needs without downloading whole tables. */
export function reportsRouter(deps: WebSupportDeps): Router {
  const router = Router();
  const { store } = deps;
  const getSet = deps.controls ?? defaultControlSet;
  const tags = ['reports'];

  defineRoute(
    router,
    {
      method: 'get',
      path: '/alerts/summary',
      summary: 'Open alerts by severity and the controls failing on the most assets',
      tags,
      query: z.object({
        account: shortText.optional(),
        top: z.coerce.number().int().min(1).max(50).default(10),
      }),
      response: z.object({
        open: z.number(),
        exposed: z.number(),
        bySeverity: z.record(z.string(), z.number()),
        topControls: z.array(
          z.object({
            controlId: z.string(),
            title: z.string().nullable(),
            severity: z.string().nullable(),
            failing: z.number(),
          }),
        ),
      }),
    },
    async ({ query }) => {
      // Two queries: open alerts counted per (control, severity, exposed), and the result counters.
      const [tally, counts] = await Promise.all([
        store.tallyAlerts({ status: ['open'], accountId: query.account }),
        store.resultCounts({ accountId: query.account }),
      ]);
      const sum = (rows: typeof tally) => rows.reduce((total, row) => total + row.count, 0);
      const open = sum(tally);
      const exposed = sum(tally.filter((row) => row.exposed));
      const bySeverityCounts = SEVERITIES.map((severity) =>
        sum(tally.filter((row) => row.severity === severity)),
      );
      const controls = new Map(getSet().controls.map((control) => [control.id, control]));
      const topControls = counts
        .filter((row) => row.fail > 0)
        .sort((a, b) => b.fail - a.fail || a.controlId.localeCompare(b.controlId))
        .slice(0, query.top)
        .map((row) => ({
          controlId: row.controlId,
          title: controls.get(row.controlId)?.title ?? null,
          severity: controls.get(row.controlId)?.severity ?? null,
          failing: row.fail,
        }));
      return {
        open,
        exposed,
        bySeverity: Object.fromEntries(
          SEVERITIES.map((severity, index) => [severity, bySeverityCounts[index]]),
        ),
        topControls,
      };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/alerts/export',
      summary: 'The whole filtered alert list as CSV or JSON (streamed page by page)',
      description: 'Takes the filters of GET /alerts; the status filter defaults to every status.',
      tags,
      query: alertFilterQuery.extend({ format: z.enum(['csv', 'json']).default('csv') }),
      response: z.array(alertSchema),
      otherMediaTypes: { 'text/csv': 'text' },
    },
    async ({ query, res }) => {
      const filter = await alertFilterFromQuery(deps.resolveControlIds, query);
      const titles = new Map(getSet().controls.map((control) => [control.id, control.title]));
      await streamAlerts(store, filter, query.format, titles, res);
      return undefined;
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/frameworks/trends',
      summary: 'Score of each framework after each evaluation, across all (or one) accounts',
      description:
        'Each point combines the latest snapshot of every account at that time: passed / evaluated summed.',
      tags,
      query: z.object({
        account: shortText.optional(),
        framework: shortText.optional(),
        limit: z.coerce.number().int().min(1).max(10_000).default(1000).describe('Snapshots read'),
      }),
      response: z.object({
        items: z.array(
          z.object({
            frameworkId: z.string(),
            points: z.array(
              z.object({
                at: z.string(),
                passed: z.number(),
                evaluated: z.number(),
                score: z.number().nullable(),
              }),
            ),
          }),
        ),
      }),
    },
    async ({ query }) => {
      const snapshots = await store.listScoreSnapshots(
        { accountId: query.account, frameworkId: query.framework },
        query.limit,
      );
      return { items: combineSnapshots(snapshots) };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/frameworks/scores',
      summary: 'Framework scores, also with accepted risks (suppressed alerts) left out of the failures',
      description:
        'score = passed / evaluated as GET /frameworks; acceptedScore = passed / (evaluated - accepted), where ' +
        'accepted counts failing results whose alert is suppressed.',
      tags,
      query: z.object({ account: shortText.optional() }),
      response: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            passed: z.number(),
            evaluated: z.number(),
            score: z.number().nullable(),
            accepted: z.number(),
            acceptedScore: z.number().nullable(),
          }),
        ),
      }),
    },
    async ({ query }) => {
      const [results, suppressed] = await Promise.all([
        store.resultCounts({ accountId: query.account }),
        store.tallyAlerts({ status: ['suppressed'], accountId: query.account }),
      ]);
      const counts = countsFromStore(results);
      const accepted = new Map<string, number>();
      for (const row of suppressed)
        accepted.set(row.controlId, (accepted.get(row.controlId) ?? 0) + row.count);
      const withoutAccepted = new Map(
        [...counts].map(([controlId, tally]) => [
          controlId,
          { ...tally, fail: Math.max(0, tally.fail - (accepted.get(controlId) ?? 0)) },
        ]),
      );
      const items = getSet().frameworks.map((framework) => {
        const score = scoreFramework(framework, counts);
        const adjusted = scoreFramework(framework, withoutAccepted);
        return {
          id: framework.id,
          passed: score.passed,
          evaluated: score.evaluated,
          score: score.score,
          accepted: score.evaluated - adjusted.evaluated,
          acceptedScore: adjusted.score,
        };
      });
      return { items };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/sync-state',
      summary: "Every account's running sync (with progress) and last finished sync (with its failures)",
      tags,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
      response: z.object({
        items: z.array(
          z.object({
            accountId: z.string(),
            running: syncSchema.nullable(),
            last: syncSchema.nullable(),
          }),
        ),
      }),
    },
    async ({ query }) => {
      const accounts = await store.listAccounts({ limit: query.limit });
      const items = await Promise.all(
        accounts.items.map(async (account) => {
          const [running, recent] = await Promise.all([
            store.getRunningSync(account.id),
            store.listSyncs(account.id, { limit: 5 }),
          ]);
          const last =
            recent.items.find((sync) => sync.status !== 'queued' && sync.status !== 'running') ?? null;
          return { accountId: account.id, running, last };
        }),
      );
      return { items };
    },
  );

  const keyQuery = z.object({ key: z.string().min(1).max(2048).describe('Asset key (from GET /assets)') });

  defineRoute(
    router,
    {
      method: 'get',
      path: '/alert/remediation',
      summary: "An alert's remediation filled with its asset's values, and its control's references",
      tags,
      query: z.object({ id: z.string().min(1).max(200).describe('Alert id (from GET /alerts)') }),
      response: alertRemediationSchema,
      problems: [404],
    },
    async ({ query }) => {
      const alert = await store.getAlert(query.id);
      if (!alert) throw notFound('alert', query.id);
      const control = getSet().controls.find((candidate) => candidate.id === alert.controlId);
      if (!control) return { controlId: alert.controlId, remediation: null, references: [] };
      // An asset gone from the inventory leaves the placeholders (`<BucketName>`) for the reader to fill.
      const asset = await store.getAssetById(alert.accountId, alert.assetId);
      return {
        controlId: control.id,
        remediation: remediationFor(control, asset ?? undefined),
        references: control.references,
      };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/asset/alerts',
      summary: "One asset's alerts (open by default)",
      tags,
      query: pageQuery.extend({
        ...keyQuery.shape,
        status: listOf(['open', 'resolved', 'suppressed']).optional(),
      }),
      response: pageSchema(alertSchema),
      problems: [404],
    },
    async ({ query }) => {
      const asset = await store.getAsset(query.key);
      if (!asset) throw notFound('asset', query.key);
      return store.listAlerts(
        { accountId: asset.accountId, assetId: asset.id, status: query.status ?? ['open'] },
        { cursor: query.cursor, limit: query.limit },
      );
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/asset/graph',
      summary: "An asset's relationships with the asset at the other end (name, type, key) resolved",
      tags,
      query: keyQuery,
      response: z.object({
        items: z.array(
          z.object({
            fromId: z.string(),
            verb: z.string(),
            toId: z.string(),
            direction: z.enum(['out', 'in']),
            other: z
              .object({ key: z.string(), id: z.string(), name: z.string(), type: z.string() })
              .nullable(),
          }),
        ),
      }),
      problems: [404],
    },
    async ({ query }) => {
      const asset = await store.getAsset(query.key);
      if (!asset) throw notFound('asset', query.key);
      const relationships = await store.listRelationships(asset.accountId, asset.id);
      // Every neighbour resolved in a constant number of queries (one hop, no limit that could bite), not one
      // query per neighbour. The graph page uses /assets/{key}/neighbourhood, which is also bounded in size.
      const hood = await store.neighbourhood(asset.accountId, asset.id, {
        hops: 1,
        limit: relationships.length + 1,
      });
      const others = new Map<string, { key: string; id: string; name: string; type: string } | null>(
        hood.nodes.map((node) => [
          node.id,
          node.asset
            ? { key: node.asset.key, id: node.id, name: node.asset.name, type: node.asset.type }
            : null,
        ]),
      );
      return {
        items: relationships.map((edge) => {
          const out = edge.fromId === asset.id;
          return {
            fromId: edge.fromId,
            verb: edge.verb,
            toId: edge.toId,
            direction: out ? ('out' as const) : ('in' as const),
            other: others.get(out ? edge.toId : edge.fromId) ?? null,
          };
        }),
      };
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/onboarding/files',
      summary:
        'Terraform or CloudFormation files for an account not created yet (JSON, or a zip with download=true)',
      tags,
      role: 'admin',
      query: z.object({
        format: z.enum(['terraform', 'cloudformation']),
        accountId: z.string().max(64),
        regions: z.preprocess(
          (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
          z.array(z.string().max(64)).max(100),
        ),
        externalId: z.string().min(2).max(1224),
        trustedPrincipal: z.string().max(2048).optional(),
        download: queryBoolean.optional(),
        // Event mode (onboarding/events.ts): SQS pull, or HTTPS push to Cloudward's public address.
        events: queryBoolean.optional(),
        eventsTarget: z.enum(['sqs', 'https']).optional(),
        eventsEndpoint: z.string().max(1800).optional(),
      }),
      response: z.object({
        format: z.string(),
        files: z.array(z.object({ path: z.string(), content: z.string() })),
      }),
      otherMediaTypes: { 'application/zip': 'binary' },
      problems: [503],
    },
    async ({ query, res }) => {
      if (!deps.onboarding) throw new HttpProblem(503, 'Service Unavailable', 'Onboarding is not wired in.');
      const trustedPrincipal = query.trustedPrincipal || (await effectiveTrustedPrincipal(deps.onboarding));
      if (!trustedPrincipal) throw new HttpProblem(503, 'Service Unavailable', NO_TRUSTED_PRINCIPAL);
      let files: Map<string, string>;
      try {
        const plan = await prepareOnboarding(
          {
            accountId: query.accountId,
            regions: query.regions,
            externalId: query.externalId,
            trustedPrincipal,
            events: query.events ?? false,
            ...(query.eventsTarget ? { eventsTarget: query.eventsTarget } : {}),
            ...(query.eventsEndpoint ? { eventsEndpoint: query.eventsEndpoint } : {}),
          },
          deps.onboarding.operations(),
        );
        files = renderPlan(plan, [query.format]);
      } catch (error) {
        if (error instanceof OnboardingInputError) {
          throw validationProblem(
            error.issues.map((issue) => ({ path: `query.${issue.path}`, message: issue.message })),
            error.message,
          );
        }
        throw error;
      }
      if (query.download) {
        res
          .status(200)
          .type('application/zip')
          .attachment(`cloudward-onboarding-${query.accountId}-${query.format}.zip`)
          .send(await zipBundle(files));
        return undefined;
      }
      return { format: query.format, files: [...files].map(([path, content]) => ({ path, content })) };
    },
  );

  return router;
}

/** Ready for createApp's `extraRouters`. */
export function webSupportExtraRouters(deps: WebSupportDeps): ExtraRouter[] {
  return [
    { path: '/regions', router: regionsRouter(), minimumRole: 'auditor' },
    { path: '/reports', router: reportsRouter(deps), minimumRole: 'auditor' },
  ];
}

/** Writes one page at a time so memory stays bounded whatever the list's size. */
async function streamAlerts(
  store: Store,
  filter: AlertFilter | null,
  format: 'csv' | 'json',
  titles: Map<string, string>,
  res: Response,
): Promise<void> {
  const stamp = store.now().toISOString().slice(0, 10);
  res.status(200);
  res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.attachment(`cloudward-alerts-${stamp}.${format}`);
  res.write(format === 'csv' ? CSV_COLUMNS.join(',') + '\r\n' : '[');
  let first = true;
  let cursor: string | undefined;
  // Alerts carry Cloudward's account id; a reader of the export needs the AWS account too.
  const awsAccountIds = new Map<string, string>();
  const awsAccountOf = async (accountId: string) => {
    if (!awsAccountIds.has(accountId))
      awsAccountIds.set(accountId, (await store.getAccount(accountId))?.awsAccountId ?? '');
    return awsAccountIds.get(accountId)!;
  };
  while (filter) {
    const page = await store.listAlerts(filter, { cursor, limit: EXPORT_PAGE });
    const rows: (Alert & { awsAccountId: string })[] = [];
    for (const alert of page.items)
      rows.push({ ...alert, awsAccountId: await awsAccountOf(alert.accountId) });
    const chunk =
      format === 'csv'
        ? rows.map((alert) => csvRow(alert, titles)).join('')
        : rows.map((alert) => (first ? ((first = false), '') : ',') + JSON.stringify(alert)).join('');
    if (chunk && !res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  res.end(format === 'csv' ? '' : ']');
}

function csvRow(alert: Alert & { awsAccountId: string }, titles: Map<string, string>): string {
  return (
    [
      alert.id,
      alert.severity,
      alert.status,
      alert.controlId,
      titles.get(alert.controlId) ?? '',
      alert.accountId,
      alert.awsAccountId,
      alert.region,
      alert.resourceType,
      alert.assetId,
      String(alert.exposed),
      alert.reason,
      alert.evidence.join(' | '),
      alert.firstSeenAt,
      alert.lastSeenAt,
      alert.resolvedAt ?? '',
      alert.suppressionId ?? '',
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

type Snapshot = { at: string; accountId: string; frameworkId: string; passed: number; evaluated: number };

/** Per framework, in time order: each account's latest snapshot so far, summed. */
export function combineSnapshots(snapshots: Snapshot[]) {
  const byFramework = new Map<string, Snapshot[]>();
  for (const snapshot of snapshots) {
    const list = byFramework.get(snapshot.frameworkId) ?? [];
    list.push(snapshot);
    byFramework.set(snapshot.frameworkId, list);
  }
  return [...byFramework.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([frameworkId, list]) => {
      const latest = new Map<string, Snapshot>();
      const points: { at: string; passed: number; evaluated: number; score: number | null }[] = [];
      for (const snapshot of [...list].sort((a, b) => a.at.localeCompare(b.at))) {
        latest.set(snapshot.accountId, snapshot);
        let passed = 0;
        let evaluated = 0;
        for (const value of latest.values()) {
          passed += value.passed;
          evaluated += value.evaluated;
        }
        const point = { at: snapshot.at, passed, evaluated, score: evaluated ? passed / evaluated : null };
        // Accounts evaluated at the same instant make one point.
        if (points.length && points[points.length - 1].at === snapshot.at) points[points.length - 1] = point;
        else points.push(point);
      }
      return { frameworkId, points };
    });
}
