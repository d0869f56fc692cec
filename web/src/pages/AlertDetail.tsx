import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorBox, Field, Loading, SeverityBadge, StatusBadge, formatDate } from '../components/common';
import { Evidence } from '../components/Evidence';
import { AttackPathHops } from './AttackPaths';
import { References } from '../components/References';
import { Remediation } from '../components/Remediation';
import { useLoad } from '../hooks';
import type { Alert, AlertRemediation, Control, Me } from '../types';

export function AlertDetail({ id, me }: { id: string; me: Me }) {
  const alert = useLoad(() => api.get<Alert>(`/alerts/${encodeURIComponent(id)}`), [id]);
  const control = useLoad(
    () =>
      alert.data
        ? api.get<Control>(`/controls/${encodeURIComponent(alert.data.controlId)}`)
        : Promise.resolve(undefined),
    [alert.data?.controlId],
  );
  // The remediation filled with this alert's resource (bucket name, group id, ...), not the template.
  const filled = useLoad(
    () => api.get<AlertRemediation>('/reports/alert/remediation', { id }).catch(() => undefined),
    [id],
  );
  // Who suppressed it, why and until when: the rule behind a suppressed alert.
  const suppression = useLoad(
    () =>
      alert.data?.suppressionId
        ? api.get<Suppression>(`/suppressions/${encodeURIComponent(alert.data.suppressionId)}`)
        : Promise.resolve(undefined),
    [alert.data?.suppressionId],
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
    setError(undefined);
    // A date means "through that day" in the user's time zone.
    const expires = expiresAt ? new Date(`${expiresAt}T23:59:59`) : undefined;
    if (expires && !(expires.getTime() > Date.now())) {
      setError(new Error('The expiry date must be today or later (or leave it empty: no expiry).'));
      return;
    }
    setBusy(true);
    try {
      await api.post(`/alerts/${encodeURIComponent(id)}/suppress`, {
        justification: justification.trim(),
        expiresAt: expires?.toISOString(),
      });
      setJustification('');
      setExpiresAt('');
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
            <a href={`#/inventory/${encodeURIComponent(data.assetKey)}`}>
              {data.assetName ? `${data.assetName} · ` : ''}
              {data.assetId}
            </a>
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
      <Evidence reason={data.reason} evidence={data.evidence} trace={data.trace ?? []} />
      {data.attackPaths && data.attackPaths.length > 0 && (
        <>
          <h2>Attack path</h2>
          {data.attackPaths.map((path, index) => (
            <AttackPathHops key={index} hops={path.hops} label={`Attack path: ${path.summary}`} />
          ))}
        </>
      )}
      {control.data?.rationale && (
        <>
          <h2>Why it matters</h2>
          <p>{control.data.rationale}</p>
        </>
      )}
      {(filled.data?.remediation ?? control.data?.remediation) && (
        <Remediation remediation={(filled.data?.remediation ?? control.data?.remediation)!} />
      )}
      <References urls={filled.data?.references ?? control.data?.references ?? []} />
      <h2>Suppression</h2>
      <ErrorBox error={error} />
      {data.status === 'suppressed' ? (
        <>
          <p>
            This alert is suppressed.{' '}
            <button type="button" onClick={unsuppress} disabled={busy}>
              Undo suppression
            </button>
          </p>
          {suppression.data && (
            <dl className="facts">
              <dt>Justification</dt>
              <dd>{suppression.data.justification}</dd>
              <dt>By</dt>
              <dd>
                {suppression.data.author}, {formatDate(suppression.data.createdAt)}
              </dd>
              <dt>Expires</dt>
              <dd>{suppression.data.expiresAt ? formatDate(suppression.data.expiresAt) : 'never'}</dd>
            </dl>
          )}
        </>
      ) : data.status === 'open' ? (
        <form onSubmit={suppress} className="stack" aria-label="Suppress alert" noValidate>
          <Field
            label="Justification"
            hint={`Why this risk is accepted (at least 3 characters). Recorded with your name (${me.name}) in the alert history.`}
          >
            <textarea
              value={justification}
              onChange={(event) => setJustification(event.target.value)}
              required
              minLength={3}
              rows={3}
            />
          </Field>
          <Field label="Expires (optional)" hint="The alert reopens after this day if it still fails.">
            <input
              type="date"
              value={expiresAt}
              min={localDate(new Date())}
              onChange={(event) => setExpiresAt(event.target.value)}
            />
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

interface Suppression {
  id: string;
  justification: string;
  author: string;
  expiresAt: string | null;
  createdAt: string;
}

/** yyyy-mm-dd in the user's time zone, as <input type="date"> wants it. */
function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
