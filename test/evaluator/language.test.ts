import { evaluateEstate } from '../../evaluator';
import type { EvalAsset } from '../../evaluator';
import type { Relationship } from '../../store/model';
import { asset, control, edge } from './fixtures';

const NOW = new Date('2026-06-01T00:00:00Z');
const INSTANCE = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1';

async function run(
  condition: unknown,
  config: Record<string, unknown>,
  more: {
    assets?: EvalAsset[];
    edges?: Relationship[];
    extra?: Partial<EvalAsset>;
    overrides?: Record<string, unknown>;
  } = {},
) {
  const subject = asset('aws_ec2_instance', INSTANCE, config, more.extra);
  const { results } = await evaluateEstate(
    [subject, ...(more.assets ?? [])],
    more.edges ?? [],
    [control({ condition, ...more.overrides })],
    {
      analysers: false,
      now: NOW,
    },
  );
  const mine = results.filter((result) => result.assetId === INSTANCE);
  expect(mine).toHaveLength(1);
  return mine[0];
}

async function status(condition: unknown, config: Record<string, unknown>) {
  return (await run(condition, config)).status;
}

describe('operators', () => {
  const cases: [string, unknown, Record<string, unknown>, 'pass' | 'fail'][] = [
    ['eq matches a string', { attr: 'config.A', eq: 'x' }, { A: 'x' }, 'pass'],
    ['eq is case-sensitive', { attr: 'config.A', eq: 'x' }, { A: 'X' }, 'fail'],
    ['eq true matches the string "true"', { attr: 'config.A', eq: true }, { A: 'true' }, 'pass'],
    ['eq true matches boolean true', { attr: 'config.A', eq: true }, { A: true }, 'pass'],
    ['eq true does not match false', { attr: 'config.A', eq: true }, { A: false }, 'fail'],
    ['eq on a missing path is false', { attr: 'config.Missing', eq: 'x' }, {}, 'fail'],
    ['ne differs', { attr: 'config.A', ne: 'x' }, { A: 'y' }, 'pass'],
    ['ne on a missing path is false', { attr: 'config.A', ne: 'x' }, {}, 'fail'],
    ['gt on numbers', { attr: 'config.N', gt: 3 }, { N: 4 }, 'pass'],
    ['gte converts numeric strings', { attr: 'config.N', gte: 14 }, { N: '14' }, 'pass'],
    ['lt false on equal', { attr: 'config.N', lt: 3 }, { N: 3 }, 'fail'],
    ['lte on non-numbers is false', { attr: 'config.N', lte: 3 }, { N: 'abc' }, 'fail'],
    ['in', { attr: 'config.A', in: ['a', 'b'] }, { A: 'b' }, 'pass'],
    ['notIn', { attr: 'config.A', notIn: ['a', 'b'] }, { A: 'c' }, 'pass'],
    ['notIn on missing is false', { attr: 'config.A', notIn: ['a'] }, {}, 'fail'],
    ['exists true', { attr: 'config.A', exists: true }, { A: 0 }, 'pass'],
    ['exists true on null is false', { attr: 'config.A', exists: true }, { A: null }, 'fail'],
    ['exists false on missing', { attr: 'config.A', exists: false }, {}, 'pass'],
    ['empty true on missing', { attr: 'config.A', empty: true }, {}, 'pass'],
    ['empty true on {}', { attr: 'config.A', empty: true }, { A: {} }, 'pass'],
    ['empty false on a list', { attr: 'config.A', empty: false }, { A: [1] }, 'pass'],
    ['empty true on ""', { attr: 'config.A', empty: true }, { A: '' }, 'pass'],
    ['regex', { attr: 'config.A', regex: '^arn:aws:kms:' }, { A: 'arn:aws:kms:eu-west-1:1:key/x' }, 'pass'],
    ['regex on missing is false', { attr: 'config.A', regex: '.*' }, {}, 'fail'],
    ['contains in a list', { attr: 'config.A', contains: 'b' }, { A: ['a', 'b'] }, 'pass'],
    ['contains a substring', { attr: 'config.A', contains: 'ell' }, { A: 'hello' }, 'pass'],
    ['containsAny', { attr: 'config.A', containsAny: ['x', 'b'] }, { A: ['a', 'b'] }, 'pass'],
    [
      'containsAll fails when one is missing',
      { attr: 'config.A', containsAll: ['a', 'z'] },
      { A: ['a', 'b'] },
      'fail',
    ],
    ['cidrContains an address', { attr: 'config.C', cidrContains: '10.1.2.3' }, { C: '10.0.0.0/8' }, 'pass'],
    [
      'cidrContains a wider block is false',
      { attr: 'config.C', cidrContains: '10.0.0.0/7' },
      { C: '10.0.0.0/8' },
      'fail',
    ],
    ['cidrContains IPv6', { attr: 'config.C', cidrContains: '2001:db8::1' }, { C: '2001:db8::/32' }, 'pass'],
    [
      'cidrWithin',
      { attr: 'config.C', cidrWithin: ['172.16.0.0/12', '10.0.0.0/8'] },
      { C: '10.2.0.0/16' },
      'pass',
    ],
    ['cidrWithin outside', { attr: 'config.C', cidrWithin: ['10.0.0.0/8'] }, { C: '11.0.0.0/16' }, 'fail'],
    ['isPublicCidr v4', { attr: 'config.C', isPublicCidr: true }, { C: '0.0.0.0/0' }, 'pass'],
    ['isPublicCidr v6', { attr: 'config.C', isPublicCidr: true }, { C: '::/0' }, 'pass'],
    [
      'isPublicCidr on a private block',
      { attr: 'config.C', isPublicCidr: true },
      { C: '10.0.0.0/8' },
      'fail',
    ],
    [
      'portInRange inside a range',
      { attr: 'config.R', portInRange: 22 },
      { R: { IpProtocol: 'tcp', FromPort: 0, ToPort: 1024 } },
      'pass',
    ],
    [
      'portInRange outside',
      { attr: 'config.R', portInRange: 22 },
      { R: { IpProtocol: 'tcp', FromPort: 80, ToPort: 443 } },
      'fail',
    ],
    ['portInRange protocol -1', { attr: 'config.R', portInRange: 3389 }, { R: { IpProtocol: '-1' } }, 'pass'],
    [
      'portInRange NACL PortRange',
      { attr: 'config.R', portInRange: 22 },
      { R: { Protocol: '6', PortRange: { From: 22, To: 22 } } },
      'pass',
    ],
    ['olderThanDays', { attr: 'config.D', olderThanDays: 90 }, { D: '2026-01-01T00:00:00Z' }, 'pass'],
    ['olderThanDays on N/A is false', { attr: 'config.D', olderThanDays: 90 }, { D: 'N/A' }, 'fail'],
    ['newerThanDays', { attr: 'config.D', newerThanDays: 1 }, { D: '2026-05-31T12:00:00Z' }, 'pass'],
    ['moreThanDaysAhead', { attr: 'config.D', moreThanDaysAhead: 30 }, { D: '2026-07-02T00:00:00Z' }, 'pass'],
    [
      'moreThanDaysAhead within the window',
      { attr: 'config.D', moreThanDaysAhead: 30 },
      { D: '2026-06-30T00:00:00Z' },
      'fail',
    ],
    [
      'moreThanDaysAhead on a past date',
      { attr: 'config.D', moreThanDaysAhead: 0 },
      { D: '2026-05-01T00:00:00Z' },
      'fail',
    ],
    ['length', { attr: 'config.L', length: { gte: 2 } }, { L: [1, 2] }, 'pass'],
    ['length on a string', { attr: 'config.L', length: { lt: 3 } }, { L: 'abcd' }, 'fail'],
    ['several operators are ANDed', { attr: 'config.N', gte: 1, lte: 5 }, { N: 6 }, 'fail'],
    [
      'numeric path segment indexes a list',
      { attr: 'config.Rules.1.X', eq: 'b' },
      { Rules: [{ X: 'a' }, { X: 'b' }] },
      'pass',
    ],
    ['bracketed key with dots', { attr: 'config.Attrs[a.b]', eq: 1 }, { Attrs: { 'a.b': 1 } }, 'pass'],
    ['fact shorthand', { fact: 'exposure.verdict', eq: 'exposed' }, {}, 'fail'],
  ];
  it.each(cases)('%s', async (_name, condition, config, expected) => {
    expect(await status(condition, config)).toBe(expected);
  });
});

