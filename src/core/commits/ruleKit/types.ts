import type { Fix } from '../../findings';
import type { MessageModel } from '../parse';
import type { TrailerSettings } from '../trailers';
import type { ParsedCommitMessage, ResolvedCommitLintConfig, RuleCondition } from '../types';

/** What a rule sees. Offsets it reports are offsets into the original (linted) text. */
export interface RuleContext {
  readonly model: MessageModel;
  readonly parsed: ParsedCommitMessage;
  /** The original text. */
  readonly text: string;
  /** The configuration being applied (e.g. for `type-enum` values in a typo fix). */
  readonly config: ResolvedCommitLintConfig;
  /** How git parses trailers in this repository (`trailer-exists`); git's defaults when they were not read. */
  readonly trailers: TrailerSettings;
  /**
   * The lint's comment character, else `#`: the one git skips in a trailer block when the trailer settings name
   * none (git does so in stored commits and the Source Control box too).
   */
  readonly commentChar: string;
}

/** One problem found by a rule; the linter adds rule id, severity and help URL. */
export interface Violation {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fixes?: readonly Fix[];
}

export type RuleResult = readonly Violation[];

export interface RuleDefinition {
  readonly id: string;
  /** commitlint's rule, or one of ours (a Conventional Commits check commitlint does not make). */
  readonly origin: 'commitlint' | 'release-hygiene';
  /** Why a value is unusable (e.g. "must be a number"), or undefined when it is fine. */
  validate?(value: unknown, when: RuleCondition): string | undefined;
  /**
   * The value read once per configuration (e.g. a case rule's list of checks), handed to `check` as `compiled` on
   * every message. `check` must answer the same with or without it (rulesCompiled.test.ts checks it).
   */
  compile?(value: unknown, when: RuleCondition): unknown;
  check(ctx: RuleContext, when: RuleCondition, value: unknown, compiled?: unknown): RuleResult;
}

export const PASS: RuleResult = [];
