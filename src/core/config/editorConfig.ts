// The editor's view of `.release-hygiene.yaml`: how the file combines with the VS Code settings of a capability.
// Pure, so the rule is unit-tested once and the settings readers in src/vscode only call it.
//
// Precedence (README, "Settings"): the file wins over the VS Code settings of every scope, because the editor must
// show what `release-hygiene check` gates on in CI; settings fill in what the file does not say. `enabled` is the
// exception: either place can turn a capability off (hiding it in one's own editor cannot make CI disagree).
import type { MigrationRuleId, SqlDialect } from '../migrations';
import type { PipelineOptions, PipelineRuleId } from '../pipelines';
import type { Capability } from '../report';
import { capabilityEnabled, pipelineOptionsFrom, type CommitRuleSetting, type ProductConfig, type RuleLevel } from './productConfig';

/** On only when both the setting and the file leave it on. */
export function enabledWith(settingEnabled: boolean, product: ProductConfig, capability: Capability): boolean {
  return settingEnabled && capabilityEnabled(product, capability);
}

/** Flag ages: the file's days over the settings'; staleDays is never below expireDays (as the settings reader keeps it). */
export function flagDaysWith(
  settings: { readonly expireDays: number; readonly staleDays: number },
  product: ProductConfig,
): { expireDays: number; staleDays: number } {
  const expireDays = product.flags?.expireDays ?? settings.expireDays;
  const staleDays = Math.max(expireDays, product.flags?.staleDays ?? settings.staleDays);
  return { expireDays, staleDays };
}

export interface EditorMigrationOptions {
  readonly globs: readonly string[];
  /** True when the globs are the file's: they are relative to the repository root, not the workspace folder. */
  readonly globsFromFile: boolean;
  readonly dialect: SqlDialect | undefined;
  /** Rule levels for relevelFindings (`off` drops the finding); undefined = every rule at its own severity. */
  readonly rules: Readonly<Partial<Record<MigrationRuleId, RuleLevel>>> | undefined;
}

export function migrationOptionsWith(
  settings: { readonly globs: readonly string[]; readonly dialect: SqlDialect | undefined },
  product: ProductConfig,
): EditorMigrationOptions {
  const section = product.migrations ?? {};
  return {
    globs: section.globs ?? settings.globs,
    globsFromFile: section.globs !== undefined,
    dialect: section.dialect ?? settings.dialect,
    rules: section.rules && Object.keys(section.rules).length > 0 ? section.rules : undefined,
  };
}

export interface EditorPipelineOptions {
  readonly options: Partial<PipelineOptions>;
  /** Rule levels for relevelFindings; `off` rules are also in options.disabledRules (not run at all). */
  readonly rules: Readonly<Partial<Record<PipelineRuleId, RuleLevel>>> | undefined;
}

/** The file's lists replace the settings' lists one by one (a list is never merged: the file says the whole list). */
export function pipelineOptionsWith(settings: Partial<PipelineOptions>, product: ProductConfig): EditorPipelineOptions {
  const rules = product.pipelines?.rules;
  return {
    options: { ...settings, ...pipelineOptionsFrom(product) },
    rules: rules && Object.keys(rules).length > 0 ? rules : undefined,
  };
}

/** The commitlint layer the file adds last (as the CLI does), or undefined when it sets no commit rules. */
export function commitRulesLayer(product: ProductConfig): { config: { rules: Record<string, CommitRuleSetting> }; source: string } | undefined {
  const rules = product.commits?.rules;
  if (!rules || Object.keys(rules).length === 0) return undefined;
  return { config: { rules: { ...rules } }, source: '.release-hygiene (commits.rules)' };
}

/** Which capabilities read different values after the file changed from `before` to `after` (so only they refresh). */
export function changedCapabilities(before: ProductConfig, after: ProductConfig): Capability[] {
  const capabilities: Capability[] = ['commits', 'release', 'flags', 'migrations', 'pipelines'];
  return capabilities.filter((capability) => JSON.stringify(before[capability] ?? {}) !== JSON.stringify(after[capability] ?? {}));
}

/**
 * The file's globs (relative to the repository root) for a workspace folder `prefix` below that root (forward
 * slashes, '' = the root itself): `prefix/…` loses the prefix, a glob starting with `**` and a slash matches anywhere and stays, and any other
 * glob points outside the folder and is dropped.
 */
export function rebaseGlobs(globs: readonly string[], prefix: string): string[] {
  const folder = prefix.replace(/^\.?\/+|\/+$/g, '');
  if (folder === '') return [...globs];
  const out: string[] = [];
  for (const glob of globs) {
    const plain = glob.replace(/^\.?\/+/, '');
    if (plain.startsWith(`${folder}/`)) out.push(plain.slice(folder.length + 1));
    else if (plain.startsWith('**/')) out.push(plain);
  }
  return out;
}

/**
 * Where in the file a warning belongs: the line of the last key it names (`unknown key "flags.stal"`,
 * `flags.staleDays must…`, `pipelines.rules.x: unknown rule`), 0-based; undefined when no such key is found.
 */
export function warningKeyPosition(text: string, warning: string): { line: number; start: number; end: number } | undefined {
  const named = /^unknown key "([^"]+)"/.exec(warning)?.[1] ?? /^([\w$]+(?:\.[\w$-]+)*)(?: must| \(|:)/.exec(warning)?.[1];
  const key = named?.split('.').pop();
  if (!key) return undefined;
  const pattern = new RegExp(`(^|[\\s{,"'])(${key.replace(/[$.*+?^(){}[\]|\\-]/g, '\\$&')})["']?\\s*:`);
  for (const [line, content] of text.split('\n').entries()) {
    const match = pattern.exec(content);
    if (match) {
      const start = match.index + (match[1]?.length ?? 0);
      return { line, start, end: start + key.length };
    }
  }
  return undefined;
}
