// Defaults of the release engine, and how partial settings combine with them.
import type { ChangelogSectionConfig, ReleaseOptions, TypeBumps } from './types';

/** semantic-release's commit-analyzer defaults for Conventional Commits: feat minor; fix, perf, revert patch. */
export const DEFAULT_TYPE_BUMPS: TypeBumps = Object.freeze({
  feat: 'minor',
  feature: 'minor',
  fix: 'patch',
  perf: 'patch',
  revert: 'patch',
});

export const DEFAULT_RELEASE_OPTIONS: ReleaseOptions = Object.freeze({
  tagFormat: 'v${version}',
  initialVersion: '0.1.0',
  types: DEFAULT_TYPE_BUMPS,
  bumpMinorPreMajor: false,
  bumpPatchForMinorPreMajor: false,
  prerelease: null,
  releaseAs: null,
  firstParent: false,
  squashBodies: true,
  releaseRules: null,
  tagPattern: null,
});

/** The conventionalcommits preset's sections (and release-please's), in its order; hidden ones are not rendered. */
export const DEFAULT_CHANGELOG_SECTIONS: readonly ChangelogSectionConfig[] = Object.freeze([
  { type: 'feat', section: 'Features', hidden: false },
  { type: 'feature', section: 'Features', hidden: false },
  { type: 'fix', section: 'Bug Fixes', hidden: false },
  { type: 'perf', section: 'Performance Improvements', hidden: false },
  { type: 'revert', section: 'Reverts', hidden: false },
  { type: 'docs', section: 'Documentation', hidden: true },
  { type: 'style', section: 'Styles', hidden: true },
  { type: 'chore', section: 'Miscellaneous Chores', hidden: true },
  { type: 'refactor', section: 'Code Refactoring', hidden: true },
  { type: 'test', section: 'Tests', hidden: true },
  { type: 'build', section: 'Build System', hidden: true },
  { type: 'ci', section: 'Continuous Integration', hidden: true },
]);

/** Defaults, overridden by each layer in order (later wins; `undefined` fields are skipped). */
export function resolveReleaseOptions(...layers: readonly (Partial<ReleaseOptions> | undefined)[]): ReleaseOptions {
  const out: Record<string, unknown> = { ...DEFAULT_RELEASE_OPTIONS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined || !(key in DEFAULT_RELEASE_OPTIONS)) continue;
      out[key] = key === 'types' ? { ...(out.types as TypeBumps), ...(value as TypeBumps) } : value;
    }
  }
  return out as unknown as ReleaseOptions;
}
