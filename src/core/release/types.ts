// The release engine's public result types: what the CLI prints and the editor (webview, status bar) renders.
// Pure data, JSON-serialisable (no functions, no Dates, no Maps), so they cross postMessage unchanged.
import type { Bump } from '../commits/types';

export type { Bump };

/** A commit as git stores it: what src/node hands to the engine. Same shape as src/node's CommitMessage. */
export interface RawCommit {
  /** Full object name. */
  readonly hash: string;
  /** Raw message (`%B`). */
  readonly message: string;
  /** Parent hashes; more than one for a merge commit. */
  readonly parents: readonly string[];
}

/** A tag reachable from HEAD and the commit it points at (annotated tags peeled). Names are untrusted strings. */
export interface TagRef {
  /** Short name, without `refs/tags/`. */
  readonly name: string;
  /** The commit the tag points at. */
  readonly commit: string;
}

/** Where the version is in a tag name: a template containing `${version}`, e.g. `v${version}`, `pkg@${version}`. */
export type TagFormat = string;

/** How much each commit type moves the version. Types absent from the table release nothing. */
export type TypeBumps = Readonly<Record<string, Bump>>;

/** Options of the engine. Every field has a default (see DEFAULT_RELEASE_OPTIONS); readers of config files fill some. */
export interface ReleaseOptions {
  /** Default `v${version}`. Bare versions: `${version}`. Monorepo: `name@${version}` or `name-v${version}`. */
  readonly tagFormat: TagFormat;
  /** Version of the first release when no tag matches: default `0.1.0` (`1.0.0` is the usual alternative). */
  readonly initialVersion: string;
  /** Per-type bumps; default feat → minor, fix/perf/revert → patch. Breaking changes are always major (see pre-major). */
  readonly types: TypeBumps;
  /** release-please `bump-minor-pre-major`: a breaking change bumps minor while the major version is 0. */
  readonly bumpMinorPreMajor: boolean;
  /** release-please `bump-patch-for-minor-pre-major`: a feature bumps patch while the major version is 0. */
  readonly bumpPatchForMinorPreMajor: boolean;
  /** Prerelease channel (`rc`, `beta`, …): the next version is `X-<channel>.N`. `null`: a stable release. */
  readonly prerelease: string | null;
  /** Forces the next version (release-please `release-as`); a `Release-As:` footer in the range wins over it. */
  readonly releaseAs: string | null;
  /** Only the first-parent chain of the range counts (commits merged in from side branches are skipped). */
  readonly firstParent: boolean;
  /** Count `* type: subject` lines of a commit body as commits of their own (squash merges). Default true. */
  readonly squashBodies: boolean;
  /**
   * semantic-release commit-analyzer `releaseRules`: the first decision for a commit that matches any of them (the
   * highest bump among the matching rules; `false` means no release), the default table otherwise. null: none.
   */
  readonly releaseRules: readonly ReleaseRule[] | null;
  /** git-cliff `tag_pattern` as a regular expression (see selectTag); null: `tagFormat` alone chooses the tag. */
  readonly tagPattern: string | null;
}

/**
 * One commit-analyzer release rule. `type`, `scope` and `subject` are micromatch globs (`*`, `{a,b}`, `!(x)`),
 * matched case-sensitively against the parsed commit; `breaking` needs a BREAKING CHANGE note, `revert` a revert.
 */
export interface ReleaseRule {
  readonly type?: string;
  readonly scope?: string;
  readonly subject?: string;
  readonly breaking?: boolean;
  readonly revert?: boolean;
  readonly release: Exclude<Bump, 'none'> | false;
}

/** A tag that was looked at and not chosen, and why (for the explanation). */
export interface SkippedTag {
  readonly name: string;
  readonly reason: string;
}

/** The last release: which tag was chosen from the tags reachable from HEAD, and why. */
export interface TagSelection {
  /** The chosen tag, or null when no tag matches the format (first release). */
  readonly tag: TagRef | null;
  /** Its version (without prefix), or null. */
  readonly version: string | null;
  readonly tagFormat: TagFormat;
  /** How many reachable tags matched the format. */
  readonly matched: number;
  /** Tags not chosen (non-matching, invalid semver, other channel); at most 50 are kept, `skippedCount` has all. */
  readonly skipped: readonly SkippedTag[];
  readonly skippedCount: number;
  /** One sentence: "v1.4.1 is the highest version among 3 tags matching v${version} reachable from HEAD". */
  readonly explanation: string;
}

/** One conventional change in the range: a commit, or one `* type: subject` line of a squash commit's body. */
export interface ReleaseChange {
  /** The commit that carries it (for a nested squash line, the squash commit). */
  readonly hash: string;
  readonly header: string;
  readonly type: string;
  readonly scope: string | null;
  readonly subject: string;
  readonly breaking: boolean;
  /** How it was marked breaking: `!` in the header and/or the footer token(s) used. Empty when not breaking. */
  readonly breakingVia: readonly ('!' | 'BREAKING CHANGE' | 'BREAKING-CHANGE')[];
  /** Texts of `BREAKING CHANGE:` notes (for `type!:` without a note, the subject, as the conventionalcommits preset). */
  readonly breakingNotes: readonly string[];
  /** Issues the change closes (`closes #12`, `fixes #3`), numbers without `#`; other `#123` mentions are linked in place. */
  readonly references: readonly string[];
  /** What this change does to the version, after the pre-major options. */
  readonly bump: Bump;
  /** From a squash commit's body rather than its header. */
  readonly nested: boolean;
  /** Reverts a commit outside the range (git's `This reverts commit <sha>.` or a `revert:` type). */
  readonly revert: boolean;
  /** The semantic-release `releaseRules` entry that decided `bump`, when one did. */
  readonly releaseRule?: string;
}

