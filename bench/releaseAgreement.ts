// Agreement replay of the release engine: for each corpus replayed into a real repository (bench/replayCorpus.ts),
// for every pair of consecutive stable releases on the default branch (prev, next, prev an ancestor of next),
// three bumps over the same range prev..next:
//   ours   loadReleasePlan({ cwd, from: prev, to: next }) (the engine end to end, real git)
//   crb    conventional-recommended-bump's Bumper with the conventionalcommits preset, `.tag(prev).commits({ to: next })`
//          (the same git range; the preset's `merges: false` and crb's default revert filtering apply)
//   real   the semver difference between the two tags
// Both tools run with their defaults. For 0.x pairs the pre-major settings are recorded too (ours:
// bumpMinorPreMajor + bumpPatchForMinorPreMajor, crb: the preset's `preMajor`; both give breaking → minor,
// feat → patch). Every difference gets a class (see classifyCrb / classifyReal).
//
// Used by bench/releaseAgreement.bench.ts (`npm run bench:release-agreement`, all corpora) and by the always-run test
// test/unit/release-agreement/agreement.test.ts (one corpus).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as semver from 'semver';
import { Bumper } from 'conventional-recommended-bump';
import createPreset from 'conventional-changelog-conventionalcommits';
import { computeReleasePlan, type Bump, type ReleaseOptions, type ReleasePlan } from '../src/core/release';
import { listRangeCommits, loadReleasePlan } from '../src/node';
import { loadCorpus, loadTags, replayRepository, type CorpusCommit, type CorpusTag } from './replayCorpus';

/** Which tags are releases of the corpus' main package. */
export interface CorpusSpec {
  readonly name: string;
  /** Stable release tags of the main package; group 1 is the version. */
  readonly releaseTag: RegExp;
  /** The tool the project releases with, as far as its history shows. */
  readonly releasedWith: string;
}

export const CORPUS_SPECS: readonly CorpusSpec[] = [
  { name: 'orhun__git-cliff', releaseTag: /^v(\d+\.\d+\.\d+)$/, releasedWith: 'git-cliff (its own `--bump`), tags pushed by hand' },
  { name: 'conventional-changelog__commitlint', releaseTag: /^v(\d+\.\d+\.\d+)$/, releasedWith: 'lerna with conventional commits (lerna version --conventional-commits)' },
  { name: 'semantic-release__semantic-release', releaseTag: /^v?(\d+\.\d+\.\d+)$/, releasedWith: 'semantic-release itself (angular preset), earlier releases by hand' },
  { name: 'vitejs__vite', releaseTag: /^v(\d+\.\d+\.\d+)$/, releasedWith: 'a release script with a human-chosen version (monorepo: `plugin-*@`, `create-vite@` tags are other packages and excluded)' },
];

export type Level = Bump;
const RANK: Readonly<Record<Level, number>> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface PairResult {
  readonly prev: string;
  readonly next: string;
  readonly prevVersion: string;
  readonly nextVersion: string;
  /** prev's major version is 0. */
  readonly preMajor: boolean;
  /** Commits in prev..next (merges included). */
  readonly commits: number;
  readonly real: Level;
  /** Ours with the defaults. */
  readonly ours: Level;
  readonly oursNext: string | null;
  /** 0.x pairs: ours with both pre-major options (else equal to `ours`). */
  readonly oursPreMajor: Level;
  /** crb with the preset's defaults. */
  readonly crb: Level;
  /** 0.x pairs: crb with `preMajor: true` (else equal to `crb`). */
  readonly crbPreMajor: Level;
  /** Ours without counting squash-body lines. */
  readonly oursNoSquash: Level;
  readonly forced: string | null;
  /** Headers of the changes at ours' level (at most 5). */
  readonly oursReasons: readonly string[];
  readonly crbVsOurs: { readonly agree: boolean; readonly cls: string | null; readonly detail: string | null };
  readonly realVsOurs: { readonly agree: boolean; readonly cls: string | null; readonly detail: string | null };
}

export interface CorpusAgreement {
  readonly corpus: string;
  readonly spec: CorpusSpec;
  readonly commits: number;
  readonly releaseTags: number;
  /** Consecutive stable pairs where prev is not an ancestor of next (not comparable as a git range). */
  readonly notAncestor: readonly string[];
  readonly pairs: readonly PairResult[];
  readonly replayMs: number;
  readonly compareMs: number;
}

function levelOf(releaseType: string | undefined): Level {
  return releaseType === 'major' || releaseType === 'minor' || releaseType === 'patch' ? releaseType : 'none';
}

