// Store benchmark: asset upsert throughput and alert page latency with 1,000,000 alerts stored.
//   npm run build && node dist/bench/store-bench.js [--engine pglite|postgres] [--assets 20000] [--alerts 1000000]
// PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the run uses a schema of its own,
// dropped at the end. PGlite: a temporary data directory on disk, removed at the end.
import { SqlStore, type AlertFilter, type Store } from '../store';
import { encodeCursor } from '../store/cursor';
import type { Asset } from '../store/model';
import { createBenchAccounts, openBenchStore } from './bench-setup';
import { instanceId } from './large-estate';

interface Options {
  engine: 'pglite' | 'postgres';
  assets: number;
  alerts: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { engine: 'pglite', assets: 20_000, alerts: 1_000_000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--engine' && (value === 'pglite' || value === 'postgres')) options.engine = value;
    else if (flag === '--assets' && Number(value) > 0) options.assets = Number(value);
    else if (flag === '--alerts' && Number(value) > 0) options.alerts = Number(value);
    else {
      console.error(
        `usage: store-bench [--engine pglite|postgres] [--assets N] [--alerts N] (bad: ${flag} ${value ?? ''})`,
      );
      process.exit(2);
    }
  }
  return options;
}

/** An EC2 instance shaped like DescribeInstances output, about 2 KB of JSON. */
function instance(accountId: string, i: number): Asset {
  const id = instanceId(i);
  const config = {
    InstanceId: id,
    ImageId: 'ami-0abcdef1234567890',
    InstanceType: 't3.medium',
    KeyName: 'deploy',
    LaunchTime: '2026-01-01T00:00:00.000Z',
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: 'eu-west-1a', GroupName: '', Tenancy: 'default' },
    PrivateDnsName: `ip-10-0-${i % 250}-${i % 200}.eu-west-1.compute.internal`,
    PrivateIpAddress: `10.0.${i % 250}.${i % 200}`,
    PublicIpAddress: i % 10 === 0 ? `54.1.${i % 250}.${i % 200}` : undefined,
    State: { Code: 16, Name: 'running' },
    SubnetId: `subnet-${(i % 20).toString(16).padStart(17, '0')}`,
    VpcId: 'vpc-0123456789abcdef0',
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          AttachTime: '2026-01-01T00:00:00.000Z',
          DeleteOnTermination: true,
          Status: 'attached',
          VolumeId: `vol-${i.toString(16).padStart(17, '0')}`,
        },
      },
    ],
    EbsOptimized: true,
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: {
      Arn: 'arn:aws:iam::123456789012:instance-profile/web',
      Id: 'AIPAEXAMPLEPROFILE0001',
    },
    NetworkInterfaces: [
      {
        Attachment: {
          AttachTime: '2026-01-01T00:00:00.000Z',
          AttachmentId: `eni-attach-${i}`,
          DeleteOnTermination: true,
          DeviceIndex: 0,
          Status: 'attached',
        },
        Groups: [{ GroupName: 'web', GroupId: `sg-${(i % 50).toString(16).padStart(17, '0')}` }],
        MacAddress: '02:00:00:00:00:00',
        NetworkInterfaceId: `eni-${i.toString(16).padStart(17, '0')}`,
        OwnerId: '123456789012',
        PrivateIpAddress: `10.0.${i % 250}.${i % 200}`,
        SourceDestCheck: true,
        Status: 'in-use',
        SubnetId: `subnet-${(i % 20).toString(16).padStart(17, '0')}`,
        VpcId: 'vpc-0123456789abcdef0',
      },
    ],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: [{ GroupName: 'web', GroupId: `sg-${(i % 50).toString(16).padStart(17, '0')}` }],
    Tags: [
      { Key: 'Name', Value: `web-${i}` },
      { Key: 'env', Value: i % 2 ? 'prod' : 'dev' },
      { Key: 'team', Value: 'payments' },
    ],
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: i % 3 ? 'required' : 'optional',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: 'legacy-bios',
  };
  return {
    id: `arn:aws:ec2:eu-west-1:123456789012:instance/${id}`,
    accountId,
    region: 'eu-west-1',
    service: 'ec2',
    type: 'aws_ec2_instance',
    class: 'Host',
    name: `web-${i}`,
    tags: { Name: `web-${i}`, env: i % 2 ? 'prod' : 'dev', team: 'payments' },
    config,
  };
}

async function timeUpserts(store: Store, accountId: string, assets: Asset[]): Promise<number> {
  const sync = await store.createSync(accountId, 'manual');
  const started = performance.now();
  for (let i = 0; i < assets.length; i += 500) await store.upsertAssets(sync.id, assets.slice(i, i + 500));
  const seconds = (performance.now() - started) / 1000;
  await store.finishSync(sync.id, 'succeeded');
  return assets.length / seconds;
}

/**
 * 1,000,000 alerts across 10 accounts and 200 controls, generated inside the database. Like any bulk load, the
 * secondary indexes are dropped first and rebuilt after (their definitions are read back from pg_indexes, so
 * they are exactly the migration's).
 */
