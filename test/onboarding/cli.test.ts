// `cloudward onboard` through main(): files written on success, one line + exit 2 and nothing written on bad input.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../api/cli/main';
import { EXTERNAL_ID, TRUSTED_PRINCIPAL } from './fixture';

let workdir: string;

beforeEach(() => {
  workdir = mkdtempSync(join(tmpdir(), 'cloudward-onboard-test-'));
});
afterEach(() => rmSync(workdir, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(['onboard', ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
  });
  return { code, stdout, stderr };
}

const GOOD = [
  '--account-id',
  '123456789012',
  '--regions',
  'eu-west-1,us-east-1',
  '--trusted-principal',
  TRUSTED_PRINCIPAL,
];

it('writes every form, prints the files and the next steps', async () => {
  const out = join(workdir, 'bundle');
  const { code, stdout, stderr } = await run([...GOOD, '--external-id', EXTERNAL_ID, '--out', out]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(readdirSync(out).sort()).toEqual(['cloudformation', 'json', 'terraform']);
  expect(
    JSON.parse(readFileSync(join(out, 'terraform', 'cdk.tf.json'), 'utf8')).variable.external_id.default,
  ).toBe(EXTERNAL_ID);
  expect(stdout).toContain('terraform/cdk.tf.json');
  expect(stdout).toContain('arn:aws:iam::123456789012:role/CloudwardReadOnly');
  expect(stdout).toContain(`external ID: ${EXTERNAL_ID}`);
  // Nothing staged is left next to the output.
  expect(readdirSync(workdir)).toEqual(['bundle']);
});

it('generates a 32-character external ID when none is given, and reads the principal from the environment', async () => {
  const out = join(workdir, 'bundle');
  const { code } = await run(
    ['--account-id', '123456789012', '--regions', 'eu-west-1', '--format', 'json', '--out', out],
    { CLOUDWARD_TRUSTED_PRINCIPAL: TRUSTED_PRINCIPAL },
  );
  expect(code).toBe(0);
  const trust = JSON.parse(readFileSync(join(out, 'json', 'trust-policy.json'), 'utf8'));
  expect(trust.Statement[0].Condition.StringEquals['sts:ExternalId']).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(trust.Statement[0].Principal.AWS).toBe(TRUSTED_PRINCIPAL);
  expect(readdirSync(out)).toEqual(['json']);
});

it('writes the EKS script executable and replaces a previous bundle of the same form', async () => {
  const out = join(workdir, 'bundle');
  expect((await run([...GOOD, '--format', 'terraform', '--eks-all', '--out', out])).code).toBe(0);
  expect(statSync(join(out, 'terraform', 'eks-access.sh')).mode & 0o111).not.toBe(0);
  expect((await run([...GOOD, '--format', 'terraform', '--out', out])).code).toBe(0);
  expect(existsSync(join(out, 'terraform', 'eks-access.sh'))).toBe(false);
});

it('prints help with exit 0', async () => {
  const { code, stdout } = await run(['--help']);
  expect(code).toBe(0);
  expect(stdout).toContain('--restrict-regions');
});

describe('bad input: one line on stderr, exit 2, nothing written', () => {
  it.each([
    [['--account-id', '1234'], '--account-id: "1234" must be a 12-digit AWS account id'],
    [['--regions', 'eu-west-1,mars-1'], '--regions: "mars-1" is not an AWS region'],
    [['--external-id', 'a b'], '--external-id: "a b" must be'],
    [['--trusted-principal', 'not-an-arn'], '--trusted-principal: "not-an-arn" must be an IAM ARN'],
    [['--role-name', 'x'.repeat(65)], '--role-name:'],
    [['--format', 'terraform,pulumi'], '--format: unknown format "pulumi"'],
    [['--eks-clusters', 'a', '--eks-all'], '--eks-all: use either'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j', async (override, message) => {
    const out = join(workdir, 'bundle');
    const args = [...GOOD, '--out', out];
    for (let index = 0; index < override.length; index += 1) {
      const flag = override[index];
      const position = args.indexOf(flag);
      const hasValue = override[index + 1] !== undefined && !override[index + 1].startsWith('--');
      if (position >= 0 && hasValue) args[position + 1] = override[index + 1];
      else args.push(...(hasValue ? [flag, override[index + 1]] : [flag]));
      if (hasValue) index += 1;
    }
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(readdirSync(workdir)).toEqual([]);
  });

  it('refuses a missing trusted principal', async () => {
    const { code, stderr } = await run([
      '--account-id',
      '123456789012',
      '--regions',
      'eu-west-1',
      '--out',
      join(workdir, 'b'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--trusted-principal is required');
    expect(readdirSync(workdir)).toEqual([]);
  });

  it('refuses an --out that is an existing file, leaving it untouched', async () => {
    const out = join(workdir, 'file.txt');
    writeFileSync(out, 'keep me');
    const { code, stderr } = await run([...GOOD, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain('exists and is not a directory');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(readdirSync(workdir)).toEqual(['file.txt']);
  });

  it('refuses missing required flags', async () => {
    const { code, stderr } = await run(['--regions', 'eu-west-1', '--out', join(workdir, 'b')]);
    expect(code).toBe(2);
    expect(stderr).toContain('--account-id is required');
  });
});
