import { api, type Page } from '../api';
import {
  ErrorBox,
  Loading,
  percent,
  ProgressBar,
  SeverityBadge,
  StatusBadge,
  formatDate,
} from '../components/common';
import { useInterval, useLoad } from '../hooks';
import {
  SEVERITIES,
  type Account,
  type Alert,
  type FrameworkSummary,
  type Me,
  type Severity,
} from '../types';

interface AlertSummary {
  bySeverity: Record<Severity, number>;
  topControls: { controlId: string; title?: string; open: number }[];
}

interface Trend {
  frameworkId: string;
  points: { at: string; score: number | null }[];
}

export function Overview({ me }: { me: Me }) {
  const frameworks = useLoad(() => api.get<{ items: FrameworkSummary[] }>('/frameworks'), []);
  const summary = useLoad(() => api.get<AlertSummary>('/alerts/summary'), []);
  const exposed = useLoad(
    () => api.get<Page<Alert>>('/alerts', { status: 'open', exposed: true, sort: 'rank', limit: 8 }),
    [],
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 100 }), []);
  const trends = useLoad(() => api.get<{ items: Trend[] }>('/frameworks/trends'), []);
  const syncing = accounts.data?.items.some((account) => account.runningSync) ?? false;
  useInterval(accounts.reload, 2000, syncing);

  return (
    <>
      <h1>Overview</h1>
      <section aria-labelledby="scores">
        <h2 id="scores">Compliance by framework</h2>
        <ErrorBox error={frameworks.error} />
        {!frameworks.data && !frameworks.error && <Loading />}
        <div className="cards">
          {frameworks.data?.items.map((framework) => {
            const trend = trends.data?.items.find((item) => item.frameworkId === framework.id);
            return (
              <a
                key={framework.id}
                className="card score"
                href={`#/frameworks/${encodeURIComponent(framework.id)}`}
              >
                <span className="card-title">{framework.name}</span>
                <span className="big" data-testid={`score-${framework.id}`}>
                  {percent(framework.score)}
                </span>
                <span className="muted">
                  {framework.passed ?? 0} passed of {framework.evaluated ?? 0} evaluated
                </span>
                {trend && <Sparkline points={trend.points} label={`${framework.name} score trend`} />}
              </a>
            );
          })}
        </div>
      </section>
      <div className="two-col">
        <section aria-labelledby="open-by-severity">
          <h2 id="open-by-severity">Open alerts by severity</h2>
          <ErrorBox error={summary.error} />
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
          <h2>Most failing controls</h2>
          <ol className="plain">
            {summary.data?.topControls.map((control) => (
              <li key={control.controlId}>
                <a href={`#/controls/${encodeURIComponent(control.controlId)}`}>
                  {control.title ?? control.controlId}
                </a>{' '}
                <span className="muted">({control.open} open)</span>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="exposed">
          <h2 id="exposed">Internet-exposed assets with open alerts</h2>
          <ErrorBox error={exposed.error} />
          {exposed.data?.items.length === 0 && <p className="muted">No exposed asset has an open alert.</p>}
          <ul className="plain">
            {exposed.data?.items.map((alert) => (
              <li key={alert.id}>
                <SeverityBadge severity={alert.severity} />{' '}
                <a href={`#/alerts/${alert.id}`}>{alert.reason}</a>
                <div className="muted small">
                  {alert.resourceType} · {alert.region}
                </div>
              </li>
            ))}
          </ul>
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
            {accounts.data?.items.map((account) => (
              <tr key={account.id}>
                <td>
                  <a href={`#/accounts/${account.id}`}>{account.name}</a>{' '}
                  <span className="muted">{account.awsAccountId}</span>
                </td>
                <td>
                  <StatusBadge
                    status={
                      account.status === 'disabled' ? 'disabled' : (account.lastSyncStatus ?? 'never synced')
                    }
                  />
                </td>
                <td>{formatDate(account.lastSyncAt)}</td>
                <td>
                  {account.runningSync ? (
                    <ProgressBar
                      done={account.runningSync.progress.done}
                      total={account.runningSync.progress.total}
                      label={`Sync progress for ${account.name}`}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {me.role === 'admin' && accounts.data?.items.length === 0 && (
          <p>
            No account yet. <a href="#/accounts/new">Connect an AWS account</a>.
          </p>
        )}
      </section>
    </>
  );
}

function Sparkline({ points, label }: { points: { at: string; score: number | null }[]; label: string }) {
  const values = points.filter((point) => point.score !== null) as { at: string; score: number }[];
  if (values.length < 2) return null;
  const width = 160;
  const height = 32;
  const step = width / (values.length - 1);
  const path = values
    .map(
      (point, index) =>
        `${index === 0 ? 'M' : 'L'}${(index * step).toFixed(1)},${(height - point.score * height).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline">
      <path d={path} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  );
}
