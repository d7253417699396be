// The release engine's public surface (pure): the CLI, src/node and the editor import from here only.
export type * from './types';
export { DEFAULT_RELEASE_OPTIONS, DEFAULT_TYPE_BUMPS, DEFAULT_CHANGELOG_SECTIONS, resolveReleaseOptions } from './options';
export { selectTag, selectionFromRef, versionFromTag, formatTag, checkTagFormat, monorepoTagFormat, type SelectTagOptions } from './tags';
export { computeReleasePlan, prepareReleaseCommit, nextVersion, higherBump, changeBump, type PreparedCommit } from './plan';
export { nextVersionWith, type PendingCommit, type ReleaseWithCommit } from './withCommit';
export { renderChangelog, renderChangelogPieces, insertChangelogSection, hasChangelogSection, escapeMarkdownText, BREAKING_CHANGES_TITLE, type ChangelogPieces } from './changelog';
export { parseRemoteUrl, commitUrl, issueUrl, compareUrl } from './remote';
export { readSemanticReleaseConfig } from './config';
export { readSemanticReleaseConfigWith, needsYamlReader, readReleasePleaseConfig, readCliffConfig, readTomlSubset, toolDisagreements, type YamlReader } from './toolConfig';
