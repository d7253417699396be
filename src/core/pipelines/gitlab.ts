// GitLab CI: .gitlab-ci.yml with local includes, extends, anchors/merge keys, !reference, default:, stages:,
// needs:, rules:/when:, environment:, variables: GIT_DEPTH; then the rules of issue 6 over its jobs.
import type { Fix } from '../findings';
import type { LintContext } from './context';
import { invocations, toolOfImage, type Invocation, type ScriptContext } from './commands';
import { untagged } from './rules';
import { buildEnd, isUnshallow, latestImages, releaseToolOf, type ReleaseToolUse } from './scripts';
import type { PipelineRuleId } from './types';
import { ALWAYS, anyOf, evaluateOnlyExcept, evaluateRules, KIND_LABEL, PIPELINE_KINDS, PRODUCTION_KINDS, runSetAnd, type PipelineKindName, type RulesContext, type RunSet, type Tri } from './gitlabConditions';
import { deepMerge, entry, get, isFalse, isTrue, listOf, str, withEntries, type LEntry, type LMap, type LNode, type Loc } from './yamlTree';

const RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'workflow', 'default', 'spec']);
const DEFAULT_KEYS = ['image', 'services', 'before_script', 'after_script', 'cache', 'artifacts', 'retry', 'timeout', 'interruptible', 'tags', 'hooks', 'id_tokens'];
const LEGACY_GLOBAL_KEYS = ['image', 'services', 'before_script', 'after_script', 'cache'];
const MAX_EXTENDS_DEPTH = 11;

/** One script entry (a scalar of `before_script`, `script`, `after_script`), where it is, and what it runs. */
interface ScriptLine {
  readonly text: string;
  readonly loc: Loc;
  readonly commands: readonly Invocation[];
}

interface GlJob {
  readonly name: string;
  readonly keyLoc: Loc;
  /** As written in its file (for fixes). */
  readonly raw: LMap;
  /** After includes, extends, !reference, default:. */
  readonly node: LMap;
  readonly stage: string;
  readonly stageIndex: number;
  readonly scripts: readonly ScriptLine[];
  readonly tier: 'production' | 'staging' | undefined;
  readonly gate: boolean;
  readonly reason: string;
  readonly environment?: string;
  /** Whether the job may run, per kind of pipeline (include, workflow and job conditions together). */
  readonly runs: RunSet;
  /** Indices of its `rules:` entries that may decide in a production pipeline. */
  readonly productionEntries: ReadonlySet<number>;
  /** The combinations of workflow and job `rules:` entries that may decide a pipeline that runs it. */
  readonly variableCases: readonly VariableCase[];
  /** The `variables:` maps that apply in each case, lowest precedence first. */
  readonly variableLayers: (c: VariableCase) => readonly (LNode | undefined)[];
  /** Appended to its findings: the condition, not decidable from the files, under which it runs. */
  readonly note?: string;
}

/** A local include's condition: where its `rules:` (and those of the includes above it) let it apply. */
interface IncludeCondition {
  readonly runs: RunSet;
  /** The rules as written, for the findings' text. */
  readonly text: string;
}

