// GitHub Actions: .github/workflows/*.yml with local reusable workflows, jobs, steps, needs:, environment:,
// if:, continue-on-error:, actions/checkout with fetch-depth; then the rules of issue 6 over its jobs.
import type { Fix, Severity } from '../findings';
import type { JobRef, LintContext } from './context';
import { invocations, toolOfImage, type Invocation, type ScriptContext } from './commands';
import { BUILD_ACTION_RE, untagged } from './rules';
import { buildEnd, isDeployCommand, isTestCommand, isUnshallow, latestImages, RELEASE_ACTION_RE, releaseToolOf, SELF_DEEPENING_ACTION_RE, type ReleaseToolUse } from './scripts';
import type { PipelineRuleId } from './types';
import { entry, get, isFalse, listOf, str, type LEntry, type LMap, type LNode, type Loc } from './yamlTree';

/** A step's `run:` text, where it is, and the commands it runs. */
interface Script {
  readonly text: string;
  readonly loc: Loc;
  readonly commands: readonly Invocation[];
}

/** A step that comes from a local composite action: the workflow step that calls it (outermost), and the action. */
interface CallSite {
  /** The calling step's `uses:` value, in the job's own file: where findings of the action's steps are reported. */
  readonly uses: LNode;
  /** The `action.yml` (or `action.yaml`) the step comes from. */
  readonly action: string;
}

interface GhJob {
  readonly id: string;
  readonly keyLoc: Loc;
  readonly node: LMap;
  /** The job's steps, with the steps of the local composite actions it calls in place after the calling step. */
  readonly steps: readonly LMap[];
  /** For each step, where it comes from when it is a step of a local composite action. */
  readonly sites: readonly (CallSite | undefined)[];
  /** For each step, the index after the last step of the composite action it calls (its own index + 1 otherwise). */
  readonly spans: readonly number[];
  /** The `run:` script of each step (undefined for `uses:` steps), in step order. */
  readonly scripts: readonly (Script | undefined)[];
  readonly tier: 'production' | 'staging' | undefined;
  readonly gate: boolean;
  readonly reason: string;
  readonly environment?: string;
  readonly calls?: string;
}

const DEPLOY_STEP_RE = /\b(?:deploy|kubectl|helm|terraform\s+apply|rollout|aws\s|gcloud|az\s|flyctl|vercel|netlify|heroku|cf\s+push|serverless|sam\s+deploy)\b/i;

/** Whether `continue-on-error` can be true: `true`, or an expression other than a literal false. */
function canBeTrue(node: LNode): boolean {
  if (isFalse(node)) return false;
  const s = str(node);
  if (s === undefined) return false;
  if (/^true$/i.test(s)) return true;
  if (s.includes('${{')) return !/^\$\{\{\s*false\s*\}\}$/i.test(s.trim());
  return false;
}

/** Literal `env:` values (an expression is known only at run time). */
function envOf(node: LNode | undefined, into: Map<string, string>): Map<string, string> {
  const env = get(node, 'env');
  if (env?.kind === 'map') {
    for (const e of env.entries) {
      const v = str(e.value);
      if (v !== undefined && !v.includes('${{')) into.set(e.key, v);
      else into.delete(e.key);
    }
  }
  return into;
}

function workingDirectory(node: LNode | undefined): string | undefined {
  return str(get(get(get(node, 'defaults'), 'run'), 'working-directory'));
}

/** The step's script and what it runs; package.json scripts only apply in the repository root. */
function scriptOf(ctx: LintContext, step: LMap, jobEnv: ReadonlyMap<string, string>, jobDirectory: string | undefined): Script | undefined {
  const run = get(step, 'run');
  const text = str(run);
  if (!run || text === undefined || !isShellStep(step)) return undefined;
  const directory = str(get(step, 'working-directory')) ?? jobDirectory;
  const inRoot = directory === undefined || /^\.?\/?$/.test(directory.trim());
  const packageScripts = inRoot ? ctx.packageScripts() : undefined;
  const context: ScriptContext = { variables: envOf(step, new Map(jobEnv)), ...(packageScripts ? { packageScripts } : {}) };
  return { text, loc: run, commands: invocations(text, context) };
}

