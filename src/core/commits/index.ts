// The commit-message engine's public surface: the editor and the CLI import from here only.
export type * from './types';
export { lintCommitMessage, lintCommitVerdict } from './lintCommitMessage';
export { resolveCommitLintConfig, DEFAULT_COMMITLINT_CONFIG } from './resolveConfig';
export { COMMIT_TYPES, releaseEffectOfType } from './commitTypes';
export { rankScopes } from './scopes';
// Additions: layer type, rule names (for settings validation and completions), documentation URLs.
export type { CommitLintConfigLayer, SharedConfig, SharedConfigs } from './resolveConfig';
export type { CommitTypeInfo } from './commitTypes';
export { COMMITLINT_RULE_IDS, RELEASE_HYGIENE_RULE_IDS } from './rules';
export { COMMITLINT_RULES_URL, RELEASE_HYGIENE_RULES_URL, helpUrlFor } from './helpUrls';
export { DEFAULT_TRAILER_SETTINGS, parseTrailers, trailerSettingsFromGitConfig, usesTrailerSettings } from './trailers';
export type { ConfiguredTrailer, TrailerSettings } from './trailers';
