// End to end against moto (`moto_server`), an AWS emulator nobody on the team wrote: an estate made with boto3
// (moto_estate.py) is scanned through `cloudward scan --role-arn ...` with AWS_ENDPOINT_URL, and the findings are
// checked resource by resource. Runs where moto_server is installed (this project's CI machines have it); where
// it is not, the suite says so and is skipped.
import {
  MOTO_ACCOUNT as ACCOUNT,
  motoSuite,
  scanMoto,
  startMoto,
  statusesOf,
  type MotoServer,
  type ScanReport,
} from './moto-server';

motoSuite('scan against moto')('scan against moto', () => {
  let moto: MotoServer;
  let ids: Record<string, string>;
  let report: ScanReport;
  let exitCode: number;

  beforeAll(async () => {
    moto = await startMoto();
    ids = await moto.seed('moto_estate.py');
    ({ code: exitCode, report } = await scanMoto(moto, [
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
      '--external-id',
      'moto-external-id',
      '--regions',
      'us-east-1,eu-west-1',
    ]));
  }, 120_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const status = (controlId: string, resource: string) => statusesOf(report, controlId, resource);

  it('reads every service moto implements; what it lacks is reported, not fatal', () => {
    expect(exitCode).toBe(0);
    const failed = new Set(report.errors.map((error) => error.service));
    for (const service of [
      'iam',
      's3',
      'ec2',
      'elb',
      'rds',
      'kms',
      'cloudtrail',
      'logs',
      'sns',
      'lambda',
      'ecr',
    ])
      expect(failed.has(service)).toBe(false);
    const types = new Set(report.assets.map((asset) => asset.type));
    for (const type of [
      'aws_iam_user',
      'aws_iam_role',
      'aws_s3_bucket',
      'aws_s3_account_public_access_block',
      'aws_ec2_instance',
      'aws_elbv2_load_balancer',
      'aws_rds_db_instance',
      'aws_cloudtrail_trail',
      'aws_lambda_function',
    ])
      expect(types.has(type)).toBe(true);
  });

  it('flags the open security groups and the exposed instance', () => {
    expect(status('ec2_security_group_no_public_ssh_ingress', ids.ssh)).toEqual(['fail']);
    expect(status('ec2_security_group_no_public_rdp_ingress', ids.sgEu)).toEqual(['fail']);
    expect(status('ec2_instance_admin_ports_not_internet_exposed', ids.instance)).toEqual(['fail']);
  });

  it('tells the public snapshot, bucket, database and function from the private ones', () => {
    expect(status('ec2_snapshot_not_public', ids.publicSnapshot)).toEqual(['fail']);
    expect(status('ec2_snapshot_not_public', ids.privateSnapshot)).toEqual(['pass']);
    expect(status('s3_bucket_not_public', 'public-site')).toEqual(['fail']);
    expect(status('s3_bucket_not_public', 'logs-eu')).toEqual(['pass']);
    expect(status('rds_db_instance_not_publicly_accessible', 'orders-db')).toEqual(['fail']);
    // moto has no ListFunctionUrlConfigs: the URL is read with GetFunctionUrlConfig (function and aliases) instead.
    expect(status('lambda_function_url_auth_required', 'public-fn')).toEqual(['fail']);
  });

  it('judges identities, keys and logging', () => {
    expect(status('iam_user_console_mfa_enabled', 'alice')).toEqual(['fail']);
    expect(status('iam_policy_no_full_admin_statement', 'full-admin')).toEqual(['fail']);
    expect(status('iam_policy_no_full_admin_statement', 's3-read')).toEqual(['pass']);
    expect(status('iam_password_policy_min_length_14', 'account-password-policy')).toEqual(['fail']);
    const rotation = report.findings.filter((finding) => finding.controlId === 'kms_key_rotation_enabled');
    expect(rotation.map((finding) => finding.status).sort()).toEqual(['fail', 'pass']);
    expect(status('cloudtrail_multi_region_trail_logging', ACCOUNT)).toEqual(['pass']);
    expect(status('ecr_repository_scan_on_push_enabled', 'api')).toEqual(['fail']);
    // moto's credential report has no root row; the account summary says root has no MFA and no keys.
    expect(status('iam_root_user_mfa_enabled', 'root')).toEqual(['fail']);
    expect(status('iam_root_user_no_access_keys', 'root')).toEqual(['pass']);
  });
});