/** `shell: python` (or node, perl, ruby): the run text is a program of that language, not commands. */
function isShellStep(step: LMap): boolean {
  const shell = str(get(step, 'shell'));
  return shell === undefined || !/^(?:python|node|perl|ruby)\b/.test(shell.trim());
}

function stepCommands(ctx: LintContext, step: LMap): Invocation[] {
  const text = str(get(step, 'run'));
  if (text === undefined || !isShellStep(step)) return [];
  const packageScripts = ctx.packageScripts();
  return invocations(text, packageScripts ? { packageScripts } : {});
}

const MAX_ACTION_DEPTH = 5;

/** `./.github/actions/x` (a step's `uses:`): the local action folder, or undefined for any other action. */
function localActionFolder(uses: string | undefined): string | undefined {
  if (uses === undefined || !uses.startsWith('./') || /\.ya?ml(?:@|$)/.test(uses)) return undefined;
  return uses.replace(/@.*$/, '').replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/** The `action.yml` / `action.yaml` of a local action folder that exists (in that order), and its parsed root. */
function readAction(ctx: LintContext, folder: string): { file: string; root: LNode | null } | undefined {
  for (const name of ['action.yml', 'action.yaml']) {
    const file = folder === '' ? name : `${folder}/${name}`;
    const root = ctx.parse(file);
    if (root !== undefined) return { file, root };
  }
  return undefined;
}

/**
 * The job's steps with the steps of each local composite action (`uses: ./.github/actions/x`) after the step that
 * calls it, several levels deep; a missing action is reported, a JavaScript or Docker action has no steps to read.
 */
function expandSteps(ctx: LintContext, steps: readonly LMap[], ref: JobRef, report: boolean): { steps: LMap[]; sites: (CallSite | undefined)[]; spans: number[] } {
  const out: LMap[] = [];
  const sites: (CallSite | undefined)[] = [];
  const spans: number[] = [];
  const walk = (list: readonly LMap[], site: CallSite | undefined, depth: number, open: readonly string[]): void => {
    for (const step of list) {
      const index = out.length;
      out.push(step);
      sites.push(site);
      spans.push(index + 1);
      const usesNode = get(step, 'uses');
      const folder = localActionFolder(str(usesNode));
      if (folder === undefined || !usesNode || depth >= MAX_ACTION_DEPTH) continue;
      const action = readAction(ctx, folder);
      if (!action) {
        if (report) ctx.report('include-not-followed', site?.uses ?? usesNode, `Local action "${str(usesNode)}" has no action.yml or action.yaml; its steps are not checked`, ref);
        continue;
      }
      if (open.includes(action.file)) continue; // an action that calls itself
      const runs = get(action.root ?? undefined, 'runs');
      if (str(get(runs, 'using')) !== 'composite') continue;
      const inner = listOf(get(runs, 'steps')).filter((s): s is LMap => s.kind === 'map');
      walk(inner, site ?? { uses: usesNode, action: action.file }, depth + 1, [...open, action.file]);
      spans[index] = out.length;
    }
  };
  walk(steps, undefined, 0, []);
  return { steps: out, sites, spans };
}

/**
 * Reports a finding located in a step. A step of a composite action is reported at the workflow step that calls
 * the action (where the run is annotated and can be suppressed), and the message says where in the action it is.
 */
function reportStep(
  ctx: LintContext, job: GhJob, index: number, rule: PipelineRuleId, loc: Loc, message: string, ref: JobRef, fixes?: readonly Fix[], severity?: Severity,
): void {
  const site = job.sites[index];
  if (site && loc.file !== ref.keyLoc.file) {
    ctx.report(rule, site.uses, `${message} (in ${loc.file} line ${ctx.lineOf(loc.file, loc.start)}, a step of the composite action this step calls)`, ref, undefined, undefined, severity);
  } else ctx.report(rule, loc, message, ref, fixes, undefined, severity);
}

/** Where a value of an `environment:` expression can come from. */
interface Candidate {
  readonly value: string;
  readonly from: string;
}

/** The scalar values of a list (or a single scalar); undefined when it is an expression or not a list of scalars. */
function scalarValues(node: LNode | undefined): string[] | undefined {
  if (!node) return undefined;
  const values = listOf(node).map((n) => str(n));
  if (values.some((v) => v === undefined || v.includes('${{'))) return undefined;
  return values as string[];
}

/**
 * The values an `environment:` given by an expression can take, as far as the file says: the literals of the
 * expression (`github.ref == 'refs/heads/main' && 'production' || 'staging'`), the default and options of the
 * workflow's `inputs.x` (workflow_dispatch, workflow_call), and the values of `matrix.x` (and `include:` entries).
 * Anything else (`vars.x`, `fromJSON(…)`, a workflow_call input without a default) is known only at run time.
 */
function environmentCandidates(template: string, root: LNode, job: LMap): Candidate[] {
  const out: Candidate[] = [];
  const on = get(root, 'on') ?? get(root, 'true');
  const matrix = get(get(job, 'strategy'), 'matrix');
  for (const m of template.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    const expression = m[1]!;
    // Comparisons are conditions, not values: `github.ref == 'refs/heads/main'` is not an environment.
    const values = expression.replace(/(?:==|!=)\s*'(?:[^']|'')*'|'(?:[^']|'')*'\s*(?:==|!=)/g, ' ');
    for (const literal of values.matchAll(/'((?:[^']|'')*)'/g)) out.push({ value: literal[1]!.replace(/''/g, "'"), from: 'a value the expression can give' });
    for (const ref of expression.matchAll(/\b(?:github\.event\.)?inputs\.([\w-]+)/g)) {
      const name = ref[1]!;
      for (const trigger of ['workflow_dispatch', 'workflow_call']) {
        const input = get(get(get(on, trigger), 'inputs'), name);
        const byDefault = str(get(input, 'default'));
        if (byDefault !== undefined && !byDefault.includes('${{')) out.push({ value: byDefault, from: `the default of the ${trigger} input "${name}"` });
        for (const option of scalarValues(get(input, 'options')) ?? []) out.push({ value: option, from: `an option of the ${trigger} input "${name}"` });
      }
    }
    for (const ref of expression.matchAll(/\bmatrix\.([\w-]+)/g)) {
      const name = ref[1]!;
      for (const value of scalarValues(get(matrix, name)) ?? []) out.push({ value, from: `a value of matrix.${name}` });
      for (const extra of listOf(get(matrix, 'include'))) {
        const value = str(get(extra, name));
        if (value !== undefined && !value.includes('${{')) out.push({ value, from: `a matrix include: entry of ${name}` });
      }
    }
  }
  // The text around the expressions: `production-${{ matrix.region }}` is production whatever the region.
  const around = template.replace(/\$\{\{[\s\S]*?\}\}/g, ' ').trim();
  if (around !== '') out.push({ value: around, from: 'the text around the expression' });
  return out;
}

