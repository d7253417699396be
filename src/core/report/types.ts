// One finding shape for every capability, so the output formats (JSON, GitHub, SARIF, GitLab) are written
// once and the extension can reuse them. Everything here is JSON-safe and pure.
import type { Severity } from '../findings';

/** The capabilities `release-hygiene check` runs, in the order it runs them. */
export const CAPABILITIES = ['commits', 'release', 'flags', 'migrations', 'pipelines'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** 1-based lines and UTF-16 columns; the end is exclusive (the column after the last character), as in SARIF. */
export interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReportFinding {
  readonly capability: Capability;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /**
   * Repository-relative '/'-separated path of the file the region points into. Absent for a commit message
   * finding: the region is then a position in the message of `commit`.
   */
  readonly file?: string;
  readonly region: Region;
  /** The commit whose message the finding is about (commits only). */
  readonly commit?: string;
  readonly helpUri?: string;
  /** One line describing the rule, for SARIF `rules[].shortDescription`. */
  readonly ruleTitle?: string;
  /**
   * What the finding is about, without positions: a job name, a flag key, `table.column`, a commit hash. With
   * capability, rule and file it makes the fingerprint, so moving code up or down keeps a finding's identity.
   */
  readonly subject: string;
  /** A `release-hygiene-ignore` comment silences it: listed in JSON and SARIF, never counted or annotated. */
  readonly suppressed?: { readonly reason: string };
}

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

export const PRODUCT_URI = 'https://example.invalid/release-hygiene';
