// Pass and fail messages are sentences a person can check (issue 11): on every case estate, a rendered message
// names real values (no "(missing)") and no condition-language path, and the remediation's CLI and Terraform
// templates render with the failing asset's own values.
import { evaluateEstate, loadControls } from '../../evaluator';
import { compileTemplate } from '../../evaluator/engine/compile';
import { buildEstate, listCaseFiles, readCaseFile } from './helpers';

const { controls } = loadControls({ extraDirs: [] });
const caseIds = new Set(listCaseFiles());
const withCases = controls.filter((control) => !control.custom && caseIds.has(control.id));

/** `config.X`, `facts.X` or an index like `[0]`: the condition language, not a sentence. */
const conditionLanguage = /\b(?:config|facts)\.[A-Za-z]|\[\d+\]/;

describe.each(withCases.map((control) => [control.id, control] as const))('%s', (_id, control) => {
  const file = readCaseFile(control.id);
  const templates = [
    ['cli', control.remediation.cli],
    ['terraform', control.remediation.terraform],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].includes('{{'));

  it('renders its messages and remediation with real values on every case estate', async () => {
    const problems: string[] = [];
    for (const estateCase of file.cases.filter((c) => !c.knownIssue)) {
      const { assets, relationships } = buildEstate(estateCase);
      const { results } = await evaluateEstate(assets, relationships, [control], {
        analysers: estateCase.analysers ?? true,
        now: file.now ? new Date(file.now) : undefined,
      });
      for (const result of results.filter((r) => r.controlId === control.id)) {
        const where = `${estateCase.name} / ${result.assetId}`;
        const templated =
          (result.status === 'pass' && control.passMessage) ||
          (result.status === 'fail' && control.failMessage);
        if (templated && (result.reason.includes('(missing)') || conditionLanguage.test(result.reason)))
          problems.push(`${where}: reason "${result.reason}"`);
        if (result.status !== 'fail') continue;
        const asset = assets.find((a) => a.id === result.assetId)!;
        for (const [field, text] of templates) {
          const rendered = compileTemplate(text, `remediation.${field}`).render(asset);
          if (rendered.includes('(missing)')) problems.push(`${where}: remediation.${field} "${rendered}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
