// GitLab conditions read statically: `rules:` (job, `workflow:`, `include:`), `only:`/`except:` and `rules:if`
// expressions, evaluated for each kind of pipeline with three-valued logic. What only the running pipeline knows
// (the default branch's name, a tag's name, CI/CD variables set in the project, changed files) is "maybe", and a
// "maybe" always counts as "may run": a condition the linter cannot decide never hides a finding.
import { get, listOf, str, type LNode } from './yamlTree';

/** Three-valued truth: the condition holds, does not hold, or cannot be decided from the files. */
export type Tri = 'yes' | 'no' | 'maybe';

/** The pipelines modelled. `default`, `tag` and `schedule` (on the default branch) are production pipelines. */
export type PipelineKindName = 'default' | 'tag' | 'schedule' | 'branch' | 'mr';
export const PIPELINE_KINDS: readonly PipelineKindName[] = ['default', 'tag', 'schedule', 'branch', 'mr'];
export const PRODUCTION_KINDS: readonly PipelineKindName[] = ['default', 'tag', 'schedule'];
export const KIND_LABEL: Record<PipelineKindName, string> = {
  default: 'default-branch',
  tag: 'tag',
  schedule: 'scheduled',
  branch: 'other-branch',
  mr: 'merge request',
};

/** Where a job (or include) may run: one truth per pipeline kind. */
export type RunSet = Readonly<Record<PipelineKindName, Tri>>;
export const ALWAYS: RunSet = { default: 'yes', tag: 'yes', schedule: 'yes', branch: 'yes', mr: 'yes' };

/**
 * A variable's value in one kind of pipeline: unset; one of some literal strings; a symbol (a value unknown here
 * but equal to every other use of the same symbol, e.g. the default branch's name); or anything (set or not).
 */
type Value = { readonly t: 'null' } | { readonly t: 'oneOf'; readonly values: readonly string[] } | { readonly t: 'sym'; readonly sym: string } | { readonly t: 'any' };

const NULL: Value = { t: 'null' };
const ANY: Value = { t: 'any' };
const sym = (s: string): Value => ({ t: 'sym', sym: s });
const oneOf = (...values: string[]): Value => ({ t: 'oneOf', values });
/** Sources of a pipeline on a ref that is not a merge request's or a schedule's. */
const REF_SOURCES = oneOf('push', 'web', 'api', 'trigger', 'pipeline', 'parent_pipeline', 'chat', 'external', 'webide');

interface Scenario {
  readonly kind: PipelineKindName;
  readonly vars: Readonly<Record<string, Value>>;
}

const COMMON: Record<string, Value> = { CI: oneOf('true'), GITLAB_CI: oneOf('true'), CI_DEFAULT_BRANCH: sym('default') };
const NO_MR: Record<string, Value> = {
  CI_MERGE_REQUEST_ID: NULL,
  CI_MERGE_REQUEST_IID: NULL,
  CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: NULL,
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: NULL,
  CI_MERGE_REQUEST_EVENT_TYPE: NULL,
  CI_MERGE_REQUEST_LABELS: NULL,
  CI_MERGE_REQUEST_TITLE: NULL,
  CI_EXTERNAL_PULL_REQUEST_IID: NULL,
};

export const SCENARIOS: Readonly<Record<PipelineKindName, Scenario>> = {
  default: { kind: 'default', vars: { ...COMMON, ...NO_MR, CI_PIPELINE_SOURCE: REF_SOURCES, CI_COMMIT_BRANCH: sym('default'), CI_COMMIT_REF_NAME: sym('default'), CI_COMMIT_TAG: NULL, CI_COMMIT_REF_PROTECTED: ANY } },
  tag: { kind: 'tag', vars: { ...COMMON, ...NO_MR, CI_PIPELINE_SOURCE: REF_SOURCES, CI_COMMIT_BRANCH: NULL, CI_COMMIT_TAG: sym('tag'), CI_COMMIT_REF_NAME: sym('tag'), CI_OPEN_MERGE_REQUESTS: NULL, CI_COMMIT_REF_PROTECTED: ANY } },
  schedule: { kind: 'schedule', vars: { ...COMMON, ...NO_MR, CI_PIPELINE_SOURCE: oneOf('schedule'), CI_COMMIT_BRANCH: sym('default'), CI_COMMIT_REF_NAME: sym('default'), CI_COMMIT_TAG: NULL, CI_COMMIT_REF_PROTECTED: ANY } },
  branch: { kind: 'branch', vars: { ...COMMON, ...NO_MR, CI_PIPELINE_SOURCE: REF_SOURCES, CI_COMMIT_BRANCH: sym('branch'), CI_COMMIT_REF_NAME: sym('branch'), CI_COMMIT_TAG: NULL } },
  mr: {
    kind: 'mr',
    vars: { ...COMMON, CI_PIPELINE_SOURCE: oneOf('merge_request_event'), CI_COMMIT_BRANCH: NULL, CI_COMMIT_TAG: NULL, CI_COMMIT_REF_NAME: sym('branch'), CI_MERGE_REQUEST_ID: sym('mr'), CI_MERGE_REQUEST_IID: sym('mr'), CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: sym('branch'), CI_MERGE_REQUEST_TARGET_BRANCH_NAME: ANY, CI_MERGE_REQUEST_EVENT_TYPE: ANY },
  },
};

