// The commit-message engine's public surface: the editor and the CLI import from here only.
export type * from './types';
export { lintCommitMessage } from './lintCommitMessage';
export { resolveCommitLintConfig, DEFAULT_COMMITLINT_CONFIG } from './resolveConfig';
export { COMMIT_TYPES, releaseEffectOfType } from './commitTypes';
export { rankScopes } from './scopes';
