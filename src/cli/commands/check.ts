// `release-hygiene check`: every capability over the repository in one process, one exit code, one report.
// Passes are shared where they can be: one repository lookup and one configuration read; the release plan's
// `git log` (last release tag..HEAD) is also the commit range that is linted, unless a PR range or --from/--to
// ask for another.
import { explainFlag } from '../../core/flags';
import { capabilityEnabled, pipelineOptionsFrom, relevelFindings, type ProductConfig } from '../../core/config/productConfig';
import { lintPipelineRepository } from '../../core/pipelines';
import {
  CAPABILITIES,
  commitReportFindings,
  flagReportFindings,
  migrationReportFindings,
  pipelineReportFindings,
  reportJson,
  type Capability,
  type CapabilitySummary,
  type ReportFinding,
} from '../../core/report';
import { findMergeBase, findRepositoryRoot, listCommitMessages, loadReleasePlan, resolveCommit, type CommitMessage, type GitFailure, type ReleaseContext } from '../../node';
import { analyzeWorkspaceFlags } from '../../node/flags';
import { checkMigrations } from '../../node/migrations';
import { readPipelineFiles } from '../../node/pipelines';
import { ExitCode } from '../exitCodes';
import { paint, useColor, write, type CliIo, type Paint } from '../io';
import { loadCliConfig, loadTrailerSettings, plural, type ConfigOptions } from '../lintSupport';
import { loadProductConfigFor } from '../productSupport';
import { isSharedFormat, TOOL, writeSharedFormat } from '../report';
import { lintCommits, lintedCommits } from './lintCommits';
import { nextVersionJson } from './nextVersion';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif' | 'gitlab';

export { CHECK_HELP } from './help';

export interface CheckOptions extends ConfigOptions {
  readonly cwd: string;
  readonly format: CheckFormat;
  readonly from?: string;
  readonly to?: string;
  /** Capabilities to run: from --only, else all. */
  readonly only?: readonly Capability[];
  readonly skip: readonly Capability[];
}

interface CapabilityOutcome {
  readonly summary: CapabilitySummary;
  readonly findings: readonly ReportFinding[];
}

function counts(findings: readonly ReportFinding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.suppressed) continue;
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function ran(capability: Capability, summary: string, findings: readonly ReportFinding[], exitCode?: number): CapabilityOutcome {
  const { errors, warnings } = counts(findings);
  return { summary: { capability, status: 'ran', summary, errors, warnings, exitCode: exitCode ?? (errors > 0 ? ExitCode.Findings : ExitCode.Ok) }, findings };
}

function failed(capability: Capability, reason: string, exitCode: number): CapabilityOutcome {
  return { summary: { capability, status: 'failed', summary: `cannot run: ${reason}`, errors: 0, warnings: 0, exitCode }, findings: [] };
}

function skipped(capability: Capability, why: string): CapabilityOutcome {
  return { summary: { capability, status: 'skipped', summary: `skipped (${why})`, errors: 0, warnings: 0, exitCode: ExitCode.Ok }, findings: [] };
}

/** As reportGitFailure: an unknown revision is the caller's mistake (2), anything else the tool's (3). */
function gitFailureCode(failure: GitFailure): number {
  return failure.kind === 'bad-revision' ? ExitCode.InvalidUsage : ExitCode.RuntimeFailure;
}

function gitFailureReason(failure: GitFailure): string {
  return failure.kind === 'not-a-repository' ? `${failure.message} (run inside a git work tree, or pass --cwd DIR)` : failure.message;
}

type ReleaseLoad = { readonly ok: true; readonly context: ReleaseContext } | { readonly ok: false; readonly noCommits: true } | { readonly ok: false; readonly noCommits?: false; readonly failure: GitFailure };

async function loadRelease(root: string, options: CheckOptions): Promise<ReleaseLoad> {
  const loaded = await loadReleasePlan({ cwd: root, ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) });
  if (loaded.ok) return { ok: true, context: loaded.value };
  if (loaded.kind === 'no-commits') return { ok: false, noCommits: true };
  return { ok: false, failure: loaded as GitFailure };
}

