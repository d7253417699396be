// "What would the next release be if this commit were added?": the commit box asks it on every hover.
// Pure: the plan already computed for the repository, plus one more commit's type, through the engine's own rules.
import { changeBump, higherBump, nextVersion } from './plan';
import { formatTag } from './tags';
import type { Bump, ReleaseOptions, ReleasePlan } from './types';

/** The commit being written: its type (null when it is not a Conventional Commit) and whether it is breaking. */
export interface PendingCommit {
  readonly type: string | null;
  readonly breaking: boolean;
}

export interface ReleaseWithCommit {
  /** What the commit alone does, after the per-type table and the pre-major options (relative to the plan's current version). */
  readonly bump: Bump;
  /** The release level with the commit added: the higher of the plan's and the commit's (a forced version keeps the plan's). */
  readonly releaseBump: Bump;
  /** The next version with the commit added, or null when still nothing releases (or the current version is unknown). */
  readonly next: string | null;
  /** The tag the next version gets, or null. */
  readonly nextTag: string | null;
  /** The commit changes the next version (compared with the plan without it). */
  readonly changesNext: boolean;
}

/**
 * The next version if `commit` were added on top of the range of `plan`. Uses the same bump table, pre-major rules,
 * prerelease channel and initial version as computeReleasePlan; a forced version (Release-As) still wins.
 * `options` must be the options the plan was computed with.
 */
export function nextVersionWith(plan: ReleasePlan, commit: PendingCommit, options: ReleaseOptions): ReleaseWithCommit {
  const bump: Bump = commit.type === null || commit.type === '' ? 'none' : changeBump(commit.type, commit.breaking, plan.current, options);
  const tagOf = (version: string | null): string | null =>
    version === null ? null : version === plan.next ? plan.nextTag : formatTag(plan.tagSelection.tagFormat, version);
  if (plan.forced !== null) {
    return { bump, releaseBump: plan.bump, next: plan.next, nextTag: plan.nextTag, changesNext: false };
  }
  const releaseBump = higherBump(plan.bump, bump);
  let next: string | null = null;
  if (releaseBump === 'none') next = null;
  else if (plan.firstRelease) next = plan.prerelease !== null ? `${options.initialVersion}-${plan.prerelease}.1` : options.initialVersion;
  else if (plan.current !== null) next = nextVersion(plan.current, releaseBump, plan.prerelease);
  return { bump, releaseBump, next, nextTag: tagOf(next), changesNext: next !== plan.next };
}
