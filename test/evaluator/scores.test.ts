// Framework, section and requirement scores: passed / (passed + failed), each control counted once per framework
// and once per section (a section includes its sub-sections: "2" holds "2.1", "GV" holds "GV.OC").
import { defaultControlSet, scoreFramework, type Tally } from '../../evaluator';
import { parentSection } from '../../evaluator/scores';
import type { Framework } from '../../evaluator/types';

const tally = (pass: number, fail: number, notApplicable = 0, error = 0): Tally => ({
  pass,
  fail,
  notApplicable,
  error,
});

const framework: Framework = {
  id: 'test-fw',
  name: 'Test',
  version: '1',
  source: 'tests',
  file: 'inline',
  sections: [
    { id: '2', title: 'Identity' },
    { id: '2.1', title: 'Organizations' },
    { id: '3', title: 'Storage' },
    { id: '4', title: 'Empty' },
  ],
  requirements: [
    { id: '2.1.1', title: 'a', section: '2.1', assessment: 'automated', controls: ['mfa'] },
    { id: '2.2', title: 'b', section: '2', assessment: 'automated', controls: ['mfa', 'keys'] },
    { id: '2.3', title: 'c', section: '2', assessment: 'manual', controls: [] },
    { id: '3.1', title: 'd', section: '3', assessment: 'automated', controls: ['encrypted'] },
  ],
};
const counts = new Map<string, Tally>([
  ['mfa', tally(3, 1, 2, 0)],
  ['keys', tally(0, 2, 0, 1)],
  ['encrypted', tally(5, 0)],
]);

describe('framework scores', () => {
  const score = scoreFramework(framework, counts);
  const section = (id: string) => score.sections.find((candidate) => candidate.id === id)!;

  it('scores each section over its own and its sub-sections requirements, each control once', () => {
    // section 2: mfa (3/4) once, though two requirements name it, and keys (0/2)
    expect(section('2')).toMatchObject({
      parent: null,
      requirements: 3,
      manual: 1,
      pass: 3,
      fail: 3,
      notApplicable: 2,
      error: 1,
      passed: 3,
      evaluated: 6,
      score: 0.5,
    });
    expect(section('2.1')).toMatchObject({
      parent: '2',
      requirements: 1,
      passed: 3,
      evaluated: 4,
      score: 0.75,
    });
    expect(section('3')).toMatchObject({ parent: null, passed: 5, evaluated: 5, score: 1 });
    expect(section('4')).toMatchObject({ requirements: 0, evaluated: 0, score: null });
  });

  it('keeps the framework total and the requirement scores as they were', () => {
    expect(score).toMatchObject({ passed: 8, evaluated: 11 });
    expect(score.requirements.map((r) => [r.id, r.passed, r.evaluated])).toEqual([
      ['2.1.1', 3, 4],
      ['2.2', 3, 6],
      ['2.3', 0, 0],
      ['3.1', 5, 5],
    ]);
  });

  it('finds parents at a dot only, the closest one first', () => {
    const ids = ['GV', 'GV.OC', 'A.5', 'CC1', 'CC10', '1', '1.2', '1.2.3', '12'];
    expect(parentSection('GV.OC', ids)).toBe('GV');
    expect(parentSection('1.2.3', ids)).toBe('1.2');
    expect(parentSection('12', ids)).toBeNull();
    expect(parentSection('CC10', ids)).toBeNull();
    expect(parentSection('A.5', ids)).toBeNull();
  });

  it('gives the shipped frameworks a section tree whose top sections hold every requirement', () => {
    for (const shipped of defaultControlSet().frameworks) {
      const scored = scoreFramework(shipped, new Map());
      const top = scored.sections.filter((candidate) => candidate.parent === null);
      expect([shipped.id, top.reduce((sum, candidate) => sum + candidate.requirements, 0)]).toEqual([
        shipped.id,
        shipped.requirements.length,
      ]);
    }
    const csf = scoreFramework(
      defaultControlSet().frameworks.find((f) => f.id === 'nist-csf-2.0')!,
      new Map(),
    );
    expect(csf.sections.find((candidate) => candidate.id === 'PR.DS')?.parent).toBe('PR');
  });
});
