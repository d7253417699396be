// The script predicates of the rules, over resolved invocations (commands.ts): a release tool is recognised
// only where it runs, a build, test, image or deploy only by the program and its arguments.
import { basename, firstOperand, gitSubcommand, skipOptions, DOCKER_RUN_VALUED, type Invocation } from './commands';
import type { ShellWord } from './shell';

export interface ReleaseToolUse {
  /** The source text to point at and name in the message (`git-cliff`, `npx semantic-release`, `npm run release`). */
  readonly match: string;
  readonly start: number;
  readonly end: number;
  /** The tool's name. */
  readonly tool: string;
  /** The tool deepens the clone itself (semantic-release): a warning, not an error. */
  readonly selfDeepening: boolean;
  /** Why the reading is not certain (a warning at most), when it is not. */
  readonly uncertain?: string;
  /** The package script the tool runs in (`npm run release`). */
  readonly viaScript?: string;
}

/**
 * Tools that compute a version or changelog from the local git history and do not deepen a shallow clone
 * themselves. Not release-please: it reads history through the GitHub API.
 */
const HISTORY_TOOLS = new Set(['git-cliff', 'standard-version', 'commit-and-tag-version', 'conventional-changelog']);
/**
 * semantic-release deepens a shallow clone itself (`git fetch --unshallow --tags`, lib/git.js `fetch`), which works
 * only when the job's credentials can fetch from the remote; its own recipes check out with `fetch-depth: 0`.
 */
const SELF_DEEPENING_TOOLS = new Set(['semantic-release']);
const RELEASE_HYGIENE_HISTORY_COMMANDS = new Set(['next-version', 'changelog', 'lint-commits']);
const SCRIPT_EXTENSION_RE = /\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|ps1|cmd|bat)$/i;

/** Options that make a tool print its version or help, or write a starter configuration, without reading the history. */
const INFORMATION_OPTIONS = new Set(['--version', '-V', '--help', '-h', '--init']);

/** The release tool an invocation runs, if any. `source` is the script the offsets point into. */
export function releaseToolOf(inv: Invocation, source: string): ReleaseToolUse | undefined {
  if (inv.args.some((a) => INFORMATION_OPTIONS.has(a.value))) return undefined; // `git-cliff --version` after an install
  // Found inside another text (a package script, `bash -c`, a variable): the offsets are the outer command's.
  const pinned = inv.viaScript !== undefined || inv.end !== inv.programWord.end;
  const use = (tool: string, selfDeepening: boolean, start: number, end: number, uncertain = inv.uncertain): ReleaseToolUse => ({
    match: source.slice(start, end),
    start,
    end,
    tool,
    selfDeepening,
    ...(uncertain !== undefined ? { uncertain } : {}),
    ...(inv.viaScript !== undefined ? { viaScript: inv.viaScript } : {}),
  });
  // A subcommand makes these release tools: point at the program and the subcommand.
  const subcommandSpan = (sub: ShellWord): [number, number] => (pinned ? [inv.start, inv.end] : [inv.programWord.start, sub.end]);
  if (HISTORY_TOOLS.has(inv.program) || inv.program === 'conventional-changelog-cli') return use(inv.program.replace(/-cli$/, ''), false, inv.start, inv.end);
  if (SELF_DEEPENING_TOOLS.has(inv.program)) return use(inv.program, true, inv.start, inv.end);
  const git = gitSubcommand(inv);
  if (git && (git.value === 'describe' || git.value === 'cliff')) {
    const [start, end] = subcommandSpan(inv.args[git.index]!);
    return use(git.value === 'cliff' ? 'git-cliff' : 'git describe', false, start, end);
  }
  if (inv.program === 'release-hygiene' || (inv.program === 'node' && /(?:^|\/)dist\/cli\.js$/.test(firstOperand(inv).value ?? ''))) {
    const at = inv.program === 'node' ? firstOperand(inv).index + 1 : 0;
    const sub = skipOptions(inv.args, at);
    const word = inv.args[sub];
    if (word && !word.expanded && RELEASE_HYGIENE_HISTORY_COMMANDS.has(word.value)) {
      const [start, end] = subcommandSpan(word);
      return use('release-hygiene', false, start, end);
    }
    return undefined;
  }
  // `./scripts/git-cliff.sh`: a wrapper named after the tool, whose body is not read.
  const stem = inv.program.replace(SCRIPT_EXTENSION_RE, '');
  if (stem !== inv.program && (HISTORY_TOOLS.has(stem) || SELF_DEEPENING_TOOLS.has(stem))) {
    return use(stem, SELF_DEEPENING_TOOLS.has(stem), inv.start, inv.end, inv.uncertain ?? `${inv.programWord.value} is a script named after ${stem}, and its body is not read`);
  }
  return undefined;
}

/** The GitHub actions that compute a version or changelog from the checkout. */
export const RELEASE_ACTION_RE = /^(?:orhun\/git-cliff-action|TriPSs\/conventional-changelog-action)@/i;
export const SELF_DEEPENING_ACTION_RE = /^(?:cycjimmy|codfish)\/semantic-release-action@/i;

