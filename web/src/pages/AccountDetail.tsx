import { useCallback, useState, type FormEvent } from 'react';
import { api, type Page } from '../api';
import { ErrorBox, Field, Loading, ProgressBar, StatusBadge, formatDate } from '../components/common';
import { RegionPicker, partitionOf } from '../components/RegionPicker';
import { navigate, useInterval, useLoad } from '../hooks';
import type { Account, Me, Sync } from '../types';
import { externalIdError, roleArnError } from '../validation';

export function AccountDetail({ id, me }: { id: string; me: Me; tab?: string }) {
  const account = useLoad(() => api.get<Account>(`/accounts/${id}`), [id]);
  const syncs = useLoad(() => api.get<Page<Sync>>(`/accounts/${id}/syncs`, { limit: 10 }), [id]);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const running = syncs.data?.items.find((sync) => sync.status === 'running' || sync.status === 'queued');
  const refresh = useCallback(() => {
    account.reload();
    syncs.reload();
  }, [account, syncs]);
  useInterval(refresh, 1500, Boolean(running));

  if (account.error) return <ErrorBox error={account.error} />;
  if (!account.data) return <Loading what="account" />;
  const data = account.data;
  const admin = me.role === 'admin';

  /** Runs an admin action and says what happened (or why it failed). */
  async function act(action: () => Promise<unknown>, done: string | ((result: unknown) => string)) {
    setError(undefined);
    setMessage(undefined);
    try {
      const result = await action();
      setMessage(typeof done === 'string' ? done : done(result));
      refresh();
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <>
      <p>
        <a href="#/accounts">← Accounts</a>
      </p>
      <h1>
        {data.name} <StatusBadge status={data.status} />
      </h1>
      <p className="muted">
        AWS account {data.awsAccountId} · role <code>{data.roleArn}</code> · {data.regions.length} region
        {data.regions.length === 1 ? '' : 's'}
      </p>
      <p>
        <a href={`#/alerts?account=${data.id}`}>Open alerts of this account</a> ·{' '}
        <a href={`#/inventory?account=${data.id}`}>Its inventory</a>
      </p>
      <ErrorBox error={error} />
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {admin && (
        <div className="toolbar">
          <button
            type="button"
            disabled={Boolean(running) || data.status === 'disabled'}
            onClick={() => act(() => api.post(`/accounts/${id}/sync`), 'Sync started.')}
          >
            {running ? 'Sync running…' : 'Sync now'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              act(
                () => api.post(`/accounts/${id}/test-connection`).then(connectionMessage),
                (result) => `Connected as ${(result as { callerArn?: string }).callerArn ?? 'the role'}.`,
              )
            }
          >
            Test connection
          </button>
          {data.status === 'enabled' ? (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                act(
                  () => api.post(`/accounts/${id}/disable`),
                  'Account disabled: no sync or evaluation until enabled.',
                )
              }
            >
              Disable
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => act(() => api.post(`/accounts/${id}/enable`), 'Account enabled.')}
            >
              Enable
            </button>
          )}
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (
                window.confirm(
                  `Delete ${data.name}? Its assets, alerts and history are removed from Cloudward.`,
                )
              ) {
                // Not through act(): it reloads the account, which is gone.
                setError(undefined);
                api.delete(`/accounts/${id}`).then(() => navigate('/accounts'), setError);
              }
            }}
          >
            Delete
          </button>
        </div>
      )}
      {running && (
        <section aria-labelledby="running">
          <h2 id="running">Sync in progress</h2>
          <ProgressBar done={running.progress.done} total={running.progress.total} label="Sync progress" />
          {running.progress.current && <p className="muted small">Reading {running.progress.current}…</p>}
        </section>
      )}
      <h2>Recent syncs</h2>
      <ErrorBox error={syncs.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Took</th>
            <th scope="col">Assets</th>
            <th scope="col">Status</th>
            <th scope="col">Failures</th>
          </tr>
        </thead>
        <tbody>
          {syncs.data?.items.map((sync) => (
            <tr key={sync.id}>
              <td>{formatDate(sync.startedAt)}</td>
              <td>{duration(sync.startedAt, sync.finishedAt)}</td>
              <td>{sync.services.reduce((total, service) => total + (service.assetCount ?? 0), 0)}</td>
              <td>
                <StatusBadge status={sync.status} />
              </td>
              <td>
                {sync.services
                  .filter((service) => service.status === 'failed')
                  .map((service) => (
                    <div key={service.service + service.region} className="small">
                      {service.service} in {service.region}: <code>{service.errorCode}</code>{' '}
                      {service.errorMessage}
                    </div>
                  ))}
                {sync.error && <div className="small">{sync.error}</div>}
              </td>
            </tr>
          ))}
          {syncs.data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Never synced.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {admin && <Configure account={data} onSaved={refresh} />}
    </>
  );
}

function connectionMessage(result: unknown) {
  const value = result as { ok: boolean; callerArn?: string; errorCode?: string; message?: string };
  if (!value.ok) throw new Error(`Connection failed: ${value.errorCode}: ${value.message}`);
  return value;
}

function Configure({ account, onSaved }: { account: Account; onSaved: () => void }) {
  const [name, setName] = useState(account.name);
  const [roleArn, setRoleArn] = useState(account.roleArn);
  const [externalId, setExternalId] = useState(account.externalId ?? '');
  const [regions, setRegions] = useState<string[]>(account.regions);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const removed = account.regions.filter((region) => !regions.includes(region));
  const arnProblem = roleArnError(roleArn, account.awsAccountId);
  const externalIdChanged = externalId !== (account.externalId ?? '');
  const externalIdProblem = externalIdChanged && externalId ? externalIdError(externalId) : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (
      removed.length &&
      !window.confirm(
        `Remove ${removed.join(', ')}? All assets and alerts of ${removed.length === 1 ? 'that region' : 'those regions'} are deleted from Cloudward.`,
      )
    )
      return;
    setError(undefined);
    setSaved(false);
    try {
      const patch: Record<string, unknown> = { name, roleArn, regions };
      if (externalId && externalId !== account.externalId) patch.externalId = externalId;
      await api.patch(`/accounts/${account.id}`, patch);
      setSaved(true);
      onSaved();
    } catch (problem) {
      setError(problem);
    }
  }

  return (
    <section aria-labelledby="configure">
      <h2 id="configure">Configure</h2>
      <form onSubmit={save} className="stack">
        <Field label="Name">
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </Field>
        <Field label="Role ARN" error={arnProblem}>
          <input value={roleArn} onChange={(event) => setRoleArn(event.target.value.trim())} required />
        </Field>
        <Field
          label="External ID"
          hint="Change it only together with the role's trust policy."
          error={externalIdProblem}
        >
          <input value={externalId} onChange={(event) => setExternalId(event.target.value)} />
        </Field>
        <RegionPicker value={regions} onChange={setRegions} partition={partitionOf(account.roleArn)} />
        <ErrorBox error={error} />
        {saved && (
          <p role="status" className="ok">
            Saved.
          </p>
        )}
        <button
          type="submit"
          disabled={!name.trim() || Boolean(arnProblem) || Boolean(externalIdProblem) || regions.length === 0}
        >
          Save
        </button>
        {regions.length === 0 && <p className="muted small">Choose at least one region.</p>}
      </form>
    </section>
  );
}

function duration(start: string, end: string | null): string {
  if (!end) return '—';
  const seconds = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
