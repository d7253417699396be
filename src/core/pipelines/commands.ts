// What a CI script runs: the simple commands of shell.ts resolved through wrappers (`sudo`, `env`, `npx`,
// `pnpm dlx`, `yarn`, `bunx`, `uvx`, `pipx run`, `bash -c`, `docker run <image>`, `cargo run --bin`, package
// scripts), so that a rule asks "which program runs, with which arguments" and never matches a substring of a line.
import { shellCommands, type ShellCommand, type ShellWord } from './shell';

export interface Invocation {
  /** The program as written, without its folder and a Windows `.exe`: `git-cliff`, `docker`, `deploy.sh`. */
  readonly program: string;
  /** The program word itself (for paths: `./node_modules/.bin/standard-version`). */
  readonly programWord: ShellWord;
  readonly args: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  /** Offsets in the script of the command's first word (a wrapper included) and of the program word's end. */
  readonly start: number;
  readonly end: number;
  /** Offset of the end of the whole command. */
  readonly commandEnd: number;
  /** The command's source text, from `start` to `commandEnd`. */
  readonly text: string;
  /** Set when the command comes from a package script's body: the runner command that runs it (`npm run release`). */
  readonly viaScript?: string;
  /** Set when the reading is not certain (a program held in a variable, a package script that cannot be read). */
  readonly uncertain?: string;
}

export interface ScriptContext {
  /** The package.json scripts of the folder the script runs in; undefined when not known. */
  readonly packageScripts?: ReadonlyMap<string, string>;
  /** Variables set outside the script (GitHub `env:`, GitLab `variables:`), by name. */
  readonly variables?: ReadonlyMap<string, string>;
}

const MAX_SCRIPT_DEPTH = 3;

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
}

function literal(w: ShellWord | undefined): string | undefined {
  return w && !w.expanded ? w.value : undefined;
}

/** `name@1.2.3`, `@scope/name@^2` → the package name. */
function packageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}

/** Index of the first word at or after `from` that is not an option; `valued` options take the next word. */
function skipOptions(words: readonly ShellWord[], from: number, valued: ReadonlySet<string> = new Set()): number {
  let i = from;
  while (i < words.length) {
    const v = words[i]!.value;
    if (v === '--') return i + 1;
    if (!v.startsWith('-') || v === '-') return i;
    i += valued.has(v) ? 2 : 1;
  }
  return i;
}

const SUDO_VALUED = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']);
const ENV_VALUED = new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']);
const XARGS_VALUED = new Set(['-n', '-I', '-L', '-P', '-d', '-s', '-a', '-E', '--max-args', '--max-procs', '--delimiter', '--arg-file']);
const NPX_VALUED = new Set(['-p', '--package', '--call', '-c', '--cache', '--userconfig', '-w', '--workspace']);
const PNPM_VALUED = new Set(['-C', '--dir', '--filter', '-F', '--reporter', '--loglevel']);
const YARN_VALUED = new Set(['--cwd', '--mutex', '--modules-folder', '--cache-folder']);
const DOCKER_RUN_VALUED = new Set(['-e', '--env', '-v', '--volume', '-p', '--publish', '--name', '--network', '--net', '-w', '--workdir', '-u', '--user', '--entrypoint', '--env-file', '--mount', '-l', '--label', '--platform', '-h', '--hostname', '--add-host', '--cpus', '-m', '--memory', '--restart', '--pull', '--log-driver', '--device', '--cap-add', '--cap-drop', '--security-opt', '--ulimit', '--tmpfs', '--shm-size', '--gpus', '--runtime', '--ipc', '--pid', '--cidfile', '--label-file', '--volumes-from', '--dns', '--link', '--stop-signal', '--stop-timeout', '--health-cmd', '--group-add']);
const GIT_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
/** yarn's own commands: `yarn <anything else>` runs a package script or a binary of that name. */
const YARN_COMMANDS = new Set(['add', 'audit', 'autoclean', 'bin', 'cache', 'config', 'create', 'dedupe', 'dlx', 'exec', 'explain', 'generate-lock-entry', 'global', 'help', 'import', 'info', 'init', 'install', 'licenses', 'link', 'list', 'login', 'logout', 'node', 'npm', 'outdated', 'owner', 'pack', 'patch', 'plugin', 'policies', 'publish', 'rebuild', 'remove', 'run', 'set', 'tag', 'team', 'unlink', 'unplug', 'up', 'upgrade', 'upgrade-interactive', 'version', 'versions', 'why', 'workspace', 'workspaces']);
const PNPM_COMMANDS = new Set(['add', 'audit', 'bin', 'config', 'create', 'dedupe', 'deploy', 'dlx', 'doctor', 'env', 'exec', 'fetch', 'i', 'import', 'init', 'install', 'install-test', 'licenses', 'link', 'list', 'ls', 'outdated', 'pack', 'patch', 'prune', 'publish', 'rebuild', 'remove', 'rm', 'root', 'run', 'server', 'setup', 'store', 'un', 'uninstall', 'unlink', 'up', 'update', 'why']);
const BUN_COMMANDS = new Set(['add', 'build', 'create', 'i', 'init', 'install', 'link', 'pm', 'publish', 'remove', 'rm', 'run', 'test', 'update', 'upgrade', 'x', 'outdated', 'patch']);