/** `git fetch --unshallow`, or a depth so large that it is the whole history. */
export function isUnshallow(inv: Invocation): boolean {
  const git = gitSubcommand(inv);
  if (!git || (git.value !== 'fetch' && git.value !== 'pull')) return false;
  return inv.args.some((a, i) => a.value === '--unshallow' || /^--depth=(?:2147483647|\d{5,})$/.test(a.value) || (a.value === '--depth' && /^(?:2147483647|\d{5,})$/.test(inv.args[i + 1]?.value ?? '')));
}

function operands(inv: Invocation): ShellWord[] {
  return inv.args.filter((a) => !a.value.startsWith('-'));
}

/** A package script or make target that builds: `build`, `build:prod`, `build-storybook`. */
const BUILD_SCRIPT_RE = /^build(?:$|[:\-_.])/;

/** When the invocation builds an artifact: the offset where the identifying word ends. */
export function buildEnd(inv: Invocation): number | undefined {
  const p = inv.program;
  const ops = operands(inv);
  const op0 = ops[0]?.value;
  const op1 = ops[1]?.value;
  const endOf = (w: ShellWord | undefined): number | undefined => (inv.viaScript !== undefined ? inv.end : w?.end);
  if (inv.viaScript !== undefined) return undefined; // the runner (`npm run build`) is judged itself
  switch (p) {
    case 'docker':
    case 'podman':
      if (op0 === 'build') return endOf(ops[0]);
      if ((op0 === 'buildx' || op0 === 'image' || op0 === 'compose' || op0 === 'builder') && op1 === 'build') return endOf(ops[1]);
      return undefined;
    case 'docker-compose':
      return op0 === 'build' ? endOf(ops[0]) : undefined;
    case 'buildah':
      return op0 === 'bud' || op0 === 'build' ? endOf(ops[0]) : undefined;
    case 'executor':
      return /kaniko/.test(inv.programWord.value) ? inv.programWord.end : undefined;
    case 'kaniko':
      return inv.programWord.end;
    case 'pack':
      return op0 === 'build' ? endOf(ops[0]) : undefined;
    case 'npm':
      return op0 === 'run' && BUILD_SCRIPT_RE.test(op1 ?? '') ? endOf(ops[1]) : undefined;
    case 'pnpm':
    case 'yarn':
    case 'bun':
      if (BUILD_SCRIPT_RE.test(op0 ?? '') && p !== 'bun') return endOf(ops[0]);
      return op0 === 'run' && BUILD_SCRIPT_RE.test(op1 ?? '') ? endOf(ops[1]) : undefined;
    case 'mvn':
    case 'mvnw':
      return ops.find((o) => /^(?:package|install|verify)$/.test(o.value))?.end;
    case 'gradle':
    case 'gradlew':
      return ops.find((o) => /^(?:build|assemble|bootJar|jar|shadowJar)$/.test(o.value))?.end;
    case 'go':
    case 'cargo':
      return op0 === 'build' ? endOf(ops[0]) : undefined;
    case 'make':
      return BUILD_SCRIPT_RE.test(op0 ?? '') ? endOf(ops[0]) : undefined;
    case 'dotnet':
      return op0 === 'build' || op0 === 'publish' ? endOf(ops[0]) : undefined;
    default:
      return undefined;
  }
}

/** A test, lint or scan command (a job or step that runs one is a gate). */
export function isTestCommand(inv: Invocation): boolean {
  if (inv.viaScript !== undefined) return false;
  const ops = operands(inv);
  const op0 = ops[0]?.value ?? '';
  const op1 = ops[1]?.value ?? '';
  const scriptName = /^(?:test|lint|coverage)(?:$|[:\-_.])/;
  switch (inv.program) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun':
      return scriptName.test(op0) || (op0 === 'run' && scriptName.test(op1)) || op0 === 't';
    case 'jest':
    case 'vitest':
    case 'mocha':
    case 'eslint':
    case 'pytest':
    case 'trivy':
    case 'golangci-lint':
    case 'ruff':
    case 'flake8':
      return true;
    case 'go':
      return op0 === 'test';
    case 'cargo':
      return op0 === 'test' || op0 === 'clippy' || op0 === 'nextest';
    case 'mvn':
    case 'mvnw':
      return ops.some((o) => o.value === 'test' || o.value === 'verify');
    case 'gradle':
    case 'gradlew':
      return ops.some((o) => o.value === 'test' || o.value === 'check');
    case 'snyk':
      return op0 === 'test';
    case 'python':
    case 'python3':
      return inv.args.some((a, i) => a.value === '-m' && inv.args[i + 1]?.value === 'pytest');
    default:
      return false;
  }
}

/** Programs that deploy (for a production job's steps that continue on error). */
const DEPLOY_PROGRAMS = new Set(['kubectl', 'helm', 'aws', 'gcloud', 'az', 'flyctl', 'fly', 'vercel', 'netlify', 'heroku', 'serverless', 'sls', 'kustomize', 'argocd', 'skaffold', 'ansible-playbook', 'pulumi']);

