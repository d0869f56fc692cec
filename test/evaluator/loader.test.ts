import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectControls, ControlLoadError, loadControls, remediationFor } from '../../evaluator';
import { controlsCommand } from '../../api/cli/controls';
import { UsageError } from '../../api/cli/args';
import { builtinControlsDir, writeBuiltinYamlCache } from '../../evaluator/controls/loader';
import { readYamlCache, textHash } from '../../evaluator/controls/yaml-cache';

const VALID = `id: ec2_instance_imdsv2_required
title: EC2 instances require IMDSv2
severity: high
resourceTypes: [aws_ec2_instance]
scope: regional
condition:
  attr: config.MetadataOptions.HttpTokens
  eq: required
rationale: IMDSv1 can leak role credentials.
remediation:
  cli: aws ec2 modify-instance-metadata-options --http-tokens required
`;

const FRAMEWORK = `id: test-fw-1.0
name: Test framework
version: "1.0"
source: tests
sections:
  - { id: "1", title: Compute }
requirements:
  - id: "1.1"
    title: IMDSv2
    section: "1"
    assessment: automated
    controls: [ec2_instance_imdsv2_required]
`;

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cw-controls-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function problemsFor(text: string, name = 'ec2_instance_imdsv2_required'): string[] {
  const file = write(`builtin/aws/ec2/${name}.yaml`, text);
  write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
  return collectControls({ builtinDir: path.join(root, 'builtin'), extraDirs: [] }).problems.map((p) =>
    p.replace(file, '<file>'),
  );
}

