// The feature-flag engine's public surface (pure): the CLI, src/node and the editor import from here only.
export type * from './types';
export { FLAG_SOURCE_EXTENSIONS, languageOf, scanSource, buildConstantIndex, resolveCallSites } from './scan';
export { BUILTIN_FLAG_PATTERNS, callNames } from './patterns';
export {
  DEFAULT_FLAG_POLICY,
  UNLEASH_TYPE_LIFETIMES,
  resolvePolicy,
  parseFlagRegistry,
  evaluateFlags,
  flagFindings,
  explainFlag,
  formatAge,
  daysBetween,
  camelCaseKey,
} from './policy';