describe('boolean logic and quantifiers', () => {
  const rules = {
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ],
  };
  const openSsh = {
    anyOf: 'config.IpPermissions',
    where: [{ portInRange: 22 }, { anyOf: 'IpRanges', where: { attr: 'CidrIp', isPublicCidr: true } }],
  };

  it('a list of conditions means all', async () => {
    expect(
      await status(
        [
          { attr: 'config.A', eq: 1 },
          { attr: 'config.B', eq: 2 },
        ],
        { A: 1, B: 3 },
      ),
    ).toBe('fail');
    expect(
      await status(
        {
          any: [
            { attr: 'config.A', eq: 1 },
            { attr: 'config.B', eq: 2 },
          ],
        },
        { A: 1, B: 3 },
      ),
    ).toBe('pass');
    expect(await status({ not: { attr: 'config.A', eq: 1 } }, { A: 1 })).toBe('fail');
  });

  it('anyOf looks for one element matching every part of where', async () => {
    const open = {
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 20, ToPort: 25, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    };
    const passing = await run(openSsh, open);
    expect(passing.status).toBe('pass');
    expect(passing.trace).toEqual([
      'config.IpPermissions[0] is tcp 20-25',
      'config.IpPermissions[0].IpRanges[0].CidrIp is "0.0.0.0/0"',
    ]);
    // 22 is open only to 10.0.0.0/8 and the public rule is for 443: no single element matches both parts.
    const result = await run(openSsh, rules);
    expect(result.status).toBe('fail');
    expect(result.trace!.join('\n')).toContain('no element matches');
  });

  it('anyOf is false and allOf/noneOf true on a missing list', async () => {
    expect(await status({ anyOf: 'config.L', where: { eq: 1 } }, {})).toBe('fail');
    expect(await status({ allOf: 'config.L', where: { eq: 1 } }, {})).toBe('pass');
    expect(await status({ noneOf: 'config.L', where: { eq: 1 } }, {})).toBe('pass');
  });

  it('a single value counts as a one-element list', async () => {
    expect(
      await status({ anyOf: 'config.Statement.Action', where: { eq: '*' } }, { Statement: { Action: '*' } }),
    ).toBe('pass');
  });

  it('allOf reports the first element that fails', async () => {
    const result = await run({ allOf: 'config.L', where: { attr: 'V', gt: 1 } }, { L: [{ V: 2 }, { V: 0 }] });
    expect(result.status).toBe('fail');
    expect(result.trace).toContain('config.L[1].V is 0, expected > 1');
  });

  it('countOf compares the number of matches', async () => {
    expect(await status({ countOf: 'config.L', where: { gt: 1 }, gte: 2 }, { L: [1, 2, 3] })).toBe('pass');
    expect(await status({ countOf: 'config.L', eq: 0 }, { L: [] })).toBe('pass');
  });

  it('$. reaches the evaluated asset inside where', async () => {
    const condition = { anyOf: 'config.Peers', where: { attr: 'VpcId', eq: '$', ne: 'x' } };
    expect(await status(condition, { VpcId: 'vpc-1', Peers: [{ VpcId: '$' }] })).toBe('pass');
    const rooted = { anyOf: 'config.Peers', where: { attr: '$.config.VpcId', eq: 'vpc-1' } };
    expect(await status(rooted, { VpcId: 'vpc-1', Peers: [{}] })).toBe('pass');
  });
});

