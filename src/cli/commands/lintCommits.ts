// `release-hygiene lint-commits`: lints a range of history, commitlint's `--from/--to` semantics (`from..to`).
import { lintCommitMessage, type Bump, type ReleaseEffect, type ResolvedCommitLintConfig, type TrailerSettings } from '../../core/commits';
import type { Finding } from '../../core/findings';
import { commitReportFindings, type LintedCommit } from '../../core/report';
import { findRepositoryRoot, listCommitMessages, type CommitMessage, type GitFailure } from '../../node';
import { ExitCode } from '../exitCodes';
import { paint, useColor, write, type CliIo, type Paint } from '../io';
import { writeSharedFormat } from '../report';
import { countFindings, findingsJson, higherBump, loadCliConfig, loadTrailerSettings, plural, type ConfigOptions } from '../lintSupport';
import { LineIndex } from '../../core/report/region';

export type CommitsFormat = 'text' | 'json' | 'github' | 'sarif' | 'gitlab';

export interface LintCommitsOptions extends ConfigOptions {
  readonly from?: string;
  readonly to?: string;
  readonly cwd: string;
  readonly format: CommitsFormat;
}

interface CommitReport {
  readonly commit: CommitMessage;
  readonly header: string;
  readonly valid: boolean;
  readonly ignored: boolean;
  readonly ignoredReason?: string;
  readonly findings: readonly Finding[];
  readonly releaseEffect: ReleaseEffect;
  /** `feat!`, `fix`, … for the summary; null when the header has no type. */
  readonly typeLabel: string | null;
}

export interface RangeReport {
  readonly commits: readonly CommitReport[];
  readonly invalid: number;
  readonly ignored: number;
  readonly errors: number;
  readonly warnings: number;
  readonly bump: Bump;
  readonly bumpBy: string | null;
}

/** Prints a git failure and maps it to an exit code. */
export async function reportGitFailure(failure: GitFailure, io: CliIo): Promise<number> {
  const hint = failure.kind === 'not-a-repository' ? ' (run inside a git work tree, or pass --cwd DIR)' : '';
  await write(io.stderr, `release-hygiene: ${failure.message}${hint}\n`);
  return failure.kind === 'bad-revision' ? ExitCode.InvalidUsage : ExitCode.RuntimeFailure;
}

