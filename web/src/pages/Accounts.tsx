import { useCallback } from 'react';
import { api, type Page } from '../api';
import { ErrorBox, Loading, ProgressBar, StatusBadge, formatDate } from '../components/common';
import { useInterval, useLoad } from '../hooks';
import type { Account, Me, SyncState } from '../types';

export function Accounts({ me }: { me: Me }) {
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);
  const syncState = useLoad(() => api.get<{ items: SyncState[] }>('/reports/sync-state'), []);
  const runningOf = (id: string) => syncState.data?.items.find((item) => item.accountId === id)?.running;
  const syncing = syncState.data?.items.some((item) => item.running) ?? false;
  const refresh = useCallback(() => {
    syncState.reload();
    accounts.reload();
  }, [syncState.reload, accounts.reload]);
  useInterval(refresh, 2000, syncing);
  return (
    <>
      <h1>Accounts</h1>
      <p>
        {me.role === 'admin' && (
          <>
            <a className="button" href="#/accounts/new">
              Add AWS account
            </a>{' '}
          </>
        )}
        <a href="#/organizations">Organizations</a>: the accounts of a connected AWS Organization, by OU.
      </p>
      <ErrorBox error={accounts.error} />
      {!accounts.data && !accounts.error && <Loading what="accounts" />}
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">AWS account</th>
            <th scope="col">Regions</th>
            <th scope="col">Status</th>
            <th scope="col">Last sync</th>
          </tr>
        </thead>
        <tbody>
          {accounts.data?.items.map((account) => {
            const running = runningOf(account.id);
            return (
              <tr key={account.id}>
                <td>
                  <a href={`#/accounts/${account.id}`}>{account.name}</a>
                </td>
                <td>{account.awsAccountId}</td>
                <td>{account.regions.length}</td>
                <td>
                  <StatusBadge status={account.status} />
                </td>
                <td>
                  {running ? (
                    <ProgressBar
                      done={running.progress.done}
                      total={running.progress.total}
                      label={`Sync of ${account.name}`}
                    />
                  ) : (
                    <>
                      {account.lastSyncStatus && <StatusBadge status={account.lastSyncStatus} />}{' '}
                      {formatDate(account.lastSyncAt)}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
          {accounts.data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No AWS account is connected yet.
                {me.role === 'admin' ? ' Add one to start collecting.' : ' An admin can add one.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
