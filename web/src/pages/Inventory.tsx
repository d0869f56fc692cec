import { useMemo } from 'react';
import { Tabs } from '../components/Tabs';
import { api, type Page } from '../api';
import {
  ErrorBox,
  Field,
  Loading,
  Pager,
  formatDate,
  useCursorStack,
  AccountSelect,
  FilterInput,
} from '../components/common';
import { navigate, useLoad } from '../hooks';
import type { Account, Asset, Exposure } from '../types';

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
  const paging = useCursorStack();
  const key = JSON.stringify(filters);
  const assets = useLoad(
    () =>
      api.get<Page<Asset>>('/assets', {
        scope: filters.scope,
        search: filters.search,
        type: filters.type,
        class: filters.class,
        account: filters.account,
        region: filters.scope === 'regional' ? filters.region : undefined,
        tag: filters.tag,
        cursor: paging.cursor,
        limit: 50,
      }),
    [key, paging.cursor],
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);

  function setFilter(name: string, value: string) {
    paging.reset();
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
          <FilterInput
            value={filters.type}
            placeholder="aws_ec2_instance"
            onCommit={(value) => setFilter('type', value)}
          />
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
      <ErrorBox error={assets.error} />
      {assets.loading && !assets.data && <Loading what="assets" />}
      <table aria-busy={assets.loading}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Class</th>
            <th scope="col">Region</th>
            <th scope="col">Exposure</th>
            <th scope="col">Last seen</th>
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
                <td>{asset.class}</td>
                <td className="nowrap">{asset.region}</td>
                <td>
                  {exposure ? (
                    <span className={`badge verdict-${exposure.verdict}`}>
                      {exposure.verdict.replace('_', ' ')}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{formatDate(asset.lastSeenAt)}</td>
              </tr>
            );
          })}
          {assets.data?.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No asset matches.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <Pager
        hasPrevious={paging.hasPrevious}
        nextCursor={assets.data?.nextCursor}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </>
  );
}
