// `.release-hygiene.yaml` (`.yml`, `.json`): one configuration for the whole product. Parsed and checked here
// (pure), read by src/node/productConfig.ts for the CLI and the extension. Unknown keys and wrong values are
// warnings naming the key, and the value is ignored: a typo must never switch a gate off silently.
import { parse as parseYaml } from 'yaml';
import type { Finding, Severity } from '../findings';
import type { MigrationRuleId, SqlDialect } from '../migrations';
import { MIGRATION_RULES } from '../migrations';
import type { PipelineOptions, PipelineRuleId } from '../pipelines';
import { PIPELINE_RULES } from '../pipelines/rules';
import { CAPABILITIES, type Capability } from '../report';

export const PRODUCT_CONFIG_FILES = ['.release-hygiene.yaml', '.release-hygiene.yml', '.release-hygiene.json'] as const;

export type RuleLevel = Severity | 'off';

/** commitlint's rule setting: `[level, "always" | "never", value?]`, checked by resolveCommitLintConfig. */
export type CommitRuleSetting = readonly unknown[];

export interface ProductConfig {
  readonly commits?: { readonly enabled?: boolean; readonly rules?: Readonly<Record<string, CommitRuleSetting>> };
  readonly release?: { readonly enabled?: boolean };
  readonly flags?: { readonly enabled?: boolean; readonly expireDays?: number; readonly staleDays?: number };
  readonly migrations?: {
    readonly enabled?: boolean;
    readonly globs?: readonly string[];
    readonly dialect?: SqlDialect;
    readonly rules?: Readonly<Partial<Record<MigrationRuleId, RuleLevel>>>;
  };
  readonly pipelines?: {
    readonly enabled?: boolean;
    readonly productionEnvironments?: readonly string[];
    readonly stagingEnvironments?: readonly string[];
    readonly gateJobPatterns?: readonly string[];
    readonly rules?: Readonly<Partial<Record<PipelineRuleId, RuleLevel>>>;
  };
}

export interface ProductConfigParse {
  readonly config: ProductConfig;
  /** `file: key: problem` sentences; the file name is added by the caller. */
  readonly warnings: readonly string[];
}

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'off'];

type Checker = (value: unknown, key: string, warn: (message: string) => void) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? JSON.stringify(value) : typeof value);

const boolean: Checker = (value, key, warn) => {
  if (typeof value === 'boolean') return value;
  warn(`${key} must be true or false (got ${describe(value)}); ignored`);
  return undefined;
};

const days: Checker = (value, key, warn) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  warn(`${key} must be a whole number of days, at least 1 (got ${describe(value)}); ignored`);
  return undefined;
};

const strings: Checker = (value, key, warn) => {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '')) return value;
  warn(`${key} must be a list of non-empty strings (got ${describe(value)}); ignored`);
  return undefined;
};

const oneOf = (allowed: readonly string[]): Checker => (value, key, warn) => {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  warn(`${key} must be one of ${allowed.join(', ')} (got ${describe(value)}); ignored`);
  return undefined;
};

/** A map of known rule ids to levels; an unknown rule id is a warning naming it. */
const levels = (known: readonly string[]): Checker => (value, key, warn) => {
  if (!isRecord(value)) {
    warn(`${key} must be a map of rule ids to ${LEVELS.join('|')} (got ${describe(value)}); ignored`);
    return undefined;
  }
  const out: Record<string, RuleLevel> = {};
  for (const [rule, level] of Object.entries(value)) {
    if (!known.includes(rule)) warn(`${key}.${rule}: unknown rule (known: ${known.join(', ')}); ignored`);
    else if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) warn(`${key}.${rule} must be one of ${LEVELS.join(', ')} (got ${describe(level)}); ignored`);
    else out[rule] = level as RuleLevel;
  }
  return out;
};

/** commitlint rule settings: shape only ([level, when, value?]); the rules themselves are checked when resolved. */
const commitRules: Checker = (value, key, warn) => {
  if (!isRecord(value)) {
    warn(`${key} must be a map of rule ids to [level, "always"|"never", value] (got ${describe(value)}); ignored`);
    return undefined;
  }
  const out: Record<string, CommitRuleSetting> = {};
  for (const [rule, setting] of Object.entries(value)) {
    if (Array.isArray(setting)) out[rule] = setting;
    else warn(`${key}.${rule} must be a list [level, "always"|"never", value] (got ${describe(setting)}); ignored`);
  }
  return out;
};

