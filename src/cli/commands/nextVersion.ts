// `release-hygiene next-version`: the next semantic version from the commits since the last release, and why.
// Also the pieces `changelog` shares with it: options, loading the plan, the loud shallow-clone warning, the date.
import type { ReleaseOptions, ReleasePlan } from '../../core/release';
import { loadReleasePlan, type ReleaseContext } from '../../node';
import { ExitCode } from '../exitCodes';
import { paint, useColor, write, type CliIo } from '../io';
import { reportGitFailure } from './lintCommits';

export interface ReleaseCliOptions {
  readonly cwd: string;
  readonly from?: string;
  readonly to?: string;
  readonly path?: string;
  readonly tagFormat?: string;
  readonly prerelease?: string;
  readonly initialVersion?: string;
  readonly firstParent?: boolean;
}

export { RELEASE_OPTIONS_HELP } from './help';

/** Today as YYYY-MM-DD (UTC), or the date of SOURCE_DATE_EPOCH when set (reproducible builds). */
export function releaseDate(io: CliIo): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const ms = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
  return new Date(ms).toISOString().slice(0, 10);
}

export type LoadedRelease = { readonly ok: true; readonly context: ReleaseContext } | { readonly ok: false; readonly code: number; readonly noCommits?: boolean };

export async function loadForCli(options: ReleaseCliOptions, io: CliIo): Promise<LoadedRelease> {
  const overrides: Partial<ReleaseOptions> = {
    ...(options.tagFormat !== undefined ? { tagFormat: options.tagFormat } : {}),
    ...(options.prerelease !== undefined ? { prerelease: options.prerelease } : {}),
    ...(options.initialVersion !== undefined ? { initialVersion: options.initialVersion } : {}),
    ...(options.firstParent ? { firstParent: true } : {}),
  };
  const loaded = await loadReleasePlan({
    cwd: options.cwd,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    options: overrides,
    // A fresh process each run: the tags reachable from the last HEAD are remembered in the git dir
    // (.git/release-hygiene/reachable-tags.json), so the run after a new commit does not walk the history again.
    tagCache: 'disk',
  });
  if (!loaded.ok) {
    if (loaded.kind === 'no-commits') return { ok: false, code: ExitCode.Ok, noCommits: true };
    return { ok: false, code: await reportGitFailure(loaded, io) };
  }
  for (const warning of loaded.value.plan.warnings) {
    const loud = warning.code === 'shallow-clone' ? 'WARNING' : 'warning';
    await write(io.stderr, `release-hygiene: ${loud}: ${warning.message}\n`);
  }
  return { ok: true, context: loaded.value };
}

export interface NextVersionOptions extends ReleaseCliOptions {
  readonly format: 'text' | 'json';
}

export { NEXT_VERSION_HELP } from './help';

export function nextVersionJson(plan: ReleasePlan, shallow: boolean): Record<string, unknown> {
  return {
    currentTag: plan.currentTag,
    current: plan.current,
    next: plan.next,
    nextTag: plan.nextTag,
    bump: plan.bump,
    firstRelease: plan.firstRelease,
    prerelease: plan.prerelease,
    forced: plan.forced,
    reasons: plan.reasons.map((reason) => ({ hash: reason.hash, subject: reason.subject, bump: reason.bump, why: reason.why })),
    unconventional: plan.unconventional,
    cancelled: plan.cancelled,
    mergeCommits: plan.mergeCommits,
    commitCount: plan.commitCount,
    shallow,
    warnings: plan.warnings.map((warning) => warning.message),
    explanation: plan.explanation,
    tag: { format: plan.tagSelection.tagFormat, matched: plan.tagSelection.matched, skipped: plan.tagSelection.skippedCount },
  };
}

export async function nextVersionCommand(options: NextVersionOptions, io: CliIo): Promise<number> {
  const loaded = await loadForCli(options, io);
  if (!loaded.ok) {
    if (loaded.noCommits) {
      if (options.format === 'json') {
        const empty = { currentTag: null, current: null, next: null, nextTag: null, bump: 'none', firstRelease: true, reasons: [], unconventional: [], shallow: false, warnings: ['the repository has no commits yet'] };
        await write(io.stdout, `${JSON.stringify(empty, null, 2)}\n`);
      } else {
        await write(io.stdout, 'no commits yet: nothing to release\n');
      }
    }
    return loaded.code;
  }
  const { plan, head } = loaded.context;
  if (options.format === 'json') {
    await write(io.stdout, `${JSON.stringify(nextVersionJson(plan, head.shallow), null, 2)}\n`);
    return ExitCode.Ok;
  }
  const color = paint(useColor(io));
  const from = plan.currentTag ?? (plan.firstRelease ? 'no release yet' : 'unknown');
  const to = plan.nextTag ?? 'no release';
  let out = `${color.bold(`${from} → ${to}`)}${plan.bump !== 'none' ? ` (${plan.bump})` : ''}\n`;
  for (const line of plan.explanation) out += `  ${color.dim(line)}\n`;
  if (plan.reasons.length > 0) {
    out += `caused by:\n`;
    for (const reason of plan.reasons) out += `  ${reason.hash ? reason.hash.slice(0, 7) : '-------'} ${reason.subject} ${color.dim(`— ${reason.why}`)}\n`;
  }
  if (plan.cancelled.length > 0) {
    out += `cancelled by reverts:\n`;
    for (const pair of plan.cancelled) out += `  ${pair.reverted.hash.slice(0, 7)} ${pair.reverted.header} ${color.dim(`— reverted by ${pair.revertedBy.hash.slice(0, 7)}`)}\n`;
  }
  if (plan.unconventional.length > 0) {
    out += `not in the changelog (not conventional):\n`;
    for (const commit of plan.unconventional) out += `  ${commit.hash.slice(0, 7)} ${commit.header}\n`;
  }
  await write(io.stdout, out);
  return ExitCode.Ok;
}
