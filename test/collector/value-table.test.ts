import type { Asset, Relationship } from '../../store/model';
import { ValueTable } from '../../collector/value-table';

const asset = (id: string, config: Record<string, unknown>): Asset => ({
  id,
  accountId: '123456789012',
  region: 'eu-west-1',
  service: 'ec2',
  type: 'aws_ec2_instance',
  class: 'Host',
  name: id.split('/').pop()!,
  tags: { Name: 'web', team: 'payments' },
  config,
});

describe('ValueTable', () => {
  it('leaves every value of an asset equal to what was emitted', () => {
    const table = new ValueTable();
    const region = 'eu-west-1';
    const instance = asset(`arn:aws:ec2:${region}:123456789012:instance/` + 'i-0abc', {
      InstanceId: 'i-0abc',
      State: { Name: 'running', Code: 16 },
      LaunchTime: '2026-01-02T03:04:05.000Z',
      SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'web' }, 'sg-2', null, 3, true],
      Nested: [['a', ['b']], []],
      Monitoring: null,
      EbsOptimized: false,
    });
    const before = structuredClone(instance);
    table.asset(instance);
    expect(instance).toEqual(before);
  });

  it('gives equal strings from different answers one value and keeps relationships equal', () => {
    const table = new ValueTable();
    const built = ['subnet-', '28cb'].join('');
    expect(table.value(built)).toBe('subnet-28cb');
    expect(table.value('subnet-28cb')).toBe(table.value(built));
    const relationship: Relationship = {
      accountId: '123456789012',
      fromId: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
      verb: 'IN',
      toId: `arn:aws:ec2:eu-west-1:123456789012:${built}`,
      service: 'ec2',
      region: 'eu-west-1',
      properties: { deviceName: '/dev/xvda' },
    };
    const before = structuredClone(relationship);
    table.relationship(relationship);
    expect(relationship).toEqual(before);
  });

  it('keeps strings that are not well-formed, long strings, and non-plain objects exactly', () => {
    const table = new ValueTable();
    const lone = 'tag-\ud800-end';
    expect(table.value(lone)).toBe(lone);
    const policy = JSON.stringify({
      Statement: Array.from({ length: 200 }, (_, index) => ({ Sid: `s${index}` })),
    });
    expect(policy.length).toBeGreaterThan(2048);
    expect(table.value(policy)).toBe(policy);
    const buffer = Buffer.from('certificate');
    const frozen = Object.freeze({ Name: 'frozen' });
    const withOthers = asset('arn:aws:ec2:eu-west-1:123456789012:instance/i-1', {
      Body: buffer,
      Frozen: frozen,
      Created: new Date('2026-01-01T00:00:00Z'),
    });
    table.asset(withOthers);
    expect(withOthers.config.Body).toBe(buffer);
    expect(withOthers.config.Frozen).toBe(frozen);
    expect(withOthers.config.Created).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});
