import { useMemo } from 'react';
import { Tabs } from '../components/Tabs';
import { api, type Page } from '../api';
import {
  ErrorBox,
  Field,
  Loading,
  Pager,
  PagingNotice,
  formatDate,
  AccountSelect,
  FilterInput,
} from '../components/common';
import { navigate, useLoad } from '../hooks';
import { rangeLabel, usePagedLoad } from '../paging';
import type { Account, Asset, Exposure } from '../types';

const PAGE_SIZE = 50;

const FILTERS = ['scope', 'search', 'type', 'class', 'account', 'region', 'tag'] as const;

export function Inventory({ params }: { params: URLSearchParams }) {
  const filters = useMemo(() => {
    const values: Record<string, string> = {};
    for (const key of FILTERS) {
      const value = params.get(key);
      if (value) values[key] = value;
    }
    values.scope = values.scope ?? 'regional';
    return values;
  }, [params]);
  const { list: assets, paging } = usePagedLoad('/inventory', params, filters, (cursor) =>
    api.get<Page<Asset & { openAlerts: number }> & { total: number }>('/assets', {
      scope: filters.scope,
      search: filters.search,
      type: filters.type,
      class: filters.class,
      account: filters.account,
      region: filters.scope === 'regional' ? filters.region : undefined,
      tag: filters.tag,
      cursor,
      limit: PAGE_SIZE,
    }),
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);
  // The type facet: the types present in this scope and account, with how many of each.
  const types = useLoad(
    () =>
      api.get<{ items: { type: string; count: number }[] }>('/assets/types', {
        scope: filters.scope,
        account: filters.account,
      }),
    [filters.scope, filters.account],
  );
  const accountName = (id: string) => accounts.data?.items.find((account) => account.id === id)?.name ?? id;

  function setFilter(name: string, value: string) {
    // A new filter starts at page 1: `filters` holds no cursor.
    navigate('/inventory', { ...filters, [name]: value || undefined });
  }

  return (
    <>
      <h1>Inventory</h1>
      <Tabs
        label="Asset scope"
        tabs={[
          { key: 'regional', label: 'Regional assets' },
          { key: 'global', label: 'Global assets' },
        ]}
        active={filters.scope === 'global' ? 'global' : 'regional'}
        onSelect={(scope) => setFilter('scope', scope)}
      />
      <form className="filters" aria-label="Filter assets" onSubmit={(event) => event.preventDefault()}>
        <Field label="Search name, id or tag">
          <FilterInput
            type="search"
            value={filters.search}
            onCommit={(value) => setFilter('search', value)}
          />
        </Field>
        <Field label="Type">
          <select value={filters.type ?? ''} onChange={(event) => setFilter('type', event.target.value)}>
            <option value="">Any</option>
            {/* A type chosen before the scope changed stays selectable, so the select never lies. */}
            {filters.type && !types.data?.items.some((item) => item.type === filters.type) && (
              <option value={filters.type}>{filters.type}</option>
            )}
            {types.data?.items.map((item) => (
              <option key={item.type} value={item.type}>
                {item.type} ({item.count.toLocaleString()})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Class">
          <FilterInput
            value={filters.class}
            placeholder="Host"
            onCommit={(value) => setFilter('class', value)}
          />
        </Field>
        <Field label="Account">
          <AccountSelect
            value={filters.account}
            accounts={accounts.data?.items}
            onChange={(value) => setFilter('account', value)}
          />
        </Field>
        {filters.scope === 'regional' && (
          <Field label="Region">
            <FilterInput
              value={filters.region}
              placeholder="eu-west-1"
              list="inventory-regions"
              onCommit={(value) => setFilter('region', value)}
            />
          </Field>
        )}
        {filters.scope === 'regional' && (
          <datalist id="inventory-regions">
            {[...new Set(accounts.data?.items.flatMap((account) => account.regions) ?? [])].map((region) => (
              <option key={region} value={region} />
            ))}
          </datalist>
        )}
        <Field label="Tag (key or key:value)">
          <FilterInput value={filters.tag} onCommit={(value) => setFilter('tag', value)} />
        </Field>
      </form>
      <PagingNotice paging={paging} />
      <ErrorBox error={paging.refused ? undefined : (assets.error ?? types.error)} />
      {assets.loading && !assets.data && <Loading what="assets" />}
      {assets.data && (
        <p className="muted small" data-testid="list-range" aria-live="polite">
          {rangeLabel(assets.page, PAGE_SIZE, assets.data.items.length, assets.data.total, 'assets')}
        </p>
      )}
      <table aria-busy={assets.loading} className="list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="col-low">
              Class
            </th>
            <th scope="col">Account</th>
            <th scope="col" className="col-low">
              Region
            </th>
            <th scope="col">Exposure</th>
            <th scope="col">Open alerts</th>
            <th scope="col" className="col-low">
              Last seen
            </th>
          </tr>
        </thead>
        <tbody>
          {assets.data?.items.map((asset) => {
            const exposure = asset.facts?.exposure as Exposure | undefined;
            return (
              <tr key={asset.key}>
                <td>
                  <a href={`#/inventory/${encodeURIComponent(asset.key)}`}>{asset.name || asset.id}</a>
                  <div className="muted small">{asset.id}</div>
                </td>
                <td>{asset.type}</td>
                <td className="col-low">{asset.class}</td>
                <td>{accountName(asset.accountId)}</td>
                <td className="nowrap col-low">{asset.region}</td>
                <td>
                  {exposure ? (
                    <span className={`badge verdict-${exposure.verdict}`}>
                      {exposure.verdict.replace('_', ' ')}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">
                  {asset.openAlerts > 0 ? (
                    <a
                      href={`#/inventory/${encodeURIComponent(asset.key)}`}
                      aria-label={`${asset.openAlerts.toLocaleString()} open alerts on ${asset.name || asset.id}`}
                    >
                      {asset.openAlerts.toLocaleString()}
                    </a>
                  ) : (
                    '0'
                  )}
                </td>
                <td className="col-low">{formatDate(asset.lastSeenAt)}</td>
              </tr>
            );
          })}
          {assets.data?.items.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No asset matches.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager paging={paging} nextCursor={assets.data?.nextCursor} />
    </>
  );
}
