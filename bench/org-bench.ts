// Organization benchmark, in one process: a simulated organization of 100 accounts (bench/organization-fake.ts,
// Organizations answering in NextToken pages) connected once; the queued organization sync creates the member
// accounts and queues their first syncs, which run on the in-process job runner `--concurrency` at a time. Each
// member sync is the real collector (IAM, S3, EC2 over 3 regions) against the fake AWS of the collector benchmark
// (bench/collector-fake-aws.ts, 20-50 ms a call) into embedded PGlite.
//   npm run build && node dist/bench/org-bench.js [--accounts 100] [--concurrency 4]
// Prints wall time, AWS calls (Organizations and member reads) and the peak RSS of the worker (this process).
import { randomBytes } from 'node:crypto';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { allCollectorModules } from '../collector/registry';
import { syncAccount } from '../collector/sync';
import { openStore } from '../store';
import { registerAccountJobs } from '../api/jobs/account-jobs';
import { InProcessJobQueue } from '../api/jobs/in-process';
import { registerOrganizationJobs, requestOrganizationSync } from '../api/jobs/organization-jobs';
import { syncOrganization } from '../api/organization-sync';
import { createSecretBox } from '../api/secrets';
import { FakeAws } from './collector-fake-aws';
import { answerAsOrganization, generatedOrganization } from './organization-fake';

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

function parseOptions(argv: string[]): { accounts: number; concurrency: number } {
  const options = { accounts: 100, concurrency: 4 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], Number(argv[i + 1])];
    if (flag === '--accounts' && Number.isInteger(value) && value >= 2) options.accounts = value;
    else if (flag === '--concurrency' && Number.isInteger(value) && value >= 1) options.concurrency = value;
    else {
      console.error(`usage: org-bench [--accounts 100] [--concurrency 4] (bad: ${argv[i]} ${argv[i + 1]})`);
      process.exit(2);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const store = await openStore({ memory: true });
  const secrets = createSecretBox(randomBytes(32));
  const queue = new InProcessJobQueue();
  const organizations = mockClient(OrganizationsClient);
  const organization = generatedOrganization(options.accounts);
  const organizationCounts = answerAsOrganization(organizations, organization, 20);
  // A small estate per account: the point is the fan-out over accounts, not one large account.
  const fake = new FakeAws({
    estate: { regions: REGIONS, instances: 20, securityGroups: 10, buckets: 5, iamPrincipals: 10 },
    latencyMs: () => 20 + Math.random() * 30,
  });
  const modules = allCollectorModules().filter((module) => ['iam', 's3', 'ec2'].includes(module.service));
  const outcomes: Record<string, number> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  registerAccountJobs(
    {
      store,
      queue,
      runSync: async (syncStore, account, sync, onProgress) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const outcome = await syncAccount(syncStore, account, sync, {
            credentials: async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' }),
            clientConfig: { requestHandler: fake.requestHandler },
            modules,
            onProgress,
          });
          outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
          return outcome.status;
        } finally {
          inFlight -= 1;
        }
      },
      runEvaluation: async () => undefined,
    },
    { syncConcurrency: options.concurrency },
  );
  registerOrganizationJobs({
    store,
    queue,
    runOrganizationSync: (syncStore, connection) =>
      syncOrganization(connection, {
        store: syncStore,
        decrypt: (ciphertext) => secrets.decrypt(ciphertext),
        client: new OrganizationsClient({
          region: 'us-east-1',
          credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
        }),
      }),
  });
  const connection = await store.createOrganization({
    name: 'Bench Corp',
    managementAccountId: organization.managementAccountId,
    roleArn: `arn:aws:iam::${organization.managementAccountId}:role/CloudwardReadOnly`,
    externalIdCiphertext: secrets.encrypt('bench-external-id-0123456789'),
    memberRoleName: 'CloudwardReadOnly',
    regions: REGIONS,
    includeOuIds: [],
    excludeOuIds: [],
    includeAccountIds: [],
    excludeAccountIds: [],
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const orgSync = await requestOrganizationSync(store, queue, connection, 'manual');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await store.getOrganizationSync(orgSync.id);
    const done = current && current.status !== 'queued' && current.status !== 'running';
    if (done && (await store.listUnfinishedSyncs()).length === 0) break;
  }
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const finished = await store.getOrganizationSync(orgSync.id);
  const organizationCalls = Object.values(organizationCounts.calls).reduce((sum, n) => sum + n, 0);
  console.log(
    `organization of ${options.accounts} accounts x ${REGIONS.length} regions, ${options.concurrency} account syncs at a time (one worker)`,
  );
  console.log(
    `organization sync: ${finished?.status}, ${finished?.result?.created.length} accounts created, ${finished?.result?.queuedSyncs.length} first syncs queued`,
  );
  console.log(`member syncs: ${JSON.stringify(outcomes)}, max in flight ${maxInFlight}`);
  console.log(`wall time ${(wallMs / 1000).toFixed(1)} s`);
  console.log(
    `AWS calls ${organizationCalls + fake.totalCalls} (Organizations ${organizationCalls}: ${JSON.stringify(organizationCounts.calls)}; member reads ${fake.totalCalls})`,
  );
  console.log(`peak RSS of the worker ${Math.round(peakRss / 1024 / 1024)} MB`);
  await queue.close({ graceMs: 1000 });
  await store.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
