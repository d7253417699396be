// Readers of the repository's release-tool configuration: text in, settings + warnings out (pure).
// semantic-release (.releaserc*, package.json#release), release-please (release-please-config.json), git-cliff (cliff.toml).
// Without the YAML parser: a YAML `.releaserc` is read through config.ts (readSemanticReleaseConfig), which brings
// the yaml package, so a run whose configuration is JSON or absent never loads it (issue #13: start-up time).
import * as semver from './semver';
import { nextVersion, higherBump } from './plan';
import { checkTagFormat, tagPatternProblem } from './tags';
import { decideByRules, readReleaseRules } from './releaseRules';
import type { Bump, ChangelogSectionConfig, ReleaseConfigReading, ReleaseOptions, ReleasePlan, ReleaseRule, ReleaseWarning } from './types';

type Json = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function configWarning(source: string, message: string): ReleaseWarning {
  return { code: 'config', message: `${source}: ${message}` };
}

/** A YAML reader: the value of a YAML text, or why it cannot be read (config.ts has the one with the yaml package). */
export type YamlReader = (text: string) => { value: unknown } | { error: string };

/** JSON first, then YAML when a reader is given (a `.releaserc` may be either). */
function parseJsonOrYaml(text: string, yaml: YamlReader | null): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (jsonError) {
    if (!yaml) return { error: (jsonError as Error).message };
    return yaml(text);
  }
}

/** Whether `source` may hold YAML: a `.releaserc` of any extension but `.json`; package.json never. */
function yamlAllowed(source: string): boolean {
  return !/(^|[\\/])package\.json$/.test(source) && !source.endsWith('.json');
}

/**
 * Whether reading `text` from `source` needs a YAML reader: it may be YAML and is not JSON. Otherwise
 * readSemanticReleaseConfigWith gives the same reading with or without one.
 */
