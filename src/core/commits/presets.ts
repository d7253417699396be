/** Shareable configurations resolved natively (no install): `extends` names map to these rules. */
import type { RulesConfig } from './types';

const SUBJECT_CASE = ['sentence-case', 'start-case', 'pascal-case', 'upper-case'] as const;

/** `@commitlint/config-conventional` v21. */
export const CONFIG_CONVENTIONAL_RULES: RulesConfig = {
  'body-leading-blank': [1, 'always'],
  'body-max-line-length': [2, 'always', 100],
  'footer-leading-blank': [1, 'always'],
  'footer-max-line-length': [2, 'always', 100],
  'header-max-length': [2, 'always', 100],
  'header-trim': [2, 'always'],
  'subject-case': [2, 'never', SUBJECT_CASE],
  'subject-empty': [2, 'never'],
  'subject-full-stop': [2, 'never', '.'],
  'type-case': [2, 'always', 'lower-case'],
  'type-empty': [2, 'never'],
  'type-enum': [2, 'always', ['build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test']],
};

/** `@commitlint/config-angular` (with config-angular-type-enum). */
export const CONFIG_ANGULAR_RULES: RulesConfig = {
  'subject-exclamation-mark': [2, 'never'],
  'body-leading-blank': [1, 'always'],
  'footer-leading-blank': [1, 'always'],
  'header-max-length': [2, 'always', 72],
  'scope-case': [2, 'always', 'lower-case'],
  'subject-case': [2, 'never', SUBJECT_CASE],
  'subject-empty': [2, 'never'],
  'subject-full-stop': [2, 'never', '.'],
  'type-case': [2, 'always', 'lower-case'],
  'type-empty': [2, 'never'],
  'type-enum': [2, 'always', ['build', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor', 'revert', 'style', 'test']],
};

/**
 * Release Hygiene's own checks, on by default whatever the commitlint configuration (they can be
 * turned off or re-levelled like any rule). Errors only where commitlint already rejects the message.
 */
export const RELEASE_HYGIENE_DEFAULT_RULES: RulesConfig = {
  'header-prefix-format': [2, 'always'],
  'header-colon-space': [2, 'always'],
  'footer-token-format': [1, 'always'],
  'breaking-change-token': [1, 'always'],
  'breaking-change-description': [1, 'always'],
};

export interface BuiltInPreset {
  readonly name: string;
  readonly rules: RulesConfig;
}

const PRESETS: Readonly<Record<string, BuiltInPreset>> = {
  '@commitlint/config-conventional': { name: '@commitlint/config-conventional', rules: CONFIG_CONVENTIONAL_RULES },
  '@commitlint/config-angular': { name: '@commitlint/config-angular', rules: CONFIG_ANGULAR_RULES },
};

/**
 * The built-in preset an `extends` entry names, resolving commitlint's shorthands
 * (`config-conventional`, `@commitlint/conventional`, a trailing `/lib/index.js` or version-less path).
 */
export function builtInPreset(name: string): BuiltInPreset | undefined {
  let n = name.trim().replace(/\/(?:lib\/)?index\.(?:js|cjs|mjs)$/, '');
  if (n.startsWith('@commitlint/') && !n.startsWith('@commitlint/config-')) n = `@commitlint/config-${n.slice(12)}`;
  if (n.startsWith('config-')) n = `@commitlint/${n}`;
  if (!n.startsWith('@')) n = `@commitlint/config-${n}`;
  return PRESETS[n];
}

export const BUILT_IN_PRESET_NAMES: readonly string[] = Object.keys(PRESETS);
