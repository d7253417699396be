// Pieces shared by the lint commands: configuration, positions, summaries.
import {
  resolveCommitLintConfig,
  usesTrailerSettings,
  type Bump,
  type CommitLintResult,
  type ConfigProblem,
  type ResolvedCommitLintConfig,
  type TrailerSettings,
} from '../core/commits';
import type { Finding } from '../core/findings';
import { loadCommitLintConfig, loadCommitLintConfigFile, readTrailerSettings } from '../node';
import type { ProductConfig } from '../core/config/productConfig';
import { write, type CliIo } from './io';
import { jsConfigRefusedByEnvironment, NO_JS_CONFIG_VARIABLE } from './jsConfigPolicy';
import { loadProductConfigFor } from './productSupport';
import { LineIndex } from '../core/report/region';

/** What applies when the repository has no commitlint configuration (as in the editor). */
const BUILT_IN_BASE = { config: { extends: ['@commitlint/config-conventional'] }, source: '@commitlint/config-conventional (built in)' };

export interface ConfigOptions {
  /** `--config FILE`: this file instead of searching the repository. */
  readonly configFile?: string;
  /** `--no-js-config`: never execute JavaScript/TypeScript configs. */
  readonly noJsConfig: boolean;
}

export { jsConfigRefusedByEnvironment, NO_JS_CONFIG_VARIABLE } from './jsConfigPolicy';

export type CliConfig =
  | { readonly ok: true; readonly config: ResolvedCommitLintConfig }
  | { readonly ok: false; readonly message: string };

/**
 * Loads and resolves the configuration for `dir` (the repository root, or the working folder outside one).
 * Problems with it are printed to stderr and the built-in defaults fill in, as in the editor; only an explicit
 * `--config FILE` that cannot be read at all is an error (the caller exits with InvalidUsage).
 */
export async function loadCliConfig(dir: string, options: ConfigOptions, io: CliIo, product?: ProductConfig): Promise<CliConfig> {
  const reason = jsConfigRefusedByEnvironment(io.env) ? `with ${NO_JS_CONFIG_VARIABLE} set` : 'with --no-js-config';
  const loadOptions = { trusted: !options.noJsConfig, untrustedReason: reason, workspaceRoot: dir };
  const loaded = options.configFile !== undefined
    ? await loadCommitLintConfigFile(options.configFile, loadOptions)
    : await loadCommitLintConfig(dir, loadOptions);
  if (options.configFile !== undefined && loaded.layers.length === 0) {
    const reason = loaded.problems[0]?.message ?? 'cannot be used';
    return { ok: false, message: `--config ${options.configFile}: ${reason}` };
  }
  // The product's file speaks last: its commits.rules override the commitlint configuration's.
  const rules = (product ?? (await loadProductConfigFor(dir, io))).commits?.rules;
  const layers = rules && Object.keys(rules).length > 0
    ? [...(loaded.layers.length > 0 ? loaded.layers : [BUILT_IN_BASE]), { config: { rules }, source: '.release-hygiene (commits.rules)' }]
    : loaded.layers;
  const resolved = resolveCommitLintConfig(layers);
  await reportConfigProblems([...loaded.problems, ...resolved.problems], io);
  return { ok: true, config: resolved.config };
}

async function reportConfigProblems(problems: readonly ConfigProblem[], io: CliIo): Promise<void> {
  for (const problem of problems) {
    const where = problem.source ? ` (${problem.source})` : '';
    await write(io.stderr, `release-hygiene: config ${problem.severity}: ${problem.message}${where}\n`);
  }
}

/**
 * The repository's trailer settings when `config` turns `trailer-exists` on (one `git config` read per run;
 * nothing otherwise), else undefined: git's defaults. Outside a repository (`root` undefined) git's defaults
 * apply too, as `git interpret-trailers` run there would use.
 */
export async function loadTrailerSettings(root: string | undefined, config: ResolvedCommitLintConfig, io: CliIo): Promise<TrailerSettings | undefined> {
  if (root === undefined || !usesTrailerSettings(config)) return undefined;
  const read = await readTrailerSettings(root);
  if (read.ok) return read.value;
  await write(io.stderr, `release-hygiene: warning: trailer settings not read (${read.message}); trailer-exists uses git's defaults\n`);
  return undefined;
}

export interface FindingJson {
  readonly ruleId: string;
  readonly severity: Finding['severity'];
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly helpUrl?: string;
}

export function findingsJson(text: string, findings: readonly Finding[]): FindingJson[] {
  if (findings.length === 0) return [];
  const positions = new LineIndex(text);
  return findings.map((finding) => {
    const start = positions.position(finding.start);
    const end = positions.position(finding.end);
    return {
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      ...(finding.helpUrl ? { helpUrl: finding.helpUrl } : {}),
    };
  });
}

export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const BUMP_ORDER: Readonly<Record<Bump, number>> = { none: 0, patch: 1, minor: 2, major: 3 };

export function higherBump(a: Bump, b: Bump): Bump {
  return BUMP_ORDER[b] > BUMP_ORDER[a] ? b : a;
}

/** `minor (feat)`, `major (feat!)`, `none`: what one message does to the next version. */
export function effectPhrase(result: CommitLintResult): string {
  const { type, breaking } = result.parsed;
  const bump = result.releaseEffect.bump;
  if (result.ignored || !type) return bump;
  return `${bump} (${type}${breaking ? '!' : ''})`;
}
