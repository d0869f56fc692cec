// CloudFront.12 through the real evaluator: a distribution's S3 origin bucket against the account's bucket inventory.
import { evaluateEstate, loadControls } from '../../evaluator';
import { ACCOUNT, asset } from './fixtures';

const { controls } = loadControls({ extraDirs: [] });
const control = controls.find((c) => c.id === 'cloudfront_distribution_s3_origin_exists')!;
const DIST = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHAPOMQZL`;
const distribution = asset(
  'aws_cloudfront_distribution',
  DIST,
  { Id: 'E2QWRUHAPOMQZL', S3OriginBuckets: ['shop-assets'] },
  { name: 'E2QWRUHAPOMQZL', region: 'global' },
);
const bucket = (name: string) => asset('aws_s3_bucket', `arn:aws:s3:::${name}`, { Name: name }, { name });
const bucketsUnread = [{ accountId: ACCOUNT, type: 'aws_s3_bucket', region: 'global', code: 'AccessDenied' }];

async function statusOf(assets: ReturnType<typeof asset>[], unreadTypes: typeof bucketsUnread = []) {
  const { results } = await evaluateEstate(assets, [], [control], {
    now: new Date('2026-06-01T00:00:00Z'),
    unreadTypes,
  });
  return results.map((result) => [result.status, result.reason]);
}

describe('cloudfront_distribution_s3_origin_exists', () => {
  it('passes when the bucket is collected in the account', async () => {
    expect((await statusOf([distribution, bucket('shop-assets')]))[0][0]).toBe('pass');
  });

  it('fails with the bucket name when the bucket is not in the inventory (dangling origin)', async () => {
    const [[status, reason]] = await statusOf([distribution, bucket('other')]);
    expect(status).toBe('fail');
    expect(reason).toContain('S3 origin bucket shop-assets, which is not among the 1 buckets collected');
  });

  it('is an error, not a fail, when the S3 bucket list could not be read', async () => {
    const [[status, reason]] = await statusOf([distribution], bucketsUnread);
    expect(status).toBe('error');
    expect(reason).toContain('AccessDenied');
  });

  it('is decided when the bucket list failed but the bucket was read anyway', async () => {
    expect((await statusOf([distribution, bucket('shop-assets')], bucketsUnread))[0][0]).toBe('pass');
  });
});

// `scan` and evaluateAccount hand their assets over (inPlace) instead of having each one copied.
describe('evaluateEstate inPlace', () => {
  const run = (assets: ReturnType<typeof asset>[], inPlace: boolean) =>
    evaluateEstate(assets, [], [control], { now: new Date('2026-06-01T00:00:00Z'), inPlace });

  it('writes the analysers’ facts onto the assets given, with the same verdicts as on copies', async () => {
    const copied = [distribution, bucket('shop-assets')].map((item) => ({ ...item }));
    const owned = copied.map((item) => ({ ...item }));
    const onCopies = await run(copied, false);
    const inPlace = await run(owned, true);
    expect(inPlace.results).toEqual(onCopies.results);
    expect(copied[0].facts).toBeUndefined();
    expect(owned[0].facts).toBe(inPlace.facts.get(DIST));
    expect(owned[0].facts).toHaveProperty('s3Origins');
  });
});
