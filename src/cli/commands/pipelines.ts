// `release-hygiene pipelines`: skippable gates in the repository's CI configuration (GitLab CI, GitHub Actions).
import { lintPipelineRepository, lineColumn, type PipelineFinding } from '../../core/pipelines';
import { pipelineReportFindings } from '../../core/report';
import { readPipelineFiles } from '../../node/pipelines';
import { pipelineOptionsFrom, relevelFindings } from '../../core/config/productConfig';
import { ExitCode } from '../exitCodes';
import { loadProductConfigFor } from '../productSupport';
import { paint, useColor, write, type CliIo } from '../io';
import { writeSharedFormat } from '../report';

export type PipelinesFormat = 'text' | 'json' | 'github' | 'sarif' | 'gitlab';

export { PIPELINES_HELP } from './help';

export interface PipelinesCliOptions {
  readonly cwd: string;
  readonly format: PipelinesFormat;
}

interface Row {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly job: string | null;
  readonly message: string;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export async function pipelinesCommand(options: PipelinesCliOptions, io: CliIo): Promise<number> {
  const { files, problems } = await readPipelineFiles(options.cwd);
  for (const problem of problems) await write(io.stderr, `release-hygiene: warning: ${problem}\n`);
  const configured = await loadProductConfigFor(options.cwd, io);
  const linted = lintPipelineRepository(files, pipelineOptionsFrom(configured));
  const rules = configured.pipelines?.rules;
  const result = { ...linted, findings: relevelFindings(linted.findings, rules), suppressed: relevelFindings(linted.suppressed, rules) };
  const row = (f: PipelineFinding): Row => {
    const { line, column } = lineColumn(files.get(f.file) ?? '', f.start);
    return { rule: f.ruleId, severity: f.severity, file: f.file, line, column, job: f.job ?? null, message: f.message };
  };
  const findings = result.findings.map(row);
  const suppressed = result.suppressed.map((f) => ({ ...row(f), reason: f.suppressed?.reason ?? '' }));
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (options.format === 'sarif' || options.format === 'gitlab') {
    await writeSharedFormat(options.format, pipelineReportFindings(result.findings, result.suppressed, files), options.cwd, io);
  } else if (options.format === 'json') {
    await write(io.stdout, `${JSON.stringify({ findings, suppressed, files: result.roots })}\n`);
  } else if (options.format === 'github') {
    let out = '';
    for (const f of findings) {
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      out += `::${command} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(f.rule)}::${escapeData(`${f.job !== null ? `${f.job}: ` : ''}${f.message}`)}\n`;
    }
    await write(io.stdout, out);
  } else {
    const p = paint(useColor(io));
    if (result.roots.length === 0) {
      await write(io.stdout, 'no pipeline files (.gitlab-ci.yml, .github/workflows/*.yml) found\n');
      return ExitCode.Ok;
    }
    let out = '';
    for (const f of findings) {
      const sev = f.severity === 'error' ? p.red('error') : f.severity === 'warning' ? p.yellow('warning') : p.dim('info');
      out += `${f.file}:${f.line}:${f.column} ${sev} ${p.bold(f.rule)}${f.job !== null ? ` [${f.job}]` : ''} ${f.message}\n`;
    }
    for (const f of suppressed) out += p.dim(`${f.file}:${f.line}:${f.column} suppressed ${f.rule}${f.job !== null ? ` [${f.job}]` : ''}: ${f.reason}\n`);
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const infos = findings.length - errors - warnings;
    const summary = `${result.roots.length} pipeline file${result.roots.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} information, ${suppressed.length} suppressed`;
    out += `${errors > 0 ? p.red('✖') : p.green('✔')} ${summary}\n`;
    await write(io.stdout, out);
  }
  return errors > 0 ? ExitCode.Findings : ExitCode.Ok;
}
