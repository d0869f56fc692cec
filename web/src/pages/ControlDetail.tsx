import { api, type Page } from '../api';
import { ErrorBox, Loading, SeverityBadge, alertResourceLabel } from '../components/common';
import { References } from '../components/References';
import { Remediation } from '../components/Remediation';
import { useLoad } from '../hooks';
import type { Alert, Control } from '../types';

export function ControlDetail({ id }: { id: string }) {
  const control = useLoad(() => api.get<Control>(`/controls/${encodeURIComponent(id)}`), [id]);
  const failing = useLoad(
    () => api.get<Page<Alert>>('/alerts', { control: id, status: 'open', limit: 50 }),
    [id],
  );
  if (control.error) return <ErrorBox error={control.error} />;
  if (!control.data) return <Loading what="control" />;
  const data = control.data;
  return (
    <>
      <p>
        <a
          href="#/alerts"
          onClick={(event) => {
            // Reached from the overview, a framework or an alert: go back to wherever that was.
            if (window.history.length > 1) {
              event.preventDefault();
              window.history.back();
            }
          }}
        >
          ← Back
        </a>
      </p>
      <h1>{data.title}</h1>
      <p>
        <SeverityBadge severity={data.severity} /> <code>{data.id}</code> · {data.resourceTypes.join(', ')}
      </p>
      {data.counts && (
        <p>
          {data.counts.pass} passing, {data.counts.fail} failing, {data.counts.notApplicable} not applicable,{' '}
          {data.counts.error} could not be evaluated
        </p>
      )}
      {data.frameworks && data.frameworks.length > 0 && (
        <p>
          Required by:{' '}
          {data.frameworks.flatMap((item) =>
            item.requirements.map((requirement) => (
              <a
                key={item.id + requirement}
                className="chip"
                href={`#/frameworks/${encodeURIComponent(item.id)}`}
              >
                {item.id} {requirement}
              </a>
            )),
          )}
        </p>
      )}
      {data.rationale && (
        <>
          <h2>Rationale</h2>
          <p>{data.rationale}</p>
        </>
      )}
      {data.remediation && <Remediation remediation={data.remediation} />}
      <References urls={data.references ?? []} />
      <h2>Failing assets</h2>
      <ErrorBox error={failing.error} />
      <ul className="plain">
        {failing.data?.items.map((alert) => (
          <li key={alert.id}>
            <a href={`#/alerts/${alert.id}`}>{alertResourceLabel(alert)}</a>{' '}
            <span className="muted small">
              {alert.assetId} · {alert.region}
            </span>
            <div className="muted small">{alert.reason}</div>
          </li>
        ))}
        {failing.data?.items.length === 0 && <li className="muted">None.</li>}
      </ul>
      {Boolean(data.errors?.items.length) && (
        <>
          <h2>Could not be evaluated</h2>
          <p className="muted small">
            Neither passing nor failing: the data needed was missing or unreadable. Fix the cause (often the
            account&apos;s last sync) and the next evaluation judges them.
          </p>
          <ul className="plain">
            {data.errors?.items.map((result) => (
              <li key={result.accountId + result.assetId}>
                <strong>{result.assetId.split(/[:/]/).pop()}</strong>{' '}
                <span className="muted small">
                  {result.assetId} · {result.region}
                </span>
                <div className="small">{result.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