/** Images whose entrypoint is a release tool (a GitHub `docker://` step, `docker run`, a GitLab job image). */
const TOOL_IMAGES: ReadonlyArray<{ readonly re: RegExp; readonly program: string }> = [
  { re: /^(?:docker\.io\/)?orhunp\/git-cliff(?:[:@]|$)/i, program: 'git-cliff' },
  { re: /^ghcr\.io\/orhun\/git-cliff\/git-cliff(?:[:@]|$)/i, program: 'git-cliff' },
];

export function toolOfImage(image: string): string | undefined {
  return TOOL_IMAGES.find((t) => t.re.test(image))?.program;
}

interface Resolution {
  /** The top-level script all offsets point into. */
  readonly source: string;
  readonly words: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  readonly start: number;
  readonly commandEnd: number;
  readonly variables: Map<string, string>;
  readonly context: ScriptContext;
  readonly depth: number;
  readonly viaScript?: string;
  readonly uncertain?: string;
  /** Offsets to use for everything found inside a nested text (`bash -c '…'`, a package script, a variable). */
  readonly pinned?: { readonly start: number; readonly end: number; readonly commandEnd: number };
}

/** Every command a script runs, resolved through wrappers, in order. */
export function invocations(script: string, context: ScriptContext = {}): Invocation[] {
  return invocationsIn(script, context, new Map(context.variables ?? []), 0, { source: script });
}

type Outer = Pick<Resolution, 'source'> & Partial<Pick<Resolution, 'pinned' | 'viaScript' | 'uncertain'>>;

function invocationsIn(script: string, context: ScriptContext, variables: Map<string, string>, depth: number, outer: Outer): Invocation[] {
  const out: Invocation[] = [];
  let scripts = context.packageScripts;
  for (const command of shellCommands(script)) {
    remember(command, variables);
    const first = command.words[0];
    if (!first) continue;
    const commandEnd = command.words[command.words.length - 1]!.end;
    const ctx: ScriptContext = { ...(context.variables ? { variables: context.variables } : {}), ...(scripts ? { packageScripts: scripts } : {}) };
    resolve({ words: command.words, assignments: command.assignments, start: first.start, commandEnd, variables, context: ctx, depth, ...outer }, out);
    // After a `cd`, package.json is another folder's.
    if (literal(first) === 'cd' || literal(first) === 'pushd') scripts = undefined;
  }
  return out;
}

/** `X=value` alone, or `export|declare|local|readonly X=value`: the script's own variables. */
function remember(command: ShellCommand, variables: Map<string, string>): void {
  const declared = command.words.length > 0 && ['export', 'declare', 'local', 'readonly', 'typeset'].includes(command.words[0]!.value) ? command.words.slice(1) : [];
  const assignments = command.words.length === 0 ? command.assignments : declared.filter((w) => w.assignment);
  for (const a of assignments) {
    const eq = a.value.indexOf('=');
    const name = a.value.slice(0, eq).replace(/\+$/, '');
    if (a.expanded) variables.delete(name);
    else variables.set(name, a.value.slice(eq + 1));
  }
}