function headerOf(message: string): string {
  const end = message.indexOf('\n');
  const line = end === -1 ? message : message.slice(0, end);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Lints each commit; `trailers`: the repository's trailer settings (`loadTrailerSettings`), git's defaults when omitted. */
export function lintCommits(commits: readonly CommitMessage[], config: ResolvedCommitLintConfig, trailers?: TrailerSettings): RangeReport {
  const reports: CommitReport[] = [];
  let invalid = 0;
  let ignored = 0;
  let errors = 0;
  let warnings = 0;
  let bump: Bump = 'none';
  let bumpBy: string | null = null;
  const options = { config, commentChar: null, ...(trailers ? { trailers } : {}) };
  for (const commit of commits) {
    const header = headerOf(commit.message);
    if (commit.parents.length > 1) {
      // commitlint ignores merge commits; so does a changelog. Nothing to lint, no release effect.
      ignored++;
      reports.push({
        commit, header, valid: true, ignored: true, ignoredReason: 'merge commit', findings: [],
        releaseEffect: { bump: 'none', reason: 'merge commit' }, typeLabel: null,
      });
      continue;
    }
    const result = lintCommitMessage(commit.message, options);
    if (result.findings.length > 0) {
      const counts = countFindings(result.findings);
      errors += counts.errors;
      warnings += counts.warnings;
    }
    if (!result.valid) invalid++;
    if (result.ignored) ignored++;
    const typeLabel = result.parsed.type ? (result.parsed.breaking ? `${result.parsed.type}!` : result.parsed.type) : null;
    if (!result.ignored && higherBump(bump, result.releaseEffect.bump) !== bump) {
      bump = result.releaseEffect.bump;
      bumpBy = typeLabel;
    }
    reports.push(
      result.ignored
        ? {
            commit, header, valid: result.valid, ignored: true, ignoredReason: 'ignored message',
            findings: result.findings, releaseEffect: result.releaseEffect, typeLabel,
          }
        : { commit, header, valid: result.valid, ignored: false, findings: result.findings, releaseEffect: result.releaseEffect, typeLabel },
    );
  }
  return { commits: reports, invalid, ignored, errors, warnings, bump, bumpBy };
}

export async function lintCommitsCommand(options: LintCommitsOptions, io: CliIo): Promise<number> {
  const repository = await findRepositoryRoot(options.cwd);
  if (!repository.ok) return reportGitFailure(repository, io);
  const { root, shallow } = repository.value;
  if (shallow) {
    const warning = 'this is a shallow clone: history may be incomplete (fetch with --unshallow, or use fetch-depth: 0 in actions/checkout)';
    await write(io.stderr, `release-hygiene: warning: ${warning}\n`);
    if (options.format === 'github') await write(io.stdout, `::warning title=shallow clone::${escapeData(warning)}\n`);
  }
  const config = await loadCliConfig(root, options, io);
  if (!config.ok) {
    await write(io.stderr, `release-hygiene: ${config.message}\n`);
    return ExitCode.InvalidUsage;
  }
  const listed = await listCommitMessages(root, { from: options.from, to: options.to });
  if (!listed.ok) return reportGitFailure(listed, io);
  if (listed.value.commits.length === 0) {
    const why = listed.value.emptyRepository ? ' (the repository has no commits yet)' : '';
    if (options.format === 'json') await write(io.stdout, `${JSON.stringify(emptyJson(options, shallow), null, 2)}\n`);
    else if (options.format === 'sarif' || options.format === 'gitlab') await writeSharedFormat(options.format, [], root, io);
    else await write(io.stdout, `no commits to lint${why}\n`);
    return ExitCode.Ok;
  }

  const report = lintCommits(listed.value.commits, config.config, await loadTrailerSettings(root, config.config, io));
  if (options.format === 'json') await write(io.stdout, `${JSON.stringify(toJson(report, options, shallow), null, 2)}\n`);
  else if (options.format === 'github') await printGithub(report, io);
  else if (options.format === 'sarif' || options.format === 'gitlab') await writeSharedFormat(options.format, commitReportFindings(lintedCommits(report)), root, io);
  else await printText(report, io, paint(useColor(io)));
  return report.invalid > 0 ? ExitCode.Findings : ExitCode.Ok;
}

/** The range's commits with their findings, as the report builders take them (ignored commits have none). */
export function lintedCommits(report: RangeReport): LintedCommit[] {
  return report.commits.map((item) => ({ hash: item.commit.hash, message: item.commit.message, findings: item.findings }));
}

export function shortHash(hash: string): string {
  return hash.slice(0, 7);
}

export function summaryLine(report: RangeReport, color: Paint): string {
  const total = report.commits.length;
  const effect = `release effect: ${report.bump}${report.bumpBy ? ` (${report.bumpBy})` : ''}`;
  const ignored = report.ignored > 0 ? ` · ${report.ignored} ignored` : '';
  const counts = `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`;
  if (report.invalid > 0) {
    return `${color.red('✖')} ${report.invalid} of ${plural(total, 'commit')} ${report.invalid === 1 ? 'has' : 'have'} errors (${counts})${ignored} · ${effect}`;
  }
  if (report.warnings > 0) return `${color.yellow('⚠')} ${plural(total, 'commit')}, ${counts}${ignored} · ${effect}`;
  return `${color.green('✔')} ${plural(total, 'commit')}, no problems${ignored} · ${effect}`;
}

async function printText(report: RangeReport, io: CliIo, color: Paint): Promise<void> {
  let out = '';
  for (const item of report.commits) {
    if (item.ignored) {
      out += `${color.dim(shortHash(item.commit.hash))} ${item.header} ${color.dim(`— ignored (${item.ignoredReason})`)}\n`;
      continue;
    }
    if (item.findings.length === 0) continue;
    out += `${color.dim(shortHash(item.commit.hash))} ${color.bold(item.header)}\n`;
    const positions = new LineIndex(item.commit.message);
    for (const finding of item.findings) {
      const { line, column } = positions.position(finding.start);
      const severity = finding.severity === 'error' ? color.red('error') : finding.severity === 'warning' ? color.yellow('warning') : 'info';
      out += `  ${line}:${column} ${severity} ${color.dim(finding.ruleId)} ${finding.message}\n`;
    }
    if (out.length > 64 * 1024) {
      await write(io.stdout, out);
      out = '';
    }
  }
  out += `${summaryLine(report, color)}\n`;
  await write(io.stdout, out);
}

/** Workflow-command escaping (actions/toolkit): data escapes % CR LF; properties also `:` and `,`. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

async function printGithub(report: RangeReport, io: CliIo): Promise<void> {
  let out = '';
  for (const item of report.commits) {
    for (const finding of item.findings) {
      const command = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
      const data = `${shortHash(item.commit.hash)} ${item.header}: ${finding.message}`;
      out += `::${command} title=${escapeProperty(finding.ruleId)}::${escapeData(data)}\n`;
    }
    if (out.length > 64 * 1024) {
      await write(io.stdout, out);
      out = '';
    }
  }
  out += `${summaryLine(report, paint(false))}\n`;
  await write(io.stdout, out);
}

function emptyJson(options: LintCommitsOptions, shallow: boolean): unknown {
  return {
    range: { from: options.from ?? null, to: options.to ?? 'HEAD' },
    shallow,
    commits: [],
    summary: { commits: 0, invalid: 0, ignored: 0, errors: 0, warnings: 0, releaseEffect: 'none' },
  };
}

function toJson(report: RangeReport, options: LintCommitsOptions, shallow: boolean): unknown {
  return {
    range: { from: options.from ?? null, to: options.to ?? 'HEAD' },
    shallow,
    commits: report.commits.map((item) => ({
      hash: item.commit.hash,
      parents: item.commit.parents,
      header: item.header,
      valid: item.valid,
      ignored: item.ignored,
      ...(item.ignoredReason ? { ignoredReason: item.ignoredReason } : {}),
      releaseEffect: item.releaseEffect,
      findings: findingsJson(item.commit.message, item.findings),
    })),
    summary: {
      commits: report.commits.length,
      invalid: report.invalid,
      ignored: report.ignored,
      errors: report.errors,
      warnings: report.warnings,
      releaseEffect: report.bump,
    },
  };
}
