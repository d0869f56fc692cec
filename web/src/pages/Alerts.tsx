import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, download, type Page } from '../api';
import {
  ErrorBox,
  Field,
  Loading,
  Pager,
  PagingNotice,
  SeverityBadge,
  StatusBadge,
  formatDate,
  AccountSelect,
  FilterInput,
  alertResourceLabel,
} from '../components/common';
import { navigate, useControlTitles, useLoad } from '../hooks';
import { rangeLabel, usePagedLoad } from '../paging';
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
  'asset',
  'sort',
  'group',
] as const;

interface AlertGroup {
  key: string;
  accountId: string | null;
  resourceType: string | null;
  count: number;
  severity: Alert['severity'];
  exposed: boolean;
}

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
  const { group, ...listFilters } = filters;
  const query = { ...listFilters, status: filters.status === 'all' ? undefined : filters.status };
  const key = JSON.stringify(filters);
  const { list: alerts, paging } = usePagedLoad('/alerts', params, filters, (cursor) =>
    group
      ? Promise.resolve(undefined)
      : api.get<Page<Alert> & { total: number }>('/alerts', { ...query, cursor, limit: PAGE_SIZE }),
  );
  const groups = useLoad(
    () =>
      group
        ? api.get<{ items: AlertGroup[] }>('/alerts/groups', { ...query, sort: undefined, by: group })
        : Promise.resolve(undefined),
    [key],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkDone, setBulkDone] = useState<string | null>(null);
  useEffect(() => setSelected(new Set()), [key, paging.cursor]);
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
        {filters.asset && (
          <Field label="Asset id">
            <FilterInput value={filters.asset} onCommit={(value) => setFilter('asset', value)} />
          </Field>
        )}
        <Field label="Group by">
          <select value={filters.group ?? ''} onChange={(event) => setFilter('group', event.target.value)}>
            <option value="">No grouping</option>
            <option value="control">Control</option>
            <option value="asset">Asset</option>
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
      <PagingNotice paging={paging} />
      <ErrorBox error={paging.refused ? exportError : (alerts.error ?? exportError)} />
      {alerts.loading && !alerts.data && <Loading what="alerts" />}
      {group && (
        <>
          <ErrorBox error={groups.error} />
          {groups.loading && !groups.data && <Loading what="groups" />}
          {groups.data && (
            <p className="muted small" data-testid="group-count" aria-live="polite">
              {groups.data.items.length.toLocaleString()} {group === 'control' ? 'controls' : 'assets'} with{' '}
              {groups.data.items.reduce((sum, item) => sum + item.count, 0).toLocaleString()} alerts
              {groups.data.items.length === 200 ? ' (the 200 most urgent groups)' : ''}
            </p>
          )}
          <table aria-busy={groups.loading} className="list" data-testid="alert-groups">
            <thead>
              <tr>
                <th scope="col">{group === 'control' ? 'Control' : 'Asset'}</th>
                {group === 'asset' && <th scope="col">Account</th>}
                <th scope="col">Highest severity</th>
                <th scope="col" className="num">
                  Alerts
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.data?.items.map((item) => (
                <tr key={`${item.accountId ?? ''}/${item.key}`}>
                  <td>
                    <a
                      href={groupHref(filters, group, item)}
                      title={group === 'control' ? 'Show these alerts' : 'Show the alerts of this asset'}
                    >
                      {group === 'control' ? (titles?.get(item.key) ?? item.key) : item.key}
                    </a>
                    <div className="muted small">{group === 'control' ? item.key : item.resourceType}</div>
                  </td>
                  {group === 'asset' && <td>{accountName(item.accountId ?? '')}</td>}
                  <td>
                    <SeverityBadge severity={item.severity} />
                    {item.exposed && <span className="badge exposed">exposed</span>}
                  </td>
                  <td className="num">{item.count.toLocaleString()}</td>
                </tr>
              ))}
              {groups.data?.items.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    No alert matches these filters.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
      {!group && (
        <>
          {alerts.data && (
            <p className="muted small" data-testid="list-range" aria-live="polite">
              {rangeLabel(alerts.page, PAGE_SIZE, alerts.data.items.length, alerts.data.total, 'alerts')}
            </p>
          )}
          {alerts.data && selectable(alerts.data.items).length > 0 && (
            <BulkSuppress
              ids={[...selected]}
              onDone={(message) => {
                setBulkDone(message);
                setSelected(new Set());
                alerts.reload();
              }}
            />
          )}
          {bulkDone && (
            <p role="status" className="ok">
              {bulkDone}
            </p>
          )}
          <table aria-busy={alerts.loading} className="list">
            <thead>
              <tr>
                <th scope="col" className="select-col">
                  <input
                    type="checkbox"
                    aria-label="Select every open alert on this page"
                    disabled={!alerts.data || selectable(alerts.data.items).length === 0}
                    checked={
                      Boolean(alerts.data) &&
                      selectable(alerts.data?.items ?? []).length > 0 &&
                      selectable(alerts.data?.items ?? []).every((alert) => selected.has(alert.id))
                    }
                    onChange={(event) =>
                      setSelected(
                        new Set(
                          event.target.checked ? selectable(alerts.data?.items ?? []).map((a) => a.id) : [],
                        ),
                      )
                    }
                  />
                </th>
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
                  <td className="select-col">
                    {alert.status === 'open' && (
                      <input
                        type="checkbox"
                        aria-label={`Select ${titles?.get(alert.controlId) ?? alert.controlId} on ${alertResourceLabel(alert)}`}
                        checked={selected.has(alert.id)}
                        onChange={(event) => {
                          const next = new Set(selected);
                          if (event.target.checked) next.add(alert.id);
                          else next.delete(alert.id);
                          setSelected(next);
                        }}
                      />
                    )}
                  </td>
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
                  <td colSpan={8} className="muted">
                    No alert matches these filters.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <Pager paging={paging} nextCursor={alerts.data?.nextCursor} />
        </>
      )}
    </>
  );
}