export function isDeployCommand(inv: Invocation): boolean {
  const op0 = operands(inv)[0]?.value;
  if (DEPLOY_PROGRAMS.has(inv.program)) return true;
  if (inv.program === 'terraform' || inv.program === 'tofu') return op0 === 'apply';
  if (inv.program === 'cf') return op0 === 'push';
  if (inv.program === 'sam') return op0 === 'deploy';
  return deployWord(inv) !== undefined;
}

/** Programs that only print or copy text: a word such as "deploy" in their arguments deploys nothing. */
const PRINTERS = new Set(['echo', 'printf', 'cat', 'tee', 'grep', 'sed', 'awk', 'jq', 'curl', 'wget', 'cp', 'mv', 'rm', 'mkdir', 'ls', 'touch', 'test', '[', 'git', 'gh', 'tar', 'zip', 'unzip']);

/** The word that says deploy: the program (`./deploy.sh`, `deploy-prod`) or an unquoted argument (`make deploy`). */
function deployWord(inv: Invocation): ShellWord | undefined {
  if (/^(?:deploy|rollout)/i.test(inv.program)) return inv.programWord;
  if (PRINTERS.has(inv.program)) return undefined;
  return inv.args.find((a) => !a.quoted && !a.expanded && !a.value.startsWith('-') && /^(?:deploy|rollout)/i.test(basename(a.value)));
}

/**
 * The environment a command deploys to, from its arguments: `kubectl … --namespace=production` or `-n prod`,
 * `helm upgrade|install … prod`, `./deploy.sh prod`, `make deploy ENV=production`.
 */
export function deployTarget(inv: Invocation, tierOf: (text: string) => 'production' | 'staging' | undefined): 'production' | 'staging' | undefined {
  if (inv.viaScript !== undefined) return undefined;
  const literalArgs = inv.args.filter((a) => !a.expanded);
  if (inv.program === 'kubectl') {
    for (let i = 0; i < inv.args.length; i++) {
      const a = inv.args[i]!;
      if (a.expanded) continue;
      const m = /^(?:--namespace=|-n)(.+)$/.exec(a.value);
      const value = m ? m[1] : a.value === '--namespace' || a.value === '-n' ? inv.args[i + 1]?.value : undefined;
      const tier = value !== undefined ? tierOf(value) : undefined;
      if (tier) return tier;
    }
    return undefined;
  }
  if (inv.program === 'helm') {
    const sub = operands(inv)[0]?.value;
    if (sub !== 'upgrade' && sub !== 'install') return undefined;
    for (const a of literalArgs) {
      const tier = tierOf(a.value);
      if (tier) return tier;
    }
    return undefined;
  }
  const word = deployWord(inv);
  if (!word) return undefined;
  for (const a of [...inv.assignments, word, ...literalArgs.filter((a) => a.start > word.start)]) {
    if (a.expanded) continue;
    const tier = tierOf(a === word ? a.value.replace(/^.*\//, '') : a.value);
    if (tier) return tier;
  }
  return undefined;
}

/**
 * Image references with `latest` or no tag: `docker|podman pull|run`, `kubectl set image`, `helm --set
 * image.tag=latest`. Returns the words (and the text to name) that hold them.
 */
export function latestImages(inv: Invocation, untagged: (ref: string) => boolean): { word: ShellWord; text: string }[] {
  if (inv.viaScript !== undefined) return [];
  const out: { word: ShellWord; text: string }[] = [];
  const ops = operands(inv);
  if (inv.program === 'docker' || inv.program === 'podman') {
    let i = skipOptions(inv.args, 0, new Set(['-H', '--host', '--context', '-c', '--config', '-l', '--log-level']));
    if (inv.args[i]?.value === 'container' || inv.args[i]?.value === 'image') i++;
    const sub = inv.args[i]?.value;
    if (sub === 'pull' || sub === 'run') {
      const ref = inv.args[skipOptions(inv.args, i + 1, sub === 'run' ? DOCKER_RUN_VALUED : new Set(['--platform']))];
      if (ref && untagged(ref.value)) out.push({ word: ref, text: ref.value });
    }
  } else if (inv.program === 'kubectl' && ops[0]?.value === 'set' && ops[1]?.value === 'image') {
    for (const a of inv.args) {
      const eq = a.value.indexOf('=');
      if (a.start > ops[1].start && eq > 0 && !a.value.startsWith('-') && untagged(a.value.slice(eq + 1))) out.push({ word: a, text: a.value.slice(eq + 1) });
    }
  } else if (inv.program === 'helm') {
    inv.args.forEach((a, i) => {
      const value = /^--set(?:-string)?=(.*)$/.exec(a.value)?.[1] ?? (a.value === '--set' || a.value === '--set-string' ? inv.args[i + 1]?.value : undefined);
      if (value !== undefined && value.split(',').some((kv) => /^(?:\S+\.)?image\.tag=latest$/.test(kv))) {
        out.push({ word: a.value.startsWith('--set=') || a.value.startsWith('--set-string=') ? a : inv.args[i + 1]!, text: 'image.tag=latest' });
      }
    });
  }
  return out;
}