// ---- three-valued logic ----

export function not(a: Tri): Tri {
  return a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe';
}
export function and(a: Tri, b: Tri): Tri {
  return a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe';
}
export function or(a: Tri, b: Tri): Tri {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'maybe';
}
function all(values: readonly Tri[]): Tri {
  return values.reduce<Tri>(and, 'yes');
}
function any(values: readonly Tri[]): Tri {
  return values.reduce<Tri>(or, 'no');
}

export function runSetAnd(a: RunSet, b: RunSet): RunSet {
  const out = {} as Record<PipelineKindName, Tri>;
  for (const k of PIPELINE_KINDS) out[k] = and(a[k], b[k]);
  return out;
}

/** The best truth over some kinds: yes when one surely runs, no when none can. */
export function anyOf(set: RunSet, kinds: readonly PipelineKindName[] = PIPELINE_KINDS): Tri {
  return any(kinds.map((k) => set[k]));
}

// ---- rules:if expressions ----

type Token = { t: 'var'; name: string } | { t: 'str'; value: string } | { t: 're'; source: string; flags: string } | { t: 'null' } | { t: 'op'; op: string } | { t: '(' } | { t: ')' };

const VAR = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/y;
const OP = /==|!=|=~|!~|&&|\|\|/y;
const NULL_WORD = /null\b/y;
/** Parentheses deeper than this are not read (the expression is then not decided), so the stack stays small. */
const MAX_NESTING = 64;

/** Sticky matches at `at` (no slicing: an expression of thousands of tokens stays linear). */
function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = stickyAt(VAR, text, i))) {
      out.push({ t: 'var', name: m[1]! });
      i += m[0].length;
    } else if ((m = stickyAt(OP, text, i))) {
      out.push({ t: 'op', op: m[0] });
      i += 2;
    } else if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end === -1) return undefined;
      out.push({ t: 'str', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '/') {
      // A regex literal: up to the next unescaped slash, then flags.
      let j = i + 1;
      while (j < text.length && text[j] !== '/') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      let k = j + 1;
      while (k < text.length && /[a-z]/.test(text[k]!)) k++;
      out.push({ t: 're', source: text.slice(i + 1, j), flags: text.slice(j + 1, k) });
      i = k;
    } else if ((m = stickyAt(NULL_WORD, text, i))) {
      out.push({ t: 'null' });
      i += 4;
    } else return undefined;
  }
  return out;
}

type Operand = { readonly v: Value } | { readonly re: RegExp | undefined };

/** Results by kind and expression: configurations repeat the same few conditions over hundreds of jobs. */
const evaluated = new Map<string, Tri>();
const MAX_CACHED = 10_000;

/** Evaluates a `rules:if` / `only: variables:` expression in one kind of pipeline. Unreadable text is "maybe". */
export function evaluateIf(expression: string, kind: PipelineKindName): Tri {
  const key = `${kind}\u0000${expression}`;
  const cached = evaluated.get(key);
  if (cached !== undefined) return cached;
  const result = evaluateUncached(expression, kind);
  if (evaluated.size >= MAX_CACHED) evaluated.clear();
  evaluated.set(key, result);
  return result;
}