export function needsYamlReader(text: string, source: string): boolean {
  if (!yamlAllowed(source)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

const COMMIT_ANALYZER = '@semantic-release/commit-analyzer';

/**
 * semantic-release configuration: `.releaserc` (JSON or YAML), `.releaserc.json|yaml|yml`, or `package.json`
 * (its `release` key). Reads `branches`, `tagFormat` and the commit-analyzer's `preset` (default `angular`).
 * JS configs (`release.config.*`) are not executed and not read. YAML through `yaml` (null: JSON only; see
 * needsYamlReader); readSemanticReleaseConfig (config.ts) is this with the yaml package's reader.
 */
export function readSemanticReleaseConfigWith(text: string, source: string, yaml: YamlReader | null): ReleaseConfigReading | null {
  const isPackageJson = /(^|[\\/])package\.json$/.test(source);
  const parsed = parseJsonOrYaml(text, yamlAllowed(source) ? yaml : null);
  const label = isPackageJson ? `${source}#release` : source;
  if ('error' in parsed) {
    if (isPackageJson) return null;
    return { tool: 'semantic-release', source: label, settings: {}, warnings: [configWarning(label, `cannot be read (${parsed.error}); ignored`)] };
  }
  const config = isPackageJson ? (isObject(parsed.value) ? parsed.value['release'] : undefined) : parsed.value;
  if (config === undefined) return null;
  const warnings: ReleaseWarning[] = [];
  if (!isObject(config)) return { tool: 'semantic-release', source: label, settings: {}, warnings: [configWarning(label, 'is not an object; ignored')] };
  const settings: { tagFormat?: string; releaseRules?: readonly ReleaseRule[] } = {};
  if (typeof config['tagFormat'] === 'string') {
    const problem = checkTagFormat(config['tagFormat']);
    if (problem) warnings.push(configWarning(label, `${problem}; the default v\${version} applies`));
    else settings.tagFormat = config['tagFormat'];
  }
  const branches: string[] = [];
  const rawBranches = config['branches'] ?? config['branch'];
  for (const branch of Array.isArray(rawBranches) ? rawBranches : rawBranches !== undefined ? [rawBranches] : []) {
    if (typeof branch === 'string') branches.push(branch);
    else if (isObject(branch) && typeof branch['name'] === 'string') branches.push(branch['name']);
  }
  let preset: string | undefined = typeof config['preset'] === 'string' ? config['preset'] : undefined;
  for (const plugin of Array.isArray(config['plugins']) ? config['plugins'] : []) {
    const [name, options] = Array.isArray(plugin) ? [plugin[0], plugin[1]] : [plugin, undefined];
    if (name !== COMMIT_ANALYZER) continue;
    if (isObject(options)) {
      if (typeof options['preset'] === 'string') preset = options['preset'];
      if (options['releaseRules'] !== undefined) {
        const read = readReleaseRules(options['releaseRules']);
        if (read.rules) settings.releaseRules = read.rules;
        for (const problem of read.problems) warnings.push(configWarning(label, `${COMMIT_ANALYZER}: ${problem}`));
      }
    }
  }
  return {
    tool: 'semantic-release',
    source: label,
    settings,
    ...(branches.length > 0 ? { branches } : {}),
    preset: preset ?? 'angular',
    warnings,
  };
}

function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * release-please manifest configuration for one package path (default `.`): top-level defaults overridden by
 * `packages[path]`. Tag: `<component><tag-separator>v<version>` with include-component-in-tag (a component is
 * only taken for a package other than `.`, or when include-component-in-tag is explicitly true), `v` with
 * include-v-in-tag (default true), separator `-` by default.
 */
export function readReleasePleaseConfig(text: string, source: string, packagePath = '.'): ReleaseConfigReading | null {
  const parsed = parseJsonOrYaml(text, null);
  if ('error' in parsed || !isObject(parsed.value)) {
    return { tool: 'release-please', source, settings: {}, warnings: [configWarning(source, 'is not a JSON object; ignored')] };
  }
  const top = parsed.value;
  const packages = isObject(top['packages']) ? top['packages'] : {};
  const own = isObject(packages[packagePath]) ? (packages[packagePath] as Json) : {};
  const get = (key: string): unknown => (own[key] !== undefined ? own[key] : top[key]);
  const warnings: ReleaseWarning[] = [];
  const settings: Partial<Mutable<ReleaseOptions>> & { sections?: ChangelogSectionConfig[] } = {};
  const bumpMinor = flag(get('bump-minor-pre-major'));
  const bumpPatch = flag(get('bump-patch-for-minor-pre-major'));
  if (bumpMinor !== undefined) settings.bumpMinorPreMajor = bumpMinor;
  if (bumpPatch !== undefined) settings.bumpPatchForMinorPreMajor = bumpPatch;
  for (const [key, field] of [['initial-version', 'initialVersion'], ['release-as', 'releaseAs']] as const) {
    const value = get(key);
    if (value === undefined || value === '') continue;
    if (typeof value === 'string' && semver.valid(value) === value) settings[field] = value;
    else warnings.push(configWarning(source, `${key} ${JSON.stringify(value)} is not a semantic version; ignored`));
  }
  const prereleaseType = get('prerelease-type');
  const prerelease = flag(get('prerelease')) === true || get('versioning') === 'prerelease';
  if (typeof prereleaseType === 'string' && prereleaseType !== '' && prerelease) settings.prerelease = prereleaseType;
  const includeV = flag(get('include-v-in-tag')) ?? true;
  const includeComponentSetting = flag(get('include-component-in-tag'));
  const separator = typeof get('tag-separator') === 'string' ? (get('tag-separator') as string) : '-';
  const component = typeof own['component'] === 'string' ? own['component'] : typeof own['package-name'] === 'string' ? own['package-name'] : undefined;
  const withComponent = component !== undefined && (includeComponentSetting === true || (includeComponentSetting === undefined && packagePath !== '.'));
  settings.tagFormat = `${withComponent ? `${component}${separator}` : ''}${includeV ? 'v' : ''}\${version}`;
  const sections = get('changelog-sections');
  if (Array.isArray(sections)) {
    settings.sections = sections
      .filter(isObject)
      .filter((entry) => typeof entry['type'] === 'string' && typeof entry['section'] === 'string')
      .map((entry) => ({ type: entry['type'] as string, section: entry['section'] as string, hidden: entry['hidden'] === true }));
  }
  return { tool: 'release-please', source, settings, warnings };
}

/** A tiny TOML subset: `[table]` headers and `key = "string" | 'literal' | true | false` lines. Enough for cliff.toml's keys read here. */
export function readTomlSubset(text: string): Record<string, Record<string, string | boolean>> {
  const tables: Record<string, Record<string, string | boolean>> = { '': {} };
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[\s*([\w.-]+)\s*\]$/.exec(line);
    if (header) {
      table = header[1] as string;
      tables[table] ??= {};
      continue;
    }
    const pair = /^([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(true|false))\s*(?:#.*)?$/.exec(line);
    if (!pair) continue;
    const key = pair[1] as string;
    const value = pair[2] !== undefined ? pair[2].replace(/\\(["\\])/g, '$1') : pair[3] !== undefined ? pair[3] : pair[4] === 'true';
    (tables[table] as Record<string, string | boolean>)[key] = value;
  }
  return tables;
}

/**
 * git-cliff: `[git] tag_pattern` (a regex) mapped to a tag format when it is a literal prefix followed by a digit
 * pattern (`v[0-9].*`, `^v[0-9]`, `app-v[0-9]*`); `[bump]` breaking_always_bump_major / features_always_bump_minor
 * set to false map to bump-minor-pre-major / bump-patch-for-minor-pre-major; `initial_tag` to the initial version.
 */
export function readCliffConfig(text: string, source = 'cliff.toml'): ReleaseConfigReading {
  const toml = readTomlSubset(text);
  const git = toml['git'] ?? {};
  const bump = toml['bump'] ?? {};
  const warnings: ReleaseWarning[] = [];
  const settings: Partial<Mutable<ReleaseOptions>> = {};
  const pattern = git['tag_pattern'];
  if (typeof pattern === 'string' && pattern !== '') {
    const prefix = /^\^?((?:[\w@/]|\\[.-]|-)*)(?:\[0-9\]|\\d)/.exec(pattern);
    const problem = prefix ? null : tagPatternProblem(pattern);
    if (prefix) settings.tagFormat = `${(prefix[1] as string).replace(/\\(.)/g, '$1')}\${version}`;
    else if (problem === null) settings.tagPattern = pattern; // a real regex: tags are chosen by it, as git-cliff does
    else warnings.push(configWarning(source, `tag_pattern ${JSON.stringify(pattern)} ${problem}; set the tag format explicitly`));
  }
  if (bump['breaking_always_bump_major'] === false) settings.bumpMinorPreMajor = true;
  if (bump['features_always_bump_minor'] === false) settings.bumpPatchForMinorPreMajor = true;
  const initial = bump['initial_tag'];
  if (typeof initial === 'string') {
    const version = semver.valid(initial.replace(/^v/, ''));
    if (version) settings.initialVersion = version;
  }
  return { tool: 'git-cliff', source, settings, warnings };
}

/**
 * Where the repository's own tool would decide differently from the plan. Today: semantic-release with the
 * angular preset (its default), whose header pattern has no `!` (so `feat!: x` is not even a feature) and whose
 * only breaking keyword is `BREAKING CHANGE` (not `BREAKING-CHANGE`); and semantic-release's lack of pre-major
 * options (a breaking change at 0.x is 1.0.0 there).
 */
export function toolDisagreements(plan: ReleasePlan, readings: readonly ReleaseConfigReading[]): ReleaseWarning[] {
  const warnings: ReleaseWarning[] = [];
  for (const reading of readings) {
    if (reading.tool !== 'semantic-release' || plan.forced !== null) continue;
    const angular = (reading.preset ?? 'angular') === 'angular';
    let bump: Bump = 'none';
    const missed: string[] = [];
    for (const change of plan.changes) {
      let theirs: Bump;
      const rules = reading.settings.releaseRules;
      // The angular preset's header pattern has no `!`: such a header is not even a typed commit there.
      const unparsed = angular && change.breakingVia.includes('!') && !change.breakingVia.includes('BREAKING CHANGE');
      const decided = rules && !unparsed ? decideByRules(rules, { ...change, breaking: angular ? change.breakingVia.includes('BREAKING CHANGE') : change.breaking }) : undefined;
      if (decided) {
        theirs = decided.bump;
      } else if (angular) {
        const footer = change.breakingVia.includes('BREAKING CHANGE');
        if (footer) theirs = 'major';
        else if (change.breakingVia.includes('!')) theirs = 'none';
        else theirs = change.type === 'feat' ? 'minor' : ['fix', 'perf', 'revert'].includes(change.type) ? 'patch' : 'none';
        if (change.breaking && !footer) {
          const via = change.breakingVia.includes('!') ? '`!` in the header' : 'a BREAKING-CHANGE footer';
          missed.push(`${change.hash.slice(0, 7)} "${change.header}" (${via})`);
        }
      } else {
        theirs = change.breaking ? 'major' : change.type === 'feat' ? 'minor' : ['fix', 'perf', 'revert'].includes(change.type) ? 'patch' : 'none';
      }
      bump = higherBump(bump, theirs);
    }
    const theirNext = bump === 'none' ? null : plan.current === null ? '1.0.0' : nextVersion(plan.current, bump, plan.prerelease);
    if (plan.firstRelease || theirNext === plan.next) continue;
    const why = missed.length > 0
      ? `the ${reading.preset} preset does not see ${missed.slice(0, 3).join(', ')}${missed.length > 3 ? ` and ${missed.length - 3} more` : ''}; set preset "conventionalcommits" on both commit-analyzer and release-notes-generator`
      : 'it has no pre-major options (a breaking change at 0.x releases 1.0.0)';
    warnings.push({
      code: 'tool-disagrees',
      message: `semantic-release (${reading.source}) would release ${theirNext ?? 'nothing'} instead of ${plan.next ?? 'nothing'}: ${why}`,
    });
  }
  return warnings;
}
