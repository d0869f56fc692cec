// The detail-call and list-failure helpers every collector module shares (collector/read.ts).
import {
  isGone,
  ListFailures,
  mergeDetail,
  mergeDetails,
  readDetail,
  readOutput,
} from '../../collector/read';
import { accessDenied, policyNotFound } from './services/lambda/fixtures';

function regionDisabled(): Error {
  return Object.assign(new Error('The security token included in the request is invalid.'), {
    name: 'UnrecognizedClientException',
    $metadata: { httpStatusCode: 403 },
  });
}

describe('readDetail', () => {
  it('turns a not-configured answer into null and any other error into its code', async () => {
    await expect(
      readDetail(() => Promise.reject(policyNotFound()), ['ResourceNotFoundException']),
    ).resolves.toEqual({
      ok: true,
      value: null,
    });
    await expect(readDetail(() => Promise.reject(accessDenied('lambda:GetPolicy')))).resolves.toEqual({
      ok: false,
      code: 'AccessDeniedException',
    });
  });

  it('rethrows a disabled-region error so the whole unit fails', async () => {
    await expect(readDetail(() => Promise.reject(regionDisabled()))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });
});

describe('readOutput', () => {
  it('stores the output as plain JSON without $metadata', async () => {
    const outcome = await readOutput(() =>
      Promise.resolve({ $metadata: { httpStatusCode: 200 }, At: new Date('2026-01-01T00:00:00.000Z') }),
    );

    expect(outcome).toEqual({ ok: true, value: { At: '2026-01-01T00:00:00.000Z' } });
  });

  it('matches a not-configured code in either spelling (wire Code or SDK class name)', async () => {
    const noSuchEntity = Object.assign(new Error('no policy'), {
      name: 'NoSuchEntityException',
      Code: 'NoSuchEntity',
    });

    await expect(readOutput(() => Promise.reject(noSuchEntity), ['NoSuchEntityException'])).resolves.toEqual({
      ok: true,
      value: null,
    });
    await expect(readOutput(() => Promise.reject(noSuchEntity))).resolves.toEqual({
      ok: false,
      code: 'NoSuchEntity',
    });
  });
});

describe('isGone', () => {
  it('is true only for a failed read with one of the given codes', () => {
    expect(isGone({ ok: false, code: 'NoSuchBucket' }, ['NoSuchBucket'])).toBe(true);
    expect(isGone({ ok: false, code: 'AccessDenied' }, ['NoSuchBucket'])).toBe(false);
    expect(isGone({ ok: true, value: null }, ['NoSuchBucket'])).toBe(false);
  });
});

describe('mergeDetails', () => {
  it('puts values and nulls into config and failures into readErrors', () => {
    const merged = mergeDetails(
      { Name: 'b' },
      {
        Policy: { ok: true, value: null },
        Acl: { ok: false, code: 'AccessDenied' },
        Tags: { ok: true, value: { TagSet: [] } },
      },
    );

    expect(merged).toEqual({
      config: { Name: 'b', Policy: null, Tags: { TagSet: [] } },
      readErrors: { Acl: 'AccessDenied' },
    });
  });

  it('leaves readErrors out when every read succeeded', () => {
    expect(mergeDetails({}, { Policy: { ok: true, value: null } })).toEqual({ config: { Policy: null } });
  });
});

describe('mergeDetail', () => {
  it('stores the output without $metadata, with dates as ISO strings', () => {
    const asset = { config: {} as Record<string, unknown> };

    mergeDetail(asset, 'Thing', {
      ok: true,
      value: {
        $metadata: { httpStatusCode: 200 },
        At: new Date('2026-01-01T00:00:00.000Z'),
        Gone: undefined,
      },
    });

    expect(asset.config).toEqual({ Thing: { At: '2026-01-01T00:00:00.000Z' } });
  });

  it('adds to existing read errors rather than replacing them', () => {
    const asset = { config: {}, readErrors: { First: 'AccessDenied' } };

    mergeDetail(asset, 'Second', { ok: false, code: 'ThrottlingException' });

    expect(asset.readErrors).toEqual({ First: 'AccessDenied', Second: 'ThrottlingException' });
  });
});

describe('ListFailures', () => {
  it('reports each failed type once and does not throw while some type was read', async () => {
    const reported: string[] = [];
    const failures = new ListFailures({ typeFailed: (type) => reported.push(type) }, ['a', 'b']);

    await failures.run(['a'], () => Promise.reject(accessDenied('x')));
    failures.fail(['a'], accessDenied('y'));

    expect(reported).toEqual(['a']);
    expect(() => failures.finish()).not.toThrow();
  });

  it('throws the first error when every type failed', async () => {
    const first = accessDenied('first');
    const failures = new ListFailures({ typeFailed: () => undefined }, ['a', 'b']);

    await failures.run(['a'], () => Promise.reject(first));
    await failures.run(['b'], () => Promise.reject(accessDenied('second')));

    expect(() => failures.finish()).toThrow(first);
  });

  it('rethrows a disabled-region error at once', async () => {
    const failures = new ListFailures({ typeFailed: () => undefined }, ['a']);

    await expect(failures.run(['a'], () => Promise.reject(regionDisabled()))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });
});