/** The tier of an `environment:` expression: production when any value it can take is production, else staging. */
function expressionTier(ctx: LintContext, template: string, root: LNode, job: LMap): { tier: 'production' | 'staging'; reason: string } | undefined {
  const candidates = environmentCandidates(template, root, job);
  for (const tier of ['production', 'staging'] as const) {
    const hits = candidates.filter((c) => ctx.cls.environmentTier(c.value) === tier);
    const first = hits[0];
    if (!first) continue;
    const values = [...new Set(hits.map((h) => `"${h.value}" (${h.from})`))];
    return { tier, reason: `environment "${template.trim()}" can be ${values.join(', ')}` };
  }
  return undefined;
}

function triggers(root: LNode): string[] {
  const on = get(root, 'on') ?? get(root, 'true');
  if (!on) return [];
  if (on.kind === 'map') return on.entries.map((e) => e.key);
  return listOf(on).map((n) => str(n)).filter((n): n is string => n !== undefined);
}

export function lintGithub(ctx: LintContext, path: string, jobKeys: Map<string, Loc>, depth = 0): GhJob[] {
  const root = ctx.parse(path);
  const jobsNode = get(root ?? undefined, 'jobs');
  if (root?.kind !== 'map' || jobsNode?.kind !== 'map') return [];
  const calledOnly = triggers(root).length > 0 && triggers(root).every((t) => t === 'workflow_call');
  const viaWorkflowRun = triggers(root).includes('workflow_run');
  const byHandOnly = triggers(root).length > 0 && triggers(root).every((t) => t === 'workflow_dispatch');
  const jobs: GhJob[] = [];
  for (const e of jobsNode.entries) {
    if (e.value.kind !== 'map') continue;
    const node = e.value;
    const { steps, sites, spans } = expandSteps(ctx, listOf(get(node, 'steps')).filter((s): s is LMap => s.kind === 'map'), { name: e.key, keyLoc: e.keyLoc }, depth === 0);
    const jobEnv = envOf(node, envOf(root, new Map()));
    const jobDirectory = workingDirectory(node) ?? workingDirectory(root);
    const scripts = steps.map((step) => scriptOf(ctx, step, jobEnv, jobDirectory));
    const commands = scripts.flatMap((script) => script?.commands ?? []);
    const envNode = get(node, 'environment');
    const envName = envNode?.kind === 'map' ? str(get(envNode, 'name')) : str(envNode);
    const displayName = str(get(node, 'name')) ?? '';
    let tier: 'production' | 'staging' | undefined;
    let reason = '';
    let gate = false;
    if (envName !== undefined && !envName.includes('${{')) {
      tier = ctx.cls.environmentTier(envName);
      if (tier) reason = `environment "${envName}"`;
    } else if (envName !== undefined) {
      const decided = expressionTier(ctx, envName, root, node);
      if (decided) ({ tier, reason } = decided);
    }
    const uses = str(get(node, 'uses'));
    let calls: string | undefined;
    if (uses !== undefined) {
      if (uses.startsWith('./')) {
        calls = uses.slice(2).replace(/@.*$/, '');
        if (!tier) {
          for (const w of get(node, 'with')?.kind === 'map' ? (get(node, 'with') as LMap).entries : []) {
            const v = str(w.value);
            const t = v !== undefined && /env|stage|target/i.test(w.key) ? ctx.cls.environmentTier(v) : undefined;
            if (t) {
              tier = t;
              reason = `it calls ${calls} with ${w.key}: ${v}`;
              break;
            }
          }
        }
        if (depth < 5 && ctx.parse(calls) === undefined) ctx.report('include-not-followed', get(node, 'uses')!, `Reusable workflow "${uses}" was not found`, { name: e.key, keyLoc: e.keyLoc });
        const called = depth < 5 ? lintCalled(ctx, calls, depth) : [];
        if (!tier) {
          const deploy = called.find((c) => c.tier === 'production') ?? called.find((c) => c.tier === 'staging');
          if (deploy) {
            tier = deploy.tier;
            reason = `it calls ${calls}, whose job "${deploy.id}" deploys to ${deploy.tier}`;
          }
        }
        if (!tier && called.some((c) => c.gate)) gate = true;
      } else if (/\.ya?ml@/.test(uses)) {
        ctx.report('include-not-followed', get(node, 'uses')!, `Reusable workflow "${uses}" from another repository is not read`, { name: e.key, keyLoc: e.keyLoc });
      }
    }
    if (!tier && (envName === undefined || envName.includes('${{'))) {
      const h = ctx.cls.heuristicTier(`${e.key} ${displayName}`, commands);
      if (h) ({ tier, reason } = h);
    }
    if (!tier) gate ||= ctx.cls.isGateName(e.key) || ctx.cls.isGateName(displayName) || commands.some(isTestCommand);
    if (gate && !reason) reason = `a test, scan or quality job ("${e.key}")`;
    const job: GhJob = { id: e.key, keyLoc: e.keyLoc, node, steps, sites, spans, scripts, tier, gate, reason, ...(envName !== undefined ? { environment: envName } : {}), ...(calls !== undefined ? { calls } : {}) };
    jobs.push(job);
  }
  if (depth > 0) return jobs; // a called workflow is linted as its own root; here only its classification counts
  for (const job of jobs) {
    jobKeys.set(`${job.keyLoc.file}\u0000${job.id}`, job.keyLoc);
    ctx.jobs.push({ name: job.id, file: path, start: job.keyLoc.start, end: job.keyLoc.end, role: job.tier === 'production' ? 'production-deploy' : job.tier === 'staging' ? 'staging-deploy' : job.gate ? 'gate' : 'other', reason: job.reason || 'no deploy or gate signal', ...(job.environment !== undefined ? { environment: job.environment } : {}) });
  }
  const byId = new Map(jobs.map((j) => [j.id, j]));
  for (const job of jobs) {
    const ref: JobRef = { name: job.id, keyLoc: job.keyLoc };
    const before = ctx.findings.length;
    lintJob(ctx, job, ref, jobs, byId, calledOnly, { viaWorkflowRun, byHandOnly });
    // A deploy whose environment is an expression: its findings say why it counts as a deploy.
    if (job.tier && job.environment?.includes('${{')) {
      for (let i = before; i < ctx.findings.length; i++) {
        const f = ctx.findings[i]!;
        if (f.ruleId !== 'include-not-followed' && f.ruleId !== 'shallow-clone-release') ctx.findings[i] = { ...f, message: `${f.message} (a ${job.tier} deploy: ${job.reason})` };
      }
    }
  }
  return jobs;
}

