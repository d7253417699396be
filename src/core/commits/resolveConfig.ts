import { builtInPreset, BUILT_IN_PRESET_NAMES, CONFIG_CONVENTIONAL_RULES, RELEASE_HYGIENE_DEFAULT_RULES } from './presets';
import { RULES_BY_ID } from './rules';
import { describe } from './ruleKit/shared';
import type {
  ConfigProblem,
  RawCommitLintConfig,
  ResolvedCommitLintConfig,
  RuleCondition,
  RuleLevel,
  RuleSetting,
} from './types';

/**
 * What src/node found for one `extends` entry that is not built in: the shareable config read as data
 * (with what its own `extends` entries resolved to), or why it could not be read without running it.
 */
export type SharedConfig =
  | {
      readonly kind: 'read';
      /** The file it was read from. */
      readonly source: string;
      readonly config: RawCommitLintConfig;
      readonly sharedConfigs?: SharedConfigs;
    }
  | { readonly kind: 'unreadable'; readonly source?: string; readonly reason: string };

/** Keyed by the `extends` entry exactly as written. */
export type SharedConfigs = Readonly<Record<string, SharedConfig>>;

/** One configuration layer: a commitlint config file, the built-in base, or editor settings. */
export interface CommitLintConfigLayer {
  readonly config: RawCommitLintConfig;
  readonly source: string;
  /** The shareable configs its `extends` names, as read from the workspace (absent: only built-in ones). */
  readonly sharedConfigs?: SharedConfigs;
}

/** Deeper `extends` chains than this are reported, not followed (src/node also stops cycles). */
const MAX_EXTENDS_DEPTH = 32;

/** `@commitlint/config-conventional`, built in: no install needed. Release Hygiene's own rules on too. */
export const DEFAULT_COMMITLINT_CONFIG: ResolvedCommitLintConfig = {
  rules: { ...CONFIG_CONVENTIONAL_RULES, ...RELEASE_HYGIENE_DEFAULT_RULES },
  defaultIgnores: true,
  ignores: [],
  sources: ['@commitlint/config-conventional (built in)'],
};

const KNOWN_PARSER_PRESETS = /^(?:conventional-changelog-)?conventionalcommits$/;

/**
 * Checks one rule setting as commitlint's lint() does (array; level 0-2; 2 or 3 items; condition
 * `always`/`never`) plus the rule's own value check. Returns the setting or the problem.
 */
export function checkRuleSetting(name: string, raw: unknown): { setting: RuleSetting } | { problem: string } {
  if (!Array.isArray(raw)) return { problem: `config for rule ${name} must be an array, received ${describe(raw)}` };
  const [level, when, value] = raw as unknown[];
  if (typeof level !== 'number' || Number.isNaN(level)) {
    return { problem: `level for rule ${name} must be a number, received ${describe(level)}` };
  }
  if (level === 0 && raw.length === 1) return { setting: [0] };
  if (raw.length < 2 || raw.length > 3) {
    return { problem: `config for rule ${name} must be 2 or 3 items long, received ${describe(raw)}` };
  }
  if (level !== 0 && level !== 1 && level !== 2) {
    return { problem: `level for rule ${name} must be 0, 1 or 2, received ${describe(level)}` };
  }
  if (when !== 'always' && when !== 'never') {
    return { problem: `condition for rule ${name} must be "always" or "never", received ${describe(when)}` };
  }
  const rule = RULES_BY_ID.get(name);
  if (level > 0 && rule?.validate) {
    const problem = rule.validate(value, when);
    if (problem) return { problem: `rule ${name}: ${problem}` };
  }
  return { setting: raw.length === 3 ? [level as RuleLevel, when as RuleCondition, value] : [level as RuleLevel, when as RuleCondition] };
}

/**
 * Applies config layers in order (e.g. the repository's commitlint file or the built-in base, then
 * `releaseHygiene.commits.*` settings); `extends` entries are resolved natively. No layers means
 * config-conventional. As in commitlint, a configuration has only the rules it (or what it extends)
 * names; Release Hygiene's own rules start at their defaults in every case. Never throws.
 */
export function resolveCommitLintConfig(layers: readonly CommitLintConfigLayer[]): {
  readonly config: ResolvedCommitLintConfig;
  readonly problems: readonly ConfigProblem[];
} {
  if (layers.length === 0) return { config: DEFAULT_COMMITLINT_CONFIG, problems: [] };
  const problems: ConfigProblem[] = [];
  const rules: Record<string, RuleSetting> = { ...RELEASE_HYGIENE_DEFAULT_RULES };
  const ignores: ((message: string) => boolean)[] = [];
  const sources: string[] = [];
  const knownRules = [...RULES_BY_ID.keys()].join(', ');

  const state: ResolutionState = { problems, rules, defaultIgnores: true, ignores, helpUrl: undefined, sources, knownRules };
  for (const layer of layers) applyLayer(state, layer.config, layer.source, layer.sharedConfigs, 0);
  const { defaultIgnores, helpUrl } = state;

  const resolved: ResolvedCommitLintConfig = helpUrl
    ? { rules, defaultIgnores, ignores, helpUrl, sources }
    : { rules, defaultIgnores, ignores, sources };
  return { config: resolved, problems };
}

