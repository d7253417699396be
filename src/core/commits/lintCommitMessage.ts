import type { CommitLintResult, LintCommitOptions } from './types';

/** Lints one commit message. Never throws on any input: problems are findings. */
export function lintCommitMessage(_text: string, _options: LintCommitOptions): CommitLintResult {
  throw new Error('not implemented yet');
}
