import { cloneElement, useId, useState, type ReactElement } from 'react';
import { ApiError } from '../api';
import type { UrlPaging } from '../paging';
import type { Severity } from '../types';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge status-${status.replace(/[^a-z_]/gi, '')}`}>{status.replace(/_/g, ' ')}</span>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  return (
    <div role="alert" className="error">
      {/* The UI's own messages (plain Errors) are complete sentences: no generic heading in front of them. */}
      <strong>
        {problem?.title ?? (error instanceof Error && error.message ? error.message : 'Something went wrong')}
      </strong>
      {problem?.detail && <span> — {problem.detail}</span>}
      {problem?.errors && (
        <ul>
          {problem.errors.map((item) => {
            // "body.roleArn" -> "roleArn", and not at all when the message already starts with the field's name.
            const field = item.path.replace(/^(body|query|params)\.?/, '');
            const named = !field || item.message.startsWith(field.split('.')[0]);
            return (
              <li key={item.path + item.message}>
                {!named && (
                  <>
                    <code>{field}</code>:{' '}
                  </>
                )}
                {item.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

/** Previous / Next under a list paged in the URL (paging.ts); a new page is read from its top. */
export function Pager({
  paging,
  nextCursor,
}: {
  paging: Pick<UrlPaging, 'hasPrevious' | 'previous' | 'next'>;
  nextCursor: string | null | undefined;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        disabled={!paging.hasPrevious}
        onClick={() => {
          paging.previous();
          window.scrollTo({ top: 0 });
        }}
      >
        ← Previous
      </button>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() => {
          if (!nextCursor) return;
          paging.next(nextCursor);
          window.scrollTo({ top: 0 });
        }}
      >
        Next →
      </button>
    </nav>
  );
}

/** Said above a list when the server refused the URL's cursor and the list went back to page 1. */
export function PagingNotice({ paging }: { paging: Pick<UrlPaging, 'notice'> }) {
  if (!paging.notice) return null;
  return (
    <p role="status" className="notice">
      {paging.notice}
    </p>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

/**
 * A labelled control: the label names it, the hint describes it, and `error` (when set) says what is wrong with
 * the value; screen readers read all three.
 */
export function Field({
  label,
  children,
  hint,
  error,
}: {
  label: string;
  children: ReactElement;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  const control = cloneElement(children as ReactElement<Record<string, unknown>>, {
    id,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true } : {}),
  });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {error && (
        <small className="field-error" id={errorId} aria-live="polite">
          {error}
        </small>
      )}
      {hint && (
        <small className="muted" id={hintId}>
          {hint}
        </small>
      )}
    </div>
  );
}

/** How people know an alert's resource: its name, else the last part of its id (an ARN's resource id). */
export function alertResourceLabel(alert: { assetId: string; assetName?: string | null }): string {
  const shortId = alert.assetId.split(/[:/]/).pop() || alert.assetId;
  return alert.assetName && alert.assetName !== shortId ? `${alert.assetName} (${shortId})` : shortId;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export function percent(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Math.round(score * 100)}%`;
}

export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const value = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <progress max={100} value={value} aria-label={label} />
      <span>{total > 0 ? `${done}/${total}` : 'starting…'}</span>
    </div>
  );
}

/** A free-text filter that applies on Enter or when focus leaves it (not on every keystroke). */
export function FilterInput({
  value,
  onCommit,
  placeholder,
  type = 'text',
  list,
  ...labelling
}: {
  value: string | undefined;
  onCommit: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'search';
  /** id of a <datalist> with suggestions. */
  list?: string;
  /** `id` and `aria-describedby` from the Field that labels it. */
  id?: string;
  'aria-describedby'?: string;
}) {
  return (
    <input
      {...labelling}
      type={type}
      list={list}
      defaultValue={value ?? ''}
      placeholder={placeholder}
      onKeyDown={(event) => event.key === 'Enter' && onCommit(event.currentTarget.value.trim())}
      onBlur={(event) => onCommit(event.target.value.trim())}
    />
  );
}

/** "Any account" or one of them, for list filters. */
export function AccountSelect({
  value,
  accounts,
  onChange,
  ...labelling
}: {
  value: string | undefined;
  accounts: { id: string; name: string }[] | undefined;
  onChange: (accountId: string) => void;
  /** `id` and `aria-describedby` from the Field that labels it. */
  id?: string;
  'aria-describedby'?: string;
}) {
  return (
    <select {...labelling} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
      <option value="">Any</option>
      {accounts?.map((account) => (
        <option key={account.id} value={account.id}>
          {account.name}
        </option>
      ))}
    </select>
  );
}
