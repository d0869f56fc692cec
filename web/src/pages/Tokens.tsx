import { useState, type FormEvent } from 'react';
import { api, type Page } from '../api';
import { CopyButton, ErrorBox, Field, Loading, StatusBadge, formatDate } from '../components/common';
import { useLoad } from '../hooks';
import type { Account, Me } from '../types';

type TokenRole = 'admin' | 'auditor' | 'event-ingest';

interface Token {
  id: string;
  name: string;
  role: TokenRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

/** Admins hand out and revoke API tokens here (an auditor's read-only sign-in is one of them). */
export function Tokens({ me }: { me: Me }) {
  const tokens = useLoad(() => api.get<{ items: Token[] }>('/tokens'), []);
  const audit = useLoad(() => api.get<Page<AuditEntry>>('/audit-log', { limit: 20 }), []);
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 500 }), []);
  const names = new Map(accounts.data?.items.map((account) => [account.id, account.name]));
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>('auditor');
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const token = await api.post<Token & { token: string }>('/tokens', { name: name.trim(), role });
      setCreated({ name: token.name, token: token.token });
      setName('');
      tokens.reload();
      audit.reload();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: Token) {
    if (!window.confirm(`Revoke "${token.name}"? Whoever uses it is signed out at once.`)) return;
    setError(undefined);
    try {
      await api.delete(`/tokens/${encodeURIComponent(token.id)}`);
      tokens.reload();
      audit.reload();
    } catch (problem) {
      setError(problem);
    }
  }

  const active = tokens.data?.items.filter((token) => !token.revokedAt) ?? [];
  const revoked = tokens.data?.items.filter((token) => token.revokedAt) ?? [];
  return (
    <>
      <h1>Access</h1>
      <p className="muted">
        Everyone signs in with an API token. Auditors see everything and can suppress alerts; only admins
        connect accounts, start syncs and manage tokens.
      </p>
      <section aria-labelledby="new-token">
        <h2 id="new-token">New token</h2>
        <form className="stack" onSubmit={create} aria-label="New token">
          <Field label="Who is it for" hint="A person or a system, e.g. “Jo (internal audit)”.">
            <input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} required />
          </Field>
          <Field label="Role">
            <select value={role} onChange={(event) => setRole(event.target.value as TokenRole)}>
              <option value="auditor">auditor (read-only, may suppress alerts)</option>
              <option value="admin">admin (everything)</option>
              <option value="event-ingest">event-ingest (only delivers CloudTrail events: HTTPS push)</option>
            </select>
          </Field>
          <button type="submit" disabled={busy || !name.trim()}>
            Create token
          </button>
        </form>
        <ErrorBox error={error} />
        {created && (
          <div role="status" className="ok">
            <p>
              Token for <strong>{created.name}</strong>. It is shown only now: copy it and hand it over
              safely.
            </p>
            <pre className="code" data-testid="new-token" tabIndex={0}>
              {created.token}
            </pre>
            <CopyButton text={created.token} label="Copy token" />
          </div>
        )}
      </section>
      <section aria-labelledby="active-tokens">
        <h2 id="active-tokens">Active tokens</h2>
        <ErrorBox error={tokens.error} />
        {!tokens.data && !tokens.error && <Loading what="tokens" />}
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((token) => (
              <tr key={token.id}>
                <td>
                  {token.name}
                  {token.id === me.tokenId && <span className="muted small"> (you, now)</span>}
                </td>
                <td>
                  <span className="badge">{token.role}</span>
                </td>
                <td>{formatDate(token.createdAt)}</td>
                <td>{formatDate(token.lastUsedAt)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => revoke(token)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {revoked.length > 0 && (
          <details>
            <summary>{revoked.length} revoked</summary>
            <ul className="plain small">
              {revoked.map((token) => (
                <li key={token.id}>
                  {token.name} ({token.role}) — revoked {formatDate(token.revokedAt)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section aria-labelledby="audit">
        <h2 id="audit">Recent admin actions</h2>
        <ErrorBox error={audit.error} />
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.items.map((entry) => (
              <tr key={entry.id}>
                <td>{formatDate(entry.at)}</td>
                <td title={entry.actor}>{actorName(entry.actor)}</td>
                <td>
                  <StatusBadge status={entry.action.replace(/\./g, '_')} />{' '}
                  <span className="muted small" title={entry.targetId ?? undefined}>
                    {entry.targetType} {targetName(entry, names)}
                  </span>
                </td>
              </tr>
            ))}
            {audit.data?.items.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  Nothing yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** "token:Jo (0b1c...)" -> "Jo": the token's name; the full value stays in the tooltip. */
function actorName(actor: string): string {
  return actor.replace(/^token:/, '').replace(/ \([0-9a-f-]{36}\)$/, '');
}

/** The target's name where the audit entry recorded one (or the account still exists), else its id. */
function targetName(entry: AuditEntry, accountNames: Map<string, string>): string {
  const name =
    entry.details?.name ??
    (entry.targetType === 'account' && entry.targetId ? accountNames.get(entry.targetId) : undefined);
  return typeof name === 'string' && name ? `“${name}”` : (entry.targetId ?? '');
}