function realLevel(from: string, to: string): Level {
  const diff = semver.diff(from, to);
  if (diff === 'major' || diff === 'premajor') return 'major';
  if (diff === 'minor' || diff === 'preminor') return 'minor';
  return diff === null ? 'none' : 'patch';
}

/** Consecutive stable releases of the main package (one tag per version: `v1.2.3` before `1.2.3`). */
export function releasePairs(tags: readonly CorpusTag[], spec: CorpusSpec): { prev: CorpusTag & { version: string }; next: CorpusTag & { version: string } }[] {
  const byVersion = new Map<string, CorpusTag & { version: string }>();
  for (const tag of tags) {
    if (!tag.on_default_branch) continue;
    const version = spec.releaseTag.exec(tag.name)?.[1];
    if (version === undefined || semver.valid(version) !== version) continue;
    const known = byVersion.get(version);
    if (!known || (tag.name.startsWith('v') && !known.name.startsWith('v'))) byVersion.set(version, { ...tag, version });
  }
  const sorted = [...byVersion.values()].sort((a, b) => semver.compare(a.version, b.version));
  return sorted.slice(1).map((next, i) => ({ prev: sorted[i]!, next }));
}

interface CrbCommit {
  readonly hash?: string | null;
  readonly header?: string | null;
}

const PRE_MAJOR_OPTIONS: Partial<ReleaseOptions> = { bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true };

async function crbBump(repo: string, prev: string, next: string, preMajor: boolean): Promise<{ level: Level; commits: readonly CrbCommit[] }> {
  const bumper = new Bumper(repo).loadPreset(preMajor ? { name: 'conventionalcommits', preMajor: true } : 'conventionalcommits').tag(prev).commits({ to: next });
  const result = (await bumper.bump()) as { releaseType?: string; commits: CrbCommit[] };
  return { level: levelOf(result.releaseType), commits: result.commits };
}

/** Scopes of vite's other packages: create-vite (ex create-app) and its templates, the plugins (`legacy` = plugin-legacy). */
const OTHER_PACKAGE_SCOPE = /^(?:create-vite|create-app|create-vite-app|template-[\w-]+|svelte|plugin-[\w-]+|legacy)$/;

/** Why ours and crb differ on a pair. */
function classifyCrb(ours: ReleasePlan, oursLevel: Level, oursNoSquash: Level, crbLevel: Level, crbPerCommit: ReadonlyMap<string, Level>, mergeHeaders: readonly string[]): { cls: string; detail: string } {
  if (ours.forced !== null) return { cls: 'Release-As footer (ours forces the version; crb ignores it)', detail: `Release-As ${ours.forced.version}` };
  if (oursNoSquash === crbLevel) {
    const nested = ours.changes.filter((change) => change.nested && change.bump === oursLevel).map((change) => change.header);
    return { cls: 'squash-body lines counted by ours', detail: nested.slice(0, 3).join(' | ') };
  }
  if (RANK[oursLevel] > RANK[crbLevel]) {
    const mine = ours.changes.filter((change) => change.bump === oursLevel && !change.nested);
    const unseen = mine.filter((change) => (crbPerCommit.get(change.hash) ?? 'none') !== oursLevel);
    if (unseen.some((change) => change.revert)) return { cls: 'git revert of a commit outside the range (ours: patch; crb: filtered or no type)', detail: unseen.map((c) => c.header).join(' | ') };
    return { cls: 'parse difference (ours higher)', detail: unseen.map((c) => `${c.header} [crb: ${crbPerCommit.get(c.hash) ?? 'absent'}]`).slice(0, 3).join(' | ') };
  }
  // crb higher
  const theirs = [...crbPerCommit].filter(([, level]) => level === crbLevel).map(([hash]) => hash);
  const ourByHash = new Map(ours.changes.map((change) => [change.hash, change]));
  const cancelled = new Set(ours.cancelled.flatMap((pair) => [pair.reverted.hash, pair.revertedBy.hash]));
  if (theirs.some((hash) => cancelled.has(hash))) return { cls: 'reverts netted differently', detail: ours.cancelled.map((p) => `${p.reverted.header} ⟲ ${p.revertedBy.header}`).slice(0, 3).join(' | ') };
  if (theirs.length === 0 && mergeHeaders.length > 0) return { cls: 'merge commit counted by crb', detail: mergeHeaders.slice(0, 3).join(' | ') };
  return { cls: 'parse difference (crb higher)', detail: theirs.map((hash) => `${hash.slice(0, 7)} ours: ${ourByHash.get(hash)?.bump ?? 'absent'}`).slice(0, 3).join(' | ') };
}