export function lintGitlab(ctx: LintContext, rootPath: string, jobKeys: Map<string, Loc>): void {
  const root = ctx.parse(rootPath);
  if (root?.kind !== 'map') return;
  const rc = rulesContext(ctx);
  const conditions = new Map<string, IncludeCondition>();
  const rootInputs = inputsOf(ctx, rootPath, undefined);
  const interpolated = rootInputs.size > 0 && ctx.text(rootPath)?.includes('$[[') ? interpolate(root, rootInputs) as LMap : root;
  const config = withIncludes(ctx, rootPath, interpolated, new Set([rootPath]), rc, conditions, undefined);
  const resolved = new Map<string, LMap | null>();
  const resolveExtends = (name: string, depth: number): LMap | undefined => {
    const cached = resolved.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const own = get(config, name);
    if (own?.kind !== 'map' || depth > MAX_EXTENDS_DEPTH) return undefined;
    resolved.set(name, null); // cycle guard
    let result: LNode | undefined;
    for (const parent of listOf(get(own, 'extends'))) {
      const parentName = str(parent);
      const p = parentName !== undefined ? resolveExtends(parentName, depth + 1) : undefined;
      if (p) result = deepMerge(result, p);
    }
    const merged = deepMerge(result, withEntries(own, own.entries.filter((e) => e.key !== 'extends'))) as LMap;
    resolved.set(name, merged);
    return merged;
  };
  const resolveReferences = (node: LNode, depth: number): LNode => {
    if (depth > 10) return node;
    if (node.kind === 'seq' && node.tag === '!reference') {
      const path = node.items.map((i) => str(i));
      if (path.length === 0 || path.some((p) => p === undefined)) return node;
      let target: LNode | undefined = resolveExtends(path[0]!, 0) ?? get(config, path[0]!);
      for (const key of path.slice(1)) target = get(target, key!);
      return target ? resolveReferences(target, depth + 1) : node;
    }
    if (node.kind === 'seq') {
      const items: LNode[] = [];
      for (const item of node.items) {
        const r = resolveReferences(item, depth + 1);
        if (item.kind === 'seq' && item.tag === '!reference' && r.kind === 'seq') items.push(...r.items);
        else items.push(r);
      }
      return { ...node, items };
    }
    if (node.kind === 'map') return { ...node, entries: node.entries.map((e) => ({ ...e, value: resolveReferences(e.value, depth + 1) })) };
    return node;
  };

  const defaults = get(config, 'default');
  const globalVariables = get(config, 'variables');
  const declaredStages = listOf(get(config, 'stages')).map((s) => str(s)).filter((s): s is string => s !== undefined);
  const stages = ['.pre', ...(declaredStages.length > 0 ? declaredStages : ['build', 'test', 'deploy']), '.post'];

  // workflow: rules: which kinds of pipeline are created at all.
  const workflowRules = get(get(config, 'workflow'), 'rules');
  const workflowNode = workflowRules ? resolveReferences(workflowRules, 0) : undefined;
  /** Per kind of pipeline, the workflow rules: entries that may create it (their variables: apply to every job). */
  const workflowEntries = new Map<PipelineKindName, readonly number[]>();
  const workflow: RunSet = workflowNode
    ? runSetOf((k) => {
        const outcome = evaluateRules(workflowNode, k, rc, 'always');
        workflowEntries.set(k, outcome.entries);
        return outcome.runs;
      })
    : ALWAYS;
  const workflowItems = listOf(workflowNode);

  const jobs: GlJob[] = [];
  for (const e of (config as LMap).entries) {
    if (RESERVED.has(e.key) || e.key.startsWith('.') || e.value.kind !== 'map') continue;
    const extended = resolveExtends(e.key, 0);
    if (!extended) continue;
    let node = resolveReferences(extended, 0) as LMap;
    node = withDefaults(node, defaults, config as LMap);
    const stage = str(get(node, 'stage')) ?? 'test';
    const stageIndex = Math.max(0, stages.indexOf(stage));
    const scripts = scriptLines(node, scriptContext(ctx, node, globalVariables));
    // Where it runs: the condition of the include that defines it, the workflow, then its rules: or only:/except:.
    const included = conditions.get(e.keyLoc.file);
    const rules = get(node, 'rules');
    const jobWhen = str(get(node, 'when')) ?? 'on_success';
    const productionEntries = new Set<number>();
    const variableCases = new Map<string, VariableCase>();
    const own = runSetOf((k) => {
      const outcome = rules === undefined ? undefined : evaluateRules(rules, k, rc, jobWhen);
      const runsHere = outcome ? outcome.runs : evaluateOnlyExcept(node, k);
      if (workflow[k] === 'no' || (included?.runs[k] ?? 'yes') === 'no' || runsHere === 'no') return runsHere;
      if (outcome && PRODUCTION_KINDS.includes(k)) for (const i of outcome.entries) productionEntries.add(i);
      // Which variables: may apply in this kind of pipeline: a workflow entry's, then a rules: entry's.
      const ruleCases: readonly (number | undefined)[] = outcome && outcome.entries.length > 0 ? outcome.entries : [undefined];
      const flowCases: readonly (number | undefined)[] = (workflowEntries.get(k) ?? []).length > 0 ? workflowEntries.get(k)! : [undefined];
      for (const workflowEntry of flowCases) {
        for (const ruleEntry of ruleCases) variableCases.set(`${workflowEntry}/${ruleEntry}`, { workflowEntry, ruleEntry });
      }
      return runsHere;
    });
    const cases = [...variableCases.values()].sort(byCase);
    const layers = variableLayers(node, globalVariables, workflowItems, listOf(rules));
    const env = environmentOf(node);
    let tier: 'production' | 'staging' | undefined;
    let reason = '';
    let environmentName = env.name;
    if (env.name !== undefined && env.deploys) {
      const named = namedEnvironment(ctx, env.name, cases, layers);
      tier = named.tier;
      environmentName = named.name;
      if (tier) reason = `environment "${named.name}"${named.name !== env.name ? ` (${env.name}, ${named.setBy})` : ''}`;
      // A name that rules: variables decide: only the entries that make it production count as its production ones.
      if (tier === 'production' && named.entries) for (const i of [...productionEntries]) if (!named.entries.has(i)) productionEntries.delete(i);
    }
    if (!tier && env.deploys) {
      const h = ctx.cls.heuristicTier(e.key, scripts.flatMap((s) => s.commands));
      if (h) ({ tier, reason } = h);
    }
    const gate = !tier && (ctx.cls.isGateName(e.key) || ctx.cls.isGateName(stage));
    if (gate) reason = `a test, scan or quality job (name "${e.key}", stage "${stage}")`;
    const runs = runSetAnd(runSetAnd(workflow, included?.runs ?? ALWAYS), own);
    const relevant = tier === 'production' ? PRODUCTION_KINDS : PIPELINE_KINDS;
    const note = included && anyOf(included.runs, relevant) === 'maybe' && anyOf(runs, relevant) !== 'no'
      ? `(it runs only when ${e.keyLoc.file} is included: ${included.text}, which the files do not decide)`
      : undefined;
    const summary = { name: e.key, file: e.keyLoc.file, start: e.keyLoc.start, end: e.keyLoc.end, stage, ...(environmentName !== undefined ? { environment: environmentName } : {}) };
    jobKeys.set(`${e.keyLoc.file}\u0000${e.key}`, e.keyLoc);
    if (anyOf(runs) === 'no') {
      // No pipeline runs it (workflow: rules, its include's rules, its own rules): nothing to report as if it ran.
      ctx.jobs.push({ ...summary, role: 'other', reason: `never runs: ${neverWhy(workflow, included, own)}` });
      continue;
    }
    const inProduction = anyOf(runs, PRODUCTION_KINDS);
    if (tier === 'production' && inProduction === 'no') reason += ' (runs in no production pipeline, so it is not checked as one)';
    const job: GlJob = { name: e.key, keyLoc: e.keyLoc, raw: e.value, node, stage, stageIndex, scripts, tier, gate, reason, runs, productionEntries, variableCases: cases, variableLayers: layers, ...(note ? { note } : {}), ...(environmentName !== undefined ? { environment: environmentName } : {}) };
    jobs.push(job);
    ctx.jobs.push({ ...summary, role: tier === 'production' ? 'production-deploy' : tier === 'staging' ? 'staging-deploy' : gate ? 'gate' : 'other', reason: reason || 'no deploy or gate signal' });
  }

  for (const job of jobs) {
    if (job.tier === 'production' && anyOf(job.runs, PRODUCTION_KINDS) !== 'no') {
      allowFailure(ctx, job, 'deploy-allow-failure', 'This production deploy');
      triggerStrategy(ctx, job, 'deploy-allow-failure', 'This production deploy');
      gates(ctx, job, jobs);
      latestTag(ctx, job);
      approval(ctx, job);
    }
    if (job.tier) rebuild(ctx, job);
    if (job.gate) {
      allowFailure(ctx, job, 'gate-allow-failure', 'This gate');
      triggerStrategy(ctx, job, 'gate-allow-failure', 'This gate');
    }
    shallow(ctx, job);
  }
}

