import { useCallback, useEffect, useMemo, useRef } from 'react';
import { api, type Page } from '../api';
import {
  ErrorBox,
  Loading,
  percent,
  ProgressBar,
  SeverityBadge,
  StatusBadge,
  formatDate,
  alertResourceLabel,
} from '../components/common';
import { trendChange } from '../components/chart-text';
import { ScoreTrendChart, SeverityBarChart, preloadCharts } from '../components/LazyCharts';
import { useControlTitles, useInterval, useLoad } from '../hooks';
import {
  SEVERITIES,
  frameworkLabel,
  type SyncState,
  type Account,
  type Alert,
  type FrameworkSummary,
  type Me,
  type Severity,
} from '../types';

interface AlertSummary {
  open: number;
  exposed: number;
  bySeverity: Record<Severity, number>;
  topControls: { controlId: string; title: string | null; severity: Severity | null; failing: number }[];
}

interface AcceptedScore {
  id: string;
  accepted: number;
  acceptedScore: number | null;
}

interface Trend {
  frameworkId: string;
  points: { at: string; passed: number; evaluated: number; score: number | null }[];
}

// recharts starts loading with this page, beside its API calls rather than after them.
preloadCharts();

export function Overview({ me }: { me: Me }) {
  const frameworks = useLoad(() => api.get<{ items: FrameworkSummary[] }>('/frameworks'), []);
  const summary = useLoad(() => api.get<AlertSummary>('/reports/alerts/summary'), []);
  const exposed = useLoad(
    () => api.get<Page<Alert>>('/alerts', { status: 'open', exposed: true, sort: 'rank', limit: 20 }),
    [],
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 100 }), []);
  const accepted = useLoad(() => api.get<{ items: AcceptedScore[] }>('/reports/frameworks/scores'), []);
  const trends = useLoad(() => api.get<{ items: Trend[] }>('/reports/frameworks/trends'), []);
  const titles = useControlTitles();
  // The charts redraw only when their own data changes, not each time another of the page's calls answers.
  const trendSeries = useMemo(
    () =>
      trends.data && frameworks.data
        ? trends.data.items.map((trend) => {
            const framework = frameworks.data!.items.find((item) => item.id === trend.frameworkId);
            return {
              id: trend.frameworkId,
              label: framework ? frameworkLabel(framework) : trend.frameworkId,
              points: trend.points,
            };
          })
        : undefined,
    [trends.data, frameworks.data],
  );
  const severityCounts = useMemo(
    () =>
      summary.data
        ? SEVERITIES.map((severity) => ({ severity, count: summary.data!.bySeverity?.[severity] ?? 0 }))
        : undefined,
    [summary.data],
  );
  const syncState = useLoad(() => api.get<{ items: SyncState[] }>('/reports/sync-state'), []);
  const stateOf = (id: string) => syncState.data?.items.find((item) => item.accountId === id);
  const syncing = syncState.data?.items.some((item) => item.running) ?? false;
  const refresh = useCallback(() => {
    syncState.reload();
    accounts.reload();
  }, [syncState.reload, accounts.reload]);
  useInterval(refresh, 2000, syncing);
  // When a sync ends, its evaluation follows within moments: fetch the results then, and once more shortly after.
  const wasSyncing = useRef(false);
  const reloadResults = useCallback(() => {
    frameworks.reload();
    summary.reload();
    exposed.reload();
    accepted.reload();
    trends.reload();
  }, [frameworks.reload, summary.reload, exposed.reload, accepted.reload, trends.reload]);
  useEffect(() => {
    if (wasSyncing.current && !syncing) {
      reloadResults();
      const again = setTimeout(reloadResults, 3000);
      wasSyncing.current = syncing;
      return () => clearTimeout(again);
    }
    wasSyncing.current = syncing;
  }, [syncing, reloadResults]);

  // Before the first account there is nothing to judge: "no failing control" would read as a clean bill.
  if (accounts.data && accounts.data.items.length === 0)
    return (
      <>
        <h1>Overview</h1>
        <section className="card welcome" aria-labelledby="welcome">
          <h2 id="welcome">No AWS account connected yet</h2>
          <p>
            Cloudward reads an account through a read-only role you create in it, then checks it against AWS
            Foundational Security Best Practices and the CIS AWS Foundations Benchmark.
          </p>
          {me.role === 'admin' ? (
            <p>
              <a className="button" href="#/accounts/new">
                Connect an AWS account
              </a>
            </p>
          ) : (
            <p className="muted">Ask an admin to connect one.</p>
          )}
        </section>
      </>
    );

  // Until one sync has finished there are no results: zeros would read as "all clear".
  const noResultsYet =
    Boolean(accounts.data?.items.length) &&
    Boolean(syncState.data) &&
    accounts.data!.items.every((account) => !stateOf(account.id)?.last);
  return (
    <>
      <h1>Overview</h1>
      {noResultsYet && (
        <p role="status" className="notice">
          {syncing
            ? 'The first sync is running; findings appear here as soon as it finishes.'
            : 'No account has been synced yet: start a sync from the account’s page.'}
        </p>
      )}
      <section aria-labelledby="scores">
        <h2 id="scores">Compliance by framework</h2>
        <ErrorBox error={frameworks.error} />
        {!frameworks.data && !frameworks.error && <Loading />}
        <div className="cards">
          {frameworks.data?.items.map((framework) => {
            const trend = trends.data?.items.find((item) => item.frameworkId === framework.id);
            const change = trend ? trendChange(trend.points) : null;
            return (
              <a
                key={framework.id}
                className="card score"
                href={`#/frameworks/${encodeURIComponent(framework.id)}`}
              >
                <span className="card-title">{frameworkLabel(framework)}</span>
                <span className="big" data-testid={`score-${framework.id}`}>
                  {percent(framework.score.score)}
                </span>
                <span className="muted">
                  {framework.score.passed} passed of {framework.score.evaluated} evaluated
                </span>
                {(() => {
                  const risk = accepted.data?.items.find((item) => item.id === framework.id);
                  return risk && risk.accepted > 0 ? (
                    <span className="muted small" data-testid={`accepted-${framework.id}`}>
                      {percent(risk.acceptedScore)} with {risk.accepted} accepted risk
                      {risk.accepted === 1 ? '' : 's'} left out
                    </span>
                  ) : null;
                })()}
                {change && <span className="muted small">{change}</span>}
              </a>
            );
          })}
        </div>
      </section>
      <section aria-labelledby="trend">
        <h2 id="trend">Score trend</h2>
        <ErrorBox error={trends.error} />
        {trendSeries && <ScoreTrendChart series={trendSeries} />}
      </section>
      <div className="two-col">
        <section aria-labelledby="open-by-severity">
          <h2 id="open-by-severity">Open alerts by severity</h2>
          <ErrorBox error={summary.error} />
          {summary.data && (
            <p className="muted" data-testid="open-alerts">
              {summary.data.open} open, {summary.data.exposed} on internet-exposed assets
            </p>
          )}
          {severityCounts && <SeverityBarChart counts={severityCounts} />}
          <ul className="severity-bars">
            {SEVERITIES.map((severity) => (
              <li key={severity}>
                <a href={`#/alerts?status=open&severity=${severity}`}>
                  <SeverityBadge severity={severity} />{' '}
                  <strong>{summary.data?.bySeverity?.[severity] ?? 0}</strong>
                </a>
              </li>
            ))}
          </ul>
          <h2 id="top-controls">Most failing controls</h2>
          <ol className="plain" aria-labelledby="top-controls">
            {summary.data?.topControls.map((control) => (
              <li key={control.controlId}>
                {control.severity && <SeverityBadge severity={control.severity} />}{' '}
                <a href={`#/controls/${encodeURIComponent(control.controlId)}`}>
                  {control.title ?? control.controlId}
                </a>{' '}
                <span className="muted">
                  ({control.failing} failing asset{control.failing === 1 ? '' : 's'})
                </span>
              </li>
            ))}
            {summary.data?.topControls.length === 0 && (
              <li className="muted">{noResultsYet ? 'No results yet.' : 'No failing control.'}</li>
            )}
          </ol>
        </section>
        <section aria-labelledby="exposed">
          <h2 id="exposed">Internet-exposed assets with open alerts</h2>
          <ErrorBox error={exposed.error} />
          {exposed.data?.items.length === 0 && (
            <p className="muted">
              {noResultsYet ? 'No results yet.' : 'No exposed asset has an open alert.'}
            </p>
          )}
          {/* One entry per asset, worst alert first (the list comes ranked), its other alerts beneath. */}
          <ul className="plain exposed-assets">
            {groupByAsset(exposed.data?.items ?? []).map(([first, ...more]) => (
              <li key={first.assetId}>
                {first.assetKey ? (
                  <a href={`#/inventory/${encodeURIComponent(first.assetKey)}`}>
                    <strong>{alertResourceLabel(first)}</strong>
                  </a>
                ) : (
                  <strong>{alertResourceLabel(first)}</strong>
                )}{' '}
                <span className="muted small">
                  {first.resourceType} · {first.region}
                </span>
                <ul className="plain small">
                  {[first, ...more].map((alert) => (
                    <li key={alert.id}>
                      <SeverityBadge severity={alert.severity} />{' '}
                      <a href={`#/alerts/${alert.id}`} title={alert.reason}>
                        {titles?.get(alert.controlId) ?? alert.controlId}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {Boolean(exposed.data?.items.length) && (
            <p className="small">
              <a href="#/alerts?status=open&exposed=true">All open alerts on exposed assets →</a>
            </p>
          )}
        </section>
      </div>
      <section aria-labelledby="sync-state">
        <h2 id="sync-state">Accounts</h2>
        <ErrorBox error={accounts.error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">State</th>
              <th scope="col">Last sync</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data?.items.map((account) => {
              const state = stateOf(account.id);
              const failures = state?.last?.services.filter((service) => service.status === 'failed') ?? [];
              return (
                <tr key={account.id}>
                  <td>
                    <a href={`#/accounts/${account.id}`}>{account.name}</a>{' '}
                    <span className="muted">{account.awsAccountId}</span>
                  </td>
                  <td>
                    <StatusBadge
                      status={
                        account.status === 'disabled'
                          ? 'disabled'
                          : state?.running
                            ? state.running.status
                            : (state?.last?.status ?? account.lastSyncStatus ?? 'never synced')
                      }
                    />
                    {failures.length > 0 && (
                      <ul className="plain small">
                        {failures.slice(0, 3).map((service) => (
                          <li key={service.service + service.region}>
                            {service.service} in {service.region}: <code>{service.errorCode}</code>
                          </li>
                        ))}
                        {failures.length > 3 && <li className="muted">and {failures.length - 3} more</li>}
                      </ul>
                    )}
                    {state?.last?.error && <div className="small">{state.last.error}</div>}
                  </td>
                  <td>{formatDate(state?.last?.finishedAt ?? account.lastSyncAt)}</td>
                  <td>
                    {state?.running ? (
                      <ProgressBar
                        done={state.running.progress.done}
                        total={state.running.progress.total}
                        label={`Sync progress for ${account.name}`}
                      />
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** Alerts grouped by asset, in the order the assets first appear. */
function groupByAsset(alerts: Alert[]): [Alert, ...Alert[]][] {
  const groups = new Map<string, [Alert, ...Alert[]]>();
  for (const alert of alerts) {
    const group = groups.get(alert.assetId);
    if (group) group.push(alert);
    else groups.set(alert.assetId, [alert]);
  }
  return [...groups.values()];
}
