// Every built-in control and framework file loads with the evaluator's loader (schema, condition syntax,
// mappings), and the files follow the repository's conventions for controls as data.
import { collectControls } from '../../evaluator';
import { readControlFiles, readFrameworkFiles } from './helpers';

const files = readControlFiles();
const loaded = collectControls({ extraDirs: [] });

describe('control files', () => {
  it('all load with the evaluator loader without a single problem', () => {
    expect(loaded.problems).toEqual([]);
  });

  it('every file under controls/aws/ becomes a loaded control', () => {
    expect(loaded.controls.map((control) => control.id).sort()).toEqual(
      files.map((entry) => String(entry.data.id)).sort(),
    );
  });

  it('loads every framework file (mapping.test.ts pins the list of ids)', () => {
    expect(loaded.frameworks.map((framework) => framework.id).sort()).toEqual(
      readFrameworkFiles()
        .map((entry) => entry.data.id)
        .sort(),
    );
  });

  it.each(files.map((entry) => [String(entry.data.id), entry] as const))(
    '%s: sits in its service folder, has console, CLI and Terraform remediation and references',
    (id, entry) => {
      expect(entry.service).toBe(id.split('_')[0].replace(/v2$/, ''));
      const remediation = entry.data.remediation as Record<string, unknown>;
      expect(Array.isArray(remediation.console) && remediation.console.length > 0).toBe(true);
      expect(typeof remediation.cli).toBe('string');
      expect(typeof remediation.terraform).toBe('string');
      expect((entry.data.references as string[]).length).toBeGreaterThan(0);
    },
  );

  it('says nothing about frameworks inside control files', () => {
    const frameworkWords = files.filter((entry) =>
      Object.keys(entry.data).some((key) => /framework|cis|fsbp|requirement/i.test(key)),
    );
    expect(frameworkWords.map((entry) => entry.data.id)).toEqual([]);
  });
});
