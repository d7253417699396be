// The pipeline engine's public surface (pure): the CLI, src/node and the editor import from here only.
// Signatures are documented in ./types.ts.
import { LintContext } from './context';
import { lintGithub } from './github';
import { lintGitlab } from './gitlab';
import { resolvePipelineOptions } from './rules';
import type { LintPipelineTextInput, PipelineFinding, PipelineKind, PipelineOptions, PipelineRepositoryResult, PipelineTextResult } from './types';
import { parseYaml, get, listOf, str } from './yamlTree';
import type { Loc } from './yamlTree';

export type * from './types';
export { DEFAULT_PIPELINE_OPTIONS, PIPELINE_RULES, PIPELINE_RULE_IDS, PIPELINES_DOC_URL, pipelineHelpUrl, resolvePipelineOptions } from './rules';

/** 'gitlab' for `.gitlab-ci.yml`, 'github-workflow' for `.github/workflows/*.yml|yaml`; undefined otherwise. */
export function pipelineKind(path: string): PipelineKind | undefined {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(p)) return 'gitlab';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github-workflow';
  return undefined;
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.?\/+/, '');
}

function byPosition(a: PipelineFinding, b: PipelineFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function dedupe(findings: readonly PipelineFinding[]): PipelineFinding[] {
  const seen = new Set<string>();
  const out: PipelineFinding[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.start}\u0000${f.end}\u0000${f.job ?? ''}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort(byPosition);
}

function lintRoots(ctx: LintContext, roots: readonly string[]): { active: PipelineFinding[]; suppressed: PipelineFinding[] } {
  const jobKeys = new Map<string, Loc>();
  for (const root of roots) {
    if (pipelineKind(root) === 'gitlab') lintGitlab(ctx, root, jobKeys);
    else lintGithub(ctx, root, jobKeys);
  }
  const { active, suppressed } = ctx.applySuppressions(jobKeys);
  return { active: dedupe(active), suppressed: dedupe(suppressed) };
}

/**
 * As you type: lints `path` (a pipeline root, or a file included by `input.root`) with `text`, reading other
 * files through `input.resolveInclude`. Returns only findings located in `path`. Never throws.
 */
export function lintPipelineText(path: string, text: string, input: LintPipelineTextInput = {}): PipelineTextResult {
  const file = normalise(path);
  const root = input.root !== undefined ? normalise(input.root) : file;
  const kind = pipelineKind(root);
  if (!kind) return { kind: undefined, findings: [], suppressed: [], jobs: [] };
  try {
    const resolve = input.resolveInclude;
    const ctx = new LintContext(resolvePipelineOptions(input.options), (p) => (p === file ? text : resolve?.(p)));
    const { active, suppressed } = lintRoots(ctx, [root]);
    return {
      kind,
      findings: active.filter((f) => f.file === file),
      suppressed: suppressed.filter((f) => f.file === file),
      jobs: ctx.jobs.filter((j) => j.file === file),
    };
  } catch (error) {
    return { kind, findings: [internalError(file, error)], suppressed: [], jobs: [] };
  }
}

function internalError(file: string, error: unknown): PipelineFinding {
  return { ruleId: 'invalid-yaml', severity: 'error', file, start: 0, end: 0, message: `Could not read this pipeline: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * The repository-relative paths a file refers to locally: GitLab `include:` (string and `local:` forms),
 * GitHub reusable workflows (`uses: ./…`), local actions' action.yml/action.yaml, and `package.json` when a script runs a package manager (its
 * scripts tell what `npm run x` runs). For prefetching before lintPipelineText. Never throws.
 */
export function pipelineLocalReferences(path: string, text: string): string[] {
  // A package manager in a script: its package scripts are read from package.json (`npm run release`).
  const out: string[] = normalise(path) !== 'package.json' && /\b(?:npm|pnpm|yarn|bun)\b/.test(text) ? ['package.json'] : [];
  if (!/\binclude\b|\buses\s*:\s*["']?\.\//.test(text)) return out; // most included files: no second parse
  const parsed = parseYaml(normalise(path), text);
  const root = parsed.root;
  if (!root) return out;
  for (const item of listOf(get(root, 'include'))) {
    const s = str(item) ?? str(get(item, 'local'));
    if (s !== undefined && !/^https?:\/\//i.test(s)) out.push(normalise(s));
  }
  const jobs = get(root, 'jobs');
  // Local composite actions: the steps of a workflow's jobs, or of an action (`runs: steps:`).
  const stepLists = jobs?.kind === 'map' ? jobs.entries.map((e) => get(e.value, 'steps')) : [get(get(root, 'runs'), 'steps')];
  if (jobs?.kind === 'map') {
    for (const e of jobs.entries) {
      const uses = str(get(e.value, 'uses'));
      if (uses?.startsWith('./')) out.push(normalise(uses.replace(/@.*$/, '')));
    }
  }
  for (const step of stepLists.flatMap((steps) => listOf(steps))) {
    const uses = str(get(step, 'uses'));
    if (uses === undefined || !uses.startsWith('./') || /\.ya?ml(?:@|$)/.test(uses)) continue;
    const folder = normalise(uses.replace(/@.*$/, '')).replace(/\/+$/, '');
    for (const name of ['action.yml', 'action.yaml']) out.push(folder === '' ? name : `${folder}/${name}`);
  }
  return [...new Set(out)];
}

/**
 * Whole repository: `files` maps repository-relative paths to texts (pipeline roots, local includes and
 * reusable workflows). Every root is linted; findings of all files, each with its `file`. Never throws.
 */
export function lintPipelineRepository(files: ReadonlyMap<string, string>, options: Partial<PipelineOptions> = {}): PipelineRepositoryResult {
  const map = new Map<string, string>();
  for (const [p, t] of files) map.set(normalise(p), t);
  const roots = [...map.keys()].filter((p) => pipelineKind(p) !== undefined).sort();
  const ctx = new LintContext(resolvePipelineOptions(options), (p) => map.get(p), () => [...map.keys()]);
  try {
    const { active, suppressed } = lintRoots(ctx, roots);
    return { roots, findings: active, suppressed, jobs: ctx.jobs };
  } catch (error) {
    return { roots, findings: [internalError(roots[0] ?? '', error)], suppressed: [], jobs: [] };
  }
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
