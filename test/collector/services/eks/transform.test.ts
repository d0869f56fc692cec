import {
  accessEntriesRefusalCodes,
  CLUSTER_TYPE,
  transformCluster,
  usesAccessEntries,
} from '../../../../collector/services/eks/transform';
import type { Where } from '../../../../collector/shape';
import { legacyCluster, minimalCluster, prodCluster } from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'eks',
};
const edge = { accountId: '123456789012', service: 'eks', region: 'us-east-1' };
const id = 'arn:aws:eks:us-east-1:123456789012:cluster/prod';

describe('transformCluster', () => {
  it('keeps the cluster with ISO dates, its tag map and the access entries', () => {
    const entries = { accessEntries: ['arn:aws:iam::123456789012:role/platform-admins'] };
    const { asset } = transformCluster(scope, prodCluster, { ok: true, value: entries });

    expect(asset).toEqual({
      id,
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'eks',
      type: CLUSTER_TYPE,
      class: 'Cluster',
      name: 'prod',
      tags: { env: 'prod' },
      config: { ...prodCluster, createdAt: '2026-01-20T12:00:00.000Z', AccessEntries: entries },
    });
  });

  it('puts the cluster IN its vpc, each distinct security group PROTECTS it, and it USES its role', () => {
    const { relationships } = transformCluster(scope, prodCluster, undefined);

    expect(relationships).toEqual([
      { ...edge, fromId: id, verb: 'IN', toId: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0c3' },
      {
        ...edge,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0cluster',
        verb: 'PROTECTS',
        toId: id,
      },
      {
        ...edge,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0extra',
        verb: 'PROTECTS',
        toId: id,
      },
      { ...edge, fromId: id, verb: 'USES', toId: 'arn:aws:iam::123456789012:role/eks-cluster-role' },
    ]);
  });

  it('keeps a cluster without tags, logging, encryption or VPC id and links only what it names', () => {
    const minimalId = 'arn:aws:eks:us-east-1:123456789012:cluster/minimal';
    const { asset, relationships } = transformCluster(scope, minimalCluster, { ok: true, value: null });

    expect(asset.tags).toEqual({});
    expect(asset.config).toEqual({
      ...minimalCluster,
      createdAt: '2026-03-01T08:00:00.000Z',
      AccessEntries: null,
    });
    expect(relationships).toEqual([
      {
        ...edge,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0min',
        verb: 'PROTECTS',
        toId: minimalId,
      },
      { ...edge, fromId: minimalId, verb: 'USES', toId: 'arn:aws:iam::123456789012:role/eks-minimal' },
    ]);
  });

  it('records a failed access entry read instead of the key', () => {
    const { asset } = transformCluster(scope, prodCluster, { ok: false, code: 'AccessDeniedException' });

    expect(asset.config).not.toHaveProperty('AccessEntries');
    expect(asset.readErrors).toEqual({ AccessEntries: 'AccessDeniedException' });
  });
});

describe('usesAccessEntries', () => {
  it('is false only for clusters in CONFIG_MAP mode', () => {
    expect(usesAccessEntries(prodCluster)).toBe(true);
    expect(usesAccessEntries(legacyCluster)).toBe(false);
    expect(usesAccessEntries(minimalCluster)).toBe(true);
  });
});

describe('accessEntriesRefusalCodes', () => {
  it('reads the CONFIG_MAP refusal as "no access entries" only when the cluster does not report its mode', () => {
    expect(accessEntriesRefusalCodes(minimalCluster)).toEqual(['InvalidRequestException']);
    expect(accessEntriesRefusalCodes(prodCluster)).toEqual([]);
  });
});
