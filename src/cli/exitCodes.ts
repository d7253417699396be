/**
 * Exit codes of `release-hygiene`. Distinct so a CI step or a git hook can tell "the content is wrong" from
 * "the command was wrong" from "the tool could not run".
 */
export const ExitCode = {
  /** Everything linted is valid (warnings allowed), or there was nothing to lint. */
  Ok: 0,
  /** At least one error-level finding in the linted content (message or commit range). */
  Findings: 1,
  /** Bad command line: unknown command or option, bad option value, missing input, unknown revision, unreadable --config/FILE. */
  InvalidUsage: 2,
  /** The tool could not do its job: not a git repository, git not installed, git failed, I/O error, internal error. */
  RuntimeFailure: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
