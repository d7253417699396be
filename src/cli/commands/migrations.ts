// `release-hygiene migrations [PATH...]`: column drops, renames and type changes without an expand phase.
import { stat as statCallback } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { MigrationFinding, NotAnalysed, SqlDialect } from '../../core/migrations';
import { LineIndex, migrationReportFindings } from '../../core/report';
import { checkMigrations } from '../../node/migrations';
import { ExitCode } from '../exitCodes';
import { loadProductConfigFor } from '../productSupport';
import { paint, useColor, write, type CliIo } from '../io';
import { isSharedFormat, writeSharedFormat, type SharedFormat } from '../report';

export { MIGRATIONS_HELP } from './help';

// node:fs's callback, not node:fs/promises: see src/node/productConfig.ts.
const stat = promisify(statCallback);

export interface MigrationsCliOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly dialect?: SqlDialect;
  readonly format: 'text' | 'json' | SharedFormat;
}

/** One finding in `--format json`, keys in the order written. */
interface FindingJson {
  rule: MigrationFinding['ruleId'];
  severity: MigrationFinding['severity'];
  file: MigrationFinding['file'];
  line: number;
  column: number;
  table: MigrationFinding['table'];
  columnName: string | null;
  message: MigrationFinding['message'];
  evidence: MigrationFinding['evidence'];
  recipe: MigrationFinding['recipe'];
  helpUrl: MigrationFinding['helpUrl'];
  reason?: string;
}

/** 1-based line and column of an offset, counted as the editor counts them, each file's lines indexed once. */
function positioner(texts: ReadonlyMap<string, string>): (file: string, offset: number) => { line: number; column: number } {
  const cache = new Map<string, LineIndex>();
  return (file, offset) => {
    let index = cache.get(file);
    if (!index) cache.set(file, (index = new LineIndex(texts.get(file) ?? '')));
    return index.position(offset);
  };
}

export async function migrationsCommand(options: MigrationsCliOptions, io: CliIo): Promise<number> {
  // A PATH is taken relative to the current folder, else relative to --cwd.
  const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
  const paths: string[] = [];
  for (const p of options.paths) paths.push((await exists(resolve(io.cwd, p))) ? resolve(io.cwd, p) : resolve(options.cwd, p));
  if (!(await stat(options.cwd).then((s) => s.isDirectory(), () => false))) {
    await write(io.stderr, `release-hygiene: folder does not exist: ${options.cwd}\n`);
    return ExitCode.RuntimeFailure;
  }
  for (const [i, path] of paths.entries()) {
    if (!(await exists(path))) {
      await write(io.stderr, `release-hygiene: no such file or folder: ${options.paths[i]}\n`);
      return ExitCode.InvalidUsage;
    }
  }
  let check;
  try {
    const configured = (await loadProductConfigFor(options.cwd, io)).migrations ?? {};
    const dialect = options.dialect ?? configured.dialect;
    check = await checkMigrations({
      root: options.cwd,
      ...(paths.length > 0 ? { paths } : {}),
      ...(dialect ? { dialect } : {}),
      ...(configured.globs ? { globs: configured.globs } : {}),
      ...(configured.rules ? { rules: configured.rules } : {}),
    });
  } catch (error) {
    await write(io.stderr, `release-hygiene: could not check migrations: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.RuntimeFailure;
  }
  const texts = new Map(check.files.map((f) => [f.path, f.text]));
  const place = positioner(texts);
  // Each object built whole, in the order the JSON lists its keys (a spread of the position made a second object);
  // a suppressed finding's reason assigned last, where a spread of an empty object per finding put it before.
  const toJson = (f: MigrationFinding) => {
    const at = place(f.file, f.start);
    const json: FindingJson = {
      rule: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: at.line,
      column: at.column,
      table: f.table,
      columnName: f.columnName ?? null,
      message: f.message,
      evidence: f.evidence,
      recipe: f.recipe,
      helpUrl: f.helpUrl,
    };
    if (f.suppressed) json.reason = f.suppressed.reason;
    return json;
  };
  const notAnalysedJson = (n: NotAnalysed) => ({ file: n.file, ...place(n.file, n.start), reason: n.reason });
  const { findings, suppressed, notAnalysed } = check.result;
  const errors = findings.filter((f) => f.severity === 'error').length;

  if (isSharedFormat(options.format)) {
    await writeSharedFormat(options.format, migrationReportFindings(findings, suppressed, texts), options.cwd, io);
    return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
  }
  if (options.format === 'json') {
    const body = {
      findings: findings.map(toJson),
      suppressed: suppressed.map(toJson),
      notAnalysed: notAnalysed.map(notAnalysedJson),
      files: check.files.length,
      dialect: check.dialect,
      dialectSource: check.dialectSource,
    };
    await write(io.stdout, `${JSON.stringify(body, null, 2)}\n`);
    return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
  }
  const p = paint(useColor(io));
  const lines: string[] = [];
  for (const f of findings) {
    const at = place(f.file, f.start);
    const sev = f.severity === 'error' ? p.red('error') : p.yellow(f.severity);
    lines.push(`${f.file}:${at.line}:${at.column} ${sev} ${p.bold(f.ruleId)} ${f.message}`);
    for (const e of f.evidence) lines.push(p.dim(`    ${e.kind === 'missing' ? '✗' : '•'} ${e.description}${e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''}${e.column ? `:${e.column}` : ''})` : ''}`));
  }
  if (suppressed.length > 0) {
    lines.push('', `Suppressed (${suppressed.length}):`);
    for (const f of suppressed) {
      const at = place(f.file, f.start);
      lines.push(`  ${f.file}:${at.line}:${at.column} ${f.ruleId} ${f.table}${f.columnName ? `.${f.columnName}` : ''}: ${f.suppressed?.reason ?? ''}`);
    }
  }
  if (notAnalysed.length > 0) {
    lines.push('', `Not analysed (${notAnalysed.length}):`);
    for (const n of notAnalysed) {
      const at = place(n.file, n.start);
      lines.push(`  ${n.file}:${at.line}:${at.column} ${n.reason}`);
    }
  }
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const information = findings.length - errors - warnings;
  lines.push(
    '',
    `${check.files.length} migration file${check.files.length === 1 ? '' : 's'} (${check.dialect}, ${check.dialectSource}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${information} safe drop${information === 1 ? '' : 's'} (information), ${suppressed.length} suppressed, ${notAnalysed.length} not analysed${check.gitAvailable ? '' : ' (no git: references and releases not checked)'}`,
  );
  await write(io.stdout, `${lines.join('\n')}\n`);
  return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
}
