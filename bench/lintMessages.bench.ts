// Throughput and latency of the commit-message linter, against commitlint, on real history.
//
//   npm run bench                       (= node --import=tsx bench/lintMessages.bench.ts)
//   RH_CORPORA_DIR=/path/to/corpora npm run bench
//   RH_BENCH_QUICK=1 npm run bench      (fewer repetitions, for a smoke run)
//
// 1. Throughput: every message of the largest corpus (vitejs/vite, gzip JSONL), linted in one process by
//    ours (lintCommitMessage + DEFAULT_COMMITLINT_CONFIG) and by @commitlint/lint with config-conventional's
//    rules and the conventionalcommits parser options; warm-up, then repetitions (the two interleaved);
//    median messages/second.
// 2. Keystroke: a typical 3-line message typed one character at a time, every prefix linted; mean and p99 µs.
// 3. CLI end to end: the corpus replayed into a real repository with `git fast-import` (real messages, dates
//    and merge structure, one tiny change per commit), then `node dist/cli.js lint-commits` timed against
//    `git log --format=%B` alone (the floor: reading the history).
//
// Results go to bench/results/ (gitignored) as JSON; a Markdown table is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import commitlintLint from '@commitlint/lint';
import configConventional from '@commitlint/config-conventional';
import { DEFAULT_COMMITLINT_CONFIG, lintCommitMessage } from '../src/core/commits';
import { CORPORA_DIR, loadCorpus as loadReplayCorpus, replayRepository, type CorpusCommit } from './replayCorpus';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPORA = CORPORA_DIR;
const CORPUS = 'vitejs__vite';
const QUICK = process.env.RH_BENCH_QUICK === '1';
const REPS = { ours: QUICK ? 2 : 7, commitlint: QUICK ? 1 : 5, keystrokeRounds: QUICK ? 50 : 400, cli: QUICK ? 2 : 7 };

function loadCorpus(): CorpusCommit[] {
  return loadReplayCorpus(CORPUS, CORPORA);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

// ---------------------------------------------------------------- throughput

type CommitlintRules = Parameters<typeof commitlintLint>[1];
type CommitlintOptions = NonNullable<Parameters<typeof commitlintLint>[2]>;

async function commitlintSetup(): Promise<{ rules: CommitlintRules; options: CommitlintOptions }> {
  const preset = (await import('conventional-changelog-conventionalcommits')) as unknown as { default: () => Promise<{ parser: unknown }> };
  const parserOpts = (await preset.default()).parser;
  return {
    rules: (configConventional as { rules: CommitlintRules }).rules,
    options: { parserOpts: parserOpts as CommitlintOptions['parserOpts'], defaultIgnores: true },
  };
}

function runOurs(messages: readonly string[]): { ms: number; valid: number } {
  let valid = 0;
  const start = nowMs();
  for (const message of messages) if (lintCommitMessage(message, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null }).valid) valid++;
  return { ms: nowMs() - start, valid };
}

async function runCommitlint(messages: readonly string[], setup: { rules: CommitlintRules; options: CommitlintOptions }): Promise<{ ms: number; valid: number }> {
  let valid = 0;
  const start = nowMs();
  for (const message of messages) if ((await commitlintLint(message, setup.rules, setup.options)).valid) valid++;
  return { ms: nowMs() - start, valid };
}

// ---------------------------------------------------------------- keystroke

const TYPED_MESSAGE = 'feat(parser): support scoped package names\n\nAllow @scope/name wherever a package name is accepted.\n';

function keystrokeOurs(rounds: number): number[] {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let length = 1; length <= TYPED_MESSAGE.length; length++) {
      const text = TYPED_MESSAGE.slice(0, length);
      const start = process.hrtime.bigint();
      lintCommitMessage(text, { config: DEFAULT_COMMITLINT_CONFIG, commentChar: null });
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return samples;
}