describe('related assets and aggregates', () => {
  const sgId = 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1';
  const sg = asset(
    'aws_ec2_security_group',
    sgId,
    {
      GroupId: 'sg-1',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
    { name: 'sg-1' },
  );
  const condition = {
    not: {
      related: { verb: 'PROTECTS', direction: 'in', type: 'aws_ec2_security_group' },
      any: {
        anyOf: 'config.IpPermissions',
        where: [{ portInRange: 22 }, { anyOf: 'IpRanges', where: { attr: 'CidrIp', isPublicCidr: true } }],
      },
    },
  };

  it('follows edges into the asset and explains which related asset decided', async () => {
    const result = await run(condition, {}, { assets: [sg], edges: [edge(sgId, 'PROTECTS', INSTANCE)] });
    expect(result.status).toBe('fail');
    expect(result.trace![0]).toBe(
      'security group sg-1 PROTECTS this: config.IpPermissions[0] is tcp 22; config.IpPermissions[0].IpRanges[0].CidrIp is "0.0.0.0/0"',
    );
    expect(result.evidence).toEqual([
      'Instance i-1 does not meet: A control used in tests',
      'Security group sg-1, which protects instance i-1, is what this control rules out.',
    ]);
  });

  it('names the related assets in plain sentences when none of them decides', async () => {
    const closed = asset(
      'aws_ec2_security_group',
      sgId,
      { GroupId: 'sg-1', IpPermissions: [] },
      { name: 'web' },
    );
    const result = await run(condition, {}, { assets: [closed], edges: [edge(sgId, 'PROTECTS', INSTANCE)] });
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual([
      'Instance i-1 meets: A control used in tests',
      'Security group web (sg-1), which protects instance i-1, is not what this control rules out.',
    ]);
    const alone = await run(condition, {}, {});
    expect(alone.evidence).toEqual([
      'Instance i-1 meets: A control used in tests',
      'No security group protects instance i-1.',
    ]);
  });

  it('passes with no related asset (any over none is false)', async () => {
    expect((await run(condition, {}, { assets: [sg] })).status).toBe('pass');
  });

  it('all over no related assets is true, count counts them', async () => {
    const all = {
      related: { verb: 'PROTECTS', direction: 'in' },
      all: { attr: 'config.GroupId', eq: 'sg-2' },
    };
    expect((await run(all, {}, { assets: [sg] })).status).toBe('pass');
    expect((await run(all, {}, { assets: [sg], edges: [edge(sgId, 'PROTECTS', INSTANCE)] })).status).toBe(
      'fail',
    );
    const count = { related: { verb: 'PROTECTS', direction: 'in' }, count: { gte: 1 } };
    expect((await run(count, {}, { assets: [sg], edges: [edge(sgId, 'PROTECTS', INSTANCE)] })).status).toBe(
      'pass',
    );
  });

  it('assets aggregates over the account, optionally the same region', async () => {
    const trail = asset(
      'aws_cloudtrail_trail',
      'arn:aws:cloudtrail:us-east-1:123456789012:trail/t',
      { IsMultiRegionTrail: true, TrailStatus: { IsLogging: true } },
      { region: 'us-east-1' },
    );
    const anyTrail = {
      assets: { type: 'aws_cloudtrail_trail' },
      any: [
        { attr: 'config.IsMultiRegionTrail', eq: true },
        { attr: 'config.TrailStatus.IsLogging', eq: true },
      ],
    };
    expect((await run(anyTrail, {}, { assets: [trail] })).status).toBe('pass');
    expect((await run(anyTrail, {}, {})).status).toBe('fail');
    const sameRegion = { assets: { type: 'aws_cloudtrail_trail', sameRegion: true }, count: { gte: 1 } };
    const result = await run(sameRegion, {}, { assets: [trail] });
    expect(result.status).toBe('fail');
    expect(result.trace!.join(' ')).toContain('no trail in region eu-west-1');
    expect(result.evidence).toContain('There is no trail in region eu-west-1.');
  });
});

describe('results', () => {
  it('applies false gives not_applicable', async () => {
    const result = await run(
      { attr: 'config.A', eq: 1 },
      { State: { Name: 'terminated' } },
      { overrides: { applies: { attr: 'config.State.Name', ne: 'terminated' } } },
    );
    expect(result.status).toBe('not_applicable');
    expect(result.reason).toBe('Not applicable to instance i-1: its state name is terminated.');
    expect(result.trace).toEqual(['config.State.Name is "terminated", expected anything but "terminated"']);
  });

  it('reading a config key in readErrors gives error with the code', async () => {
    const result = await run(
      { attr: 'config.BucketPolicy.Policy', exists: false },
      {},
      { extra: { readErrors: { BucketPolicy: 'AccessDenied' } } },
    );
    expect(result.status).toBe('error');
    expect(result.reason).toBe('Could not read the bucket policy of instance i-1 (AccessDenied).');
    expect(result.evidence).toEqual([result.reason]);
    expect(result.trace![0]).toContain('config.BucketPolicy');
  });

  it('a readError on a key the control does not read does not matter', async () => {
    const result = await run(
      { attr: 'config.A', eq: 1 },
      { A: 1 },
      { extra: { readErrors: { BucketPolicy: 'AccessDenied' } } },
    );
    expect(result.status).toBe('pass');
  });

  it('evidence says what was found and what was expected', async () => {
    const result = await run(
      { attr: 'config.MetadataOptions.HttpTokens', eq: 'required' },
      { MetadataOptions: { HttpTokens: 'optional' } },
    );
    expect(result.trace).toEqual(['config.MetadataOptions.HttpTokens is "optional", expected "required"']);
    // No message: a plain sentence from the resource and the control title, never a path.
    expect(result.reason).toBe('Instance i-1 does not meet: A control used in tests');
    expect(result.evidence).toEqual([result.reason]);
  });

  it('pass and fail templates fill {{path}} from the asset', async () => {
    const overrides = {
      passMessage: 'IMDSv2 is required on {{name}}',
      failMessage: '{{name}} accepts IMDSv1 (HttpTokens = {{config.MetadataOptions.HttpTokens}})',
    };
    const condition = { attr: 'config.MetadataOptions.HttpTokens', eq: 'required' };
    expect(
      (await run(condition, { MetadataOptions: { HttpTokens: 'optional' } }, { overrides })).reason,
    ).toBe('i-1 accepts IMDSv1 (HttpTokens = optional)');
    expect(
      (await run(condition, { MetadataOptions: { HttpTokens: 'required' } }, { overrides })).reason,
    ).toBe('IMDSv2 is required on i-1');
  });

  it('a template path with no value renders as a named placeholder', async () => {
    const overrides = { failMessage: '{{name}} has HttpTokens {{config.MetadataOptions.HttpTokens}}' };
    const result = await run(
      { attr: 'config.MetadataOptions.HttpTokens', eq: 'required' },
      {},
      { overrides },
    );
    expect(result.reason).toBe('i-1 has HttpTokens <HttpTokens>');
    expect(result.evidence[0]).toBe(result.reason);
  });

  it('fact evidence is appended and exposure sets the exposed flag', async () => {
    const facts = {
      exposure: {
        verdict: 'exposed',
        ports: [],
        paths: [],
        evidence: ['public IP 1.2.3.4', 'sg-1 allows 0.0.0.0/0 on 22'],
      },
    };
    const result = await run({ fact: 'exposure.verdict', ne: 'exposed' }, {}, { extra: { facts } });
    expect(result.status).toBe('fail');
    expect(result.exposed).toBe(true);
    expect(result.trace).toEqual([
      'facts.exposure.verdict is "exposed", expected anything but "exposed"',
      'public IP 1.2.3.4',
      'sg-1 allows 0.0.0.0/0 on 22',
    ]);
    expect(result.evidence).toEqual([
      'Instance i-1 does not meet: A control used in tests',
      'public IP 1.2.3.4',
      'sg-1 allows 0.0.0.0/0 on 22',
    ]);
  });

  it('global controls only see global assets', async () => {
    const user = asset('aws_iam_user', 'arn:aws:iam::123456789012:user/alice', {});
    const c = control({
      resourceTypes: ['aws_iam_user'],
      scope: 'global',
      condition: { attr: 'id', exists: true },
    });
    const { results } = await evaluateEstate([user], [], [c], { analysers: false });
    expect(results.map((r) => [r.assetId, r.status, r.region])).toEqual([[user.id, 'pass', 'global']]);
  });
});
