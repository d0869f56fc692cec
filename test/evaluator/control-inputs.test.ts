// Per-control re-evaluation (issue 15, event mode): which controls read which asset types, derived from the
// catalog (evaluator/control-inputs.ts). The parity check replays the demo estate, replaces what one collector
// module read (every asset of its types and the relationships it drew gone, the strongest change a re-read can
// make) and evaluates in full before and after: every control whose results moved must be one that
// controlsReading selects for that module's types, so evaluating only those gives a full evaluation's verdicts.
import { collectAccount } from '../../collector/runner';
import type { CollectorModule } from '../../collector/types';
import { DEMO_ACCOUNTS, demoSyncOptions } from '../../demo';
import { ANY_TYPE, controlInputTypes, controlsReading } from '../../evaluator/control-inputs';
import { defaultControlSet } from '../../evaluator/controls/default-set';
import { evaluateEstate } from '../../evaluator/evaluate-estate';
import type { EvalAsset, LoadedControl } from '../../evaluator/types';
import type { EvaluationResult, Relationship } from '../../store/model';

const NOW = new Date('2026-11-01T12:00:00Z');
const controls = defaultControlSet().controls;
const control = (id: string): LoadedControl => {
  const found = controls.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no control ${id}`);
  return found;
};

describe('controlInputTypes', () => {
  it('is the evaluated type alone for a control that reads only its own configuration', () => {
    expect([...controlInputTypes(control('s3_account_public_access_block_enabled'))]).toEqual([
      'aws_s3_account_public_access_block',
    ]);
  });

  it('adds what the exposure analyser reads for a control on an exposure fact', () => {
    const exposed = controls.find((candidate) => JSON.stringify(candidate.condition).includes('exposure'));
    expect(exposed).toBeDefined();
    const inputs = controlInputTypes(exposed!);
    expect(inputs).toContain('aws_ec2_security_group');
    expect(inputs).toContain('aws_ec2_route_table');
    expect(inputs).not.toContain('aws_iam_user');
  });

  it('adds the type an assets: aggregate reaches', () => {
    const aggregate = {
      ...control('s3_account_public_access_block_enabled'),
      condition: { assets: { type: 'aws_cloudtrail_trail' }, count: { gte: 1 } },
    };
    expect(controlInputTypes(aggregate)).toEqual(
      new Set(['aws_s3_account_public_access_block', 'aws_cloudtrail_trail']),
    );
  });

  it('depends on every type when a related: step names no type, or a fact no analyser describes', () => {
    const base = control('s3_account_public_access_block_enabled');
    const untyped = {
      ...base,
      condition: { related: { verb: 'PROTECTS', direction: 'in' }, any: { attr: 'id', exists: true } },
    };
    const customFact = { ...base, condition: { fact: 'mine.verdict', eq: 'ok' } };
    expect(controlInputTypes(untyped)).toContain(ANY_TYPE);
    expect(controlInputTypes(customFact)).toContain(ANY_TYPE);
    expect(controlsReading([untyped], ['aws_sqs_queue'])).toEqual([untyped]);
  });

  it('selects a strict subset of the catalog for a bucket change', () => {
    const selected = controlsReading(controls, ['aws_s3_bucket']).map((c) => c.id);
    expect(selected).toContain('s3_bucket_acls_disabled');
    expect(selected).not.toContain('s3_account_public_access_block_enabled');
    expect(selected.length).toBeLessThan(controls.length / 2);
  });
});

/** One row per (control, asset): what a reviewer would see change. */
function verdicts(results: EvaluationResult[]): Map<string, string> {
  const rows = new Map<string, string>();
  for (const result of results) {
    rows.set(
      `${result.controlId} ${result.assetId}`,
      JSON.stringify([result.status, result.reason, result.evidence, result.severity]),
    );
  }
  return rows;
}

function controlsThatMoved(before: Map<string, string>, after: Map<string, string>): Set<string> {
  const moved = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(key) !== after.get(key)) moved.add(key.split(' ')[0]);
  }
  return moved;
}

describe('per-control re-evaluation matches a full evaluation on the demo estate', () => {
  const demo = DEMO_ACCOUNTS.find((account) => account.kind === 'staging')!;
  const assets: EvalAsset[] = [];
  const relationships: Relationship[] = [];
  let modules: CollectorModule[];
  let full: Map<string, string>;

  beforeAll(async () => {
    const options = demoSyncOptions(demo.awsAccountId, { now: NOW });
    modules = options.modules;
    await collectAccount(
      { awsAccountId: demo.awsAccountId, regions: demo.regions, ...options },
      {
        writeAssets: async (batch) => {
          assets.push(...batch.map((asset) => ({ ...asset, accountId: demo.awsAccountId })));
        },
        writeRelationships: async (batch) => {
          relationships.push(...batch);
        },
      },
    );
    full = verdicts((await evaluateEstate(assets, relationships, controls, { now: NOW })).results);
  }, 120_000);

  it('reads a demo estate with results to compare', () => {
    expect(assets.length).toBeGreaterThan(100);
    expect(full.size).toBeGreaterThan(500);
  });

  it('leaves unselected controls unmoved whichever module is re-read', async () => {
    const unexplained: string[] = [];
    let narrowed = 0;
    for (const module of modules) {
      const types = new Set(module.resourceTypes.map((declared) => declared.type));
      if (!assets.some((asset) => types.has(asset.type))) continue;
      const changed = await evaluateEstate(
        assets.filter((asset) => !types.has(asset.type)),
        relationships.filter((edge) => edge.service !== module.service),
        controls,
        { now: NOW },
      );
      const selected = new Set(controlsReading(controls, types).map((c) => c.id));
      if (selected.size < controls.length) narrowed += 1;
      for (const id of controlsThatMoved(full, verdicts(changed.results))) {
        if (!selected.has(id)) unexplained.push(`${module.service}: ${id}`);
      }
    }
    expect(unexplained).toEqual([]);
    // The selection is not "every control": most modules narrow it.
    expect(narrowed).toBeGreaterThan(5);
  }, 600_000);
});
