import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListFailures, mergeDetail, readDetail } from '../../../../collector/services/lambda/normalise';
import { accessDenied, policyNotFound } from './fixtures';

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

describe('normalise.ts copies', () => {
  it('are identical in every module that carries one', () => {
    const root = join(__dirname, '../../../../collector/services');
    const read = (service: string) => readFileSync(join(root, service, 'normalise.ts'), 'utf8');
    const reference = read('lambda');

    for (const service of ['apigateway', 'eks', 'ecr', 'ecs', 'rds', 'efs', 'organizations']) {
      expect({ service, same: read(service) === reference }).toEqual({ service, same: true });
    }
  });
});
