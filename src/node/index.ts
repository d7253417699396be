// src/node: file and git access shared by the CLI and the VS Code adapter. Nothing here throws at callers:
// git functions resolve to a GitResult, config loading to layers + problems, file reads to a result.
export {
  findRepositoryRoot,
  findWorkTreeRoot,
  isShallowRepository,
  readCommentChar,
  readTrailerSettings,
  listCommitMessages,
  findMergeBase,
  collectScopes,
  type GitFailureKind,
  type GitFailure,
  type GitResult,
  type RepositoryInfo,
  type CommitMessage,
  type CommitList,
  type ListCommitsOptions,
  type ScopeCount,
} from './git';
export {
  loadCommitLintConfig,
  loadCommitLintConfigFile,
  COMMITLINT_CONFIG_FILES,
  type ConfigLayer,
  type LoadedCommitLintConfig,
  type LoadConfigOptions,
} from './config';
export {
  locateCommitMsgHook,
  installCommitMsgHook,
  uninstallCommitMsgHook,
  commitMsgHookScript,
  HOOK_MARKER,
  type HookLocation,
  type InstallOutcome,
  type UninstallOutcome,
} from './hooks';
export { readTextFile, readTextStream, decodeText, type ReadTextResult } from './textFile';
export * from './release';
export { findConfigRootOnDisk, loadProductConfig, type LoadedProductConfig } from './productConfig';
