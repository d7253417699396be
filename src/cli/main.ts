// Entry point of the `release-hygiene` bin (bundled to dist/cli.js). The only place that sets the exit code;
// process.exit only once stdout and stderr have nothing queued, so pending output is always flushed.
import { resolve } from 'node:path';
import { walkUpForGitOnDisk } from '../node/gitWalk';
import { runCli } from './run';
import { cliTieringFor, setCliTiering } from './v8Flags';

// A CLI run lasts well under a second: with V8's default tier-up settings most of its functions get optimised
// after a few thousand calls, then deoptimised as new shapes of input appear, and recompiled, which costs more than
// it saves (lint-message --jsonl on 16,872 messages: 0.55 s CPU, against 0.37 s with a budget eight times larger;
// docs/benchmarks.md, issue #13). Truly hot code still gets optimised, a little later. The settings are per V8 line
// (v8Flags.ts: Node 20's budget, Node 22–26's invocation counts), each measured; an unknown V8 keeps its defaults.
// Only this process: the extension host is shared and keeps its defaults. RELEASE_HYGIENE_V8_DEFAULTS=1 keeps V8's.
const tiering = process.env['RELEASE_HYGIENE_V8_DEFAULTS'] === '1' ? undefined : cliTieringFor(process.versions.v8, process.argv[2]);
if (tiering !== undefined) {
  preloadNodeModules(process.argv.slice(2));
  setCliTiering(tiering);
}

/**
 * Node's own modules come with code caches made under V8's default flags: once a flag is set, V8 rejects those
 * caches and compiles every Node module loaded afterwards from its source (a full-history changelog loaded ~25 of
 * them after the flag: ~10 ms of CPU, docs/benchmarks.md, issue #13). So the modules (nearly) every command loads
 * are loaded before it: the output streams and the argument parser always, git's child processes, the file
 * promises and the code cache's vm, module and zlib unless the run only prints the version or the help.
 */
function preloadNodeModules(argv: readonly string[]): void {
  void process.stdout;
  void process.stderr;
  void (require('node:util') as typeof import('node:util')).parseArgs; // loads its module on first access
  const printsOnly = argv.length === 0 || argv.some((arg) => arg === '--version' || arg === '-v' || arg === '--help' || arg === '-h' || arg === 'help');
  if (printsOnly) return;
  // By a name in a variable: esbuild.mjs turns a literal `require('node:vm')` into a stand-in that loads nothing yet.
  const nodeModule = 'node:module';
  const names = ['node:vm', nodeModule, 'node:zlib'];
  // migrations uses neither the file promises nor, outside a repository, git: loading them cost a 1,000-file run
  // ~10 M of its ~800 M instructions (docs/benchmarks.md, "Migrations: the last 20 %"). A wrong guess costs only
  // time: a module loaded later is compiled from its source.
  const migrations = argv[0] === 'migrations';
  if (!migrations) names.push('node:fs/promises', 'node:child_process');
  // With git, migrations runs it through simple-git, whose debug module loads tty and os.
  else if (gitMayRun(argv)) names.push('node:child_process', 'node:tty', 'node:os');
  // The release commands hash the tag listing (the reachable-tags snapshot).
  if (argv[0] === 'changelog' || argv[0] === 'next-version') names.push('node:crypto');
  // flags: the load average and core count, and the search's worker thread (its module, even when none starts).
  if (argv[0] === 'flags') names.push('node:os', 'node:worker_threads');
  for (const name of names) require(name);
  // Node 22.1+: the bundles go through Node's own compile cache (codeCache.ts), whose folder is under os.tmpdir().
  if (typeof (require(nodeModule) as { enableCompileCache?: unknown }).enableCompileCache === 'function') require('node:os');
}

/**
 * Whether `migrations` may start git: the work tree above the folder it checks (`--cwd`, else the current folder)
 * as src/node/migrations finds it (findWorkTreeRoot: this walk, then git where only git can tell). Outside a work
 * tree the check starts no git process, so child_process is never loaded there.
 */
function gitMayRun(argv: readonly string[]): boolean {
  let folder = process.cwd();
  for (let k = 1; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === '--cwd' && k + 1 < argv.length) folder = resolve(folder, argv[k + 1]!);
    else if (arg.startsWith('--cwd=')) folder = resolve(folder, arg.slice('--cwd='.length));
  }
  return walkUpForGitOnDisk(folder, process.env) !== undefined;
}

void runCli(process.argv.slice(2), {
  // On first use only: process.stdin builds a stream (and loads net for a pipe) that most commands never read.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  ...(process.argv[1] !== undefined ? { script: process.argv[1] } : {}),
  execPath: process.execPath,
}).then((code) => {
  process.exitCode = code;
  // Done, and every byte handed to the OS (a stream's writableLength counts what is queued until then; the
  // commands wait for 'drain' on a full pipe): exit now. Left to itself, Node first runs the collector tasks V8
  // queued meanwhile: after a changelog of 9,620 commits a scavenge and a full mark-compact of the ~20 MB it
  // built, 10-25 ms after the last byte (docs/benchmarks.md, issue #13). Output still queued keeps the process
  // alive until it is written, as before.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
});

// `release-hygiene … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.stdout.destroy();
  else throw error;
});