/** The end of the command, its text and the marks every invocation of a resolution carries. */
function where(r: Resolution): Pick<Invocation, 'commandEnd' | 'text' | 'viaScript' | 'uncertain'> {
  const start = r.pinned?.start ?? r.start;
  const commandEnd = r.pinned?.commandEnd ?? r.commandEnd;
  return {
    commandEnd,
    text: r.source.slice(start, commandEnd),
    ...(r.viaScript !== undefined ? { viaScript: r.viaScript } : {}),
    ...(r.uncertain !== undefined ? { uncertain: r.uncertain } : {}),
  };
}

function resolve(r: Resolution, out: Invocation[]): void {
  const { words } = r;
  const w = words[0];
  if (!w) return;
  const emit = (programIndex: number, extra: Partial<Invocation> = {}): void => {
    const word = words[programIndex]!;
    out.push({
      program: basename(word.value),
      programWord: word,
      args: words.slice(programIndex + 1),
      assignments: r.assignments,
      start: r.pinned?.start ?? r.start,
      end: r.pinned?.end ?? word.end,
      ...where(r),
      ...extra,
    });
  };
  const rest = (from: number): void => {
    if (from < words.length) resolve({ ...r, words: words.slice(from) }, out);
  };
  const nestedText = (text: string, extra: Partial<Resolution>): void => {
    if (r.depth >= MAX_SCRIPT_DEPTH) return;
    const pinned = r.pinned ?? { start: r.start, end: words[words.length - 1]!.end, commandEnd: r.commandEnd };
    out.push(...invocationsIn(text, r.context, new Map(r.variables), r.depth + 1, { source: r.source, pinned, ...(r.viaScript !== undefined ? { viaScript: r.viaScript } : {}), ...(r.uncertain !== undefined ? { uncertain: r.uncertain } : {}), ...extra }));
  };

  // A program held in a variable: known only when the variable is set in the script or in the job's env.
  if (w.expanded) {
    const name = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(w.value)?.[1];
    const value = name !== undefined ? r.variables.get(name) : undefined;
    if (value !== undefined && r.depth < MAX_SCRIPT_DEPTH) {
      const args = words.slice(1).map((a) => a.value).join(' ');
      nestedText(`${value} ${args}`, { uncertain: `it runs through the variable ${w.value}, set to "${value}" here, and the variable is read only when the job runs` });
      return;
    }
    emit(0);
    return;
  }
  const name = basename(w.value);
  const arg = (i: number): string | undefined => literal(words[i]);
  switch (name) {
    case 'sudo':
      return rest(skipOptions(words, 1, SUDO_VALUED));
    case 'env': {
      let i = skipOptions(words, 1, ENV_VALUED);
      while (i < words.length && words[i]!.assignment) i++;
      return rest(i);
    }
    case 'time':
    case 'nohup':
    case 'builtin':
    case 'stdbuf':
      return rest(skipOptions(words, 1));
    case 'command': {
      if (words.slice(1).some((x) => x.value === '-v' || x.value === '-V')) return; // a lookup, not a run
      return rest(skipOptions(words, 1));
    }
    case 'exec':
      return rest(skipOptions(words, 1, new Set(['-a'])));
    case 'nice':
      return rest(skipOptions(words, 1, new Set(['-n', '--adjustment'])));
    case 'timeout': {
      const i = skipOptions(words, 1, new Set(['-s', '--signal', '-k', '--kill-after']));
      return rest(i + 1);
    }
    case 'xargs':
      return rest(skipOptions(words, 1, XARGS_VALUED));
    case 'bash':
    case 'sh':
    case 'zsh':
    case 'dash':
    case 'ksh': {
      const c = words.findIndex((x, k) => k > 0 && /^-\w*c\w*$/.test(x.value) && !x.quoted);
      if (c > 0) {
        // The string is read as written: its expansions are words of unknown value, like in a script.
        const text = words[c + 1]?.value;
        if (text !== undefined) nestedText(text, {});
        return;
      }
      const script = skipOptions(words, 1, new Set(['-o', '-O', '--rcfile', '--init-file']));
      if (script < words.length) rest(script); // `bash ./release.sh`: the script is the program
      else emit(0);
      return;
    }
    case 'npx':
    case 'pnpx':
    case 'bunx':
    case 'uvx': {
      const c = words.findIndex((x, k) => k > 0 && (x.value === '-c' || x.value === '--call'));
      if (c > 0 && words[c + 1] !== undefined) return nestedText(words[c + 1]!.value, {});
      const i = skipOptions(words, 1, NPX_VALUED);
      return packageRunner(r, i, out);
    }
    case 'npm': {
      const i = skipOptions(words, 1, new Set(['-w', '--workspace', '--prefix', '-C']));
      const sub = arg(i);
      if (sub === 'exec' || sub === 'x') {
        const c = words.findIndex((x, k) => k > i && (x.value === '-c' || x.value === '--call'));
        if (c > 0 && words[c + 1] !== undefined) return nestedText(words[c + 1]!.value, {});
        return packageRunner(r, skipOptions(words, i + 1, NPX_VALUED), out);
      }
      emit(0);
      if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') packageScript(r, skipOptions(words, i + 1), 'npm', out);
      else if (sub === 'test' || sub === 't' || sub === 'start' || sub === 'stop' || sub === 'restart') packageScript(r, i, 'npm', out);
      return;
    }
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      const valued = name === 'pnpm' ? PNPM_VALUED : name === 'yarn' ? YARN_VALUED : new Set<string>();
      const i = skipOptions(words, 1, valued);
      const sub = arg(i);
      if (sub === undefined) return emit(0);
      if (sub === 'dlx' || (sub === 'x' && name === 'bun')) return packageRunner(r, skipOptions(words, i + 1, NPX_VALUED), out);
      if (sub === 'exec') return rest(skipOptions(words, i + 1));
      emit(0);
      const commands = name === 'pnpm' ? PNPM_COMMANDS : name === 'yarn' ? YARN_COMMANDS : BUN_COMMANDS;
      if (sub === 'run') packageScript(r, skipOptions(words, i + 1), name, out);
      else if (!commands.has(sub) || sub === 'test') packageScript(r, i, name, out);
      return;
    }
    case 'pipx': {
      const i = skipOptions(words, 1);
      if (arg(i) === 'run') return packageRunner(r, skipOptions(words, i + 1, new Set(['--spec', '--python'])), out);
      return emit(0);
    }
    case 'uv': {
      const i = skipOptions(words, 1);
      if (arg(i) === 'tool' && arg(i + 1) === 'run') return packageRunner(r, skipOptions(words, i + 2, new Set(['--from', '--with', '--python'])), out);
      if (arg(i) === 'run') return rest(skipOptions(words, i + 1, new Set(['--with', '--python', '--package', '--project'])));
      return emit(0);
    }
    case 'poetry':
    case 'pdm':
    case 'hatch':
    case 'pipenv': {
      const i = skipOptions(words, 1);
      if (arg(i) === 'run') return rest(skipOptions(words, i + 1));
      return emit(0);
    }
    case 'cargo': {
      const i = skipOptions(words, 1);
      emit(0);
      if (arg(i) === 'run') {
        // `cargo run --bin NAME` runs NAME; without --bin the package's default binary, unknown here.
        const bin = words.findIndex((x, k) => k > i && (x.value === '--bin' || x.value.startsWith('--bin=')));
        if (bin > 0) {
          const word = words[bin]!.value === '--bin' ? words[bin + 1] : { ...words[bin]!, value: words[bin]!.value.slice(6) };
          const end = words.findIndex((x, k) => k > i && x.value === '--');
          if (word && !word.expanded) {
            out.push({
              program: word.value,
              programWord: word,
              args: end > 0 ? words.slice(end + 1) : [],
              assignments: r.assignments,
              start: r.pinned?.start ?? r.start,
              end: r.pinned?.end ?? word.end,
              ...where(r),
            });
          }
        }
      }
      return;
    }
    case 'docker':
    case 'podman': {
      emit(0);
      let i = skipOptions(words, 1, new Set(['-H', '--host', '--context', '-c', '--config', '-l', '--log-level']));
      if (arg(i) === 'container') i++;
      if (arg(i) !== 'run') return;
      const image = skipOptions(words, i + 1, DOCKER_RUN_VALUED);
      const ref = arg(image);
      if (ref === undefined) return;
      const tool = toolOfImage(ref);
      if (tool) {
        const word = words[image]!;
        const entrypoint = words.slice(i + 1, image).some((x) => x.value === '--entrypoint' || x.value.startsWith('--entrypoint='));
        const uncertain = r.uncertain ?? (entrypoint ? `the ${ref} image runs with its entrypoint replaced` : undefined);
        out.push({
          program: tool,
          programWord: word,
          args: words.slice(image + 1),
          assignments: [],
          start: r.pinned?.start ?? r.start,
          end: r.pinned?.end ?? word.end,
          ...where(r),
          ...(uncertain !== undefined ? { uncertain } : {}),
        });
      } else if (image + 1 < words.length) {
        rest(image + 1); // the command run inside the container
      }
      return;
    }
    default:
      emit(0);
  }
}