describe('loading control files', () => {
  it('loads a valid control and its framework', () => {
    write('builtin/aws/ec2/ec2_instance_imdsv2_required.yaml', VALID);
    write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
    const set = loadControls({ builtinDir: path.join(root, 'builtin'), extraDirs: [] });
    expect(set.controls.map((c) => c.id)).toEqual(['ec2_instance_imdsv2_required']);
    expect(set.frameworks[0].requirements[0]).toMatchObject({
      id: '1.1',
      section: '1',
      assessment: 'automated',
    });
  });

  it.each([
    [
      'the id differs from the file name',
      VALID.replace('id: ec2_instance_imdsv2_required', 'id: ec2_instance_other'),
      'id "ec2_instance_other" must equal the file name "ec2_instance_imdsv2_required"',
    ],
    [
      'a short title',
      VALID.replace('title: EC2 instances require IMDSv2', 'title: IMDS'),
      'title: must be 10-120 characters',
    ],
    ['an unknown severity', VALID.replace('severity: high', 'severity: urgent'), 'severity: Invalid option'],
    [
      'an unknown resource type',
      VALID.replace('[aws_ec2_instance]', '[aws_ec2_instances]'),
      'resourceTypes[0]: unknown resource type "aws_ec2_instances"',
    ],
    [
      'scope not matching the type',
      VALID.replace('scope: regional', 'scope: global'),
      'scope is global but aws_ec2_instance is regional',
    ],
    ['an unknown key', `${VALID}owner: me\n`, 'Unrecognized key: "owner"'],
    [
      'an unknown operator',
      VALID.replace('eq: required', 'equals: required'),
      'condition: unknown operator "equals"',
    ],
    [
      'a regex that does not compile',
      VALID.replace('eq: required', 'regex: "(["'),
      'condition: regex "([" does not compile',
    ],
    [
      'a CIDR that does not parse',
      VALID.replace('eq: required', 'cidrContains: 10.0.0.300'),
      'condition: cidrContains: "10.0.0.300" is not an IPv4/IPv6 address or CIDR',
    ],
    [
      'an unknown relationship verb',
      VALID.replace(
        '  attr: config.MetadataOptions.HttpTokens\n  eq: required',
        '  related: { verb: GUARDS, direction: in }\n  any: { attr: id, exists: true }',
      ),
      'condition.related.verb: unknown verb "GUARDS"',
    ],
    [
      'operators outside a leaf',
      VALID.replace(
        '  attr: config.MetadataOptions.HttpTokens\n  eq: required',
        '  all:\n    - attr: config.A\n      eq: 1\n  eq: 2',
      ),
      'condition: unknown key "eq"',
    ],
    ['broken YAML', `${VALID}condition: [\n`, 'YAML:'],
    [
      'a remediation template reading what an asset does not have',
      VALID.replace('--http-tokens required', '--instance-id {{InstanceId}} --http-tokens required'),
      'remediation.cli: "{{InstanceId}}" reads "InstanceId", which an asset does not have',
    ],
    [
      'a remediation template path that does not parse',
      VALID.replace('--http-tokens required', '--instance-id {{config..InstanceId}}'),
      'remediation.cli: empty segment in path "config..InstanceId"',
    ],
    [
      'a "{{" that opens no path',
      VALID.replace('--http-tokens required', '--instance-id {{config.InstanceId'),
      'remediation.cli: "{{" opens no path',
    ],
    [
      'a message template reading what an asset does not have',
      `${VALID}failMessage: "{{Name}} accepts IMDSv1"\n`,
      'failMessage: "{{Name}}" reads "Name", which an asset does not have',
    ],
  ])('reports %s as <file>: <reason>', (_name, text, reason) => {
    const problems = problemsFor(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.startsWith('<file>: ') && p.includes(reason))).toBe(true);
  });

  it('compiles remediation templates: filled from an asset, placeholders without one', () => {
    write(
      'builtin/aws/ec2/ec2_instance_imdsv2_required.yaml',
      VALID.replace(
        '--http-tokens required',
        '--instance-id {{config.InstanceId}} --region {{region}} --http-tokens required',
      ),
    );
    write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
    const [control] = loadControls({ builtinDir: path.join(root, 'builtin'), extraDirs: [] }).controls;
    const asset = {
      id: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
      region: 'eu-west-1',
      config: { InstanceId: 'i-0abc' },
    };
    expect(remediationFor(control, asset).cli).toBe(
      'aws ec2 modify-instance-metadata-options --instance-id i-0abc --region eu-west-1 --http-tokens required',
    );
    expect(control.compiled.remediation!.cli!.missing({ region: 'eu-west-1', config: {} })).toEqual([
      'config.InstanceId',
    ]);
    expect(remediationFor(control).cli).toBe(
      'aws ec2 modify-instance-metadata-options --instance-id <InstanceId> --region <region> --http-tokens required',
    );
  });

  it('throws one error listing every problem', () => {
    write(
      'builtin/aws/ec2/ec2_instance_imdsv2_required.yaml',
      VALID.replace('severity: high', 'severity: urgent'),
    );
    write(
      'builtin/aws/ec2/ec2_other_thing_enabled.yaml',
      VALID.replace('id: ec2_instance_imdsv2_required', 'id: ec2_other_thing_enabled'),
    );
    write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
    expect(() => loadControls({ builtinDir: path.join(root, 'builtin'), extraDirs: [] })).toThrow(
      ControlLoadError,
    );
    const { problems } = collectControls({ builtinDir: path.join(root, 'builtin'), extraDirs: [] });
    expect(problems).toEqual([
      expect.stringMatching(/ec2_instance_imdsv2_required\.yaml: severity: /),
      expect.stringMatching(
        /test-fw-1\.0\.yaml: requirement 1\.1: unknown control "ec2_instance_imdsv2_required"$/,
      ),
      expect.stringMatching(/ec2_other_thing_enabled\.yaml: not used by any framework/),
    ]);
  });

  it('custom controls load beside the built-ins; duplicates are errors', () => {
    write('builtin/aws/ec2/ec2_instance_imdsv2_required.yaml', VALID);
    write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
    write(
      'custom/my_bucket_tagged_owner.yaml',
      VALID.replace('id: ec2_instance_imdsv2_required', 'id: my_bucket_tagged_owner'),
    );
    const set = loadControls({
      builtinDir: path.join(root, 'builtin'),
      extraDirs: [path.join(root, 'custom')],
    });
    expect(set.controls.map((c) => [c.id, c.custom])).toEqual([
      ['ec2_instance_imdsv2_required', false],
      ['my_bucket_tagged_owner', true],
    ]);
    write('custom/ec2_instance_imdsv2_required.yaml', VALID);
    const { problems } = collectControls({
      builtinDir: path.join(root, 'builtin'),
      extraDirs: [path.join(root, 'custom')],
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /custom\/ec2_instance_imdsv2_required\.yaml: duplicate control id "ec2_instance_imdsv2_required" \(also in .*builtin/,
      ),
    ]);
  });
});

