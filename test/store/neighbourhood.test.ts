import type { Relationship } from '../../store/model';
import type { Store } from '../../store';
import { asset, describeEachEngine, newAccountInput } from './engines';

function edge(accountId: string, fromId: string, verb: Relationship['verb'], toId: string): Relationship {
  return { accountId, fromId, verb, toId, service: 'ec2', region: 'eu-west-1' };
}

/** An account whose one running sync wrote `assets` and `edges`. */
async function seeded(store: Store, assetIds: string[], edges: (accountId: string) => Relationship[]) {
  const account = await store.createAccount(newAccountInput());
  const sync = await store.createSync(account.id, 'manual');
  await store.markSyncRunning(sync.id);
  await store.upsertAssets(
    sync.id,
    assetIds.map((id) => asset(account.id, id)),
  );
  await store.upsertRelationships(sync.id, edges(account.id));
  await store.finishSync(sync.id, 'succeeded');
  return account.id;
}

describeEachEngine('neighbourhood', (store) => {
  // igw <- rtb ; subnet -> rtb ; i-1 IN subnet ; sg PROTECTS i-1 ; i-2 IN subnet ; role external
  const chain = (accountId: string) => [
    edge(accountId, 'i-1', 'IN', 'subnet-1'),
    edge(accountId, 'sg-1', 'PROTECTS', 'i-1'),
    edge(accountId, 'subnet-1', 'ROUTES', 'rtb-1'),
    edge(accountId, 'rtb-1', 'ROUTES_TO', 'igw-1'),
    edge(accountId, 'i-2', 'IN', 'subnet-1'),
    edge(accountId, 'i-1', 'USES', 'arn:aws:iam::111122223333:role/external'),
  ];

  test('walks both directions hop by hop, nearest first, with the edges between the nodes', async () => {
    const accountId = await seeded(store(), ['i-1', 'i-2', 'sg-1', 'subnet-1', 'rtb-1', 'igw-1'], chain);

    const one = await store().neighbourhood(accountId, 'i-1', { hops: 1, limit: 150 });
    expect(one.nodes.map((node) => [node.id, node.hops])).toEqual([
      ['i-1', 0],
      ['arn:aws:iam::111122223333:role/external', 1],
      ['sg-1', 1],
      ['subnet-1', 1],
    ]);
    expect(one.omitted).toBe(0);
    expect(one.edges).toHaveLength(3);

    const three = await store().neighbourhood(accountId, 'i-1', { hops: 3, limit: 150 });
    const hops = Object.fromEntries(three.nodes.map((node) => [node.id, node.hops]));
    expect(hops).toEqual({
      'i-1': 0,
      'arn:aws:iam::111122223333:role/external': 1,
      'sg-1': 1,
      'subnet-1': 1,
      'rtb-1': 2,
      'i-2': 2,
      'igw-1': 3,
    });
    expect(three.edges).toContainEqual({ fromId: 'rtb-1', verb: 'ROUTES_TO', toId: 'igw-1' });
    expect(three.edges).toHaveLength(6);
  });

  test('resolves assets and leaves ids outside the inventory as null', async () => {
    const accountId = await seeded(store(), ['i-1', 'sg-1', 'subnet-1'], chain);
    const result = await store().neighbourhood(accountId, 'i-1', { hops: 1, limit: 150 });
    const byId = new Map(result.nodes.map((node) => [node.id, node]));
    expect(byId.get('sg-1')!.asset).toMatchObject({ name: 'sg-1', type: 'aws_ec2_instance', class: 'Host' });
    expect(byId.get('sg-1')!.asset!.key).toEqual(expect.any(String));
    expect(byId.get('arn:aws:iam::111122223333:role/external')!.asset).toBeNull();
  });

  test('stops at the limit and counts what it left out', async () => {
    const accountId = await seeded(store(), ['i-1', 'i-2', 'sg-1', 'subnet-1', 'rtb-1', 'igw-1'], chain);
    const result = await store().neighbourhood(accountId, 'i-1', { hops: 3, limit: 3 });
    expect(result.nodes.map((node) => node.id)).toEqual([
      'i-1',
      'arn:aws:iam::111122223333:role/external',
      'sg-1',
    ]);
    expect(result.omitted).toBe(1);
    expect(result.edges).toHaveLength(2);
  });

  test('an unknown asset or account is just itself, with nothing around it', async () => {
    const accountId = await seeded(store(), ['i-1'], () => []);
    expect(await store().neighbourhood(accountId, 'i-404', { hops: 2, limit: 10 })).toEqual({
      nodes: [{ id: 'i-404', hops: 0, asset: null }],
      edges: [],
      omitted: 0,
    });
    expect((await store().neighbourhood('not-a-uuid', 'i-1', { hops: 2, limit: 10 })).nodes).toEqual([]);
  });

  test('an asset with 5,000 neighbours answers quickly, capped at the limit', async () => {
    const ids = Array.from({ length: 5000 }, (_, index) => `eni-${String(index).padStart(5, '0')}`);
    const accountId = await seeded(store(), ['vpc-big', ...ids], (id) =>
      ids.map((eni) => edge(id, eni, 'IN', 'vpc-big')),
    );
    const started = performance.now();
    const result = await store().neighbourhood(accountId, 'vpc-big', { hops: 2, limit: 150 });
    const elapsed = performance.now() - started;
    expect(result.nodes).toHaveLength(150);
    expect(result.nodes[1].id).toBe('eni-00000');
    expect(result.omitted).toBe(5000 - 149);
    expect(result.edges).toHaveLength(149);
    // Generous for shared CI machines; the old per-neighbour path took several seconds here.
    expect(elapsed).toBeLessThan(2000);
  }, 120_000);
});

describeEachEngine('getSuppression', (store) => {
  test('reads one rule by id; unknown and malformed ids are null', async () => {
    const account = await store().createAccount(newAccountInput());
    const rule = await store().createSuppression({
      controlId: 'ec2_instance_no_public_ssh',
      assetId: null,
      accountId: account.id,
      region: null,
      tagKey: null,
      tagValue: null,
      justification: 'bastion, reviewed quarterly',
      author: 'alice',
      expiresAt: null,
    });
    expect(await store().getSuppression(rule.id)).toEqual(rule);
    expect(await store().getSuppression('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await store().getSuppression('nonsense')).toBeNull();
  });
});
