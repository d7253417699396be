import type { ConfigProblem, RawCommitLintConfig, ResolvedCommitLintConfig } from './types';

/** `@commitlint/config-conventional`, built in: no install needed. */
export const DEFAULT_COMMITLINT_CONFIG: ResolvedCommitLintConfig = {
  rules: {},
  defaultIgnores: true,
  ignores: [],
  sources: ['@commitlint/config-conventional (built in)'],
};

/**
 * Applies config layers in order (e.g. the repository's commitlint file, then `releaseHygiene.commits.*`
 * settings); `extends` entries are resolved natively. No layers means config-conventional.
 */
export function resolveCommitLintConfig(
  _layers: readonly { readonly config: RawCommitLintConfig; readonly source: string }[],
): { readonly config: ResolvedCommitLintConfig; readonly problems: readonly ConfigProblem[] } {
  throw new Error('not implemented yet');
}
