// The CLI as a whole process (issue #13): start-up and `lint-message --jsonl`, each as a user runs it, against a
// peer in the same run, alternating A B A B (the machine is shared: load hits every case alike), one warm-up
// round then --rounds, compared by the ratio of medians; GNU time gives the CPU (user + system) beside the wall.
//   (1) `lint-message --jsonl` over every message of the four corpora in test/fixtures/corpora, in one process,
//       against @commitlint/lint in a loop in one process (bench/commitlintJsonl.mjs, plain JavaScript).
//   (2) `--version` and `--help` against `node -e 0` (the floor: starting Node).
//
//   node esbuild.mjs --production       (the CLI as released: minified)
//   node --import=tsx bench/cliProcess.bench.ts [--cli dist/cli.js] [--before <an older dist/cli.js>] [--rounds 9]
//
// --before adds an older build to each round (before/after numbers); its --jsonl output must equal ours.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPORA_DIR, loadCorpus } from './replayCorpus';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';
const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'];

const { values } = parseArgs({ options: { cli: { type: 'string' }, before: { type: 'string' }, rounds: { type: 'string', default: '9' } } });
const CLI = resolve(values.cli ?? join(ROOT, 'dist/cli.js'));
const BEFORE = values.before === undefined ? undefined : resolve(values.before);
const ROUNDS = Number(values.rounds);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: node esbuild.mjs --production`);
if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for the CPU time`);

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssKb: number;
  readonly stdout: string;
}

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  readonly input?: string;
}

/** One Node process under GNU time, stdin from `input` (a file) or empty; it must exit 0. */
function run(c: Case, cwd: string): Run {
  const started = performance.now();
  const out = spawnSync(TIME, ['-f', '\u0001%U %S %M', 'sh', '-c', 'exec "$@" < "$RH_INPUT"', 'sh', process.execPath, ...c.args], {
    cwd,
    env: { ...process.env, RH_INPUT: c.input ?? '/dev/null' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (out.status !== 0) throw new Error(`${c.label} exited with ${out.status}: ${out.stderr}`);
  const [user, system, rss] = out.stderr.slice(out.stderr.lastIndexOf('\u0001') + 1).trim().split(' ').map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000, rssKb: rss!, stdout: out.stdout };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Rounds of alternating processes (one warm-up round first, for the page cache); runs by label. */
function alternate(cases: readonly Case[], cwd: string): Map<string, Run[]> {
  const runs = new Map(cases.map((c) => [c.label, [] as Run[]]));
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of cases) {
      const result = run(c, cwd);
      if (round > 0) runs.get(c.label)!.push(result);
    }
  }
  return runs;
}

function row(label: string, runs: readonly Run[]): string {
  const wall = runs.map((r) => Math.round(r.wallMs));
  return `| ${label} | ${wall.join(', ')} | **${Math.round(median(wall))}** | ${Math.round(median(runs.map((r) => r.cpuMs)))} ms | ${Math.round(median(runs.map((r) => r.rssKb)) / 1024)} MB |`;
}

// The input: every corpus message as {"id", "message"}, in corpus order.
const scratch = mkdtempSync(join(tmpdir(), 'rh-cli-process-'));
const input = join(scratch, 'messages.jsonl');
const messages = CORPORA.flatMap((name) => loadCorpus(name, CORPORA_DIR).map((commit) => JSON.stringify({ id: commit.hash, message: commit.message })));
writeFileSync(input, `${messages.join('\n')}\n`);
// The processes run in an empty repository: no commitlint or product config, the built-in defaults apply.
const cwd = join(scratch, 'repo');
execFileSync('git', ['init', '--quiet', cwd]);

const machine = { cpus: `${cpus().length}× ${cpus()[0]?.model ?? '?'}`, loadBefore: loadavg().map((x) => +x.toFixed(2)), node: process.version, messages: messages.length };
console.log(JSON.stringify(machine));

const jsonl = alternate(
  [
    { label: 'ours', args: [CLI, 'lint-message', '--jsonl'], input },
    { label: 'commitlint', args: [join(ROOT, 'bench/commitlintJsonl.mjs')], input },
    ...(BEFORE ? [{ label: 'before', args: [BEFORE, 'lint-message', '--jsonl'], input }] : []),
  ],
  cwd,
);
const ours = jsonl.get('ours')!;
if (ours[0]!.stdout.split('\n').length !== messages.length + 1) throw new Error('ours: not one answer per message');
if (BEFORE && jsonl.get('before')![0]!.stdout !== ours[0]!.stdout) throw new Error('--before answers differently');

const startup = alternate(
  [
    { label: 'node -e 0', args: ['-e', '0'] },
    { label: '--version', args: [CLI, '--version'] },
    { label: '--help', args: [CLI, '--help'] },
    ...(BEFORE ? [{ label: '--version before', args: [BEFORE, '--version'] }, { label: '--help before', args: [BEFORE, '--help'] }] : []),
  ],
  cwd,
);
console.log(JSON.stringify({ loadAfter: loadavg().map((x) => +x.toFixed(2)) }));
rmSync(scratch, { recursive: true, force: true });

const ratio = (a: readonly Run[], b: readonly Run[], key: 'wallMs' | 'cpuMs'): string => (median(b.map((r) => r[key])) / median(a.map((r) => r[key]))).toFixed(2);
console.log(`\n(1) ${messages.length} messages, lint-message --jsonl\n\n| process | wall ms, ${ROUNDS} rounds | median | CPU median | peak RSS |\n|---|---|---:|---:|---:|`);
console.log(row('`release-hygiene lint-message --jsonl`', ours));
console.log(row('`@commitlint/lint` in a loop (bench/commitlintJsonl.mjs)', jsonl.get('commitlint')!));
if (BEFORE) console.log(row('`release-hygiene lint-message --jsonl` before', jsonl.get('before')!));
console.log(`\ncommitlint / ours: wall ${ratio(ours, jsonl.get('commitlint')!, 'wallMs')}×, CPU ${ratio(ours, jsonl.get('commitlint')!, 'cpuMs')}× (target ≥ 5×)`);
console.log(`\n(2) start-up\n\n| process | wall ms, ${ROUNDS} rounds | median | CPU median | peak RSS |\n|---|---|---:|---:|---:|`);
for (const [label, runs] of startup) console.log(row(label === 'node -e 0' ? '`node -e 0`' : `\`release-hygiene ${label}\``, runs));
const floor = startup.get('node -e 0')!;
for (const label of ['--version', '--help']) {
  console.log(`${label} / node -e 0: wall ${ratio(floor, startup.get(label)!, 'wallMs')}×, CPU ${ratio(floor, startup.get(label)!, 'cpuMs')}×`);
}