const SECTIONS: Readonly<Record<Capability, Readonly<Record<string, Checker>>>> = {
  commits: { enabled: boolean, rules: commitRules },
  release: { enabled: boolean },
  flags: { enabled: boolean, expireDays: days, staleDays: days },
  migrations: {
    enabled: boolean,
    globs: strings,
    dialect: oneOf(['postgres', 'mysql', 'sqlite']),
    rules: levels(Object.keys(MIGRATION_RULES)),
  },
  pipelines: {
    enabled: boolean,
    productionEnvironments: strings,
    stagingEnvironments: strings,
    gateJobPatterns: strings,
    rules: levels(Object.keys(PIPELINE_RULES)),
  },
};

/** The keys each capability's section accepts (media/release-hygiene.schema.json lists the same). */
export const PRODUCT_CONFIG_KEYS: Readonly<Record<Capability, readonly string[]>> = {
  commits: Object.keys(SECTIONS.commits),
  release: Object.keys(SECTIONS.release),
  flags: Object.keys(SECTIONS.flags),
  migrations: Object.keys(SECTIONS.migrations),
  pipelines: Object.keys(SECTIONS.pipelines),
};

/** Top-level keys that are not capabilities but are allowed (the JSON schema reference). */
const META_KEYS = new Set(['$schema']);

/** Parses and checks the file's text. Never throws: unreadable YAML/JSON is one warning and an empty config. */
export function parseProductConfig(text: string, format: 'yaml' | 'json'): ProductConfigParse {
  const warnings: string[] = [];
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, prettyErrors: false }); // an alias bomb throws here
  } catch (error) {
    return { config: {}, warnings: [`cannot be parsed (${(error instanceof Error ? error.message : String(error)).split('\n')[0]}); ignored`] };
  }
  if (data === null || data === undefined) return { config: {}, warnings };
  if (!isRecord(data)) return { config: {}, warnings: [`must be a map of capabilities (${CAPABILITIES.join(', ')}) (got ${describe(data)}); ignored`] };
  const config: Record<string, Record<string, unknown>> = {};
  for (const [name, section] of Object.entries(data)) {
    if (META_KEYS.has(name)) continue;
    const checkers = (SECTIONS as Readonly<Record<string, Readonly<Record<string, Checker>> | undefined>>)[name];
    if (!checkers) {
      warnings.push(`unknown key "${name}" (known: ${CAPABILITIES.join(', ')}); ignored`);
      continue;
    }
    if (section === null) continue;
    if (!isRecord(section)) {
      warnings.push(`${name} must be a map (got ${describe(section)}); ignored`);
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(section)) {
      const checker = checkers[key];
      if (!checker) {
        warnings.push(`unknown key "${name}.${key}" (known: ${Object.keys(checkers).join(', ')}); ignored`);
        continue;
      }
      const checked = checker(value, `${name}.${key}`, (message) => warnings.push(message));
      if (checked !== undefined) out[key] = checked;
    }
    config[name] = out;
  }
  const flags = config.flags;
  if (flags && typeof flags.expireDays === 'number' && typeof flags.staleDays === 'number' && flags.staleDays < flags.expireDays) {
    warnings.push(`flags.staleDays (${flags.staleDays}) must not be below flags.expireDays (${flags.expireDays}); both ignored`);
    delete flags.expireDays;
    delete flags.staleDays;
  }
  return { config: config as ProductConfig, warnings };
}

/** Whether the configuration leaves a capability on (the default). */
export function capabilityEnabled(config: ProductConfig, capability: Capability): boolean {
  return config[capability]?.enabled !== false;
}

/** The pipeline engine's options from the file: `off` rules are not run at all. */
export function pipelineOptionsFrom(config: ProductConfig): Partial<PipelineOptions> {
  const section = config.pipelines ?? {};
  const disabledRules = Object.entries(section.rules ?? {}).filter(([, level]) => level === 'off').map(([rule]) => rule as PipelineRuleId);
  return {
    ...(section.productionEnvironments ? { productionEnvironments: section.productionEnvironments } : {}),
    ...(section.stagingEnvironments ? { stagingEnvironments: section.stagingEnvironments } : {}),
    ...(section.gateJobPatterns ? { gateJobPatterns: section.gateJobPatterns } : {}),
    ...(disabledRules.length > 0 ? { disabledRules } : {}),
  };
}

/** Re-levels findings by rule (`off` drops them); rules the map does not name keep their severity. */
export function relevelFindings<T extends Finding>(findings: readonly T[], rules: Readonly<Record<string, RuleLevel | undefined>> | undefined): T[] {
  if (!rules) return [...findings];
  const out: T[] = [];
  for (const finding of findings) {
    const level = rules[finding.ruleId];
    if (level === 'off') continue;
    out.push(level === undefined ? finding : { ...finding, severity: level });
  }
  return out;
}
