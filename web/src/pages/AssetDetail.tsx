import { api } from '../api';
import { ErrorBox, Loading, SeverityBadge, formatDate } from '../components/common';
import { useControlTitles, useLoad } from '../hooks';
import { createChunk, deferredComponent } from '../lazy';
import type { Account, Alert, Asset, Exposure, Neighbourhood } from '../types';
import type { Page } from '../api';

// React Flow (~160 KB) is a chunk of its own that starts loading with this page, beside its API calls.
const graph = createChunk(() => import('../components/RelationshipGraph'));
graph.preload();
const RelationshipGraph = deferredComponent(graph, 'RelationshipGraph', <Loading what="graph" />);

export function AssetDetail({ assetKey }: { assetKey: string }) {
  const path = `/assets/${encodeURIComponent(assetKey)}`;
  const asset = useLoad(() => api.get<Asset>(path), [assetKey]);
  // Bounded on the server: two hops, at most 150 nodes, however many neighbours the asset has.
  const relationships = useLoad(
    () => api.get<Neighbourhood>(`${path}/neighbourhood`, { hops: 2, limit: 150 }),
    [assetKey],
  );
  const alerts = useLoad(
    () => api.get<Page<Alert>>('/reports/asset/alerts', { key: assetKey, status: 'open', limit: 100 }),
    [assetKey],
  );
  const titles = useControlTitles();
  // Every check on this asset, not only the failing ones: what passed matters to an auditor too.
  const results = useLoad(
    () =>
      api.get<Page<{ controlId: string; status: string; reason: string }>>(`${path}/findings`, {
        limit: 500,
      }),
    [assetKey],
  );
  const account = useLoad(
    () =>
      asset.data
        ? api.get<Account>(`/accounts/${encodeURIComponent(asset.data.accountId)}`)
        : Promise.resolve(undefined),
    [asset.data?.accountId],
  );
  if (asset.error) return <ErrorBox error={asset.error} />;
  if (!asset.data) return <Loading what="asset" />;
  const data = asset.data;
  const exposure = data.facts?.exposure as Exposure | undefined;
  return (
    <>
      <p>
        <a href="#/inventory">← Inventory</a>
      </p>
      <h1>{data.name || data.id}</h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{data.id}</code>
        </dd>
        <dt>Type</dt>
        <dd>
          {data.type} ({data.class})
        </dd>
        <dt>Account</dt>
        <dd>
          <a href={`#/accounts/${encodeURIComponent(data.accountId)}`}>
            {account.data?.name ?? data.accountId}
          </a>{' '}
          <span className="muted">{data.awsAccountId}</span>
        </dd>
        <dt>Region</dt>
        <dd>{data.region}</dd>
        <dt>First / last seen</dt>
        <dd>
          {formatDate(data.firstSeenAt)} / {formatDate(data.lastSeenAt)}
        </dd>
        {data.deletedAt && (
          <>
            <dt>Deleted</dt>
            <dd>{formatDate(data.deletedAt)}</dd>
          </>
        )}
        {Object.keys(data.tags ?? {}).length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              {Object.entries(data.tags).map(([key, value]) => (
                <span key={key} className="chip">
                  {key}={value}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {data.readErrors && Object.keys(data.readErrors).length > 0 && (
        <p className="error">
          Could not read:{' '}
          {Object.entries(data.readErrors)
            .map(([key, code]) => `${key} (${code})`)
            .join(', ')}
          . Checks that need it cannot be judged.
        </p>
      )}
      {exposure && (
        <section aria-labelledby="exposure">
          <h2 id="exposure">
            Internet exposure:{' '}
            <span className={`badge verdict-${exposure.verdict}`}>{exposure.verdict.replace('_', ' ')}</span>
          </h2>
          {exposure.ports && exposure.ports.length > 0 && (
            <p>
              Ports:{' '}
              {exposure.ports
                .map(
                  (port) =>
                    `${port.protocol} ${port.from === port.to ? port.from : `${port.from}-${port.to}`}`,
                )
                .join(', ')}
            </p>
          )}
          <ul className="evidence">
            {exposure.evidence?.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      <h2>Open alerts</h2>
      <ErrorBox error={alerts.error} />
      <ul className="plain">
        {alerts.data?.items.map((alert) => (
          <li key={alert.id}>
            <SeverityBadge severity={alert.severity} />{' '}
            <a href={`#/alerts/${alert.id}`}>{titles?.get(alert.controlId) ?? alert.controlId}</a>
            <div className="muted small">{alert.reason}</div>
          </li>
        ))}
        {alerts.data?.items.length === 0 && <li className="muted">None.</li>}
      </ul>
      {results.data && results.data.items.length > 0 && (
        <section aria-labelledby="checks">
          <h2 id="checks">All checks</h2>
          <p>
            {(['fail', 'pass', 'not_applicable', 'error'] as const)
              .map((status) => {
                const count = results.data!.items.filter((result) => result.status === status).length;
                return `${count} ${CHECK_LABELS[status]}`;
              })
              .join(' · ')}
          </p>
          <details>
            <summary>Show every check</summary>
            <ul className="plain small">
              {results.data.items
                .slice()
                .sort((a, b) => CHECK_ORDER.indexOf(a.status) - CHECK_ORDER.indexOf(b.status))
                .map((result) => (
                  <li key={result.controlId}>
                    <span className={`badge status-${result.status}`}>{CHECK_LABELS[result.status]}</span>{' '}
                    <a href={`#/controls/${encodeURIComponent(result.controlId)}`}>
                      {titles?.get(result.controlId) ?? result.controlId}
                    </a>
                    <div className="muted">{result.reason}</div>
                  </li>
                ))}
            </ul>
          </details>
        </section>
      )}
      <h2>Relationships</h2>
      <ErrorBox error={relationships.error} />
      {relationships.data && (
        <RelationshipGraph
          graph={relationships.data}
          exposurePaths={exposure?.verdict === 'exposed' ? exposure.paths : undefined}
          onOpen={(key) => {
            window.location.hash = `#/inventory/${encodeURIComponent(key)}`;
          }}
        />
      )}
      <h2>Configuration</h2>
      <pre className="config" tabIndex={0}>
        {JSON.stringify(data.config, null, 2)}
      </pre>
    </>
  );
}

const CHECK_ORDER = ['fail', 'error', 'pass', 'not_applicable'];
const CHECK_LABELS: Record<string, string> = {
  fail: 'failing',
  pass: 'passing',
  not_applicable: 'not applicable',
  error: 'could not be evaluated',
};