/** `../x`, `a/../../x`: a local include that names a file above the repository root. */
function climbsOutOfRoot(path: string): boolean {
  let depth = 0;
  for (const segment of path.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** A glob such as `ci/**.yml` as a regular expression over repository-relative paths (`**` any folders, `*` within one). */
function globRegExp(glob: string): RegExp {
  const norm = glob.replace(/^\.?\/+/, '');
  return new RegExp(`^${norm.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '(?:.*/)?')}$`);
}

/**
 * `exists:` is true when a matching file is among the files read (repository mode); otherwise it is not decided:
 * the engine sees the pipeline files, not the whole repository, so "no such file" is never concluded.
 */
function rulesContext(ctx: LintContext): RulesContext {
  return {
    exists: (globs) => {
      const all = ctx.listFiles?.();
      if (!all || globs.some((g) => /[{}]/.test(g))) return undefined;
      return globs.some((g) => { const re = globRegExp(g); return all.some((f) => re.test(f)); }) ? true : undefined;
    },
  };
}

function runSetOf(truth: (kind: PipelineKindName) => Tri): RunSet {
  const out = {} as Record<PipelineKindName, Tri>;
  for (const k of PIPELINE_KINDS) out[k] = truth(k);
  return out;
}

function neverWhy(workflow: RunSet, included: IncludeCondition | undefined, own: RunSet): string {
  if (anyOf(workflow) === 'no') return 'workflow: rules create no pipeline';
  if (included && anyOf(included.runs) === 'no') return `its include applies to no pipeline (${included.text})`;
  const kinds = PIPELINE_KINDS.filter((k) => workflow[k] !== 'no' && own[k] !== 'no');
  return kinds.length === 0 ? 'its rules: or only:/except: add it to no pipeline that workflow: rules create' : 'its conditions exclude each other';
}

/** Short text of `rules:` entries, for messages: `if: $X == "1"; exists: [Dockerfile]`. */
function rulesText(rules: LNode | undefined): string {
  const parts = listOf(rules).map((r) => (r.kind === 'map' ? r.entries.map((e) => `${e.key}: ${str(e.value) ?? (e.value.kind === 'seq' ? `[${e.value.items.map((i) => str(i) ?? '…').join(', ')}]` : '…')}`).join(', ') : '…'));
  const text = parts.join('; ');
  return `rules: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`;
}

// ---- spec: inputs ----

const INTERPOLATION = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*((?:\|[^\]]*)?)\]\]/g;

/** The inputs of a file: its `spec: inputs:` defaults, overridden by the values the include passes. */
function inputsOf(ctx: LintContext, file: string, given: LNode | undefined): Map<string, LNode> {
  const out = new Map<string, LNode>();
  const spec = get(get(ctx.header(file), 'spec'), 'inputs');
  if (spec?.kind === 'map') {
    for (const e of spec.entries) {
      const d = get(e.value, 'default');
      if (d !== undefined) out.set(e.key, d);
    }
  }
  if (given?.kind === 'map') for (const e of given.entries) out.set(e.key, e.value);
  return out;
}

function applyFunctions(value: string, functions: string): string {
  let out = value;
  for (const fn of functions.split('|').map((f) => f.trim()).filter(Boolean)) {
    const t = /^truncate\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(fn);
    if (t) out = out.slice(Number(t[1]), Number(t[1]) + Number(t[2]));
    // expand_vars and posix_escape change what the job sees at run time, not what this linter reads.
  }
  return out;
}

function interpolateText(text: string, inputs: ReadonlyMap<string, LNode>): string {
  return text.replace(INTERPOLATION, (whole, name: string, functions: string) => {
    const v = inputs.get(name);
    if (v === undefined) return whole; // no value, no default: GitLab refuses the include; left as written
    const s = v.kind === 'scalar' ? (v.value === null ? '' : String(v.value)) : JSON.stringify(plain(v));
    return applyFunctions(s, functions);
  });
}

function plain(node: LNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}

/**
 * `$[[ inputs.x ]]` replaced in keys and values. A value that is only the interpolation takes the input's type
 * (`allow_failure: $[[ inputs.allow_failure ]]` becomes a boolean), keeping the location of the text it replaces.
 */
function interpolate(node: LNode, inputs: ReadonlyMap<string, LNode>, depth = 0): LNode {
  if (depth > 64) return node;
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !node.value.includes('$[[')) return node;
    const whole = /^\s*\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]\s*$/.exec(node.value);
    const v = whole ? inputs.get(whole[1]!) : undefined;
    if (v?.kind === 'scalar') return { ...v, file: node.file, start: node.start, end: node.end };
    if (v) return v;
    return { ...node, value: interpolateText(node.value, inputs) };
  }
  if (node.kind === 'seq') return { ...node, items: node.items.map((i) => interpolate(i, inputs, depth + 1)) };
  return { ...node, entries: node.entries.map((e) => ({ key: e.key.includes('$[[') ? interpolateText(e.key, inputs) : e.key, keyLoc: e.keyLoc, value: interpolate(e.value, inputs, depth + 1) })) };
}