function evaluateUncached(expression: string, kind: PipelineKindName): Tri {
  const tokens = tokenize(expression);
  if (!tokens || tokens.length === 0) return 'maybe';
  const vars = SCENARIOS[kind].vars;
  let p = 0;
  let broken = false;
  const operand = (): Operand | undefined => {
    const tk = tokens[p++];
    if (!tk) return undefined;
    if (tk.t === 'var') return { v: vars[tk.name] ?? ANY };
    if (tk.t === 'str') return { v: oneOf(tk.value) };
    if (tk.t === 'null') return { v: NULL };
    if (tk.t === 're') {
      try {
        // GitLab uses RE2; the common syntax is JavaScript's too. A pattern JavaScript cannot read is "maybe".
        return { re: new RegExp(tk.source, tk.flags.replace(/[^imsu]/g, '')) };
      } catch {
        return { re: undefined };
      }
    }
    return undefined;
  };
  let nesting = 0;
  const primary = (): Tri => {
    const tk = tokens[p];
    if (tk?.t === '(') {
      if (++nesting > MAX_NESTING) {
        broken = true;
        p = tokens.length;
        return 'maybe';
      }
      p++;
      const r = disjunction();
      if (tokens[p]?.t !== ')') broken = true;
      p++;
      nesting--;
      return r;
    }
    const left = operand();
    if (!left || !('v' in left)) {
      broken = true;
      return 'maybe';
    }
    const op = tokens[p];
    if (op?.t === 'op' && ['==', '!=', '=~', '!~'].includes(op.op)) {
      p++;
      const right = operand();
      if (!right) {
        broken = true;
        return 'maybe';
      }
      if (op.op === '==' || op.op === '!=') {
        const r = 'v' in right ? equals(left.v, right.v) : 'maybe';
        return op.op === '==' ? r : not(r);
      }
      // `=~ $VAR` holds a pattern only the running pipeline knows.
      const r = 're' in right ? matches(left.v, right.re) : 'maybe';
      return op.op === '=~' ? r : not(r);
    }
    return truthy(left.v);
  };
  const conjunction = (): Tri => {
    let r = primary();
    while (tokens[p]?.t === 'op' && (tokens[p] as { op: string }).op === '&&') {
      p++;
      r = and(r, primary());
    }
    return r;
  };
  const disjunction = (): Tri => {
    let r = conjunction();
    while (tokens[p]?.t === 'op' && (tokens[p] as { op: string }).op === '||') {
      p++;
      r = or(r, conjunction());
    }
    return r;
  };
  const result = disjunction();
  return broken || p !== tokens.length ? 'maybe' : result;
}

function truthy(v: Value): Tri {
  if (v.t === 'null') return 'no';
  if (v.t === 'sym') return 'yes';
  if (v.t === 'oneOf') return all(v.values.map((s) => (s !== '' ? 'yes' : 'no'))) === 'yes' ? 'yes' : v.values.every((s) => s === '') ? 'no' : 'maybe';
  return 'maybe';
}

function equals(a: Value, b: Value): Tri {
  if (a.t === 'any' || b.t === 'any') return 'maybe';
  if (a.t === 'null' || b.t === 'null') return a.t === b.t ? 'yes' : 'no';
  if (a.t === 'sym' && b.t === 'sym') {
    if (a.sym === b.sym) return 'yes';
    // A branch that is not the default one is, by definition, not named like it.
    return (a.sym === 'default' && b.sym === 'branch') || (a.sym === 'branch' && b.sym === 'default') ? 'no' : 'maybe';
  }
  if (a.t === 'sym' || b.t === 'sym') return 'maybe'; // the default branch may well be called "main"
  const hits = a.values.flatMap((x) => b.values.map((y) => x === y));
  return hits.every(Boolean) ? 'yes' : hits.some(Boolean) ? 'maybe' : 'no';
}

function matches(v: Value, re: RegExp | undefined): Tri {
  if (v.t === 'null') return 'no';
  if (!re || v.t !== 'oneOf') return 'maybe';
  const hits = v.values.map((s) => re.test(s));
  return hits.every(Boolean) ? 'yes' : hits.some(Boolean) ? 'maybe' : 'no';
}

// ---- rules: ----

export interface RulesContext {
  /** Whether a file matching one of the `exists:` globs is in the repository; undefined when the files are not known. */
  readonly exists?: (globs: readonly string[]) => boolean | undefined;
}

export interface RulesOutcome {
  /** Whether the rules add the job (or include the file, or create the pipeline). */
  readonly runs: Tri;
  /** Indices of the entries that may decide, with a `when:` other than `never`. */
  readonly entries: readonly number[];
}

function clause(rule: LNode, kind: PipelineKindName, rc: RulesContext): Tri {
  if (rule.kind !== 'map') return 'maybe';
  let r: Tri = 'yes';
  for (const e of rule.entries) {
    if (e.key === 'if') {
      const text = str(e.value);
      r = and(r, text === undefined ? 'maybe' : evaluateIf(text, kind));
    } else if (e.key === 'exists') {
      const globs = listOf(e.value.kind === 'map' ? get(e.value, 'paths') : e.value).map((n) => str(n)).filter((s): s is string => s !== undefined);
      const found = globs.some((g) => g.includes('$')) ? undefined : rc.exists?.(globs);
      r = and(r, found === undefined ? 'maybe' : found ? 'yes' : 'no');
    } else if (e.key === 'changes') {
      // Which files a push changed is known only when it happens (a tag or a schedule compares nothing and GitLab
      // then takes `changes` as true, but a linter gains nothing from that distinction).
      r = and(r, 'maybe');
    }
  }
  return r;
}

