// EKS supported versions come from the release calendar (controls/calendars/eks-kubernetes-versions.yaml) and the
// evaluation's clock: standard support passes, extended support only fails saying when it ends, past extended
// support fails, and a version the calendar does not know (or none at all) is an error saying so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluateEstate, loadControls } from '../../evaluator';
import type { EvalAsset } from '../../evaluator';
import { eksVersionSupport, loadEksCalendar } from '../../evaluator/analysers/eks-versions';
import { asset, REGION, ACCOUNT } from './fixtures';

const { controls } = loadControls({ extraDirs: [] });
const supportedVersion = controls.find((control) => control.id === 'eks_cluster_supported_version')!;

// DescribeCluster's `cluster` (trimmed), as the collector stores it.
function cluster(name: string, version?: string): EvalAsset {
  const arn = `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${name}`;
  return asset(
    'aws_eks_cluster',
    arn,
    {
      name,
      arn,
      createdAt: '2025-06-02T09:00:00.000Z',
      ...(version === undefined ? {} : { version }),
      platformVersion: 'eks.5',
      status: 'ACTIVE',
      resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
      upgradePolicy: { supportType: 'EXTENDED' },
    },
    { name },
  );
}

async function judge(version: string | undefined, now: string) {
  const { results } = await evaluateEstate([cluster('prod', version)], [], [supportedVersion], {
    now: new Date(now),
  });
  expect(results).toHaveLength(1);
  return results[0];
}

describe('eks_cluster_supported_version on both sides of each date (1.33: standard until 2026-07-29, extended until 2027-07-29)', () => {
  it.each([
    [
      '2025-05-29T00:00:00Z',
      'pass',
      'EKS cluster prod: Kubernetes 1.33 is in EKS standard support until 2026-07-29',
    ],
    [
      '2026-07-28T23:59:59Z',
      'pass',
      'EKS cluster prod: Kubernetes 1.33 is in EKS standard support until 2026-07-29',
    ],
    [
      '2026-07-29T00:00:00Z',
      'fail',
      'EKS cluster prod (arn:aws:eks:eu-west-1:123456789012:cluster/prod): Kubernetes 1.33 left EKS standard support on 2026-07-29 and is in extended support only (extra cost), which ends on 2027-07-29',
    ],
    [
      '2027-07-28T23:59:59Z',
      'fail',
      'EKS cluster prod (arn:aws:eks:eu-west-1:123456789012:cluster/prod): Kubernetes 1.33 left EKS standard support on 2026-07-29 and is in extended support only (extra cost), which ends on 2027-07-29',
    ],
    [
      '2027-07-29T00:00:00Z',
      'fail',
      'EKS cluster prod (arn:aws:eks:eu-west-1:123456789012:cluster/prod): Kubernetes 1.33 is past the end of EKS extended support (2027-07-29): no longer supported by EKS',
    ],
  ])('on %s: %s', async (now, status, reason) => {
    const result = await judge('1.33', now);
    expect([result.status, result.reason]).toEqual([status, reason]);
    expect(result.evidence).toContain(
      `Kubernetes 1.33: released on EKS 2025-05-29, standard support until 2026-07-29, extended support until 2027-07-29; evaluated on ${now.slice(0, 10)}`,
    );
  });

  it('the same version passes one day and fails the next: the clock decides, not a list', async () => {
    expect((await judge('1.31', '2025-11-25T12:00:00Z')).status).toBe('pass');
    expect((await judge('1.31', '2025-11-26T12:00:00Z')).status).toBe('fail');
  });

  it('a patch version or a v prefix is judged by its minor version', async () => {
    expect((await judge('1.33.4', '2026-01-01T00:00:00Z')).status).toBe('pass');
    expect((await judge('v1.33', '2026-01-01T00:00:00Z')).status).toBe('pass');
  });

  it('a version older than the calendar is past the end of support, with the oldest known date as evidence', async () => {
    const result = await judge('1.22', '2026-01-01T00:00:00Z');
    expect([result.status, result.reason]).toEqual([
      'fail',
      'EKS cluster prod (arn:aws:eks:eu-west-1:123456789012:cluster/prod): Kubernetes 1.22 is older than 1.23, whose EKS extended support ended on 2024-10-11: no longer supported by EKS',
    ]);
  });

  it('a version newer than the calendar is an error saying the calendar does not know it, never "unsupported"', async () => {
    const result = await judge('1.99', '2026-01-01T00:00:00Z');
    expect(result.status).toBe('error');
    expect(result.reason).toMatch(
      /^Could not decide whether Amazon EKS still supports its Kubernetes version for cluster prod: Cloudward's copy of the EKS release calendar \(1\.23 to 1\.\d+, updated \d{4}-\d{2}-\d{2}\) does not know Kubernetes 1\.99: add it to controls\/calendars\/eks-kubernetes-versions\.yaml to judge cluster prod\.$/,
    );
  });

  it('a cluster whose version was not collected, or is not a version, is an error', async () => {
    expect(await judge(undefined, '2026-01-01T00:00:00Z')).toMatchObject({
      status: 'error',
      reason:
        'Could not decide whether Amazon EKS still supports its Kubernetes version for cluster prod: cluster prod: its Kubernetes version was not collected.',
    });
    expect(await judge('latest', '2026-01-01T00:00:00Z')).toMatchObject({
      status: 'error',
      reason:
        'Could not decide whether Amazon EKS still supports its Kubernetes version for cluster prod: cluster prod reports Kubernetes version "latest", which is not a 1.N version.',
    });
  });
});

