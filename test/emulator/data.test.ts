// Storage and data findings end to end against moto (`moto_server`, an emulator nobody on the team wrote): the
// estate of data_estate.py (S3, KMS, RDS, EFS, ECR, SNS, Lambda) is scanned with `cloudward scan`, then scanned
// again once the account's S3 Block Public Access is on. Skipped where moto_server or boto3 is not installed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { motoSuite, scanMoto, startMoto, statusesOf, type MotoServer, type ScanReport } from './moto-server';

motoSuite('data findings on moto')('data findings on moto', () => {
  let moto: MotoServer;
  let ids: Record<string, string>;
  let report: ScanReport;
  let blocked: ScanReport;

  beforeAll(async () => {
    moto = await startMoto();
    ids = await moto.seed('data_estate.py');
    // One region: S3 is read globally (the eu-west-1 bucket included) and the rest of the estate is in us-east-1.
    ({ report } = await scanMoto(moto, ['--regions', 'us-east-1']));
    await promisify(execFile)('python3', [path.join(__dirname, 'data_estate.py'), moto.url, 'account-block']);
    ({ report: blocked } = await scanMoto(moto, ['--regions', 'us-east-1']));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);
  /** Statuses of one control for several resources, as a map (one assertion shows every mismatch). */
  const statuses = (from: ScanReport, controlId: string, resources: string[]) =>
    Object.fromEntries(resources.map((resource) => [resource, statusesOf(from, controlId, resource)]));

  it('reads every data service without errors', () => {
    const failed = report.errors.map((error) => error.service);
    for (const service of ['s3', 'kms', 'rds', 'efs', 'ecr', 'sns', 'lambda'])
      expect(failed).not.toContain(service);
  });

  it('tells public buckets (policy, ACL, conditions that restrict nothing) from blocked and restricted ones', () => {
    expect(
      statuses(report, 's3_bucket_not_public', [
        'd-public-policy',
        'd-public-acl',
        'd-authenticated-acl',
        'd-acls-ignored',
        'd-any-org',
        'd-any-ip',
        'd-blocked',
        'd-policy-restricted',
        'd-cross-account',
        'd-org-only',
        'd-vpce-only',
        'd-secure',
        'd-eu-https',
      ]),
    ).toEqual({
      'd-public-policy': ['fail'],
      'd-public-acl': ['fail'],
      'd-authenticated-acl': ['fail'],
      'd-acls-ignored': ['fail'],
      'd-any-org': ['fail'],
      'd-any-ip': ['fail'],
      'd-blocked': ['pass'],
      'd-policy-restricted': ['pass'],
      'd-cross-account': ['pass'],
      'd-org-only': ['pass'],
      'd-vpce-only': ['pass'],
      'd-secure': ['pass'],
      'd-eu-https': ['pass'],
    });
    expect(
      statuses(report, 's3_bucket_public_access_block_enabled', [
        'd-public-policy',
        'd-acls-ignored',
        'd-blocked',
      ]),
    ).toEqual({ 'd-public-policy': ['fail'], 'd-acls-ignored': ['fail'], 'd-blocked': ['pass'] });
    expect(status('s3_account_public_access_block_enabled', 'account-public-access-block')).toEqual(['fail']);
  });

  it('once the account blocks public access, no bucket is public and every bucket is covered', () => {
    const buckets = ['d-public-policy', 'd-public-acl', 'd-authenticated-acl', 'd-any-org', 'd-acls-ignored'];
    expect(statuses(blocked, 's3_bucket_not_public', buckets)).toEqual(
      Object.fromEntries(buckets.map((bucket) => [bucket, ['pass']])),
    );
    expect(statuses(blocked, 's3_bucket_public_access_block_enabled', buckets)).toEqual(
      Object.fromEntries(buckets.map((bucket) => [bucket, ['pass']])),
    );
    expect(
      statusesOf(blocked, 's3_account_public_access_block_enabled', 'account-public-access-block'),
    ).toEqual(['pass']);
  });

  it('judges HTTPS-only policies, default encryption, versioning, logging and ACLs per bucket', () => {
    expect(
      statuses(report, 's3_bucket_secure_transport_required', [
        'd-secure',
        'd-eu-https',
        'd-sse-s3',
        'd-public-policy',
      ]),
    ).toEqual({
      'd-secure': ['pass'],
      'd-eu-https': ['pass'],
      'd-sse-s3': ['fail'], // the deny covers only s3:PutObject
      'd-public-policy': ['fail'],
    });
    expect(statuses(report, 's3_bucket_kms_encryption_enabled', ['d-secure', 'd-sse-s3'])).toEqual({
      'd-secure': ['pass'],
      'd-sse-s3': ['fail'],
    });
    expect(
      statuses(report, 's3_bucket_versioning_enabled', ['d-secure', 'd-sse-s3', 'd-public-policy']),
    ).toEqual({
      'd-secure': ['pass'],
      'd-sse-s3': ['fail'], // suspended
      'd-public-policy': ['fail'],
    });
    expect(statuses(report, 's3_bucket_server_access_logging_enabled', ['d-secure', 'd-logs'])).toEqual({
      'd-secure': ['pass'],
      'd-logs': ['fail'],
    });
    expect(
      statuses(report, 's3_bucket_acls_disabled', ['d-secure', 'd-eu-https', 'd-logs', 'd-public-acl']),
    ).toEqual({
      'd-secure': ['pass'],
      'd-eu-https': ['pass'],
      'd-logs': ['fail'], // BucketOwnerPreferred keeps ACLs
      'd-public-acl': ['fail'],
    });
    // moto keeps no MFADelete flag: versioned or not, MFA delete is not on.
    expect(status('s3_bucket_mfa_delete_enabled', 'd-secure')).toEqual(['fail']);
  });

  it('judges KMS keys: rotation, public policies, pending deletion', () => {
    expect(
      statuses(report, 'kms_key_rotation_enabled', [
        ids.keyRotated,
        ids.keyNotRotated,
        ids.keyPendingDeletion,
        ids.keyAsymmetric,
      ]),
    ).toEqual({
      [ids.keyRotated]: ['pass'],
      [ids.keyNotRotated]: ['fail'],
      [ids.keyPendingDeletion]: ['not_applicable'],
      [ids.keyAsymmetric]: ['not_applicable'],
    });
    expect(
      statuses(report, 'kms_key_not_public', [ids.keyPublic, ids.keyViaAccount, ids.keyRotated]),
    ).toEqual({
      [ids.keyPublic]: ['fail'],
      [ids.keyViaAccount]: ['pass'],
      [ids.keyRotated]: ['pass'],
    });
    expect(
      statuses(report, 'kms_key_not_pending_deletion', [ids.keyPendingDeletion, ids.keyRotated]),
    ).toEqual({
      [ids.keyPendingDeletion]: ['fail'],
      [ids.keyRotated]: ['pass'],
    });
  });

  it('judges RDS instances, clusters and snapshots', () => {
    expect(
      statuses(report, 'rds_db_instance_not_publicly_accessible', ['d-public-db', 'd-private-db']),
    ).toEqual({
      'd-public-db': ['fail'],
      'd-private-db': ['pass'],
    });
    expect(statuses(report, 'rds_db_instance_storage_encrypted', ['d-public-db', 'd-private-db'])).toEqual({
      'd-public-db': ['fail'],
      'd-private-db': ['pass'],
    });
    expect(
      statuses(report, 'rds_db_instance_backup_retention_7_days', ['d-public-db', 'd-private-db']),
    ).toEqual({
      'd-public-db': ['fail'],
      'd-private-db': ['pass'],
    });
    expect(
      statuses(report, 'rds_db_instance_not_internet_exposed', ['d-exposed-db', 'd-private-db']),
    ).toEqual({ 'd-exposed-db': ['fail'], 'd-private-db': ['pass'] });
    // moto names no subnet group for an instance created without one; AWS always does (EC2-Classic is retired).
    expect(
      statuses(report, 'rds_db_instance_in_vpc', ['d-exposed-db', 'd-private-db', 'd-public-db']),
    ).toEqual({
      'd-exposed-db': ['pass'],
      'd-private-db': ['pass'],
      'd-public-db': ['error'],
    });
    expect(
      statuses(report, 'rds_db_cluster_storage_encrypted', ['d-plain-cluster', 'd-encrypted-cluster']),
    ).toEqual({
      'd-plain-cluster': ['fail'],
      'd-encrypted-cluster': ['pass'],
    });
    const snapshots = ['d-public-snap', 'd-shared-snap', 'd-public-cluster-snap', 'd-private-cluster-snap'];
    expect(statuses(report, 'rds_db_snapshot_not_public', snapshots)).toEqual({
      'd-public-snap': ['fail'],
      'd-shared-snap': ['pass'], // shared with one named account only
      'd-public-cluster-snap': ['fail'],
      'd-private-cluster-snap': ['pass'],
    });
    expect(statuses(report, 'rds_db_snapshot_encrypted', snapshots)).toEqual({
      'd-public-snap': ['fail'],
      'd-shared-snap': ['pass'],
      'd-public-cluster-snap': ['fail'],
      'd-private-cluster-snap': ['pass'],
    });
  });

  it('judges EFS, ECR and SNS encryption and resource policies', () => {
    expect(statuses(report, 'efs_file_system_encrypted', [ids.efsOpen, ids.efsMountTarget])).toEqual({
      [ids.efsOpen]: ['fail'],
      [ids.efsMountTarget]: ['pass'],
    });
    expect(
      statuses(report, 'efs_file_system_not_public', [ids.efsOpen, ids.efsMountTarget, ids.efsNoPolicy]),
    ).toEqual({ [ids.efsOpen]: ['fail'], [ids.efsMountTarget]: ['pass'], [ids.efsNoPolicy]: ['pass'] });
    expect(statuses(report, 'ecr_repository_not_public', ['d-loose', 'd-tight', 'd-no-policy'])).toEqual({
      'd-loose': ['fail'],
      'd-tight': ['pass'],
      'd-no-policy': ['pass'],
    });
    expect(
      statuses(report, 'ecr_repository_scan_on_push_enabled', ['d-loose', 'd-tight', 'd-registry-scanned']),
    ).toEqual({ 'd-loose': ['fail'], 'd-tight': ['pass'], 'd-registry-scanned': ['pass'] });
    expect(statuses(report, 'ecr_repository_tag_immutability_enabled', ['d-loose', 'd-tight'])).toEqual({
      'd-loose': ['fail'],
      'd-tight': ['pass'],
    });
    expect(
      statuses(report, 'sns_topic_not_public', ['d-public-topic', 'd-default-topic', 'd-encrypted-topic']),
    ).toEqual({ 'd-public-topic': ['fail'], 'd-default-topic': ['pass'], 'd-encrypted-topic': ['pass'] });
    expect(
      statuses(report, 'sns_topic_kms_encryption_enabled', ['d-public-topic', 'd-encrypted-topic']),
    ).toEqual({
      'd-public-topic': ['fail'],
      'd-encrypted-topic': ['pass'],
    });
  });

  it('judges Lambda resource policies, function URLs (read without ListFunctionUrlConfigs) and runtimes', () => {
    expect(
      statuses(report, 'lambda_function_not_public', ['d-public-fn', 'd-url-open', 'd-s3-fn', 'd-url-iam']),
    ).toEqual({
      'd-public-fn': ['fail'],
      'd-url-open': ['fail'], // Principal "*" may InvokeFunctionUrl through an auth-NONE URL
      'd-s3-fn': ['pass'],
      'd-url-iam': ['pass'],
    });
    expect(
      statuses(report, 'lambda_function_url_auth_required', [
        'd-url-open',
        'd-alias-url',
        'd-url-iam',
        'd-public-fn',
      ]),
    ).toEqual({
      'd-url-open': ['fail'],
      'd-alias-url': ['fail'], // the URL is on the alias
      'd-url-iam': ['pass'],
      'd-public-fn': ['pass'], // no URL at all
    });
    expect(statuses(report, 'lambda_function_supported_runtime', ['d-old-runtime', 'd-public-fn'])).toEqual({
      'd-old-runtime': ['fail'],
      'd-public-fn': ['pass'],
    });
  });
});