/** Where the linted range comes from, and what the summary line says about it. */
type CommitRange =
  | { readonly source: 'release'; readonly note: string }
  | { readonly source: 'pull-request'; readonly from: string; readonly note: string };

async function pullRequestRange(root: string, io: CliIo): Promise<CommitRange | { readonly fallback: string } | null> {
  const base = io.env.GITHUB_BASE_REF;
  if (base === undefined || base === '') return null;
  const ref = `origin/${base}`;
  const resolved = await resolveCommit(root, ref);
  if (!resolved.ok) return { fallback: `${ref} not found (fetch it, e.g. actions/checkout with fetch-depth: 0)` };
  const mergeBase = await findMergeBase(root, resolved.value, 'HEAD');
  if (!mergeBase.ok) return { fallback: `no merge-base of ${ref} and HEAD (${mergeBase.message})` };
  return { source: 'pull-request', from: mergeBase.value, note: `the pull request's commits (merge-base of ${ref}..HEAD)` };
}

async function runCommits(root: string, options: CheckOptions, release: ReleaseLoad, product: ProductConfig, io: CliIo): Promise<CapabilityOutcome> {
  const config = await loadCliConfig(root, options, io, product);
  if (!config.ok) return failed('commits', config.message, ExitCode.InvalidUsage);
  let commits: readonly CommitMessage[];
  let note: string;
  const explicit = options.from !== undefined || options.to !== undefined;
  const pr = explicit ? null : await pullRequestRange(root, io);
  if (pr !== null && 'source' in pr && pr.source === 'pull-request') {
    const listed = await listCommitMessages(root, { from: pr.from });
    if (!listed.ok) return failed('commits', gitFailureReason(listed), gitFailureCode(listed));
    commits = listed.value.commits;
    note = pr.note;
  } else {
    if (!release.ok) {
      if (release.noCommits) return ran('commits', 'no commits to lint (the repository has no commits yet)', []);
      return failed('commits', gitFailureReason(release.failure), gitFailureCode(release.failure));
    }
    commits = release.context.commits;
    const since = release.context.plan.currentTag;
    note = explicit
      ? `${options.from ?? '(root)'}..${options.to ?? 'HEAD'}`
      : since !== null ? `since ${since}` : 'all history (no release tag yet)';
    if (pr !== null && 'fallback' in pr) note += `; GITHUB_BASE_REF=${io.env.GITHUB_BASE_REF} but ${pr.fallback}: fell back to the commits since the last release tag`;
  }
  if (commits.length === 0) return ran('commits', `no commits to lint (${note})`, []);
  const report = lintCommits(commits, config.config, await loadTrailerSettings(root, config.config, io));
  const findings = commitReportFindings(lintedCommits(report));
  const effect = `release effect: ${report.bump}${report.bumpBy ? ` (${report.bumpBy})` : ''}`;
  const ignored = report.ignored > 0 ? `, ${report.ignored} ignored` : '';
  const problems = report.invalid > 0
    ? `${report.invalid} of ${plural(report.commits.length, 'commit')} ${report.invalid === 1 ? 'has' : 'have'} errors (${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')})`
    : `${plural(report.commits.length, 'commit')}, ${plural(report.warnings, 'warning')}`;
  return ran('commits', `${problems}${ignored} · ${note} · ${effect}`, findings, report.invalid > 0 ? ExitCode.Findings : ExitCode.Ok);
}

function runRelease(release: ReleaseLoad): CapabilityOutcome & { readonly json: Record<string, unknown> | null } {
  if (!release.ok) {
    if (release.noCommits) return { ...ran('release', 'no commits yet: nothing to release', []), json: null };
    return { ...failed('release', gitFailureReason(release.failure), gitFailureCode(release.failure)), json: null };
  }
  const { plan, head } = release.context;
  const from = plan.currentTag ?? (plan.firstRelease ? 'no release yet' : 'unknown');
  const to = plan.nextTag ?? 'no release';
  const shallow = head.shallow ? ' · shallow clone: the version may be wrong' : '';
  // Information only: the next version never fails the gate.
  return { ...ran('release', `${from} → ${to}${plan.bump !== 'none' ? ` (${plan.bump})` : ''}${shallow}`, [], ExitCode.Ok), json: nextVersionJson(plan, head.shallow) };
}