function lintJob(ctx: LintContext, job: GhJob, ref: JobRef, jobs: readonly GhJob[], byId: ReadonlyMap<string, GhJob>, calledOnly: boolean, trigger: WorkflowTrigger): void {
  {
    if (job.tier === 'production') {
      continueOnError(ctx, job, ref);
      if (!calledOnly) gates(ctx, job, jobs, byId, ref, trigger);
      latestTag(ctx, job, ref);
      if (get(job.node, 'environment') === undefined && job.calls === undefined) {
        ctx.report('deploy-without-approval', job.keyLoc, 'This production deploy has no environment:, so no required reviewers can gate it', ref);
      }
    } else {
      job.steps.forEach((step, index) => {
        const coe = entry(step, 'continue-on-error');
        if (!coe || !canBeTrue(coe.value)) return;
        const production = stepsOf(job, index).some((s) => ctx.cls.heuristicTier(`${str(get(s, 'name')) ?? ''}`, stepCommands(ctx, s))?.tier === 'production');
        if (production) report(ctx, job, index, 'deploy-continue-on-error', coe, 'This production deploy step', ref);
      });
    }
    if (job.tier) rebuild(ctx, job, ref);
    if (job.gate) gateAllowFailure(ctx, job, ref);
    shallow(ctx, job, ref);
  }
}