function withIncludes(ctx: LintContext, file: string, map: LMap, visited: Set<string>, rc: RulesContext, conditions: Map<string, IncludeCondition>, condition: IncludeCondition | undefined): LMap {
  const includeEntry = entry(map, 'include');
  if (!includeEntry) return map;
  let base: LNode | undefined;
  const follow = (path: string, at: LNode, given: LNode | undefined, applies: IncludeCondition | undefined): void => {
    const norm = path.replace(/^\.?\/+/, '');
    if (/[*?[]/.test(norm)) {
      const all = ctx.listFiles?.();
      if (!all) {
        ctx.report('include-not-followed', at, `Local include "${path}" is a glob; it is read by the repository check, not as you type`);
        return;
      }
      const re = globRegExp(norm);
      for (const p of all.filter((f) => re.test(f)).sort()) follow(p, at, given, applies);
      return;
    }
    if (climbsOutOfRoot(norm)) {
      ctx.report('include-not-followed', at, `Local include "${path}" is outside the repository; it is not read`);
      return;
    }
    if (visited.has(norm)) return;
    let node = ctx.parse(norm);
    if (node === undefined) {
      ctx.report('include-not-followed', at, `Local include "${path}" was not found`);
      return;
    }
    if (node?.kind !== 'map') return;
    visited.add(norm);
    if (applies) conditions.set(norm, applies);
    const inputs = inputsOf(ctx, norm, given);
    if (inputs.size > 0 && ctx.text(norm)?.includes('$[[')) node = interpolate(node, inputs) as LMap;
    base = deepMerge(base, withIncludes(ctx, norm, node, visited, rc, conditions, applies));
  };
  for (const item of listOf(includeEntry.value)) {
    const s = str(item);
    if (s !== undefined) {
      if (/^https?:\/\//i.test(s)) ctx.report('include-not-followed', item, `Remote include "${s}" is not read; its jobs are not checked`);
      else follow(s, item, undefined, condition);
      continue;
    }
    // An include's rules: (if, exists, changes) decide per kind of pipeline whether it is merged at all.
    const rules = get(item, 'rules');
    let applies = condition;
    if (rules !== undefined) {
      const own = runSetOf((k) => evaluateRules(rules, k, rc).runs);
      const runs = condition ? runSetAnd(condition.runs, own) : own;
      if (anyOf(runs) === 'no') continue; // never applies: not merged
      applies = { runs, text: condition ? `${condition.text}, and ${rulesText(rules)}` : rulesText(rules) };
    }
    const local = str(get(item, 'local'));
    if (local !== undefined) {
      follow(local, item, get(item, 'inputs'), applies);
      continue;
    }
    const kind = ['remote', 'project', 'template', 'component'].find((k) => get(item, k) !== undefined) ?? 'unknown';
    const what = str(get(item, kind)) ?? '';
    ctx.report('include-not-followed', item, `${kind[0]!.toUpperCase()}${kind.slice(1)} include${what ? ` "${what}"` : ''} is not read; its jobs are not checked`);
  }
  void file;
  const own = withEntries(map, map.entries.filter((e) => e.key !== 'include'));
  return deepMerge(base, own) as LMap;
}

function withDefaults(job: LMap, defaults: LNode | undefined, config: LMap): LMap {
  const inherit = get(get(job, 'inherit'), 'default');
  if (isFalse(inherit)) return job;
  const allowed = inherit?.kind === 'seq' ? new Set(inherit.items.map((i) => str(i))) : undefined;
  const entries: LEntry[] = [...job.entries];
  for (const key of DEFAULT_KEYS) {
    if (allowed && !allowed.has(key)) continue;
    if (entries.some((e) => e.key === key)) continue;
    const fromDefault = entry(defaults, key) ?? (LEGACY_GLOBAL_KEYS.includes(key) ? entry(config, key) : undefined);
    if (fromDefault) entries.push(fromDefault);
  }
  return withEntries(job, entries);
}

/** Literal values of the global and the job's `variables:` (a value that expands another is left out). */
function literalVariables(job: LMap, globalVariables: LNode | undefined): Map<string, string> {
  const variables = new Map<string, string>();
  const inherit = get(get(job, 'inherit'), 'variables');
  for (const source of [isFalse(inherit) ? undefined : globalVariables, get(job, 'variables')]) addLiteralVariables(variables, source);
  return variables;
}

/** Sets (or, for a value that expands another, forgets) each variable of a `variables:` map. */
function addLiteralVariables(variables: Map<string, string>, source: LNode | undefined): void {
  if (source?.kind !== 'map') return;
  for (const e of source.entries) {
    const value = e.value.kind === 'map' ? str(get(e.value, 'value')) : str(e.value);
    if (value !== undefined && !value.includes('$')) variables.set(e.key, value);
    else variables.delete(e.key);
  }
}

function scriptContext(ctx: LintContext, job: LMap, globalVariables: LNode | undefined): ScriptContext {
  const variables = literalVariables(job, globalVariables);
  const packageScripts = ctx.packageScripts();
  return { variables, ...(packageScripts ? { packageScripts } : {}) };
}

/** `$NAME` and `${NAME}` replaced by literal values; undefined when one of them is not known. */
const VARIABLE_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function expandVariables(text: string, variables: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const expanded = text.replace(VARIABLE_REFERENCE, (_match, braced?: string, bare?: string) => {
    const value = variables.get((braced ?? bare)!);
    if (value === undefined) unknown = true;
    return value ?? '';
  });
  return unknown ? undefined : expanded;
}

/**
 * A pipeline the job may run in, as far as `variables:` go: the workflow `rules:` entry that created it and the
 * job's `rules:` entry that added the job (undefined: none, or no `rules:`).
 */
interface VariableCase {
  readonly workflowEntry: number | undefined;
  readonly ruleEntry: number | undefined;
}

function byCase(a: VariableCase, b: VariableCase): number {
  return (a.ruleEntry ?? -1) - (b.ruleEntry ?? -1) || (a.workflowEntry ?? -1) - (b.workflowEntry ?? -1);
}

/**
 * The `variables:` maps of a case, lowest precedence first, as GitLab layers them: the file's (unless `inherit:
 * variables: false`), the workflow entry's (which override the file's), the job's, the job's rules: entry's.
 */
function variableLayers(job: LMap, globalVariables: LNode | undefined, workflowItems: readonly LNode[], ruleItems: readonly LNode[]): (c: VariableCase) => readonly (LNode | undefined)[] {
  const inherit = isFalse(get(get(job, 'inherit'), 'variables'));
  const jobVariables = get(job, 'variables');
  return (c) => [
    inherit ? undefined : globalVariables,
    inherit || c.workflowEntry === undefined ? undefined : get(workflowItems[c.workflowEntry], 'variables'),
    jobVariables,
    c.ruleEntry === undefined ? undefined : get(ruleItems[c.ruleEntry], 'variables'),
  ];
}

/** The highest-precedence entry for `name` among the layers, or undefined. */
function layeredEntry(layers: readonly (LNode | undefined)[], name: string): LEntry | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const found = entry(layers[i], name);
    if (found) return found;
  }
  return undefined;
}