async function runFlags(root: string, product: ProductConfig, io: CliIo): Promise<CapabilityOutcome> {
  const configured = product.flags ?? {};
  const result = await analyzeWorkspaceFlags(root, {
    policy: { ...(configured.expireDays !== undefined ? { expireDays: configured.expireDays } : {}), ...(configured.staleDays !== undefined ? { staleDays: configured.staleDays } : {}) },
    now: new Date(epochMs(io)).toISOString(),
  });
  if (!result.ok) return failed('flags', result.message, ExitCode.RuntimeFailure);
  for (const warning of result.value.warnings) await write(io.stderr, `release-hygiene: flags: warning: ${warning}\n`);
  const { flags } = result.value;
  const stale = flags.filter((flag) => flag.status === 'stale').length;
  const expired = flags.filter((flag) => flag.status === 'expired').length;
  const findings = flagReportFindings(flags, explainFlag);
  return ran('flags', `${plural(flags.length, 'flag')}: ${stale} stale, ${expired} expired${result.value.history ? '' : ' (no git history: ages unknown)'}`, findings, stale > 0 ? ExitCode.Findings : ExitCode.Ok);
}

/** SOURCE_DATE_EPOCH when set (reproducible runs, tests), as `flags` does. */
function epochMs(io: CliIo): number {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
}

async function runMigrations(root: string, product: ProductConfig): Promise<CapabilityOutcome> {
  const configured = product.migrations ?? {};
  let check;
  try {
    check = await checkMigrations({
      root,
      ...(configured.dialect ? { dialect: configured.dialect } : {}),
      ...(configured.globs ? { globs: configured.globs } : {}),
      ...(configured.rules ? { rules: configured.rules } : {}),
    });
  } catch (error) {
    return failed('migrations', `could not check migrations: ${error instanceof Error ? error.message : String(error)}`, ExitCode.RuntimeFailure);
  }
  const { findings, suppressed, notAnalysed } = check.result;
  const texts = new Map(check.files.map((file) => [file.path, file.text]));
  const report = migrationReportFindings(findings, suppressed, texts);
  const { errors, warnings } = counts(report);
  const safe = findings.filter((finding) => finding.severity === 'information').length;
  const files = plural(check.files.length, 'migration file');
  const summary = `${files}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${safe} safe, ${suppressed.length} suppressed, ${notAnalysed.length} not analysed${check.gitAvailable ? '' : ' (no git: references and releases not checked)'}`;
  return ran('migrations', summary, report);
}

async function runPipelines(root: string, product: ProductConfig, io: CliIo): Promise<CapabilityOutcome> {
  const { files, problems } = await readPipelineFiles(root);
  for (const problem of problems) await write(io.stderr, `release-hygiene: pipelines: cannot read ${problem}\n`);
  const linted = lintPipelineRepository(files, pipelineOptionsFrom(product));
  const rules = product.pipelines?.rules;
  const findings = pipelineReportFindings(relevelFindings(linted.findings, rules), relevelFindings(linted.suppressed, rules), files);
  if (linted.roots.length === 0) return ran('pipelines', 'no pipeline files (.gitlab-ci.yml, .github/workflows/*.yml) found', []);
  const { errors, warnings } = counts(findings);
  const suppressed = findings.filter((finding) => finding.suppressed).length;
  return ran('pipelines', `${plural(linted.roots.length, 'pipeline file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${suppressed} suppressed`, findings);
}

