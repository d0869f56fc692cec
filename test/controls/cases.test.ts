// Data-driven control tests: for every built-in control, test/controls/cases/<control_id>.yaml holds a passing
// and a failing estate (CATALOG-shaped assets, relationships, facts where needed) with the expected statuses.
// Each estate runs through the real evaluator (analysers included unless the case says otherwise), plus two
// estates derived here: an empty one (no results) and, for account/region-anchored aggregates, an account with
// nothing in it (fail, or pass where the case file says `emptyAccount: pass` for "none of" aggregates).
import { evaluateEstate, loadControls, type LoadedControl } from '../../evaluator';
import type { EvaluationResult } from '../../store/model';
import {
  anchorAssets,
  buildEstate,
  DEFAULT_REGION,
  listCaseFiles,
  readCaseFile,
  type EstateCase,
} from './helpers';

const { controls } = loadControls({ extraDirs: [] });
const builtin = controls.filter((control) => !control.custom);
const caseIds = listCaseFiles();
const anchorTypes = ['aws_account', 'aws_account_region'];

function describeResults(results: EvaluationResult[]): string[] {
  return results.map((result) => `${result.assetId}: ${result.status} (${result.reason})`);
}

async function run(
  control: LoadedControl,
  estateCase: EstateCase,
  now?: string,
): Promise<EvaluationResult[]> {
  const { assets, relationships } = buildEstate(estateCase);
  const { results } = await evaluateEstate(assets, relationships, [control], {
    analysers: estateCase.analysers ?? true,
    now: now ? new Date(now) : undefined,
  });
  return results.filter((result) => result.controlId === control.id);
}

describe('control case files', () => {
  it('exist for every built-in control', () => {
    expect(builtin.map((control) => control.id).filter((id) => !caseIds.includes(id))).toEqual([]);
  });

  it('belong to an existing control', () => {
    const ids = new Set(builtin.map((control) => control.id));
    expect(caseIds.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(
  builtin.filter((control) => caseIds.includes(control.id)).map((control) => [control.id, control] as const),
)('%s', (id, control) => {
  const file = readCaseFile(id);
  const expectations = file.cases.map((estateCase) => estateCase.expect);

  it('has a passing and a failing estate', () => {
    expect(file.control).toBe(id);
    expect(
      expectations.some((e) => e === 'pass' || (typeof e === 'object' && Object.values(e).includes('pass'))),
    ).toBe(true);
    expect(
      expectations.some((e) => e === 'fail' || (typeof e === 'object' && Object.values(e).includes('fail'))),
    ).toBe(true);
  });

  const checkCase = async (estateCase: EstateCase) => {
    const results = await run(control, estateCase, file.now);
    const shown = describeResults(results);
    if (typeof estateCase.expect === 'string') {
      const expected = estateCase.expect;
      expect(shown.length).toBeGreaterThan(0);
      expect(describeResults(results.filter((result) => result.status !== expected))).toEqual([]);
    } else {
      const statuses = Object.fromEntries(results.map((result) => [result.assetId, result.status]));
      expect({ statuses, shown }).toEqual({ statuses: estateCase.expect, shown });
    }
    if (estateCase.reason !== undefined) {
      const expected = estateCase.reason;
      const reasons = Object.fromEntries(results.map((result) => [result.assetId, result.reason]));
      const wanted =
        typeof expected === 'string'
          ? Object.fromEntries(results.map((result) => [result.assetId, expected]))
          : expected;
      expect(Object.keys(wanted).length).toBeGreaterThan(0);
      expect(Object.fromEntries(Object.keys(wanted).map((assetId) => [assetId, reasons[assetId]]))).toEqual(
        wanted,
      );
    }
  };
  for (const estateCase of file.cases) {
    if (estateCase.knownIssue)
      it.failing(`${estateCase.name} [known issue: ${estateCase.knownIssue}]`, () => checkCase(estateCase));
    else it(estateCase.name, () => checkCase(estateCase));
  }

  it('yields no results on an empty estate', async () => {
    const { results } = await evaluateEstate([], [], [control], {
      now: file.now ? new Date(file.now) : undefined,
    });
    expect(describeResults(results)).toEqual([]);
  });

  const anchored = control.resourceTypes.some((type) => anchorTypes.includes(type));
  const onlyAnchors = anchorAssets([DEFAULT_REGION]);
  if (anchored) {
    const emptyAccount = file.emptyAccount ?? 'fail';
    it(`is ${emptyAccount} for an account in which nothing exists`, async () => {
      const { results } = await evaluateEstate(onlyAnchors, [], [control], {
        now: file.now ? new Date(file.now) : undefined,
      });
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((result) => result.status !== emptyAccount).map((r) => r.reason)).toEqual([]);
    });
  } else {
    it('yields no results for an account without any of its resource types', async () => {
      const { results } = await evaluateEstate(onlyAnchors, [], [control], {
        now: file.now ? new Date(file.now) : undefined,
      });
      expect(describeResults(results)).toEqual([]);
    });
  }
});
