// `cloudward controls list|validate`: shows the loaded controls, or checks a folder of custom controls against
// the schema and the built-ins (each problem printed as `<file>: <reason>`).
import { existsSync, statSync } from 'node:fs';
import {
  collectControls,
  defaultExtraDirsFromEnv,
  resolveControlIdsIn,
  type LoadedControl,
} from '../../evaluator';
import { parseCommandArgs, UsageError } from './args';
import { resolveIo, type CliIo } from './io';

export const CONTROLS_USAGE = `Usage: cloudward controls list [--framework ID] [--format table|json]
       cloudward controls validate [DIR]

list       the built-in controls plus custom ones from $CLOUDWARD_CONTROLS_DIR
validate   checks every control and framework file (DIR: a folder of custom controls, checked beside the
           built-ins); prints each problem as <file>: <reason> and exits 1 when there is one
`;

const LIST_OPTIONS = {
  framework: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const VALIDATE_OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export async function controlsCommand(args: string[], io: CliIo = {}): Promise<number> {
  const { out, err, env } = resolveIo(io);
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? err : out)(CONTROLS_USAGE);
    return sub === undefined ? 2 : 0;
  }
  const extraDirs = defaultExtraDirsFromEnv(env);

  if (sub === 'list') {
    const { values } = parseCommandArgs(rest, LIST_OPTIONS);
    if (values.help) {
      out(CONTROLS_USAGE);
      return 0;
    }
    const format = values.format ?? 'table';
    if (format !== 'table' && format !== 'json')
      throw new UsageError(`--format must be table or json, not "${format}"`);
    const { controls, frameworks, problems } = collectControls({ extraDirs });
    if (problems.length) {
      for (const problem of problems) err(`${problem}\n`);
      err(`cloudward controls: ${problems.length} problem(s) in control files\n`);
      return 1;
    }
    let selected: LoadedControl[] = controls;
    if (values.framework) {
      const ids = resolveControlIdsIn({ controls, frameworks }, values.framework);
      if (!ids)
        throw new UsageError(
          `unknown framework "${values.framework}" (known: ${frameworks.map((f) => f.id).join(', ') || 'none'})`,
        );
      const wanted = new Set(ids);
      selected = controls.filter((control) => wanted.has(control.id));
    }
    const frameworksOf = (id: string) =>
      frameworks.filter((f) => f.requirements.some((r) => r.controls.includes(id))).map((f) => f.id);
    if (format === 'json') {
      const items = selected.map((c) => ({
        id: c.id,
        title: c.title,
        severity: c.severity,
        scope: c.scope,
        resourceTypes: c.resourceTypes,
        custom: c.custom,
        frameworks: frameworksOf(c.id),
      }));
      out(JSON.stringify(items, null, 2) + '\n');
    } else {
      const rows = [['ID', 'SEVERITY', 'SCOPE', 'FRAMEWORKS', 'TITLE']];
      for (const c of selected)
        rows.push([
          c.id,
          c.severity,
          c.scope,
          frameworksOf(c.id).join(',') || (c.custom ? 'custom' : '-'),
          c.title,
        ]);
      out(table(rows));
      out(`${selected.length} control(s)\n`);
    }
    return 0;
  }

  if (sub === 'validate') {
    const { values, positionals } = parseCommandArgs(rest, VALIDATE_OPTIONS, true);
    if (values.help) {
      out(CONTROLS_USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('validate takes at most one folder');
    const dir = positionals[0];
    if (dir !== undefined && (!existsSync(dir) || !statSync(dir).isDirectory()))
      throw new UsageError(`${dir}: not a folder`);
    const { controls, frameworks, problems } = collectControls({
      extraDirs: dir === undefined ? extraDirs : [dir],
    });
    if (problems.length) {
      for (const problem of problems) out(`${problem}\n`);
      err(`${problems.length} problem(s) found\n`);
      return 1;
    }
    const custom = controls.filter((control) => control.custom).length;
    out(`ok: ${controls.length} controls (${custom} custom) and ${frameworks.length} frameworks are valid\n`);
    return 0;
  }

  throw new UsageError(`unknown controls sub-command "${sub}" (list, validate)`);
}
