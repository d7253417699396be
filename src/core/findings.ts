/** Severity of a finding, in the order the editor and the CLI rank them. */
export type Severity = 'error' | 'warning' | 'information';

/** A replacement of the text between two UTF-16 offsets of the linted text. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A mechanical fix: applying every edit (they never overlap) repairs the finding. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one fix to apply on "fix all" when a finding has several. */
  readonly preferred?: boolean;
}

/**
 * One problem in the user's content. Offsets are UTF-16 code-unit offsets into the exact text that
 * was linted (comments and CRLF included), so editors can map them with positionAt.
 */
export interface Finding {
  /** Rule name; commitlint's own names for its rules (e.g. `type-enum`). */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** Documentation of the rule. */
  readonly helpUrl?: string;
  readonly fixes?: readonly Fix[];
}