/** The layer a variable of a case comes from, for the findings' text (the layers of variableLayers). */
function layerName(c: VariableCase, layer: number): string {
  if (layer === 3) return `rules: entry ${c.ruleEntry! + 1} sets it`;
  if (layer === 1) return `workflow: rules: entry ${c.workflowEntry! + 1} sets it`;
  return layer === 2 ? "the job's variables: set it" : 'the global variables: set it';
}

/**
 * The tier of an `environment:` name, with the variables GitLab expands in it: the file's, a workflow `rules:`
 * entry's, the job's and a job `rules:` entry's (`DEPLOY_ENV: production` under `if: $CI_COMMIT_TAG`), in each
 * case the job may run in. The highest tier any case gives wins; `entries` says which of the job's rules: entries
 * give it (undefined: the tier does not depend on them). A name with a variable no file sets keeps its text.
 */
function namedEnvironment(
  ctx: LintContext,
  name: string,
  cases: readonly VariableCase[],
  layers: (c: VariableCase) => readonly (LNode | undefined)[],
): { readonly name: string; readonly tier: 'production' | 'staging' | undefined; readonly setBy?: string; readonly entries?: ReadonlySet<number> } {
  if (!name.includes('$')) return { name, tier: ctx.cls.environmentTier(name) };
  const rank = (tier: 'production' | 'staging' | undefined): number => (tier === 'production' ? 2 : tier === 'staging' ? 1 : 0);
  const resolved: { readonly c: VariableCase; readonly name: string; readonly tier: 'production' | 'staging' | undefined; readonly origin: string }[] = [];
  for (const c of cases.length > 0 ? cases : [{ workflowEntry: undefined, ruleEntry: undefined }]) {
    const variables = new Map<string, string>();
    const layerOf = new Map<string, number>();
    layers(c).forEach((layer, index) => {
      addLiteralVariables(variables, layer);
      if (layer?.kind === 'map') for (const e of layer.entries) layerOf.set(e.key, index);
    });
    const expanded = expandVariables(name, variables);
    if (expanded === undefined) continue;
    const used = [...name.matchAll(VARIABLE_REFERENCE)].map((m) => layerOf.get((m[1] ?? m[2])!) ?? 0);
    resolved.push({ c, name: expanded, tier: ctx.cls.environmentTier(expanded), origin: layerName(c, Math.max(...used)) });
  }
  let best = resolved[0];
  for (const r of resolved) if (best && rank(r.tier) > rank(best.tier)) best = r;
  if (!best) return { name, tier: ctx.cls.environmentTier(name) };
  const chosen = best;
  const byRule = resolved.every((r) => r.c.ruleEntry !== undefined);
  const entries = byRule ? new Set(resolved.filter((r) => r.tier === chosen.tier).map((r) => r.c.ruleEntry!)) : undefined;
  return { name: chosen.name, tier: chosen.tier, setBy: `as ${chosen.origin}`, ...(entries ? { entries } : {}) };
}

function scriptLines(job: LMap, context: ScriptContext): ScriptLine[] {
  const out: ScriptLine[] = [];
  const walk = (node: LNode | undefined, depth: number): void => {
    if (!node || depth > 10) return;
    if (node.kind === 'seq') for (const item of node.items) walk(item, depth + 1);
    else if (node.kind === 'scalar' && node.value !== null) {
      const text = String(node.value);
      if (text.trim() !== '') out.push({ text, loc: node, commands: invocations(text, context) });
    }
  };
  for (const key of ['before_script', 'script', 'after_script']) walk(get(job, key), 0);
  return out;
}

function environmentOf(job: LMap): { name?: string; deploys: boolean } {
  const env = get(job, 'environment');
  if (!env) return { deploys: true };
  const name = env.kind === 'map' ? str(get(env, 'name')) : str(env);
  const action = str(get(env, 'action'));
  const deploys = action === undefined || action === 'start';
  return name !== undefined ? { name, deploys } : { deploys };
}

function truthyAllowFailure(node: LNode): boolean {
  return isTrue(node) || (node.kind === 'map' && get(node, 'exit_codes') !== undefined);
}

function jobRef(job: GlJob): { name: string; keyLoc: Loc; note?: string } {
  return { name: job.name, keyLoc: job.keyLoc, ...(job.note ? { note: job.note } : {}) };
}

