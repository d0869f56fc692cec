// Attack paths: workloads the internet reaches whose role can become an administrator or read a bucket, each path
// drawn hop by hop in order (GET /attack-paths).
import { api, type Page } from '../api';
import {
  AccountSelect,
  ErrorBox,
  Field,
  Loading,
  Pager,
  PagingNotice,
  SeverityBadge,
  formatDate,
} from '../components/common';
import { navigate, useLoad } from '../hooks';
import { usePagedLoad } from '../paging';
import type { Account, AttackPathFinding, AttackPathHop } from '../types';

const END_LABEL = { admin: 'becomes administrator', data: 'reads data' } as const;
const HOP_LABEL: Record<AttackPathHop['kind'], string> = {
  internet: 'Internet',
  network: 'Network',
  workload: 'Workload',
  image: 'Vulnerable image',
  role: 'Role',
  admin: 'Administrator',
  bucket: 'Data',
};

/** One path as an ordered list: the order is the attack's, from the internet to its end. */
export function AttackPathHops({ hops, label }: { hops: AttackPathHop[]; label: string }) {
  return (
    <ol className="attack-path" aria-label={label}>
      {hops.map((hop, index) => (
        <li key={index} className={`hop hop-${hop.kind}`}>
          <span className="hop-kind">{HOP_LABEL[hop.kind]}</span>
          <span className="hop-label">{hop.label}</span>
          {hop.id && hop.id !== hop.label && <code className="hop-id">{hop.id}</code>}
        </li>
      ))}
    </ol>
  );
}

export function AttackPaths({ params }: { params: URLSearchParams }) {
  const account = params.get('account') ?? undefined;
  const endParam = params.get('end');
  const end = endParam === 'admin' || endParam === 'data' ? endParam : undefined;
  const { list: paths, paging } = usePagedLoad('/attack-paths', params, { account, end }, (cursor) =>
    api.get<Page<AttackPathFinding>>('/attack-paths', { account, end, cursor, limit: 25 }),
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);
  // A new filter starts at page 1: the query holds no cursor.
  const setFilter = (name: string, value: string) => {
    navigate('/attack-paths', { account, end, [name]: value || undefined });
  };

  return (
    <>
      <h1>Attack paths</h1>
      <p className="muted">
        Workloads the internet reaches whose role can become an administrator of the account or read a
        bucket's objects, hop by hop. Each path is the evidence of an alert of attack_path_internet_to_admin
        or attack_path_internet_to_sensitive_data.
      </p>
      <form className="filters" aria-label="Filter attack paths" onSubmit={(event) => event.preventDefault()}>
        <Field label="Ends at">
          <select value={end ?? ''} onChange={(event) => setFilter('end', event.target.value)}>
            <option value="">Administrator or data</option>
            <option value="admin">Administrator</option>
            <option value="data">Data</option>
          </select>
        </Field>
        <Field label="Account">
          <AccountSelect
            value={account}
            accounts={accounts.data?.items}
            onChange={(value) => setFilter('account', value)}
          />
        </Field>
      </form>
      <PagingNotice paging={paging} />
      <ErrorBox error={paging.refused ? undefined : paths.error} />
      {!paths.data && !paths.error && <Loading what="attack paths" />}
      {paths.data?.items.length === 0 && (
        <p className="muted">
          No attack path: no workload reachable from the internet holds a role that gets further.
        </p>
      )}
      <ul className="attack-paths">
        {paths.data?.items.map((item) => (
          <li key={`${item.controlId} ${item.accountId} ${item.assetId}`} className="card">
            <h2>
              <SeverityBadge severity={item.severity} />{' '}
              {item.assetKey ? (
                <a href={`#/inventory/${encodeURIComponent(item.assetKey)}`}>
                  {item.assetName ?? item.assetId}
                </a>
              ) : (
                (item.assetName ?? item.assetId)
              )}{' '}
              {END_LABEL[item.end]}
            </h2>
            <p>{item.reason}</p>
            {item.paths.map((path, index) => (
              <AttackPathHops
                key={index}
                hops={path.hops}
                label={`Path ${index + 1} of ${item.paths.length}: ${path.summary}`}
              />
            ))}
            <p className="muted">
              {item.region} · evaluated {formatDate(item.evaluatedAt)} ·{' '}
              <a href={`#/alerts?control=${item.controlId}`}>alerts of this control</a>
            </p>
          </li>
        ))}
      </ul>
      <Pager paging={paging} nextCursor={paths.data?.nextCursor} />
    </>
  );
}
