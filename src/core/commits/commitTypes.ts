import type { Bump, ReleaseEffect } from './types';

export interface CommitTypeInfo {
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly bump: Bump;
}

/** The Conventional Commits types of config-conventional, with what each does to the version. */
export const COMMIT_TYPES: readonly CommitTypeInfo[] = [];

export function releaseEffectOfType(_type: string | null, _breaking: boolean): ReleaseEffect {
  throw new Error('not implemented yet');
}