/** The job's `rules:` entries that count: for a production deploy those that may decide in a production pipeline. */
function countedRules(job: GlJob, production: boolean): LNode[] {
  const items = listOf(get(job.node, 'rules'));
  return production ? items.filter((_, i) => job.productionEntries.has(i)) : [...items];
}

/** The first entry line inside the job as written, for inserting a new key there. */
function insertIntoJob(ctx: LintContext, job: GlJob, line: string): Fix[] {
  const first = job.raw.entries[0];
  if (!job.raw.block || !first || first.keyLoc.file !== job.keyLoc.file) return [];
  const indent = ctx.column(first.keyLoc.file, first.keyLoc.start);
  const edit = ctx.insertLineAfter(job.keyLoc.file, job.keyLoc.end, indent, line);
  return [{ title: `Add \`${line.split('\n')[0]}\` to ${job.name}`, edits: [edit], preferred: true }];
}

function setFalse(e: LEntry, title: string): Fix[] {
  return [{ title, edits: [{ start: e.value.start, end: e.value.end, newText: 'false' }], preferred: true }];
}

function allowFailure(ctx: LintContext, job: GlJob, rule: PipelineRuleId, what: string): void {
  const af = entry(job.node, 'allow_failure');
  const when = entry(job.node, 'when');
  const rules = get(job.node, 'rules');
  const production = rule === 'deploy-allow-failure';
  const addFix = insertIntoJob(ctx, job, 'allow_failure: false');
  const manualDefault = (when: LEntry): void => {
    const fix: Fix[] = job.raw.block && when.keyLoc.file === job.keyLoc.file
      ? [{ title: 'Add allow_failure: false', edits: [ctx.insertLineAfter(when.keyLoc.file, when.value.end, ctx.column(when.keyLoc.file, when.keyLoc.start), 'allow_failure: false')], preferred: true }]
      : [];
    ctx.report(rule, when.value, `${what} is made manual by a job-level when: manual, which GitLab runs with allow_failure: true unless set: the pipeline does not wait for it`, jobRef(job), fix, addFix);
  };
  const explicit = (e: LEntry, where: string): void => {
    ctx.report(rule, e.value, `${what} has allow_failure: ${e.value.kind === 'map' ? '{ exit_codes }' : 'true'}${where}: the pipeline passes when it fails`, jobRef(job), setFalse(e, 'Set allow_failure: false'), addFix);
  };
  if (rules?.kind === 'seq' && rules.items.length > 0) {
    // An entry's allow_failure wins; else the job's; else the default: false for an entry with its own
    // `when: manual`, but true when the entry takes the job-level `when: manual` (gitlab-org/gitlab#362225).
    let jobLevelReported = false;
    for (const r of countedRules(job, production)) {
      const rw = str(get(r, 'when'));
      if (rw === 'never') continue;
      const raf = entry(r, 'allow_failure');
      if (raf) {
        if (truthyAllowFailure(raf.value)) explicit(raf, ' in a rules: entry');
        continue;
      }
      if (jobLevelReported) continue;
      if (af) {
        if (truthyAllowFailure(af.value)) {
          jobLevelReported = true;
          explicit(af, '');
        }
      } else if (rw === undefined && when && str(when.value) === 'manual') {
        jobLevelReported = true;
        manualDefault(when);
      }
    }
    return;
  }
  if (af) {
    if (truthyAllowFailure(af.value)) explicit(af, '');
    return;
  }
  if (when && str(when.value) === 'manual') manualDefault(when);
}

/**
 * A trigger job (`trigger:` a child or another project's pipeline) succeeds as soon as GitLab creates the downstream
 * pipeline, whatever that pipeline's result, unless `strategy: depend` (or `mirror`, GitLab 18.2+) makes it wait
 * and take the downstream status. So a deploy or gate written as a trigger without it cannot fail the pipeline.
 */
function triggerStrategy(ctx: LintContext, job: GlJob, rule: PipelineRuleId, what: string): void {
  const trigger = entry(job.node, 'trigger');
  if (!trigger) return;
  const strategy = trigger.value.kind === 'map' ? entry(trigger.value, 'strategy') : undefined;
  const value = strategy ? str(strategy.value) : undefined;
  if (value === 'depend' || value === 'mirror') return;
  const at = strategy ? strategy.value : trigger.value.kind === 'map' ? trigger.keyLoc : trigger.value;
  const first = trigger.value.kind === 'map' ? trigger.value.entries[0] : undefined;
  let fixes: Fix[] = [];
  if (strategy && strategy.value.kind === 'scalar') {
    fixes = [{ title: 'Set strategy: depend', edits: [{ start: strategy.value.start, end: strategy.value.end, newText: 'depend' }], preferred: true }];
  } else if (!strategy && trigger.value.kind === 'map' && trigger.value.block && first && first.keyLoc.file === trigger.keyLoc.file) {
    const indent = ctx.column(first.keyLoc.file, first.keyLoc.start);
    fixes = [{ title: 'Add strategy: depend to the trigger', edits: [ctx.insertLineAfter(trigger.keyLoc.file, trigger.keyLoc.end, indent, 'strategy: depend')], preferred: true }];
  } else if (trigger.value.kind === 'scalar' && typeof trigger.value.value === 'string' && trigger.value.file === trigger.keyLoc.file) {
    // `trigger: group/project` (the short form) becomes the long form, which can hold the strategy.
    const text = ctx.text(trigger.keyLoc.file) ?? '';
    if (/^\s*:[ \t]*$/.test(text.slice(trigger.keyLoc.end, trigger.value.start))) {
      const eol = ctx.eol(trigger.keyLoc.file);
      const indent = ' '.repeat(ctx.column(trigger.keyLoc.file, trigger.keyLoc.start) + 2);
      const project = text.slice(trigger.value.start, trigger.value.end);
      fixes = [{ title: 'Add strategy: depend to the trigger', edits: [{ start: trigger.keyLoc.end, end: trigger.value.end, newText: `:${eol}${indent}project: ${project}${eol}${indent}strategy: depend` }], preferred: true }];
    }
  }
  const how = strategy ? `has trigger: strategy: ${value ?? 'an unknown value'}` : 'triggers a downstream pipeline without strategy: depend (or mirror)';
  ctx.report(rule, at, `${what} ${how}: the trigger job passes once the downstream pipeline is created, even when that pipeline fails`, jobRef(job), fixes);
}