function lintCalled(ctx: LintContext, path: string, depth: number): GhJob[] {
  return lintGithub(ctx, path, new Map(), depth + 1);
}

function removeFix(ctx: LintContext, e: LEntry): Fix[] {
  const edit = ctx.removeEntry(e.keyLoc.file, e.keyLoc.start, e.value.end);
  return [{ title: edit ? 'Remove continue-on-error' : 'Set continue-on-error: false', edits: [edit ?? { start: e.value.start, end: e.value.end, newText: 'false' }], preferred: true }];
}

/** The step at `index` and, when it calls a local composite action, the steps of that action. */
function stepsOf(job: GhJob, index: number): LMap[] {
  return job.steps.slice(index, job.spans[index] ?? index + 1);
}

function report(ctx: LintContext, job: GhJob, index: number | undefined, rule: 'deploy-continue-on-error' | 'gate-allow-failure', e: LEntry, what: string, ref: JobRef): void {
  const value = str(e.value) ?? '';
  const how = /^true$/i.test(value) ? 'continue-on-error: true' : `continue-on-error: ${value}, which can be true`;
  const calls = index !== undefined && (job.spans[index] ?? 0) > index + 1 ? `, and it applies to every step of the composite action the step calls` : '';
  const message = `${what} has ${how}${calls}: a failure ${rule === 'gate-allow-failure' ? 'no longer blocks the deploy' : 'leaves the run green'}`;
  if (index === undefined) ctx.report(rule, e.value, message, ref, removeFix(ctx, e));
  else reportStep(ctx, job, index, rule, e.value, message, ref, removeFix(ctx, e));
}

function continueOnError(ctx: LintContext, job: GhJob, ref: JobRef): void {
  const coe = entry(job.node, 'continue-on-error');
  if (coe && canBeTrue(coe.value)) report(ctx, job, undefined, 'deploy-continue-on-error', coe, 'This production deploy job', ref);
  job.steps.forEach((step, index) => {
    const s = entry(step, 'continue-on-error');
    if (!s || !canBeTrue(s.value)) return;
    const deploys = stepsOf(job, index).some((x) => DEPLOY_STEP_RE.test(`${str(get(x, 'name')) ?? ''} ${str(get(x, 'uses')) ?? ''}`) || stepCommands(ctx, x).some(isDeployCommand));
    if (deploys) report(ctx, job, index, 'deploy-continue-on-error', s, 'This deploy step of a production job', ref);
  });
}

