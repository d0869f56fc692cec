// The register of accepted risks: every suppression rule with who accepted it, why, until when and what it covers.
import { api, type Page } from '../api';
import { ErrorBox, Loading, Pager, PagingNotice, formatDate } from '../components/common';
import { useControlTitles, useLoad } from '../hooks';
import { usePagedLoad } from '../paging';
import type { Account } from '../types';

export interface SuppressionRule {
  id: string;
  controlId: string | null;
  assetId: string | null;
  accountId: string | null;
  region: string | null;
  tagKey: string | null;
  tagValue: string | null;
  justification: string;
  author: string;
  expiresAt: string | null;
  createdAt: string;
}

const PAGE_SIZE = 50;

export function AcceptedRisks({ params }: { params: URLSearchParams }) {
  const { list: rules, paging } = usePagedLoad('/risks', params, {}, (cursor) =>
    api.get<Page<SuppressionRule>>('/suppressions', { limit: PAGE_SIZE, cursor }),
  );
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 500 }), []);
  const accountNames = new Map(accounts.data?.items.map((account) => [account.id, account.name]));
  const titles = useControlTitles();
  const now = Date.now();
  return (
    <>
      <h1>Accepted risks</h1>
      <p className="muted">
        Suppression rules: failing checks someone accepted, with their reason. A rule mutes the alerts it
        matches until it expires or is removed (from the alert&apos;s page); every rule is in the{' '}
        <a href="#/audit">audit log</a>.
      </p>
      <PagingNotice paging={paging} />
      <ErrorBox error={paging.refused ? undefined : rules.error} />
      {!rules.data && !rules.error && <Loading what="accepted risks" />}
      {rules.data && rules.data.items.length === 0 && !paging.hasPrevious && (
        <p className="muted">No accepted risks: every failing check is an open alert.</p>
      )}
      {rules.data && rules.data.items.length > 0 && (
        <table data-testid="accepted-risks">
          <thead>
            <tr>
              <th scope="col">Accepted</th>
              <th scope="col">By</th>
              <th scope="col">Justification</th>
              <th scope="col">Matches</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.items.map((rule) => {
              const expired = rule.expiresAt !== null && new Date(rule.expiresAt).getTime() <= now;
              return (
                <tr key={rule.id}>
                  <td>{formatDate(rule.createdAt)}</td>
                  <td>{rule.author}</td>
                  <td>{rule.justification}</td>
                  <td>
                    <ul className="plain small">
                      {rule.controlId && (
                        <li>
                          Control{' '}
                          <a href={`#/controls/${encodeURIComponent(rule.controlId)}`}>
                            {titles?.get(rule.controlId) ?? rule.controlId}
                          </a>
                        </li>
                      )}
                      {rule.assetId && (
                        <li>
                          Asset <code>{rule.assetId}</code>
                        </li>
                      )}
                      {rule.accountId && (
                        <li>
                          Account{' '}
                          <a href={`#/accounts/${encodeURIComponent(rule.accountId)}`}>
                            {accountNames.get(rule.accountId) ?? rule.accountId}
                          </a>
                        </li>
                      )}
                      {rule.region && <li>Region {rule.region}</li>}
                      {rule.tagKey && (
                        <li>
                          Tag{' '}
                          <code>
                            {rule.tagKey}
                            {rule.tagValue !== null ? `=${rule.tagValue}` : ' (any value)'}
                          </code>
                        </li>
                      )}
                    </ul>
                  </td>
                  <td>
                    {rule.expiresAt ? formatDate(rule.expiresAt) : 'never'}
                    {expired && (
                      <>
                        {' '}
                        <span className="badge">expired</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager paging={paging} nextCursor={rules.data?.nextCursor} />
    </>
  );
}