function neededNames(needs: LNode): string[] {
  return listOf(needs)
    .map((n) => str(n) ?? (get(n, 'pipeline') || get(n, 'project') ? undefined : str(get(n, 'job'))))
    .filter((n): n is string => n !== undefined);
}

function gates(ctx: LintContext, job: GlJob, all: readonly GlJob[]): void {
  const always = [entry(job.node, 'when'), ...countedRules(job, true).map((r) => entry(r, 'when'))].find((w) => w && str(w.value) === 'always');
  if (always) {
    ctx.report('deploy-without-gates', always.value, 'This production deploy runs with when: always, even when the tests or scans failed', jobRef(job));
    return;
  }
  // Judged in each production pipeline the deploy may run in, with the jobs that may run there too.
  const problems: { kind: PipelineKindName; loc: Loc; message: string }[] = [];
  const kinds = PRODUCTION_KINDS.filter((k) => job.runs[k] !== 'no');
  for (const kind of kinds) {
    const problem = gateProblem(job, all.filter((j) => j.runs[kind] !== 'no'));
    if (problem) problems.push({ kind, ...problem });
  }
  const first = problems[0];
  if (!first) return;
  const same = problems.length === kinds.length && problems.every((p) => p.message === first.message);
  const where = same ? '' : ` (in ${problems.map((p) => KIND_LABEL[p.kind]).join(' and ')} pipelines)`;
  ctx.report('deploy-without-gates', first.loc, `${first.message}${where}`, jobRef(job));
}

function gateProblem(job: GlJob, jobs: readonly GlJob[]): { loc: Loc; message: string } | undefined {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const required = jobs.filter((j) => j.gate && j.stageIndex < job.stageIndex);
  const needs = entry(job.node, 'needs');
  if (!needs) {
    if (required.length === 0) return { loc: job.keyLoc, message: `No test or scan job runs in a stage before "${job.stage}": this production deploy is not gated` };
    return undefined;
  }
  // The closure of what the deploy waits for: needs are followed; a job without needs waits for all earlier stages.
  const closure = new Set<string>();
  const visit = (name: string): void => {
    if (closure.has(name)) return;
    closure.add(name);
    const j = byName.get(name);
    if (!j) return;
    const n = get(j.node, 'needs');
    if (n) for (const x of neededNames(n)) visit(x);
    else for (const k of jobs) if (k.stageIndex < j.stageIndex) visit(k.name);
  };
  for (const n of neededNames(needs.value)) visit(n);
  const waited = jobs.filter((j) => j.gate && closure.has(j.name));
  const missing = required.filter((j) => !closure.has(j.name));
  if (waited.length === 0) return { loc: needs.value, message: 'needs: makes this production deploy start without waiting for any test or scan job' };
  if (missing.length > 0) return { loc: needs.value, message: `needs: lets this production deploy start before ${missing.map((m) => `"${m.name}"`).join(', ')} finish${missing.length === 1 ? 'es' : ''}` };
  return undefined;
}

function latestTag(ctx: LintContext, job: GlJob): void {
  const image = get(job.node, 'image');
  const imageNode = image?.kind === 'map' ? get(image, 'name') : image;
  const ref = str(imageNode);
  if (imageNode && ref !== undefined && untagged(ref)) {
    ctx.report('deploy-latest-tag', imageNode, `This production deploy runs in image "${ref}" with ${/:latest$/i.test(ref) ? 'the latest tag' : 'no tag'}`, jobRef(job));
  }
  for (const line of job.scripts) {
    for (const bad of line.commands.flatMap((c) => latestImages(c, untagged))) {
      ctx.report('deploy-latest-tag', ctx.withinScript(line.loc, line.text, bad.word.start, bad.word.end), `This production deploy uses "${bad.text}": ${/latest/i.test(bad.text) ? 'the latest tag' : 'no tag'}`, jobRef(job));
    }
  }
}

function rebuild(ctx: LintContext, job: GlJob): void {
  for (const line of job.scripts) {
    for (const command of line.commands) {
      const end = buildEnd(command);
      if (end === undefined) continue;
      const what = line.text.slice(command.start, end);
      ctx.report('rebuild-per-environment', ctx.withinScript(line.loc, line.text, command.start, end), `This ${job.tier} deploy builds again ("${what}") instead of promoting the artifact that was tested`, jobRef(job));
    }
  }
}

function approval(ctx: LintContext, job: GlJob): void {
  const manual = str(get(job.node, 'when')) === 'manual' || countedRules(job, true).some((r) => str(get(r, 'when')) === 'manual');
  if (!manual) ctx.report('deploy-without-approval', job.keyLoc, 'This production deploy has no manual gate (when: manual with allow_failure: false); approvals may still come from a protected environment', jobRef(job));
}