function gateAllowFailure(ctx: LintContext, job: GhJob, ref: JobRef): void {
  const coe = entry(job.node, 'continue-on-error');
  if (coe && canBeTrue(coe.value)) report(ctx, job, undefined, 'gate-allow-failure', coe, 'This gate job', ref);
  job.steps.forEach((step, index) => {
    const s = entry(step, 'continue-on-error');
    if (!s || !canBeTrue(s.value)) return;
    const tests = stepsOf(job, index).some((x) => ctx.cls.isGateName(str(get(x, 'name')) ?? '') || stepCommands(ctx, x).some(isTestCommand) || /trivy|codeql|snyk|sonar/i.test(str(get(x, 'uses')) ?? ''));
    if (tests) report(ctx, job, index, 'gate-allow-failure', s, 'This test or scan step', ref);
  });
}

interface WorkflowTrigger {
  /** The workflow runs on `workflow_run` (it follows another workflow). */
  readonly viaWorkflowRun: boolean;
  /** The workflow runs only on `workflow_dispatch`: a person starts it on a ref chosen then. */
  readonly byHandOnly: boolean;
}

function gates(ctx: LintContext, job: GhJob, jobs: readonly GhJob[], byId: ReadonlyMap<string, GhJob>, ref: JobRef, trigger: WorkflowTrigger): void {
  const viaWorkflowRun = trigger.viaWorkflowRun;
  const ifNode = get(job.node, 'if');
  const cond = str(ifNode) ?? '';
  if (ifNode && /\b(?:always|failure|cancelled)\s*\(\s*\)/.test(cond) && !/!\s*(?:failure|cancelled)\s*\(\s*\)\s*$/.test(cond.replace(/\}\}\s*$/, '').trim()) && !/success\s*\(\s*\)/.test(cond) && !/needs\.[\w-]+\.result\s*==\s*'success'/.test(cond)) {
    ctx.report('deploy-without-gates', ifNode, `if: ${cond.trim()} runs this production deploy even when the jobs it needs failed`, ref);
    return;
  }
  const closureOf = (start: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const n of listOf(get(byId.get(id)?.node, 'needs'))) {
        const s = str(n);
        if (s !== undefined) stack.push(s);
      }
    }
    return seen;
  };
  const needsNode = get(job.node, 'needs');
  const needs = listOf(needsNode).map((n) => str(n)).filter((n): n is string => n !== undefined);
  const required = jobs.filter((j) => j.gate && j.id !== job.id && !closureOf([j.id]).has(job.id));
  // A workflow without any gate that only runs when started by hand: whether the chosen ref passed the tests is
  // decided outside this file (the person, the CI of that ref), so the missing gate is a warning, not an error.
  const byHand = trigger.byHandOnly && required.length === 0
    ? '; this workflow only runs when started by hand (workflow_dispatch), so whether the chosen ref passed the tests is decided outside it'
    : undefined;
  if (needs.length === 0) {
    if (viaWorkflowRun && /conclusion\s*==\s*'success'/.test(cond)) return;
    const message = required.length === 0 ? 'This production deploy has no needs: and this workflow runs no test or scan job' : 'This production deploy has no needs: it starts at once, in parallel with the tests and scans';
    ctx.report('deploy-without-gates', needsNode ?? job.keyLoc, `${message}${byHand ?? ''}`, ref, undefined, undefined, byHand ? 'warning' : undefined);
    return;
  }
  const closure = closureOf(needs);
  const waited = required.filter((j) => closure.has(j.id));
  const missing = required.filter((j) => !closure.has(j.id));
  if (waited.length === 0) {
    ctx.report('deploy-without-gates', needsNode!, `needs: does not include any test or scan job${required.length === 0 ? ' (this workflow has none)' : ''}${byHand ?? ''}`, ref, undefined, undefined, byHand ? 'warning' : undefined);
  } else if (missing.length > 0) {
    ctx.report('deploy-without-gates', needsNode!, `needs: lets this production deploy start before ${missing.map((m) => `"${m.id}"`).join(', ')} finish${missing.length === 1 ? 'es' : ''}`, ref);
  }
}

