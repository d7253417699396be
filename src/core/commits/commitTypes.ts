import type { Bump, ReleaseEffect } from './types';

export interface CommitTypeInfo {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly bump: Bump;
}

/** The Conventional Commits types of config-conventional, with what each does to the version. */
export const COMMIT_TYPES: readonly CommitTypeInfo[] = [
  { type: 'feat', title: 'Features', description: 'A new feature', bump: 'minor' },
  { type: 'fix', title: 'Bug Fixes', description: 'A bug fix', bump: 'patch' },
  { type: 'docs', title: 'Documentation', description: 'Documentation only changes', bump: 'none' },
  {
    type: 'style',
    title: 'Styles',
    description: 'Changes that do not affect the meaning of the code (white-space, formatting, missing semi-colons, etc)',
    bump: 'none',
  },
  {
    type: 'refactor',
    title: 'Code Refactoring',
    description: 'A code change that neither fixes a bug nor adds a feature',
    bump: 'none',
  },
  { type: 'perf', title: 'Performance Improvements', description: 'A code change that improves performance', bump: 'patch' },
  { type: 'test', title: 'Tests', description: 'Adding missing tests or correcting existing tests', bump: 'none' },
  {
    type: 'build',
    title: 'Builds',
    description: 'Changes that affect the build system or external dependencies (example scopes: gulp, broccoli, npm)',
    bump: 'none',
  },
  {
    type: 'ci',
    title: 'Continuous Integrations',
    description:
      'Changes to our CI configuration files and scripts (example scopes: Travis, Circle, BrowserStack, SauceLabs)',
    bump: 'none',
  },
  { type: 'chore', title: 'Chores', description: "Other changes that don't modify src or test files", bump: 'none' },
  { type: 'revert', title: 'Reverts', description: 'Reverts a previous commit', bump: 'patch' },
];

const BY_TYPE: ReadonlyMap<string, CommitTypeInfo> = new Map(COMMIT_TYPES.map((t) => [t.type, t]));

const WHY: Readonly<Record<string, string>> = {
  feat: 'feat adds a feature',
  fix: 'fix fixes a bug',
  perf: 'perf improves performance',
  revert: 'revert undoes a released change',
};

/**
 * What a commit of `type` does to the next version: a breaking change is major, `feat` minor,
 * `fix`/`perf`/`revert` patch (as semantic-release), anything else none. `null` is "not a Conventional Commit".
 */
export function releaseEffectOfType(type: string | null, breaking: boolean): ReleaseEffect {
  if (breaking) return { bump: 'major', reason: type ? `${type}! (breaking change): major` : 'breaking change: major' };
  if (type === null || type === '') return { bump: 'none', reason: 'not a Conventional Commit: no release effect' };
  const info = BY_TYPE.get(type.toLowerCase());
  if (!info) return { bump: 'none', reason: `${type} is not a release type: no release effect` };
  if (info.bump === 'none') return { bump: 'none', reason: `${info.type} (${info.title}): no release effect` };
  return { bump: info.bump, reason: `${WHY[info.type] ?? info.type}: ${info.bump}` };
}