interface ResolutionState {
  readonly problems: ConfigProblem[];
  readonly rules: Record<string, RuleSetting>;
  defaultIgnores: boolean;
  readonly ignores: ((message: string) => boolean)[];
  helpUrl: string | undefined;
  readonly sources: string[];
  readonly knownRules: string;
}

/** One layer, or one shareable config it extends: its `extends` first (in order), then its own keys. */
function applyLayer(state: ResolutionState, rawConfig: unknown, source: string, sharedConfigs: SharedConfigs | undefined, depth: number): void {
  const { problems, rules } = state;
  const config: RawCommitLintConfig =
    typeof rawConfig === 'object' && rawConfig !== null ? (rawConfig as RawCommitLintConfig) : ({} as RawCommitLintConfig);
  try {
    const extendsValue: unknown = config.extends;
    const extendsList =
      extendsValue === undefined ? [] : typeof extendsValue === 'string' ? [extendsValue] : Array.isArray(extendsValue) ? extendsValue : null;
    if (extendsList === null) {
      problems.push({ severity: 'warning', source, message: `"extends" must be a string or a list of strings, received ${describe(extendsValue)}` });
    }
    for (const name of extendsList ?? []) {
      if (typeof name !== 'string') {
        problems.push({ severity: 'warning', source, message: `"extends" entries must be strings, received ${describe(name)}` });
        continue;
      }
      const preset = builtInPreset(name);
      if (preset) {
        Object.assign(rules, preset.rules);
        continue;
      }
      const shared = sharedConfigs && Object.prototype.hasOwnProperty.call(sharedConfigs, name) ? sharedConfigs[name] : undefined;
      if (shared === undefined) {
        problems.push({
          severity: 'warning',
          source,
          message: `extends '${name}' is not built in, so its rules are skipped (built in: ${BUILT_IN_PRESET_NAMES.join(', ')})`,
        });
      } else if (shared.kind === 'unreadable') {
        problems.push({ severity: 'warning', source, message: `extends '${name}': ${shared.reason}; its rules are skipped` });
      } else if (depth >= MAX_EXTENDS_DEPTH) {
        problems.push({ severity: 'warning', source, message: `extends '${name}' is more than ${MAX_EXTENDS_DEPTH} configs deep; its rules are skipped` });
      } else {
        applyLayer(state, shared.config, shared.source, shared.sharedConfigs, depth + 1);
      }
    }
    state.sources.push(source);

    const parserPreset: unknown = config.parserPreset;
    const presetName =
      typeof parserPreset === 'string'
        ? parserPreset
        : typeof parserPreset === 'object' && parserPreset !== null && typeof (parserPreset as { name?: unknown }).name === 'string'
          ? (parserPreset as { name: string }).name
          : undefined;
    if (presetName !== undefined && !KNOWN_PARSER_PRESETS.test(presetName)) {
      problems.push({
        severity: 'warning',
        source,
        message: `parserPreset '${presetName}' is not supported; messages are parsed with conventional-changelog-conventionalcommits`,
      });
    }

    const rawRules: unknown = config.rules;
    if (rawRules !== undefined && (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules))) {
      problems.push({ severity: 'warning', source, message: `"rules" must be an object, received ${describe(rawRules)}` });
    } else if (rawRules) {
      for (const [name, raw] of Object.entries(rawRules as Record<string, unknown>)) {
        if (!RULES_BY_ID.has(name)) {
          problems.push({ severity: 'warning', source, message: `unknown rule '${name}' in ${source}; known rules: ${state.knownRules}` });
          continue;
        }
        const checked = checkRuleSetting(name, raw);
        if ('problem' in checked) {
          problems.push({ severity: 'warning', source, message: `${checked.problem}; the rule is skipped` });
          delete rules[name];
          continue;
        }
        rules[name] = checked.setting;
      }
    }

    if (config.defaultIgnores !== undefined) {
      if (typeof config.defaultIgnores === 'boolean') state.defaultIgnores = config.defaultIgnores;
      else problems.push({ severity: 'warning', source, message: `"defaultIgnores" must be true or false, received ${describe(config.defaultIgnores)}` });
    }
    if (config.ignores !== undefined) {
      if (Array.isArray(config.ignores) && config.ignores.every((f) => typeof f === 'function')) state.ignores.push(...config.ignores);
      else problems.push({ severity: 'warning', source, message: '"ignores" must be a list of functions; it is skipped' });
    }
    if (typeof config.helpUrl === 'string') state.helpUrl = config.helpUrl;
  } catch (error) {
    problems.push({ severity: 'error', source, message: `could not read this configuration: ${String(error)}` });
  }
}
