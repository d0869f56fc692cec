// serve with CLOUDWARD_EVENTS=true: one long-poll loop per (enabled account, monitored region). An account is in
// event mode when its queue exists and the role may read it: a loop whose queue is missing or refused says so once
// and retries hourly (the bundle may be applied later); any other error retries after a short pause.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { errorCode, errorMessage } from '../../collector/errors';
import { parseArn } from '../../collector/arn';
import type { Account } from '../../store/model';
import type { Store } from '../../store/store';
import { processEventBatch, RecentEventIds, type EventConsumerDeps } from './consumer';

const NOT_SET_UP = new Set([
  'AWS.SimpleQueueService.NonExistentQueue',
  'QueueDoesNotExist',
  'AccessDenied',
  'AccessDeniedException',
]);

export interface EventLoopOptions {
  store: Store;
  credentialsFor: (account: Account) => AwsCredentialIdentityProvider;
  evaluate: EventConsumerDeps['evaluate'];
  /** Accounts without a role to assume (the demo's) are skipped. */
  skip?: (account: Account) => boolean;
  clientConfig?: Record<string, unknown>;
  log: { info(message: string): void; warn(message: string): void };
  /** How often the account list is read again (default 60 s). */
  refreshMs?: number;
  notSetUpRetryMs?: number;
  errorRetryMs?: number;
  /** Event ids already handled (shared with the push queue in serve). */
  seen?: RecentEventIds;
}

export interface EventLoops {
  /** Account/region pairs being polled, e.g. "<account id> eu-west-1". */
  active(): string[];
  stop(): Promise<void>;
}

export function startEventConsumers(options: EventLoopOptions): EventLoops {
  const abort = new AbortController();
  const loops = new Map<string, Promise<void>>();
  const seen = options.seen ?? new RecentEventIds();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      abort.signal.addEventListener('abort', wake, { once: true });
    });

  // One credentials provider per account (it caches the assumed role until near expiry), not one per poll.
  const providers = new Map<string, AwsCredentialIdentityProvider>();
  const credentialsFor = (account: Account) => {
    const key = `${account.id} ${account.roleArn} ${account.externalIdCiphertext}`;
    let provider = providers.get(key);
    if (!provider) {
      provider = options.credentialsFor(account);
      providers.set(key, provider);
    }
    return provider;
  };

  const poll = async (accountId: string, region: string) => {
    let warned = false;
    while (!abort.signal.aborted) {
      const account = await options.store.getAccount(accountId).catch(() => null);
      if (!account || account.status !== 'enabled' || !account.regions.includes(region)) return;
      try {
        await processEventBatch(
          {
            store: options.store,
            credentials: credentialsFor(account),
            evaluate: options.evaluate,
            seen,
            clientConfig: options.clientConfig,
            partition: parseArn(account.roleArn)?.partition ?? 'aws',
            signal: abort.signal,
            log: options.log.info,
          },
          account,
          region,
        );
        warned = false;
        // An endpoint that answers at once (no long poll) must not starve the rest of the process.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        if (abort.signal.aborted) return;
        const code = errorCode(error);
        if (NOT_SET_UP.has(code)) {
          if (!warned)
            options.log.info(
              `event mode off for account ${account.id} in ${region} (${code}): apply the bundle's event resources to turn it on`,
            );
          warned = true;
          await sleep(options.notSetUpRetryMs ?? 3_600_000);
        } else {
          options.log.warn(`events of account ${account.id} in ${region}: ${code}: ${errorMessage(error)}`);
          await sleep(options.errorRetryMs ?? 30_000);
        }
      }
    }
  };

  const refresh = async () => {
    let cursor: string | undefined;
    do {
      const page = await options.store.listAccounts({ cursor, limit: 500 });
      for (const account of page.items) {
        if (account.status !== 'enabled' || options.skip?.(account)) continue;
        for (const region of account.regions) {
          const key = `${account.id} ${region}`;
          if (loops.has(key)) continue;
          loops.set(
            key,
            poll(account.id, region).finally(() => loops.delete(key)),
          );
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  };

  const refresher = (async () => {
    while (!abort.signal.aborted) {
      await refresh().catch((error) =>
        options.log.warn(`event mode: accounts not listed: ${errorMessage(error)}`),
      );
      await sleep(options.refreshMs ?? 60_000);
    }
  })();

  return {
    active: () => [...loops.keys()],
    async stop() {
      abort.abort();
      await refresher;
      await Promise.all(loops.values());
    },
  };
}