function latestTag(ctx: LintContext, job: GhJob, ref: JobRef): void {
  const container = get(job.node, 'container');
  const imageNode = container?.kind === 'map' ? get(container, 'image') : container;
  const image = str(imageNode);
  if (imageNode && image !== undefined && !image.includes('${{') && untagged(image)) {
    ctx.report('deploy-latest-tag', imageNode, `This production deploy runs in container "${image}" with ${/:latest$/i.test(image) ? 'the latest tag' : 'no tag'}`, ref);
  }
  job.steps.forEach((step, index) => {
    const usesNode = get(step, 'uses');
    const uses = str(usesNode);
    if (usesNode && uses?.startsWith('docker://') && untagged(uses.slice(9))) {
      reportStep(ctx, job, index, 'deploy-latest-tag', usesNode, `This production deploy step uses "${uses}" without a fixed tag`, ref);
    }
  });
  job.scripts.forEach((script, index) => {
    for (const command of script?.commands ?? []) {
      for (const bad of latestImages(command, untagged)) {
        reportStep(ctx, job, index, 'deploy-latest-tag', ctx.withinScript(script!.loc, script!.text, bad.word.start, bad.word.end), `This production deploy uses "${bad.text}": ${/latest/i.test(bad.text) ? 'the latest tag' : 'no tag'}`, ref);
      }
    }
  });
}

function rebuild(ctx: LintContext, job: GhJob, ref: JobRef): void {
  job.scripts.forEach((script, index) => {
    for (const command of script?.commands ?? []) {
      const end = buildEnd(command);
      if (end === undefined) continue;
      const what = script!.text.slice(command.start, end);
      reportStep(ctx, job, index, 'rebuild-per-environment', ctx.withinScript(script!.loc, script!.text, command.start, end), `This ${job.tier} deploy builds again ("${what}") instead of promoting the artifact that was tested`, ref);
    }
  });
  job.steps.forEach((step, index) => {
    const usesNode = get(step, 'uses');
    const uses = str(usesNode);
    if (usesNode && uses !== undefined && BUILD_ACTION_RE.test(uses)) reportStep(ctx, job, index, 'rebuild-per-environment', usesNode, `This ${job.tier} deploy builds the image again (${uses}) instead of promoting the tested one`, ref);
  });
}

interface ToolAfterCheckout {
  readonly tool: ReleaseToolUse;
  readonly checkout: LMap;
  /** Step indexes of the checkout and of the step that runs the tool. */
  readonly checkoutIndex: number;
  readonly toolIndex: number;
}

/** `git init [DIR]`: the folder (relative to the step's working directory) that becomes a new repository. */
function initialisedFolder(command: Invocation): string | undefined {
  if (command.program !== 'git') return undefined;
  const words = command.args.filter((a) => !a.value.startsWith('-'));
  if (words[0]?.value !== 'init') return undefined;
  return words[1]?.value ?? '';
}

function folderKey(directory: string | undefined, sub = ''): string {
  return [directory ?? '', sub].map((p) => p.trim().replace(/^\.\/?|\/+$/g, '')).filter((p) => p !== '').join('/');
}

/** Whether the tool's finding is an error: a tool that reads the local history, run for certain. */
function isCertainError(use: ToolAfterCheckout): boolean {
  return !use.tool.selfDeepening && use.tool.uncertain === undefined;
}