/** A commit that made the bump what it is (`bump` equals the release bump), or a `Release-As` footer. */
export interface BumpReason {
  readonly hash: string;
  /** The change's header (a nested squash line's own header). */
  readonly subject: string;
  readonly bump: Bump;
  /** "breaking change (feat!)", "feat → minor", "Release-As: 2.0.0 footer", … */
  readonly why: string;
}

/** A commit that does not follow the convention: listed as "not in the changelog". */
export interface UnconventionalCommit {
  readonly hash: string;
  readonly header: string;
}

/** A commit and the revert that cancels it, both inside the range: neither counts. */
export interface CancelledPair {
  readonly reverted: { readonly hash: string; readonly header: string };
  readonly revertedBy: { readonly hash: string; readonly header: string };
}

export type ReleaseWarningCode =
  | 'shallow-clone'
  | 'invalid-release-as'
  | 'release-as-not-higher'
  | 'tool-disagrees'
  | 'config'
  | 'detached-head'
  | 'prerelease-tag-ignored';

export interface ReleaseWarning {
  readonly code: ReleaseWarningCode;
  readonly message: string;
}

/** What the engine needs: the last release (chosen by selectTag, or from --from) and the commits since it. */
export interface ReleaseInput {
  readonly selection: TagSelection;
  /** The commits of `tag..HEAD` (everything reachable when there is no tag), newest first, merges included. */
  readonly commits: readonly RawCommit[];
  /** The commit the range ends at (for the first-parent chain); default the first of `commits`. */
  readonly head?: string | null;
  readonly options?: Partial<ReleaseOptions>;
  /** Warnings gathered before (shallow clone, configuration): passed through into the plan. */
  readonly warnings?: readonly ReleaseWarning[];
}

/** The whole answer to "what will the next release be, and why". */
export interface ReleasePlan {
  /** The chosen tag's name, or null (first release). */
  readonly currentTag: string | null;
  /** The chosen tag's version, or null. */
  readonly current: string | null;
  /** The next version, or null when nothing in the range releases. */
  readonly next: string | null;
  /** The tag the next version gets with the tag format, or null. */
  readonly nextTag: string | null;
  /** The level of the change: the highest bump of the changes (or of a forced version relative to the current one). */
  readonly bump: Bump;
  /** No tag matched: `next` is the configured initial version. */
  readonly firstRelease: boolean;
  /** A `Release-As:` footer (newest wins) or the `releaseAs` option forced `next`. */
  readonly forced: { readonly version: string; readonly hash: string | null } | null;
  readonly prerelease: string | null;
  readonly tagSelection: TagSelection;
  /** The commits that caused the bump (every change at the release level). Empty when bump is none. */
  readonly reasons: readonly BumpReason[];
  /** Every conventional change that counts, newest first (the changelog's input). */
  readonly changes: readonly ReleaseChange[];
  readonly unconventional: readonly UnconventionalCommit[];
  readonly cancelled: readonly CancelledPair[];
  /** Merge commits skipped. */
  readonly mergeCommits: number;
  /** Commits in the range (merges included). */
  readonly commitCount: number;
  /** Human explanation, one sentence per line, in order: tag chosen, range, bump, version. */
  readonly explanation: readonly string[];
  readonly warnings: readonly ReleaseWarning[];
}

/** A hosted remote the changelog can link to. */
export interface RepositoryHost {
  readonly kind: 'github' | 'gitlab' | 'bitbucket';
  /** `https://github.com/owner/repo` (no `.git`, no trailing slash). */
  readonly url: string;
}

/** A changelog section, in order, and whether it shows by default. */
export interface ChangelogSectionConfig {
  readonly type: string;
  readonly section: string;
  readonly hidden: boolean;
}

export interface ChangelogOptions {
  /** Heading version; default the plan's `next`. */
  readonly version?: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly host: RepositoryHost | null;
  /** Sections by type; default Features, Bug Fixes, Performance Improvements, Reverts shown, the rest hidden. */
  readonly sections?: readonly ChangelogSectionConfig[];
}

export interface ChangelogEntry {
  readonly hash: string;
  readonly scope: string | null;
  /** Subject as committed (not escaped); `markdown` has the escaped, linked line. */
  readonly subject: string;
  readonly references: readonly string[];
  readonly markdown: string;
}

export interface ChangelogSection {
  readonly title: string;
  readonly entries: readonly ChangelogEntry[];
}

export interface Changelog {
  readonly version: string;
  readonly previousTag: string | null;
  readonly nextTag: string;
  readonly date: string;
  readonly compareUrl: string | null;
  /** Breaking Changes first (when any), then the configured visible sections that have entries. */
  readonly sections: readonly ChangelogSection[];
  /** The rendered section: `## [1.5.0](compare) (2024-05-01)` then `### …` blocks. */
  readonly markdown: string;
}

/** Settings read from a repository's release tool configuration (pure: text in, settings + warnings out). */
export interface ReleaseConfigReading {
  readonly tool: 'semantic-release' | 'release-please' | 'git-cliff';
  /** The file (or `package.json#release`). */
  readonly source: string;
  readonly settings: Partial<ReleaseOptions> & { readonly sections?: readonly ChangelogSectionConfig[] };
  /** semantic-release: its branches, as written. */
  readonly branches?: readonly string[];
  /** semantic-release: the commit-analyzer preset (`angular` when unset). */
  readonly preset?: string;
  readonly warnings: readonly ReleaseWarning[];
}