describe('the release calendar file', () => {
  it('loads, oldest first, one row per minor version, each dated in order', () => {
    const calendar = loadEksCalendar();
    const minors = calendar.versions.map((entry) => Number(entry.version.split('.')[1]));
    expect(minors[0]).toBe(23);
    expect(minors).toEqual(minors.map((_, index) => minors[0] + index));
    expect(minors[minors.length - 1]).toBeGreaterThanOrEqual(35);
    for (const entry of calendar.versions) {
      expect(entry.eksRelease < entry.endOfStandardSupport).toBe(true);
      expect(entry.endOfStandardSupport < entry.endOfExtendedSupport).toBe(true);
    }
  });

  it('is data, not a control: the loader reads no file under controls/calendars', () => {
    expect(controls.filter((control) => control.file.split(path.sep).includes('calendars'))).toEqual([]);
  });

  it('a calendar with a gap is refused, naming the file and the gap', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-calendar-'));
    const file = path.join(dir, 'calendar.yaml');
    writeFileSync(
      file,
      [
        'updated: 2026-01-01',
        'versions:',
        "  - { version: '1.30', eksRelease: 2024-05-23, endOfStandardSupport: 2025-07-23, endOfExtendedSupport: 2026-07-23 }",
        "  - { version: '1.32', eksRelease: 2025-01-23, endOfStandardSupport: 2026-03-23, endOfExtendedSupport: 2027-03-23 }",
      ].join('\n'),
    );
    expect(() => loadEksCalendar(file)).toThrow(`${file}: versions jump from 1.30 to 1.32`);
  });

  it('a version missing inside a calendar passed in is unknown, not unsupported', () => {
    const calendar = {
      updated: '2026-01-01',
      versions: [
        {
          version: '1.30',
          eksRelease: '2024-05-23',
          endOfStandardSupport: '2025-07-23',
          endOfExtendedSupport: '2026-07-23',
        },
        {
          version: '1.32',
          eksRelease: '2025-01-23',
          endOfStandardSupport: '2026-03-23',
          endOfExtendedSupport: '2027-03-23',
        },
      ],
    };
    expect(eksVersionSupport('prod', '1.31', Date.parse('2026-01-01T00:00:00Z'), calendar)).toMatchObject({
      verdict: 'unknown',
    });
  });
});
