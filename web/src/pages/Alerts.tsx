import { useMemo, useState } from 'react';
import { api, download, type Page } from '../api';
import {
  ErrorBox,
  Field,
  Loading,
  Pager,
  SeverityBadge,
  StatusBadge,
  formatDate,
  AccountSelect,
  FilterInput,
  alertResourceLabel,
} from '../components/common';
import { navigate, useControlTitles, useLoad } from '../hooks';
import { rangeLabel, useUrlPaging } from '../paging';
import { SEVERITIES, frameworkLabel, type Account, type Alert, type FrameworkSummary } from '../types';

const PAGE_SIZE = 50;

const FILTERS = [
  'status',
  'severity',
  'framework',
  'requirement',
  'control',
  'account',
  'region',
  'resourceType',
  'exposed',
  'sort',
] as const;

export function Alerts({ params }: { params: URLSearchParams }) {
  const filters = useMemo(() => {
    const values: Record<string, string> = {};
    for (const key of FILTERS) {
      const value = params.get(key);
      if (value) values[key] = value;
    }
    if (!params.has('status')) values.status = 'open';
    return values;
  }, [params]);
  const [exportError, setExportError] = useState<unknown>();
  const query = { ...filters, status: filters.status === 'all' ? undefined : filters.status };
  const key = JSON.stringify(filters);
  const cursor = params.get('cursor') || undefined;
  const alerts = useLoad(
    () => api.get<Page<Alert> & { total: number }>('/alerts', { ...query, cursor, limit: PAGE_SIZE }),
    [key, cursor],
  );
  const paging = useUrlPaging('/alerts', params, filters, alerts.error);
  const frameworks = useLoad(() => api.get<{ items: FrameworkSummary[] }>('/frameworks'), []);
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);
  const titles = useControlTitles();

  function setFilter(name: string, value: string) {
    // A new filter or sort starts at page 1: `filters` holds no cursor.
    const next: Record<string, string | undefined> = { ...filters, [name]: value || undefined };
    if (name === 'framework') next.requirement = undefined;
    if (name === 'status' && !value) next.status = 'all';
    navigate('/alerts', next);
  }

  const accountName = (id: string) => accounts.data?.items.find((account) => account.id === id)?.name ?? id;

  return (
    <>
      <h1>Alerts</h1>
      <form className="filters" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status">
          <select value={filters.status} onChange={(event) => setFilter('status', event.target.value)}>
            <option value="open">Open</option>
            <option value="suppressed">Suppressed</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </Field>
        <Field label="Severity">
          <select
            value={filters.severity ?? ''}
            onChange={(event) => setFilter('severity', event.target.value)}
          >
            <option value="">Any</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Framework">
          <select
            value={filters.framework ?? ''}
            onChange={(event) => setFilter('framework', event.target.value)}
          >
            <option value="">Any</option>
            {frameworks.data?.items.map((framework) => (
              <option key={framework.id} value={framework.id}>
                {frameworkLabel(framework)}
              </option>
            ))}
          </select>
        </Field>
        {filters.framework && (
          <Field label="Requirement">
            <FilterInput
              value={filters.requirement}
              placeholder="e.g. 2.10"
              onCommit={(value) => setFilter('requirement', value)}
            />
          </Field>
        )}
        <Field label="Account">
          <AccountSelect
            value={filters.account}
            accounts={accounts.data?.items}
            onChange={(value) => setFilter('account', value)}
          />
        </Field>
        <Field label="Control">
          <FilterInput
            value={filters.control}
            placeholder="control id"
            list="control-ids"
            onCommit={(value) => setFilter('control', value)}
          />
        </Field>
        {/* Suggestions: nobody knows the ids by heart; the title is shown next to each. */}
        <datalist id="control-ids">
          {[...(titles ?? [])].map(([id, title]) => (
            <option key={id} value={id}>
              {title}
            </option>
          ))}
        </datalist>
        <Field label="Region">
          <FilterInput
            value={filters.region}
            placeholder="e.g. eu-west-1 or global"
            list="alert-regions"
            onCommit={(value) => setFilter('region', value)}
          />
        </Field>
        <datalist id="alert-regions">
          {['global', ...new Set(accounts.data?.items.flatMap((account) => account.regions) ?? [])].map(
            (region) => (
              <option key={region} value={region} />
            ),
          )}
        </datalist>
        <Field label="Resource type">
          <FilterInput
            value={filters.resourceType}
            placeholder="e.g. aws_s3_bucket"
            onCommit={(value) => setFilter('resourceType', value)}
          />
        </Field>
        <Field label="Exposure">
          <select
            value={filters.exposed ?? ''}
            onChange={(event) => setFilter('exposed', event.target.value)}
          >
            <option value="">Any</option>
            <option value="true">Internet-exposed</option>
            <option value="false">Not exposed</option>
          </select>
        </Field>
        <Field label="Sort">
          <select value={filters.sort ?? 'rank'} onChange={(event) => setFilter('sort', event.target.value)}>
            <option value="rank">Exposure, then severity</option>
            <option value="severity">Severity</option>
            <option value="lastSeen">Last seen</option>
            <option value="firstSeen">First seen</option>
          </select>
        </Field>
      </form>
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            download(
              '/reports/alerts/export',
              { ...exportFilters(filters), format: 'csv' },
              'alerts.csv',
            ).catch(setExportError)
          }
        >
          Export CSV
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            download(
              '/reports/alerts/export',
              { ...exportFilters(filters), format: 'json' },
              'alerts.json',
            ).catch(setExportError)
          }
        >
          Export JSON
        </button>
      </div>
      {paging.notice && (
        <p role="status" className="notice">
          {paging.notice}
        </p>
      )}
      <ErrorBox error={paging.refused ? exportError : (alerts.error ?? exportError)} />
      {alerts.loading && !alerts.data && <Loading what="alerts" />}
      {alerts.data && (
        <p className="muted small" data-testid="list-range" aria-live="polite">
          {rangeLabel(paging.page, PAGE_SIZE, alerts.data.items.length, alerts.data.total, 'alerts')}
        </p>
      )}
      <table aria-busy={alerts.loading} className="list">
        <thead>
          <tr>
            <SortHeader label="Severity" sort="severity" current={filters.sort} onSort={setFilter} />
            <th scope="col">Finding</th>
            <th scope="col" className="col-low">
              Control
            </th>
            <th scope="col">Account</th>
            <th scope="col" className="col-low">
              Region
            </th>
            <th scope="col">Status</th>
            <SortHeader label="Last seen" sort="lastSeen" current={filters.sort} onSort={setFilter} />
          </tr>
        </thead>
        <tbody>
          {alerts.data?.items.map((alert) => (
            <tr key={alert.id}>
              <td>
                <SeverityBadge severity={alert.severity} />
                {alert.exposed && (
                  <span className="badge exposed" title="Internet-exposed">
                    exposed
                  </span>
                )}
              </td>
              <td>
                {/* What failed, in the control's words; the evaluator's reason is the detail below it. */}
                <a href={`#/alerts/${alert.id}`}>{titles?.get(alert.controlId) ?? alert.controlId}</a>
                <div className="small">
                  <strong>{alertResourceLabel(alert)}</strong>{' '}
                  <span className="muted">· {alert.resourceType}</span>
                </div>
                <div className="muted small" title={alert.reason}>
                  {alert.reason.length > 120 ? `${alert.reason.slice(0, 120)}…` : alert.reason}
                </div>
              </td>
              <td className="col-low">
                <a className="small" href={`#/controls/${encodeURIComponent(alert.controlId)}`}>
                  {alert.controlId}
                </a>
              </td>
              <td>{accountName(alert.accountId)}</td>
              <td className="nowrap col-low">{alert.region}</td>
              <td>
                <StatusBadge status={alert.status} />
              </td>
              <td>{formatDate(alert.lastSeenAt)}</td>
            </tr>
          ))}
          {alerts.data?.items.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No alert matches these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager
        hasPrevious={paging.hasPrevious}
        nextCursor={alerts.data?.nextCursor}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </>
  );
}

/**
 * A column header that sorts the list by it (newest/most severe first: the store's orders are descending);
 * aria-sort tells screen readers which column orders the list.
 */
function SortHeader({
  label,
  sort,
  current,
  onSort,
}: {
  label: string;
  sort: string;
  current: string | undefined;
  onSort: (name: string, value: string) => void;
}) {
  const active = current === sort;
  return (
    <th scope="col" aria-sort={active ? 'descending' : undefined}>
      <button
        type="button"
        className="sort-header"
        onClick={() => onSort('sort', active ? '' : sort)}
        title={
          active ? 'Back to the default order (exposure, then severity)' : `Sort by ${label.toLowerCase()}`
        }
      >
        {label} <span aria-hidden="true">{active ? '▼' : '↕'}</span>
      </button>
    </th>
  );
}

/** "all" is the UI's word for no status filter. */
function exportFilters(filters: Record<string, string>): Record<string, string | undefined> {
  return { ...filters, status: filters.status === 'all' ? undefined : filters.status };
}