describe('cloudward controls validate', () => {
  async function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await controlsCommand(args, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: {},
    });
    return { code, stdout, stderr };
  }

  it('accepts a folder of valid custom controls and counts them', async () => {
    write(
      'custom/my_bucket_tagged_owner.yaml',
      VALID.replace('id: ec2_instance_imdsv2_required', 'id: my_bucket_tagged_owner'),
    );
    const result = await run(['validate', path.join(root, 'custom')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok: \d+ controls \(1 custom\) and \d+ frameworks are valid\n$/);
  });

  it('prints each problem as <file>: <reason> and exits 1', async () => {
    const file = write(
      'custom/my_bucket_tagged_owner.yaml',
      VALID.replace('id: ec2_instance_imdsv2_required', 'id: my_bucket_tagged_owner').replace(
        'eq: required',
        'eqq: required',
      ),
    );
    const result = await run(['validate', path.join(root, 'custom')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: condition: unknown operator "eqq"`);
  });

  it('bad flags and a missing folder are usage errors', async () => {
    await expect(run(['validate', '--strict'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['validate', path.join(root, 'nope')])).rejects.toThrow(/not a folder/);
    await expect(run(['list', '--format', 'xml'])).rejects.toThrow('--format must be table or json');
    await expect(run(['frobnicate'])).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the parsed-YAML cache the build writes', () => {
  // Functions (compiled conditions) are left out: two loads compile separately.
  const plain = (value: unknown) =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (typeof v === 'function' ? 'fn' : v))) as unknown;

  it('loads the built-in controls exactly as parsing their YAML does', () => {
    const cacheFile = path.join(root, 'controls-cache.json');
    const written = writeBuiltinYamlCache(undefined, cacheFile);
    const cache = readYamlCache(cacheFile);
    expect(cache?.size).toBe(written);
    expect(written).toBeGreaterThan(200);
    const cached = loadControls({ extraDirs: [], yamlCache: cache });
    const parsed = loadControls({ extraDirs: [], yamlCache: false });
    expect(cached.controls.length).toBeGreaterThan(200);
    expect(plain(cached)).toEqual(plain(parsed));
  });

  it('is read by content: a file edited after the build is parsed again, an unchanged one comes from the cache', () => {
    const builtinDir = path.join(root, 'builtin');
    const file = write('builtin/aws/ec2/ec2_instance_imdsv2_required.yaml', VALID);
    write('builtin/frameworks/test-fw-1.0.yaml', FRAMEWORK);
    const cacheFile = path.join(root, 'controls-cache.json');
    expect(writeBuiltinYamlCache(builtinDir, cacheFile)).toBe(2);
    const cache = readYamlCache(cacheFile)!;

    // Unchanged text: the cached value is what loads (changed here in the cache itself to tell the two apart).
    const entry = cache.get(textHash(VALID)) as { title: string };
    cache.set(textHash(VALID), { ...entry, title: 'Title from the cache' });
    expect(loadControls({ builtinDir, extraDirs: [], yamlCache: cache }).controls[0].title).toBe(
      'Title from the cache',
    );

    // Edited text: not in the cache, so the file itself decides, errors included.
    writeFileSync(file, VALID.replace('EC2 instances require IMDSv2', 'Edited after the build'));
    expect(loadControls({ builtinDir, extraDirs: [], yamlCache: cache }).controls[0].title).toBe(
      'Edited after the build',
    );
    writeFileSync(file, `${VALID}condition: [unclosed\n`);
    const problems = collectControls({ builtinDir, extraDirs: [], yamlCache: cache }).problems;
    expect(problems.some((problem) => problem.includes('YAML:'))).toBe(true);
  });

  it('is what the build leaves beside dist/, holding every built-in file as it is now', () => {
    // The built code looks for it at dist/controls-cache.json (npm test builds first, as CI does).
    const dist = path.join(__dirname, '..', '..', 'dist');
    const where = execFileSync(process.execPath, [
      '-p',
      `require(${JSON.stringify(path.join(dist, 'evaluator', 'controls', 'yaml-cache.js'))}).defaultYamlCachePath()`,
    ])
      .toString()
      .trim();
    expect(where).toBe(path.join(dist, 'controls-cache.json'));
    const cache = readYamlCache(where)!;
    const builtin = builtinControlsDir();
    const files = readdirSync(builtin, { recursive: true, encoding: 'utf8' }).filter((name) =>
      /\.ya?ml$/.test(name),
    );
    expect(files.length).toBeGreaterThan(200);
    for (const name of files)
      expect([name, cache.has(textHash(readFileSync(path.join(builtin, name), 'utf8')))]).toEqual([
        name,
        true,
      ]);
  });

  it('is ignored when missing, unreadable or of another version', () => {
    expect(readYamlCache(path.join(root, 'absent.json'))).toBeUndefined();
    write('broken.json', '{"version": 1, "entries": ');
    expect(readYamlCache(path.join(root, 'broken.json'))).toBeUndefined();
    write('old.json', JSON.stringify({ version: 0, entries: {} }));
    expect(readYamlCache(path.join(root, 'old.json'))).toBeUndefined();
  });
});