async function keystrokeCommitlint(rounds: number, setup: { rules: CommitlintRules; options: CommitlintOptions }): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let length = 1; length <= TYPED_MESSAGE.length; length++) {
      const text = TYPED_MESSAGE.slice(0, length);
      const start = process.hrtime.bigint();
      await commitlintLint(text, setup.rules, setup.options);
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  return samples;
}

function latencyStats(samples: readonly number[]): { mean: number; p50: number; p99: number; max: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1)!,
    count: samples.length,
  };
}

// ---------------------------------------------------------------- CLI end to end

function timeCommand(command: string, args: readonly string[], cwd: string, reps: number): { medianMs: number; minMs: number; exitCode: number | null; stdoutBytes: number } {
  const times: number[] = [];
  let exitCode: number | null = null;
  let stdoutBytes = 0;
  for (let i = 0; i < reps + 1; i++) {
    const start = nowMs();
    const result = spawnSync(command, args, { cwd, maxBuffer: 512 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    const ms = nowMs() - start;
    if (result.error) throw result.error;
    exitCode = result.status;
    stdoutBytes = result.stdout.length;
    if (i > 0) times.push(ms); // the first run warms the page cache
  }
  return { medianMs: median(times), minMs: Math.min(...times), exitCode, stdoutBytes };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const corpus = loadCorpus();
  const messages = corpus.map((commit) => commit.message);
  const bytes = messages.reduce((sum, m) => sum + Buffer.byteLength(m), 0);
  console.error(`corpus ${CORPUS}: ${messages.length} messages, ${(bytes / 1024).toFixed(0)} KiB (${CORPORA})`);

  const setup = await commitlintSetup();
  // warm-up: one full pass each (JIT, lazy initialisation)
  runOurs(messages);
  await runCommitlint(messages, setup);

  // Timed runs interleaved (ours, commitlint, ours, …): on a shared machine the load drifts, and the garbage
  // of one side's pass is collected during the next pass. Alternating exposes both sides to both alike;
  // timing all of ours right after commitlint's warm-up made ours' first runs 2-4× slower.
  const oursRuns: number[] = [];
  let oursValid = 0;
  const commitlintRuns: number[] = [];
  let commitlintValid = 0;
  for (let i = 0; i < Math.max(REPS.ours, REPS.commitlint); i++) {
    if (i < REPS.ours) {
      const run = runOurs(messages);
      oursRuns.push(run.ms);
      oursValid = run.valid;
    }
    if (i < REPS.commitlint) {
      const run = await runCommitlint(messages, setup);
      commitlintRuns.push(run.ms);
      commitlintValid = run.valid;
    }
  }
  const oursRate = messages.length / (median(oursRuns) / 1000);
  const commitlintRate = messages.length / (median(commitlintRuns) / 1000);
  console.error(`throughput: ours ${oursRate.toFixed(0)}/s, commitlint ${commitlintRate.toFixed(0)}/s`);

  keystrokeOurs(20); // warm-up
  const keystroke = latencyStats(keystrokeOurs(REPS.keystrokeRounds));
  await keystrokeCommitlint(5, setup);
  const keystrokeCommitlintStats = latencyStats(await keystrokeCommitlint(Math.max(10, REPS.keystrokeRounds / 10), setup));
  console.error(`keystroke: ours mean ${keystroke.mean.toFixed(1)} µs, p99 ${keystroke.p99.toFixed(1)} µs`);

  const cli = join(ROOT, 'dist', 'cli.js');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const replayStart = nowMs();
  const repo = replayRepository(corpus).dir;
  const replayMs = nowMs() - replayStart;
  const replayCount = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim());
  const floor = timeCommand('git', ['log', '--format=%B'], repo, REPS.cli);
  const ourLog = timeCommand('git', ['log', '-z', '--format=%H%x1f%P%x1f%B'], repo, REPS.cli);
  const cliText = timeCommand(process.execPath, [cli, 'lint-commits'], repo, REPS.cli);
  const cliJson = timeCommand(process.execPath, [cli, 'lint-commits', '--format', 'json'], repo, REPS.cli);
  const nodeStartup = timeCommand(process.execPath, [cli, '--version'], repo, REPS.cli);
  rmSync(repo, { recursive: true, force: true });

  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim(),
    platform: `${process.platform} ${process.arch}`,
  };
  const results = {
    date: new Date().toISOString(),
    machine,
    corpus: { name: CORPUS, messages: messages.length, bytes },
    throughput: {
      ours: { runsMs: oursRuns, medianMs: median(oursRuns), messagesPerSecond: oursRate, valid: oursValid },
      commitlint: { runsMs: commitlintRuns, medianMs: median(commitlintRuns), messagesPerSecond: commitlintRate, valid: commitlintValid },
      ratio: oursRate / commitlintRate,
    },
    keystroke: { message: TYPED_MESSAGE, ours: keystroke, commitlint: keystrokeCommitlintStats },
    cli: {
      replay: { commits: replayCount, buildMs: replayMs },
      gitLogFloor: floor,
      gitLogAsWeCallIt: ourLog,
      lintCommitsText: cliText,
      lintCommitsJson: cliJson,
      nodeStartupVersion: nodeStartup,
    },
    targets: { throughputRatioAtLeast: 10, keystrokeMeanBelowUs: 1000, keystrokeP99BelowUs: 1000 },
  };
  const met = {
    throughput: results.throughput.ratio >= 10,
    keystroke: keystroke.p99 < 1000,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  writeFileSync(join(ROOT, 'bench', 'results', `lintMessages-${stamp}.json`), `${JSON.stringify({ ...results, met }, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench', 'results', 'lintMessages-latest.json'), `${JSON.stringify({ ...results, met }, null, 2)}\n`);

  const f0 = (x: number): string => Math.round(x).toLocaleString('en-US');
  const f1 = (x: number): string => x.toFixed(1);
  console.log(`
### ${CORPUS}: ${messages.length} messages · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ${machine.git}

| measurement | release-hygiene | commitlint 21 | ratio / target |
|---|---:|---:|---|
| throughput, messages/s (median of ${REPS.ours} / ${REPS.commitlint} runs, interleaved) | ${f0(oursRate)} | ${f0(commitlintRate)} | ${f1(results.throughput.ratio)}× (target ≥ 10×: ${met.throughput ? 'met' : 'NOT met'}) |
| full corpus, ms (median) | ${f1(median(oursRuns))} | ${f1(median(commitlintRuns))} | |
| valid messages | ${oursValid} | ${commitlintValid} | |
| keystroke, mean µs per lint | ${f1(keystroke.mean)} | ${f1(keystrokeCommitlintStats.mean)} | |
| keystroke, p50 / p99 µs | ${f1(keystroke.p50)} / ${f1(keystroke.p99)} | ${f1(keystrokeCommitlintStats.p50)} / ${f1(keystrokeCommitlintStats.p99)} | target < 1000 µs: ${met.keystroke ? 'met' : 'NOT met'} |

| CLI end to end on the replayed repository (${replayCount} commits, median of ${REPS.cli}) | ms |
|---|---:|
| \`git log --format=%B\` (floor) | ${f1(floor.medianMs)} |
| \`git log -z --format=%H%x1f%P%x1f%B\` (the one git call lint-commits makes for history) | ${f1(ourLog.medianMs)} |
| \`node dist/cli.js --version\` (Node startup + bundle load) | ${f1(nodeStartup.medianMs)} |
| \`node dist/cli.js lint-commits\` (text, exit ${cliText.exitCode}) | ${f1(cliText.medianMs)} |
| \`node dist/cli.js lint-commits --format json\` | ${f1(cliJson.medianMs)} |

results: bench/results/lintMessages-latest.json`);
}

await main();