/** Why ours and the real release differ on a pair. */
function classifyReal(pair: { preMajor: boolean; real: Level }, ours: ReleasePlan, oursLevel: Level, oursNoSquash: Level, commitTypes: ReadonlyMap<string, number>): { cls: string; detail: string } {
  const { real } = pair;
  const types = [...commitTypes].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type}×${n}`).slice(0, 6).join(' ');
  if (ours.forced !== null) return { cls: 'Release-As footer', detail: `Release-As ${ours.forced.version}` };
  if (oursNoSquash === real) return { cls: 'squash-body lines raise ours', detail: ours.changes.filter((c) => c.nested && c.bump === oursLevel).map((c) => c.header).slice(0, 3).join(' | ') };
  const reasons = ours.changes.filter((change) => change.bump === oursLevel);
  if (oursLevel === 'none') return { cls: 'release without releasable commits (chore/docs/ci/deps only: a manual re-release)', detail: types };
  if (RANK[oursLevel] < RANK[real]) {
    if (real === 'major') return { cls: 'major release without a breaking marker in its commits (a human decided)', detail: types };
    return { cls: 'minor release without a feat commit (a human decided)', detail: types };
  }
  // ours higher than real
  if (reasons.length > 0 && reasons.every((change) => change.scope !== null && OTHER_PACKAGE_SCOPE.test(change.scope))) {
    return { cls: 'monorepo: the commits that raise ours belong to another package (create-vite, plugin-*)', detail: reasons.map((c) => c.header).slice(0, 3).join(' | ') };
  }
  if (oursLevel === 'major') {
    if (pair.preMajor) return { cls: '0.x: breaking change released as a 0.x minor/patch (the bump-minor-pre-major convention)', detail: reasons.map((c) => c.header).slice(0, 3).join(' | ') };
    if (reasons.every((change) => change.breakingVia.length > 0 && change.breakingVia.every((via) => via === '!'))) {
      return { cls: 'breaking by `type!:` only, released as non-major', detail: reasons.map((c) => c.header).slice(0, 3).join(' | ') };
    }
    return { cls: 'BREAKING CHANGE footer released as non-major', detail: reasons.map((c) => `${c.header} [${c.breakingVia.join('+')}]`).slice(0, 3).join(' | ') };
  }
  if (oursLevel === 'minor') return { cls: pair.preMajor ? '0.x: feat released as a patch (the bump-patch-for-minor-pre-major convention)' : 'feat released as a patch (a human decided)', detail: reasons.map((c) => c.header).slice(0, 3).join(' | ') };
  return { cls: 'patch-level commits, no release level (fix/perf released with nothing else)', detail: reasons.map((c) => c.header).slice(0, 3).join(' | ') };
}

function typeCounts(plan: ReleasePlan): Map<string, number> {
  const counts = new Map<string, number>();
  for (const change of plan.changes) counts.set(change.type.toLowerCase(), (counts.get(change.type.toLowerCase()) ?? 0) + 1);
  if (plan.unconventional.length > 0) counts.set('(unconventional)', plan.unconventional.length);
  return counts;
}

export interface AgreementOptions {
  /** Keep only the pairs whose next version satisfies this range (subset runs). */
  readonly nextVersions?: string;
  /** Environment for git (tests pass an isolated one). */
  readonly env?: NodeJS.ProcessEnv;
  /** Keep the replayed repository (default: removed). */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

/** Replays one corpus with its tags and compares ours, crb and the real release on every consecutive stable pair. */
export async function corpusAgreement(spec: CorpusSpec, options: AgreementOptions = {}): Promise<CorpusAgreement & { readonly repo: string }> {
  const commits: CorpusCommit[] = loadCorpus(spec.name);
  const tags = loadTags(spec.name);
  const t0 = performance.now();
  const replay = replayRepository(commits, { tags, ...(options.env ? { env: options.env } : {}) });
  const replayMs = performance.now() - t0;
  const repo = replay.dir;
  const all = releasePairs(tags, spec);
  const pairs = options.nextVersions ? all.filter((pair) => semver.satisfies(pair.next.version, options.nextVersions!)) : all;
  const results: PairResult[] = [];
  const notAncestor: string[] = [];
  const preset = createPreset({}) as unknown as { whatBump: (commits: unknown[]) => { level: number } | null };
  const t1 = performance.now();
  try {
    for (const { prev, next } of pairs) {
      try {
        execFileSync('git', ['merge-base', '--is-ancestor', prev.name, next.name], { cwd: repo, env: options.env ?? process.env, stdio: 'ignore' });
      } catch {
        notAncestor.push(`${prev.name}..${next.name}`);
        continue;
      }
      const preMajor = semver.major(prev.version) === 0;
      const loaded = await loadReleasePlan({ cwd: repo, from: prev.name, to: next.name, useRepositoryConfig: false });
      if (!loaded.ok) throw new Error(`${spec.name} ${prev.name}..${next.name}: ${loaded.message}`);
      const plan = loaded.value.plan;
      const range = await listRangeCommits(repo, { from: loaded.value.plan.tagSelection.tag!.commit, to: loaded.value.to });
      if (!range.ok) throw new Error(range.message);
      const input = { selection: plan.tagSelection, commits: range.value, head: loaded.value.to };
      const oursPreMajor = preMajor ? computeReleasePlan({ ...input, options: PRE_MAJOR_OPTIONS }).bump : plan.bump;
      const noSquash = computeReleasePlan({ ...input, options: { squashBodies: false } }).bump;
      const crb = await crbBump(repo, prev.name, next.name, false);
      const crbPreMajor = preMajor ? (await crbBump(repo, prev.name, next.name, true)).level : crb.level;
      const real = realLevel(prev.version, next.version);
      const crbPerCommit = new Map<string, Level>();
      for (const commit of crb.commits) {
        const verdict = preset.whatBump([commit]);
        const level = verdict === null ? 'none' : (['major', 'minor', 'patch'] as const)[verdict.level]!;
        if (commit.hash) crbPerCommit.set(commit.hash.trim(), level);
      }
      const merges = range.value.filter((commit) => commit.parents.length > 1).map((commit) => commit.message.split('\n')[0] ?? '');
      const crbVsOurs = plan.bump === crb.level ? { agree: true, cls: null, detail: null } : { agree: false, ...classifyCrb(plan, plan.bump, noSquash, crb.level, crbPerCommit, merges) };
      const realVsOurs = plan.bump === real ? { agree: true, cls: null, detail: null } : { agree: false, ...classifyReal({ preMajor, real }, plan, plan.bump, noSquash, typeCounts(plan)) };
      results.push({
        prev: prev.name,
        next: next.name,
        prevVersion: prev.version,
        nextVersion: next.version,
        preMajor,
        commits: plan.commitCount,
        real,
        ours: plan.bump,
        oursNext: plan.next,
        oursPreMajor,
        crb: crb.level,
        crbPreMajor,
        oursNoSquash: noSquash,
        forced: plan.forced?.version ?? null,
        oursReasons: plan.reasons.map((reason) => reason.subject).slice(0, 5),
        crbVsOurs,
        realVsOurs,
      });
      options.log?.(`${spec.name} ${prev.name}..${next.name}: real ${real}, ours ${plan.bump}, crb ${crb.level}`);
    }
  } finally {
    if (!options.keep) rmSync(repo, { recursive: true, force: true });
  }
  return { corpus: spec.name, spec, commits: commits.length, releaseTags: all.length + 1, notAncestor, pairs: results, replayMs, compareMs: performance.now() - t1, repo };
}

export interface AgreementSummary {
  readonly pairs: number;
  readonly preMajorPairs: number;
  readonly oursVsCrb: number;
  readonly oursVsReal: number;
  readonly crbVsReal: number;
  /** 0.x pairs with the pre-major settings on both sides: ours = crb, ours = real. */
  readonly preMajorOursVsCrb: number;
  readonly preMajorOursVsReal: number;
  readonly crbClasses: Readonly<Record<string, number>>;
  readonly realClasses: Readonly<Record<string, number>>;
}

export function summarise(pairs: readonly PairResult[]): AgreementSummary {
  const count = (predicate: (pair: PairResult) => boolean): number => pairs.filter(predicate).length;
  const classes = (pick: (pair: PairResult) => string | null): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const pair of pairs) {
      const cls = pick(pair);
      if (cls !== null) out[cls] = (out[cls] ?? 0) + 1;
    }
    return out;
  };
  return {
    pairs: pairs.length,
    preMajorPairs: count((pair) => pair.preMajor),
    oursVsCrb: count((pair) => pair.crbVsOurs.agree),
    oursVsReal: count((pair) => pair.realVsOurs.agree),
    crbVsReal: count((pair) => pair.crb === pair.real),
    preMajorOursVsCrb: count((pair) => pair.preMajor && pair.oursPreMajor === pair.crbPreMajor),
    preMajorOursVsReal: count((pair) => pair.preMajor && pair.oursPreMajor === pair.real),
    crbClasses: classes((pair) => pair.crbVsOurs.cls),
    realClasses: classes((pair) => pair.realVsOurs.cls),
  };
}
