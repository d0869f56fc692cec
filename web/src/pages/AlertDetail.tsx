import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorBox, Field, Loading, SeverityBadge, StatusBadge, formatDate } from '../components/common';
import { Remediation } from '../components/Remediation';
import { useLoad } from '../hooks';
import type { Alert, Control, Me } from '../types';

export function AlertDetail({ id, me }: { id: string; me: Me }) {
  const alert = useLoad(() => api.get<Alert>(`/alerts/${encodeURIComponent(id)}`), [id]);
  const control = useLoad(
    () =>
      alert.data
        ? api.get<Control>(`/controls/${encodeURIComponent(alert.data.controlId)}`)
        : Promise.resolve(undefined),
    [alert.data?.controlId],
  );
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (alert.error) return <ErrorBox error={alert.error} />;
  if (!alert.data) return <Loading what="alert" />;
  const data = alert.data;

  async function suppress(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/alerts/${encodeURIComponent(id)}/suppress`, {
        justification,
        expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
      });
      setJustification('');
      alert.reload();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  async function unsuppress() {
    if (!data.suppressionId) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/suppressions/${encodeURIComponent(data.suppressionId)}`);
      alert.reload();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <a href="#/alerts">← Alerts</a>
      </p>
      <h1>{control.data?.title ?? data.controlId}</h1>
      <p>
        <SeverityBadge severity={data.severity} /> <StatusBadge status={data.status} />
        {data.exposed && <span className="badge exposed">internet-exposed</span>}
      </p>
      <dl className="facts">
        <dt>Finding</dt>
        <dd>{data.reason}</dd>
        <dt>Resource</dt>
        <dd>
          {data.assetKey ? (
            <a href={`#/inventory/${encodeURIComponent(data.assetKey)}`}>{data.assetId}</a>
          ) : (
            data.assetId
          )}{' '}
          <span className="muted">
            ({data.resourceType}, {data.region})
          </span>
        </dd>
        <dt>Control</dt>
        <dd>
          <a href={`#/controls/${encodeURIComponent(data.controlId)}`}>{data.controlId}</a>
        </dd>
        <dt>First seen</dt>
        <dd>{formatDate(data.firstSeenAt)}</dd>
        <dt>Last seen</dt>
        <dd>{formatDate(data.lastSeenAt)}</dd>
        {data.resolvedAt && (
          <>
            <dt>Resolved</dt>
            <dd>{formatDate(data.resolvedAt)}</dd>
          </>
        )}
      </dl>
      <h2>Evidence</h2>
      <ul className="evidence">
        {data.evidence.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      {control.data?.rationale && (
        <>
          <h2>Why it matters</h2>
          <p>{control.data.rationale}</p>
        </>
      )}
      {control.data?.remediation && <Remediation remediation={control.data.remediation} />}
      <h2>Suppression</h2>
      <ErrorBox error={error} />
      {data.status === 'suppressed' ? (
        <p>
          This alert is suppressed.{' '}
          <button type="button" onClick={unsuppress} disabled={busy}>
            Undo suppression
          </button>
        </p>
      ) : data.status === 'open' ? (
        <form onSubmit={suppress} className="stack" aria-label="Suppress alert">
          <Field label="Justification" hint={`Recorded with your name (${me.name}) in the alert history.`}>
            <textarea
              value={justification}
              onChange={(event) => setJustification(event.target.value)}
              required
              minLength={3}
              rows={3}
            />
          </Field>
          <Field label="Expires (optional)">
            <input type="date" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
          </Field>
          <button type="submit" disabled={busy || justification.trim().length < 3}>
            Suppress
          </button>
        </form>
      ) : (
        <p className="muted">Only open alerts can be suppressed.</p>
      )}
      <h2>History</h2>
      <ol className="history">
        {data.history.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{formatDate(entry.at)}</time> —{' '}
            <strong>{entry.event.replace(/_/g, ' ')}</strong>
            {entry.detail && <span className="muted"> ({entry.detail})</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
