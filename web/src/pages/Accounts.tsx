import { api, type Page } from '../api';
import { ErrorBox, Loading, ProgressBar, StatusBadge, formatDate } from '../components/common';
import { useInterval, useLoad } from '../hooks';
import type { Account, Me } from '../types';

export function Accounts({ me }: { me: Me }) {
  const accounts = useLoad(() => api.get<Page<Account>>('/accounts', { limit: 200 }), []);
  const syncing = accounts.data?.items.some((account) => account.runningSync) ?? false;
  useInterval(accounts.reload, 2000, syncing);
  return (
    <>
      <h1>Accounts</h1>
      {me.role === 'admin' && (
        <p>
          <a className="button" href="#/accounts/new">
            Add AWS account
          </a>
        </p>
      )}
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
          {accounts.data?.items.map((account) => (
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
                {account.runningSync ? (
                  <ProgressBar
                    done={account.runningSync.progress.done}
                    total={account.runningSync.progress.total}
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
          ))}
        </tbody>
      </table>
    </>
  );
}