/** Only open alerts can be suppressed. */
function selectable(alerts: Alert[]): Alert[] {
  return alerts.filter((alert) => alert.status === 'open');
}

/** A group's alerts: the list filtered to that control or that asset, ungrouped. */
function groupHref(filters: Record<string, string>, group: string, item: AlertGroup): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value && name !== 'group') params.set(name, value);
  if (group === 'control') params.set('control', item.key);
  else {
    params.set('asset', item.key);
    if (item.accountId) params.set('account', item.accountId);
  }
  return `#/alerts?${params}`;
}

/** Suppress the selected alerts as one accepted risk: the same justification and expiry on each. */
function BulkSuppress({ ids, onDone }: { ids: string[]; onDone: (message: string) => void }) {
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    let done = 0;
    try {
      const expires = expiresAt ? new Date(`${expiresAt}T23:59:59`).toISOString() : undefined;
      for (const id of ids) {
        await api.post(`/alerts/${encodeURIComponent(id)}/suppress`, {
          justification: justification.trim(),
          expiresAt: expires,
        });
        done += 1;
      }
      setJustification('');
      onDone(`Suppressed ${done.toLocaleString()} alert${done === 1 ? '' : 's'} as accepted risk.`);
    } catch (problem) {
      setError(problem);
      if (done > 0) onDone(`Suppressed ${done} of ${ids.length} alerts before an error.`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="filters bulk" aria-label="Suppress the selected alerts" onSubmit={submit}>
      <Field label="Justification for the selected alerts">
        <input
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          minLength={3}
          required
        />
      </Field>
      <Field label="Expires (optional)">
        <input type="date" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
      </Field>
      <button type="submit" disabled={busy || ids.length === 0 || justification.trim().length < 3}>
        Suppress {ids.length.toLocaleString()} selected
      </button>
      <ErrorBox error={error} />
    </form>
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
  // The export is the ungrouped list.
  return { ...filters, group: undefined, status: filters.status === 'all' ? undefined : filters.status };
}