/** GitLab's `rules:`: the first entry whose clauses all hold decides; no entry holds → not added. */
export function evaluateRules(rules: LNode | undefined, kind: PipelineKindName, rc: RulesContext, defaultWhen = 'on_success'): RulesOutcome {
  // `rules: []` or a value that is not a list (an unresolved !reference): not decided here.
  if (rules?.kind !== 'seq' || rules.items.length === 0) return { runs: 'maybe', entries: [] };
  const items = rules.items;
  const entries: number[] = [];
  let reachable: Tri = 'yes'; // no earlier entry decided
  let someAdds = false;
  let someSkips = false;
  for (let i = 0; i < items.length && reachable !== 'no'; i++) {
    const item = items[i]!;
    const holds = clause(item, kind, rc);
    if (and(reachable, holds) === 'no') continue;
    const when = str(get(item, 'when')) ?? defaultWhen;
    if (when === 'never') someSkips = true;
    else {
      someAdds = true;
      entries.push(i);
    }
    reachable = and(reachable, not(holds));
  }
  if (reachable !== 'no') someSkips = true; // no entry holds: not added
  return { runs: !someAdds ? 'no' : someSkips ? 'maybe' : 'yes', entries };
}

// ---- only: / except: ----

const SOURCE_KEYWORDS: Record<string, string> = {
  api: 'api',
  chat: 'chat',
  external: 'external',
  external_pull_requests: 'external_pull_request_event',
  pipelines: 'pipeline',
  pushes: 'push',
  schedules: 'schedule',
  triggers: 'trigger',
  web: 'web',
};

function refMatches(ref: string, kind: PipelineKindName): Tri {
  if (kind === 'mr') return ref === 'merge_requests' ? 'yes' : 'no'; // merge request pipelines take only these jobs
  if (ref === 'merge_requests') return 'no';
  if (ref === 'branches') return kind === 'tag' ? 'no' : 'yes';
  if (ref === 'tags') return kind === 'tag' ? 'yes' : 'no';
  const source = SOURCE_KEYWORDS[ref];
  if (source !== undefined) return equals(SCENARIOS[kind].vars.CI_PIPELINE_SOURCE!, oneOf(source));
  if (ref.includes('@')) return 'maybe'; // `main@group/project`: whether this is that project is not in the files
  const m = /^\/(.*)\/([a-z]*)$/s.exec(ref);
  if (m) {
    try {
      new RegExp(m[1]!, m[2]!.replace(/[^imsu]/g, ''));
    } catch {
      return 'maybe';
    }
  }
  // A branch or tag name, or a pattern: the names of the default branch and of the tags are not in the files.
  return 'maybe';
}

/**
 * `only:` and `except:` of a job without `rules:`. Without `only:` a job has GitLab's default `only: [branches,
 * tags]`, which is why a job without conditions does not run in merge request pipelines.
 */
export function evaluateOnlyExcept(job: LNode, kind: PipelineKindName): Tri {
  const only = get(job, 'only');
  const except = get(job, 'except');
  const keys = (node: LNode): Tri[] => {
    if (node.kind !== 'map') return [any(listOf(node).map((r) => refMatches(str(r) ?? '', kind)))];
    const out: Tri[] = [];
    for (const e of node.entries) {
      if (e.key === 'refs') out.push(any(listOf(e.value).map((r) => refMatches(str(r) ?? '', kind))));
      else if (e.key === 'variables') out.push(any(listOf(e.value).map((v) => { const s = str(v); return s === undefined ? 'maybe' : evaluateIf(s, kind); })));
      else if (e.key === 'changes' || e.key === 'kubernetes') out.push('maybe');
    }
    return out;
  };
  // only: every key has a condition that holds; except: any key has one (as GitLab evaluates them).
  const included = only === undefined || (only.kind === 'scalar' && only.value === null) ? any(['branches', 'tags'].map((r) => refMatches(r, kind))) : all(keys(only));
  const excluded = except === undefined || (except.kind === 'scalar' && except.value === null) ? 'no' : any(keys(except));
  return and(included, not(excluded));
}
