// Who did what: the audit log, paged, with people and targets by name.
import { api, type Page } from '../api';
import { ErrorBox, Loading, Pager, PagingNotice, formatDate } from '../components/common';
import { usePagedLoad } from '../paging';

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
}

const PAGE_SIZE = 50;

const ACTIONS: Record<string, string> = {
  'account.create': 'connected account',
  'account.update': 'changed account',
  'account.delete': 'removed account',
  'account.enable': 'enabled account',
  'account.disable': 'disabled account',
  'account.sync': 'started a sync of',
  'account.test-connection': 'tested the connection of',
  'token.create': 'created token',
  'token.revoke': 'revoked token',
  'alert.suppress': 'accepted the risk of alert',
  'suppression.create': 'created suppression rule',
  'suppression.delete': 'removed suppression rule',
};

/** `token:alice (uuid)` -> `alice`: the token's name is the person or system that acted. */
export function actorName(actor: string): string {
  return /^token:(.*) \([0-9a-f-]{36}\)$/.exec(actor)?.[1] ?? actor;
}

function targetLink(entry: AuditEntry): string | undefined {
  if (!entry.targetId) return undefined;
  if (entry.targetType === 'account') return `#/accounts/${encodeURIComponent(entry.targetId)}`;
  if (entry.targetType === 'alert') return `#/alerts/${encodeURIComponent(entry.targetId)}`;
  if (entry.targetType === 'suppression') return '#/risks';
  return undefined;
}

function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');
}

export function AuditLog({ params }: { params: URLSearchParams }) {
  const { list: log, paging } = usePagedLoad('/audit', params, {}, (cursor) =>
    api.get<Page<AuditEntry>>('/audit-log', { limit: PAGE_SIZE, cursor }),
  );
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">Every change made through Cloudward, newest first. Secrets are never recorded.</p>
      <PagingNotice paging={paging} />
      <ErrorBox error={paging.refused ? undefined : log.error} />
      {!log.data && !log.error && <Loading what="audit log" />}
      {log.data && (
        <table data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((entry) => {
              const href = targetLink(entry);
              const target = entry.targetName ?? (entry.targetId ? `${entry.targetType} (gone)` : '');
              return (
                <tr key={entry.id}>
                  <td>{formatDate(entry.at)}</td>
                  <td>{actorName(entry.actor)}</td>
                  <td>
                    {ACTIONS[entry.action] ?? entry.action}{' '}
                    {target && (href ? <a href={href}>{target}</a> : <strong>{target}</strong>)}
                  </td>
                  <td className="small">{detailText(entry.details)}</td>
                </tr>
              );
            })}
            {log.data.items.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  Nothing recorded yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <Pager paging={paging} nextCursor={log.data?.nextCursor} />
    </>
  );
}
