import { transformFunction, FUNCTION_TYPE } from '../../../../collector/services/lambda/transform';
import type { Where } from '../../../../collector/shape';
import { ordersPolicy, plainFunction, publicPolicyDocument, vpcFunction } from './fixtures';

const scope: Where = {
  accountId: '123456789012',
  partition: 'aws',
  region: 'us-east-1',
  assetRegion: 'us-east-1',
  service: 'lambda',
};

describe('transformFunction', () => {
  it('keeps the function configuration, parses the policy and merges function URLs', () => {
    const urls = { FunctionUrlConfigs: [] };
    const { asset } = transformFunction(scope, vpcFunction, {
      policy: { ok: true, value: ordersPolicy },
      urlConfigs: { ok: true, value: urls },
    });

    expect(asset).toEqual({
      id: 'arn:aws:lambda:us-east-1:123456789012:function:orders-api',
      accountId: '123456789012',
      region: 'us-east-1',
      service: 'lambda',
      type: FUNCTION_TYPE,
      class: 'Function',
      name: 'orders-api',
      tags: {},
      config: {
        ...vpcFunction,
        Policy: { Policy: publicPolicyDocument, RevisionId: ordersPolicy.RevisionId },
        FunctionUrlConfigs: { FunctionUrlConfigs: [] },
      },
    });
  });

  it('emits USES role, PROTECTS from each security group and IN each subnet for a VPC function', () => {
    const { relationships } = transformFunction(scope, vpcFunction, {});
    const id = vpcFunction.FunctionArn;
    const base = { accountId: '123456789012', service: 'lambda', region: 'us-east-1' };

    expect(relationships).toEqual([
      { ...base, fromId: id, verb: 'USES', toId: 'arn:aws:iam::123456789012:role/orders-api-role' },
      {
        ...base,
        fromId: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0f1',
        verb: 'PROTECTS',
        toId: id,
      },
      { ...base, fromId: id, verb: 'IN', toId: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a1' },
      { ...base, fromId: id, verb: 'IN', toId: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0b2' },
    ]);
  });

  it('emits only the role edge for a function outside a VPC', () => {
    const { relationships } = transformFunction(scope, plainFunction, {});

    expect(relationships.map((edge) => edge.verb)).toEqual(['USES']);
  });

  it('stores a missing policy as null and a failed read as a read error without the key', () => {
    const { asset } = transformFunction(scope, plainFunction, {
      policy: { ok: true, value: null },
      urlConfigs: { ok: false, code: 'AccessDeniedException' },
    });

    expect(asset.config.Policy).toBeNull();
    expect(asset.config).not.toHaveProperty('FunctionUrlConfigs');
    expect(asset.readErrors).toEqual({ FunctionUrlConfigs: 'AccessDeniedException' });
  });

  it('keeps a policy that is not valid JSON as text rather than dropping it', () => {
    const { asset } = transformFunction(scope, plainFunction, {
      policy: { ok: true, value: { $metadata: {}, Policy: '{not json', RevisionId: 'r1' } },
    });

    expect(asset.config.Policy).toEqual({ Policy: '{not json', RevisionId: 'r1' });
  });

  it('builds ARNs in the partition of the account', () => {
    const { relationships } = transformFunction(
      { ...scope, partition: 'aws-cn', region: 'cn-north-1' },
      vpcFunction,
      {},
    );

    expect(relationships[1].fromId).toBe('arn:aws-cn:ec2:cn-north-1:123456789012:security-group/sg-0f1');
  });
});