function shallow(ctx: LintContext, job: GhJob, ref: JobRef): void {
  let checkout: LMap | undefined;
  let checkoutIndex = -1;
  let isShallow = false;
  const uses: ToolAfterCheckout[] = [];
  // Folders where a step ran `git init`: a tool run there reads that new repository, not the checkout (a composite
  // action that builds fixture repositories, as git-cliff's does).
  const initialised = new Set<string>();
  const jobDirectory = workingDirectory(job.node);
  job.steps.forEach((step, index) => {
    const usesText = str(get(step, 'uses')) ?? '';
    if (/^actions\/checkout@/i.test(usesText)) {
      checkout = step;
      checkoutIndex = index;
      const depth = str(get(get(step, 'with'), 'fetch-depth'));
      isShallow = depth === undefined || (depth !== '0' && !depth.includes('${{'));
      return;
    }
    const script = job.scripts[index];
    const directory = str(get(step, 'working-directory')) ?? (job.sites[index] ? undefined : jobDirectory);
    for (const command of script?.commands ?? []) {
      if (isUnshallow(command)) {
        isShallow = false;
        continue;
      }
      const folder = initialisedFolder(command);
      if (folder !== undefined) initialised.add(folderKey(directory, folder));
      const tool = releaseToolOf(command, script!.text);
      if (tool && checkout && isShallow && !initialised.has(folderKey(directory))) uses.push({ tool, checkout, checkoutIndex, toolIndex: index });
    }
    const image = usesText.startsWith('docker://') ? toolOfImage(usesText.slice(9)) : undefined;
    const action: ReleaseToolUse | undefined = RELEASE_ACTION_RE.test(usesText) || image
      ? { match: usesText, start: 0, end: 0, tool: image ?? usesText, selfDeepening: false }
      : SELF_DEEPENING_ACTION_RE.test(usesText)
        ? { match: usesText, start: 0, end: 0, tool: 'semantic-release', selfDeepening: true }
        : undefined;
    if (action && checkout && isShallow) uses.push({ tool: action, checkout, checkoutIndex, toolIndex: index });
  });
  // One finding per job: the first certain error, else the first warning.
  const chosen = uses.find(isCertainError) ?? uses[0];
  if (!chosen) return;
  const { tool, checkout: from } = chosen;
  const toolSite = job.sites[chosen.toolIndex];
  const toolStep = job.steps[chosen.toolIndex]!;
  const inAction = toolSite && toolStep.file !== from.file
    ? ` (in ${toolStep.file} line ${ctx.lineOf(toolStep.file, toolStep.start)}, a step of the composite action called at line ${ctx.lineOf(toolSite.uses.file, toolSite.uses.start)})`
    : '';
  const withEntry = entry(from, 'with');
  const depthEntry = entry(withEntry?.value, 'fetch-depth');
  const usesEntry = entry(from, 'uses')!;
  let fix: Fix[] = [];
  if (depthEntry) fix = [{ title: 'Set fetch-depth: 0', edits: [{ start: depthEntry.value.start, end: depthEntry.value.end, newText: '0' }], preferred: true }];
  else if (withEntry?.value.kind === 'map' && withEntry.value.block && withEntry.value.entries[0]) {
    const first = withEntry.value.entries[0];
    fix = [{ title: 'Add fetch-depth: 0', edits: [ctx.insertLineAfter(withEntry.keyLoc.file, withEntry.keyLoc.end, ctx.column(first.keyLoc.file, first.keyLoc.start), 'fetch-depth: 0')], preferred: true }];
  } else if (!withEntry && from.block) {
    fix = [{ title: 'Add fetch-depth: 0', edits: [ctx.insertLineAfter(usesEntry.keyLoc.file, usesEntry.value.end, ctx.column(usesEntry.keyLoc.file, usesEntry.keyLoc.start), 'with:\n  fetch-depth: 0')], preferred: true }];
  }
  const at = depthEntry?.value ?? usesEntry.value;
  const depthText = depthEntry ? `fetch-depth: ${str(depthEntry.value)}` : 'no fetch-depth, so one commit';
  const via = `${tool.viaScript !== undefined ? ` (a package script that runs ${tool.tool})` : ''}${inAction}`;
  const here = (message: string, severity?: Severity): void => reportStep(ctx, job, chosen.checkoutIndex, 'shallow-clone-release', at, message, ref, fix, severity);
  if (tool.uncertain !== undefined) {
    here(`"${tool.match}" may run ${tool.tool}${via} after a shallow actions/checkout (${depthText}): not certain, because ${tool.uncertain}; if it does, it sees no earlier tags or commits; use fetch-depth: 0`, 'warning');
  } else if (tool.selfDeepening) {
    here(`"${tool.match}"${via} runs after a shallow actions/checkout (${depthText}): it deepens the clone itself, which fails when the job's credentials cannot fetch from the remote; its own recipe uses fetch-depth: 0`, 'warning');
  } else {
    here(`"${tool.match}"${via} runs after a shallow actions/checkout (${depthText}): it sees no earlier tags or commits; use fetch-depth: 0`);
  }
}
