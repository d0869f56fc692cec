// `scan` against an AWS-compatible endpoint on a real HTTP port (how LocalStack or moto are used): nothing
// injected, the clients are configured by AWS_ENDPOINT_URL alone, credentials come from the environment (or an
// AssumeRole through that endpoint), S3 goes path-style and S3 Control keeps the endpoint's host.
import { main } from '../../api/cli/main';
import { FakeAws, type FakeAwsOptions } from '../../bench/collector-fake-aws';
import { serveFakeAws, useEndpointEnv, type FakeAwsServer } from '../../bench/collector-fake-aws-http';
import { ACCOUNT, ec2Reply } from '../../bench/collector-fake-responses';

const REGIONS = ['us-east-1', 'eu-west-1'];
let restoreEnv: () => void;
let fake: FakeAws;
let server: FakeAwsServer;
/** Set by a test: answers to override (an emulator's page for an operation it does not implement). */
let intercept: FakeAwsOptions['intercept'];

beforeEach(async () => {
  intercept = undefined;
  fake = new FakeAws({
    estate: { regions: REGIONS, instances: 12, securityGroups: 6, buckets: 4, iamPrincipals: 6 },
    intercept: (api, attempt, region) => intercept?.(api, attempt, region),
  });
  server = await serveFakeAws(fake);
  restoreEnv = useEndpointEnv(server.url, { AWS_REGION: 'us-east-1' });
});
afterEach(async () => {
  restoreEnv();
  await server.close();
});

interface ScanReport {
  account: { id: string };
  assets: { type: string; region: string; id: string }[];
  errors: { service: string; region: string; code: string; message: string }[];
}

async function scan(args: string[]): Promise<{ code: number; report: ScanReport; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const regions = args.includes('--all-enabled') ? [] : ['--regions', REGIONS.join(',')];
  const rest = args.filter((arg) => arg !== '--all-enabled');
  const code = await main(['scan', ...regions, '--format', 'json', ...rest], {
    stdout: (text: string) => (stdout += text),
    stderr: (text: string) => (stderr += text),
    env: { AWS_REGION: 'us-east-1' },
  } as never);
  return { code, report: stdout ? (JSON.parse(stdout) as ScanReport) : ({} as ScanReport), stderr };
}

const ofType = (report: ScanReport, type: string) => report.assets.filter((asset) => asset.type === type);

describe('scan against a custom AWS endpoint', () => {
  it('reads the account with ambient credentials through AWS_ENDPOINT_URL alone', async () => {
    const { code, report, stderr } = await scan([]);
    expect(stderr).toContain(`Scanning AWS account ${ACCOUNT}`);
    expect(code).toBe(0);
    expect(fake.calls['STS.GetCallerIdentity']).toBe(1);
    // Regional EC2 in both regions, global IAM once, S3 buckets path-style, S3 Control's account-level block.
    for (const region of REGIONS) {
      expect(ofType(report, 'aws_ec2_instance').filter((asset) => asset.region === region)).toHaveLength(6);
      expect(
        ofType(report, 'aws_ec2_security_group').filter((asset) => asset.region === region),
      ).toHaveLength(3);
    }
    expect(ofType(report, 'aws_iam_user')).toHaveLength(3);
    expect(ofType(report, 'aws_iam_role')).toHaveLength(3);
    expect(ofType(report, 'aws_s3_bucket')).toHaveLength(4);
    expect(ofType(report, 'aws_s3_account_public_access_block')).toHaveLength(1);
    expect(fake.calls['S3Control.GetPublicAccessBlock']).toBe(1);
    expect(fake.calls['IAM.GetAccountAuthorizationDetails']).toBeGreaterThan(0);
    // What the endpoint does not serve is reported per service and region; nothing it served is among them.
    const failed = new Set(report.errors.map((error) => error.service));
    for (const served of ['ec2', 'iam', 's3']) expect(failed.has(served)).toBe(false);
    expect(failed.has('cloudtrail')).toBe(true);
  });

  it("without --regions, reads the enabled regions the endpoint lists, in the account's partition only", async () => {
    // Emulators list every partition's regions; a commercial account is never read in GovCloud or China.
    const regionItem = (name: string) =>
      `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`;
    intercept = (api) =>
      api === 'EC2.DescribeRegions'
        ? ec2Reply(
            'DescribeRegions',
            `<regionInfo>${[...REGIONS, 'us-gov-west-1', 'cn-north-1'].map(regionItem).join('')}</regionInfo>`,
          )
        : undefined;
    const { code, report, stderr } = await scan(['--all-enabled']);
    expect(stderr).toContain('in 2 region(s)');
    expect(code).toBe(0);
    expect(fake.calls['EC2.DescribeRegions']).toBe(1);
    expect(new Set(ofType(report, 'aws_ec2_instance').map((asset) => asset.region))).toEqual(
      new Set(REGIONS),
    );
  });

  it('assumes the role through the same endpoint', async () => {
    const { code, report } = await scan([
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/CloudwardReadOnly`,
      '--external-id',
      'emulator-external-id',
    ]);
    expect(code).toBe(0);
    expect(fake.calls['STS.AssumeRole']).toBe(1);
    expect(ofType(report, 'aws_s3_bucket')).toHaveLength(4);
  });

  it('an operation the endpoint answers with an HTML page fails that type only, with the HTTP status', async () => {
    intercept = (api) =>
      api === 'EC2.DescribeFlowLogs'
        ? {
            status: 501,
            headers: { 'content-type': 'text/html' },
            body: '<!DOCTYPE html><html><body><h1>Not Implemented</h1>DescribeFlowLogs</body></html>',
          }
        : undefined;
    const { code, report } = await scan([]);
    expect(code).toBe(0);
    const ec2 = report.errors.filter((error) => error.service === 'ec2');
    expect(ec2.map((error) => error.region).sort()).toEqual([...REGIONS].sort());
    for (const error of ec2) {
      expect(error.code).toBe('HttpStatus501');
      expect(error.message).toContain('aws_ec2_flow_log');
      expect(error.message).toContain('HTTP 501 answer');
    }
    // Every other EC2 type of those regions was read.
    expect(ofType(report, 'aws_ec2_instance')).toHaveLength(12);
  });
});
