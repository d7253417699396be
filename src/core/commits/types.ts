import type { Finding } from '../findings';
import type { TrailerSettings } from './trailers';

/** commitlint levels: 0 off, 1 warning, 2 error. */
export type RuleLevel = 0 | 1 | 2;
export type RuleCondition = 'always' | 'never';
/** A rule's setting as commitlint writes it: `[level, condition?, value?]`. */
export type RuleSetting = readonly [RuleLevel, RuleCondition?, unknown?];
export type RulesConfig = Readonly<Record<string, RuleSetting>>;

/**
 * A commitlint configuration as users write it (JSON/YAML/JS object), before resolution.
 * Unknown keys are kept and ignored; `ignores` only exists when a JS config supplied functions.
 */
export interface RawCommitLintConfig {
  readonly extends?: string | readonly string[];
  readonly rules?: Readonly<Record<string, unknown>>;
  readonly defaultIgnores?: boolean;
  readonly ignores?: readonly ((message: string) => boolean)[];
  readonly helpUrl?: string;
  readonly parserPreset?: unknown;
  readonly [key: string]: unknown;
}

/** A problem with the configuration itself (unknown rule, unknown extends, bad value). */
export interface ConfigProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Where it came from, e.g. the config file path or `settings`. */
  readonly source?: string;
}

/** Configuration after `extends` and overrides are applied: what the linter runs. */
export interface ResolvedCommitLintConfig {
  readonly rules: RulesConfig;
  readonly defaultIgnores: boolean;
  readonly ignores: readonly ((message: string) => boolean)[];
  readonly helpUrl?: string;
  /** Where each layer came from, newest last, for messages such as "config from .commitlintrc.json". */
  readonly sources: readonly string[];
}

/** What a commit does to the next version. */
export type Bump = 'none' | 'patch' | 'minor' | 'major';

export interface ReleaseEffect {
  readonly bump: Bump;
  /** Human sentence, e.g. "feat adds a feature: minor" or "BREAKING CHANGE footer: major". */
  readonly reason: string;
}

/** Offsets of the parts of a message, into the linted text; absent parts are undefined. */
export interface MessageLayout {
  readonly header: Span;
  readonly type?: Span;
  readonly scope?: Span;
  /** The `!` before the colon, when present. */
  readonly bang?: Span;
  readonly subject?: Span;
  readonly body?: Span;
  readonly footer?: Span;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ParsedCommitMessage {
  /** The message as git would store it: comments and the scissors section removed, CRLF normalised. */
  readonly cleaned: string;
  readonly header: string;
  readonly type: string | null;
  readonly scope: string | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly footer: string | null;
  readonly breaking: boolean;
  readonly notes: readonly { readonly title: string; readonly text: string }[];
  readonly references: readonly { readonly raw: string; readonly prefix: string; readonly issue: string; readonly action: string | null }[];
  readonly revert: Readonly<Record<string, string | null>> | null;
  readonly merge: string | null;
  readonly layout: MessageLayout;
}

export interface LintCommitOptions {
  readonly config: ResolvedCommitLintConfig;
  /**
   * Comment character of COMMIT_EDITMSG (`core.commentChar`, default `#`): lines starting with it are
   * not part of the message, and everything from the scissors line down is dropped. `null` for the
   * Source Control input box and for stored commits, where nothing is a comment.
   */
  readonly commentChar?: string | null;
  /**
   * The repository's `trailer.*` settings and git comment character, for `trailer-exists` (read once by
   * `readTrailerSettings` in src/node). Omitted: git's defaults, comments from `commentChar` or `#`.
   */
  readonly trailers?: TrailerSettings;
}

export interface CommitLintResult {
  /** No error-level finding (an ignored message is valid, as in commitlint). */
  readonly valid: boolean;
  /** Matched a default or configured ignore (merge, revert, fixup!, bare semver, …): not linted. */
  readonly ignored: boolean;
  readonly findings: readonly Finding[];
  readonly parsed: ParsedCommitMessage;
  readonly releaseEffect: ReleaseEffect;
}

/** What `lintCommitVerdict` answers: `CommitLintResult` without the parse and the release effect. */
export type CommitLintVerdict = Pick<CommitLintResult, 'valid' | 'ignored' | 'findings'>;