async function loadAlerts(store: SqlStore, accountIds: string[], count: number): Promise<number> {
  const started = performance.now();
  const indexes = await store.db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'alerts'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'alerts'::regclass)`,
  );
  for (const index of indexes) await store.db.script(`DROP INDEX ${index.indexname}`);
  await store.db.execute(
    `INSERT INTO alerts (account_id, control_id, asset_id, region, resource_type, status, severity, reason, evidence,
       exposed, first_seen_at, last_seen_at, resolved_at, history)
     SELECT ($1::uuid[])[1 + i % array_length($1::uuid[], 1)],
       'control_' || (i % 200),
       'arn:aws:ec2:eu-west-1:123456789012:instance/i-' || lpad(to_hex(i), 17, '0'),
       (ARRAY['eu-west-1', 'us-east-1', 'global'])[1 + i % 3],
       'aws_ec2_instance',
       CASE WHEN i % 10 < 6 THEN 'open' WHEN i % 10 < 9 THEN 'resolved' ELSE 'suppressed' END,
       (ARRAY['critical', 'high', 'medium', 'low', 'info'])[1 + (i / 7) % 5],
       'Security group sg-1 allows 0.0.0.0/0 on port 22',
       '["in public subnet subnet-1", "security group sg-1 allows 22 from 0.0.0.0/0"]'::jsonb,
       i % 10 = 3,
       now() - make_interval(secs => i % 1000000 + 3600),
       now() - make_interval(secs => (i::bigint * 7919) % 1000000),
       CASE WHEN i % 10 BETWEEN 6 AND 8 THEN now() ELSE NULL END,
       '[{"at": "2026-01-01T00:00:00.000Z", "event": "opened"}]'::jsonb
     FROM generate_series(1, $2::int) AS i`,
    [accountIds, count],
  );
  for (const index of indexes) await store.db.script(index.indexdef);
  await store.db.script('ANALYZE alerts');
  return (performance.now() - started) / 1000;
}

/** A cursor as listAlerts would have returned it after `offset` rows (found once with OFFSET, for the fixture). */
async function cursorAt(store: SqlStore, filter: AlertFilter, offset: number): Promise<string> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`status = ANY($${params.length}::text[])`);
  }
  if (filter.severity) {
    params.push(filter.severity);
    where.push(`severity = ANY($${params.length}::text[])`);
  }
  params.push(offset - 1);
  const [row] = await store.db.query<{ rank_weight: number; last_seen_at: Date; id: string }>(
    `SELECT rank_weight, last_seen_at, id FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY rank_weight DESC, last_seen_at DESC, id DESC OFFSET $${params.length} LIMIT 1`,
    params,
  );
  return encodeCursor(['rank', row.rank_weight, new Date(row.last_seen_at).toISOString(), row.id]);
}

async function timePage(store: Store, filter: AlertFilter, cursor?: string, runs = 25) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const page = await store.listAlerts(filter, { limit: 50, cursor });
    times.push(performance.now() - started);
    if (page.items.length !== 50) throw new Error(`expected a full page, got ${page.items.length}`);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(runs / 2)], p95Ms: times[Math.floor(runs * 0.95)] };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { store, close } = await openBenchStore(options.engine, 'store-bench');
  try {
    console.log(`engine: ${options.engine}  node ${process.version}`);
    const accountIds = await createBenchAccounts(store, 10);
    const account = { id: accountIds[0] };
    const assets = Array.from({ length: options.assets }, (_, i) => instance(account.id, i));
    const configBytes = Buffer.byteLength(JSON.stringify(assets[0].config));
    const inserted = await timeUpserts(store, account.id, assets);
    const updated = await timeUpserts(store, account.id, assets);
    console.log(`asset upserts (${options.assets} assets, batches of 500, config ${configBytes} B):`);
    console.log(`  insert ${Math.round(inserted)} assets/s, update ${Math.round(updated)} assets/s`);

    const loadSeconds = await loadAlerts(store, accountIds, options.alerts);
    console.log(
      `loaded ${options.alerts} alerts in ${loadSeconds.toFixed(1)} s (generate_series, indexes included)`,
    );

    const filtered: AlertFilter = { status: ['open'], severity: ['critical', 'high'] };
    const deep = Math.floor(options.alerts / 2);
    const filteredDeep = Math.floor(options.alerts * 0.6 * 0.4 * 0.5);
    const cases: [string, AlertFilter, string | undefined][] = [
      ['unfiltered, first page', {}, undefined],
      [`unfiltered, page at row ${deep}`, {}, await cursorAt(store, {}, deep)],
      ['status=open severity=critical,high, first page', filtered, undefined],
      [
        `status=open severity=critical,high, page at row ${filteredDeep}`,
        filtered,
        await cursorAt(store, filtered, filteredDeep),
      ],
    ];
    console.log(`listAlerts, 50 per page, ${options.alerts} alerts stored (median / p95 of 25 runs):`);
    for (const [label, filter, cursor] of cases) {
      const { medianMs, p95Ms } = await timePage(store, filter, cursor);
      console.log(
        `  ${label.padEnd(58)} ${medianMs.toFixed(2).padStart(8)} ms  ${p95Ms.toFixed(2).padStart(8)} ms`,
      );
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