export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const repository = await findRepositoryRoot(options.cwd);
  const root = repository.ok ? repository.value.root : options.cwd;
  const product = await loadProductConfigFor(root, io);
  const wanted = (capability: Capability): string | null => {
    if (options.only !== undefined) return options.only.includes(capability) ? null : 'not in --only';
    if (options.skip.includes(capability)) return '--skip';
    if (!capabilityEnabled(product, capability)) return `${capability}.enabled: false in the configuration file`;
    return null;
  };
  const skipReason = new Map(CAPABILITIES.map((capability) => [capability, wanted(capability)]));
  const runs = (capability: Capability): boolean => skipReason.get(capability) === null;

  // One release plan serves both the next version and the default commit range.
  const release: ReleaseLoad = runs('release') || runs('commits')
    ? repository.ok ? await loadRelease(root, options) : { ok: false, failure: repository }
    : { ok: false, noCommits: true };

  const outcomes: CapabilityOutcome[] = [];
  let releaseJson: Record<string, unknown> | null = null;
  for (const capability of CAPABILITIES) {
    const why = skipReason.get(capability);
    if (why !== null && why !== undefined) {
      outcomes.push(skipped(capability, why));
      continue;
    }
    switch (capability) {
      case 'commits':
        outcomes.push(repository.ok ? await runCommits(root, options, release, product, io) : failed('commits', gitFailureReason(repository), gitFailureCode(repository)));
        break;
      case 'release': {
        // Outside a repository there is no version to compute; next-version exits 3 there, so does this line.
        const outcome = runRelease(release);
        releaseJson = outcome.json;
        outcomes.push({ summary: outcome.summary, findings: outcome.findings });
        break;
      }
      case 'flags':
        outcomes.push(await runFlags(root, product, io));
        break;
      case 'migrations':
        outcomes.push(await runMigrations(root, product));
        break;
      case 'pipelines':
        outcomes.push(await runPipelines(root, product, io));
        break;
    }
  }
  const exitCode = Math.max(ExitCode.Ok, ...outcomes.map((outcome) => outcome.summary.exitCode));
  const findings = outcomes.flatMap((outcome) => outcome.findings);
  const summaries = outcomes.map((outcome) => outcome.summary);

  if (options.format === 'json') {
    await write(io.stdout, `${JSON.stringify(reportJson({ tool: TOOL, exitCode, capabilities: summaries, release: releaseJson, findings }), null, 2)}\n`);
    await write(io.stderr, summaryText(summaries, paint(false)));
  } else if (isSharedFormat(options.format)) {
    await writeSharedFormat(options.format, findings, root, io);
    // Annotations and summaries share stdout in a GitHub log; the JSON reports keep stdout to themselves.
    await write(options.format === 'github' ? io.stdout : io.stderr, summaryText(summaries, paint(false)));
  } else {
    const color = paint(useColor(io));
    await write(io.stdout, findingsText(findings, color) + summaryText(summaries, color));
  }
  return exitCode;
}

function severityWord(finding: ReportFinding, color: Paint): string {
  return finding.severity === 'error' ? color.red('error') : finding.severity === 'warning' ? color.yellow('warning') : color.dim('info');
}

function findingsText(findings: readonly ReportFinding[], color: Paint): string {
  let out = '';
  for (const finding of findings) {
    if (finding.suppressed) continue;
    const where = finding.file !== undefined
      ? `${finding.file}:${finding.region.startLine}:${finding.region.startColumn}`
      : `${finding.commit?.slice(0, 7) ?? ''} ${finding.region.startLine}:${finding.region.startColumn}`;
    out += `${where} ${severityWord(finding, color)} ${color.bold(finding.ruleId)} ${finding.message}\n`;
  }
  return out.length > 0 ? `${out}\n` : '';
}

function summaryText(summaries: readonly CapabilitySummary[], color: Paint): string {
  let out = '';
  for (const summary of summaries) {
    const mark = summary.status === 'skipped' ? color.dim('–')
      : summary.status === 'failed' ? color.red('!')
      : summary.errors > 0 ? color.red('✖')
      : summary.warnings > 0 ? color.yellow('⚠')
      : color.green('✔');
    out += `${mark} ${summary.capability.padEnd(10)} ${summary.summary}\n`;
  }
  return out;
}