/** `npx PKG args`, `pnpm dlx PKG`, `uvx PKG`, …: the package's binary runs (named like the package). */
function packageRunner(r: Resolution, index: number, out: Invocation[]): void {
  const word = r.words[index];
  if (!word) return;
  if (word.expanded) {
    resolve({ ...r, words: r.words.slice(index) }, out);
    return;
  }
  const program = packageName(word.value);
  resolve({ ...r, words: [{ ...word, value: program }, ...r.words.slice(index + 1)] }, out);
}

/**
 * `npm run NAME`, `yarn NAME`, …: the body of the package script when package.json is known; otherwise (or for
 * yarn, pnpm and bun, which run a binary of that name when no script has it) the name itself, marked uncertain
 * when it is only a guess.
 */
function packageScript(r: Resolution, index: number, manager: string, out: Invocation[]): void {
  const word = r.words[index];
  const name = literal(word);
  if (!word || name === undefined) return;
  const runner = r.viaScript ?? `${manager} run ${name}`;
  const scripts = r.context.packageScripts;
  const body = scripts?.get(name);
  const pinned = r.pinned ?? { start: r.start, end: word.end, commandEnd: r.commandEnd };
  if (body !== undefined) {
    if (r.depth >= MAX_SCRIPT_DEPTH) return;
    const args = r.words.slice(index + 1).filter((x) => x.value !== '--').map((x) => x.value).join(' ');
    out.push(...invocationsIn(`${body} ${args}`, r.context, new Map(r.variables), r.depth + 1, { source: r.source, pinned, viaScript: runner, ...(r.uncertain !== undefined ? { uncertain: r.uncertain } : {}) }));
    return;
  }
  if (scripts && manager === 'npm') return; // npm fails on a missing script
  const uncertain = scripts ? r.uncertain : r.uncertain ?? `the package script "${name}" cannot be read here, so what \`${manager} ${manager === 'npm' ? 'run ' : ''}${name}\` runs is a guess from its name`;
  out.push({
    program: basename(name),
    programWord: word,
    args: r.words.slice(index + 1),
    assignments: r.assignments,
    start: pinned.start,
    end: pinned.end,
    commandEnd: pinned.commandEnd,
    text: r.source.slice(pinned.start, pinned.commandEnd),
    viaScript: runner,
    ...(uncertain !== undefined ? { uncertain } : {}),
  });
}

/** The first argument that is not an option, and its index. */
export function firstOperand(inv: Invocation, valued: ReadonlySet<string> = new Set()): { value: string | undefined; index: number } {
  const i = skipOptions(inv.args, 0, valued);
  return { value: literal(inv.args[i]), index: i };
}

/** `git [global options] SUBCOMMAND`: the subcommand. */
export function gitSubcommand(inv: Invocation): { value: string | undefined; index: number } | undefined {
  if (inv.program !== 'git') return undefined;
  return firstOperand(inv, GIT_VALUED);
}

export { DOCKER_RUN_VALUED, skipOptions };