function shallow(ctx: LintContext, job: GlJob): void {
  let unshallowed = false;
  const found: { use: ReleaseToolUse; loc: Loc }[] = [];
  // A job image whose entrypoint is the tool runs it (`image: orhunp/git-cliff`).
  const image = get(job.node, 'image');
  const imageNode = image?.kind === 'map' ? get(image, 'name') : image;
  const imageTool = toolOfImage(str(imageNode) ?? '');
  // GitLab runs the script in the image's shell, not its entrypoint: the tool runs only if the script runs it,
  // which scripts below may show for certain; the image alone is a strong hint, so a warning.
  if (imageNode && imageTool) {
    const uncertain = `the job runs in the ${imageTool} image, but GitLab runs the script, not the image's entrypoint, and no command of the script visibly runs ${imageTool}`;
    found.push({ use: { match: str(imageNode)!, start: 0, end: 0, tool: imageTool, selfDeepening: false, uncertain }, loc: imageNode });
  }
  for (const line of job.scripts) {
    for (const command of line.commands) {
      if (isUnshallow(command)) unshallowed = true;
      const use = unshallowed ? undefined : releaseToolOf(command, line.text);
      if (use) found.push({ use, loc: ctx.withinScript(line.loc, line.text, use.start, use.end) });
    }
  }
  // One finding per job: the first certain error, else the first warning.
  const chosen = found.find((f) => !f.use.selfDeepening && f.use.uncertain === undefined) ?? found[0];
  if (!chosen) return;
  const match = chosen.use.match;
  const selfDeepening = chosen.use.selfDeepening;
  const uncertain = chosen.use.uncertain;
  const via = chosen.use.viaScript !== undefined ? ` (a package script that runs ${chosen.use.tool})` : '';
  const own = entry(get(job.node, 'variables'), 'GIT_DEPTH');
  // Each pipeline the job may run in layers its own variables: the file's, a workflow rules: entry's, the job's,
  // a rules: entry's. The job is shallow where one of them leaves GIT_DEPTH other than "0" (and fetches at all).
  const cases: readonly VariableCase[] = job.variableCases.length > 0 ? job.variableCases : [{ workflowEntry: undefined, ruleEntry: undefined }];
  const shallowIn = cases.map((c) => {
    const layers = job.variableLayers(c);
    return str(layeredEntry(layers, 'GIT_STRATEGY')?.value) !== 'none' && depthValue(layeredEntry(layers, 'GIT_DEPTH')) !== '0';
  });
  const shallowAt = shallowIn.indexOf(true);
  if (shallowAt === -1) return;
  const shallowCase = cases[shallowAt]!;
  const layers = job.variableLayers(shallowCase);
  const depth = layeredEntry(layers, 'GIT_DEPTH');
  // The rules: entry's own value (the last layer), which only an edit in place changes.
  const ruleDepth = depth !== undefined && depth === entry(layers[layers.length - 1], 'GIT_DEPTH') && shallowCase.ruleEntry !== undefined ? depth : undefined;
  const someCaseDeep = shallowIn.includes(false);
  const value = depthValue(depth);
  const consequence = uncertain !== undefined
    ? `it may run ${chosen.use.tool}, not certain because ${uncertain}; if it does, it sees no earlier tags or commits`
    : selfDeepening
      ? "it deepens the clone itself, which fails when the job's credentials cannot fetch from the remote"
      : 'it sees no earlier tags or commits';
  const severity = selfDeepening || uncertain !== undefined ? 'warning' : undefined;
  const rawVars = entry(job.raw, 'variables');
  let keyFix: Fix[];
  if (rawVars?.value.kind === 'map' && rawVars.value.block && rawVars.value.entries[0] && rawVars.keyLoc.file === job.keyLoc.file) {
    const first = rawVars.value.entries[0];
    keyFix = [{ title: 'Set GIT_DEPTH: "0" on the job', edits: [ctx.insertLineAfter(first.keyLoc.file, rawVars.keyLoc.end, ctx.column(first.keyLoc.file, first.keyLoc.start), 'GIT_DEPTH: "0"')], preferred: true }];
  } else if (rawVars) {
    // `variables: "1"`, a flow map or an empty key: inserting another `variables:` would be a duplicate key that
    // changes nothing, so no fix is offered.
    keyFix = [];
  } else keyFix = insertIntoJob(ctx, job, 'variables:\n  GIT_DEPTH: "0"');
  // Where only some rules: entries set GIT_DEPTH: "0", say which pipelines stay shallow.
  const decider = shallowCase.ruleEntry !== undefined ? `rules: entry ${shallowCase.ruleEntry + 1}` : shallowCase.workflowEntry !== undefined ? `workflow: rules: entry ${shallowCase.workflowEntry + 1}` : undefined;
  const where = someCaseDeep && decider !== undefined ? ` where ${decider} decides` : '';
  if (depth && value !== undefined && depth.value.kind === 'scalar') {
    const inPlace = depth === own || depth === ruleDepth;
    const fixes: Fix[] = inPlace ? [{ title: 'Set GIT_DEPTH to "0"', edits: [{ start: depth.value.start, end: depth.value.end, newText: '"0"' }], preferred: true }] : keyFix;
    const loc = inPlace ? depth.value : chosen.loc;
    // A rule's own GIT_DEPTH overrides the job's: only changing it in place helps.
    const alternatives = depth === ruleDepth ? fixes : keyFix;
    ctx.report('shallow-clone-release', loc, `"${match}"${via} runs on a shallow clone${where} (GIT_DEPTH: ${value}): ${consequence}; set GIT_DEPTH: "0"`, jobRef(job), fixes, alternatives, severity);
    return;
  }
  ctx.report('shallow-clone-release', chosen.loc, `"${match}"${via} runs on a shallow clone${where} (GIT_DEPTH is unset, so GitLab fetches 20 commits): ${consequence}; set GIT_DEPTH: "0" on the job`, jobRef(job), keyFix, keyFix, severity);
}

/** The value a `GIT_DEPTH` entry sets (its `value:` in the long form); undefined when unset or not a string. */
function depthValue(depth: LEntry | undefined): string | undefined {
  return depth ? (depth.value.kind === 'map' ? str(get(depth.value, 'value')) : str(depth.value)) : undefined;
}
