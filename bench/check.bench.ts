// `release-hygiene check` (every capability in one process) against the five separate commands a pipeline would
// otherwise run (lint-commits, next-version, flags, migrations, pipelines), on the largest corpus (vitejs/vite,
// 9,620 commits and its tags) replayed into a real repository. Whole processes, the same run, alternating
// A B A B; the five commands' wall times are summed per round, and the ratio is of the medians.
//
//   npm run build && node --import=tsx bench/check.bench.ts [--rounds 7]
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus, loadTags, replayRepository } from './replayCorpus';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CORPUS = 'vitejs__vite';
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 7;

if (!existsSync(CLI)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Wall milliseconds of one CLI process in the replayed repository, and its exit code. */
function timed(dir: string, args: readonly string[]): { ms: number; status: number | null } {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: run.status };
}

const SEPARATE: ReadonlyArray<readonly string[]> = [['lint-commits'], ['next-version'], ['flags'], ['migrations'], ['pipelines']];

const repo = replayRepository(loadCorpus(CORPUS), { tags: loadTags(CORPUS).filter((tag) => tag.on_default_branch) });
try {
  const check: number[] = [];
  const separate: number[] = [];
  const statuses = new Set<string>();
  // One warm-up of each (page cache, git's own caches), then measured rounds.
  timed(repo.dir, ['check']);
  for (const args of SEPARATE) timed(repo.dir, args);
  for (let round = 0; round < ROUNDS; round++) {
    const one = timed(repo.dir, ['check']);
    check.push(one.ms);
    statuses.add(`check → ${one.status}`);
    let sum = 0;
    for (const args of SEPARATE) {
      const run = timed(repo.dir, args);
      sum += run.ms;
      statuses.add(`${args[0]} → ${run.status}`);
    }
    separate.push(sum);
  }
  const spread = (values: readonly number[]): string => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
  console.log(`${CORPUS}: ${repo.hashes.size} commits, ${repo.tagsCreated} tags; ${ROUNDS} rounds; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`exit codes: ${[...statuses].join(', ')}`);
  console.log('| command | median wall ms | spread |');
  console.log('|---|---|---|');
  console.log(`| \`check\` (one process) | ${Math.round(median(check))} | ${spread(check)} |`);
  console.log(`| the five commands, summed | ${Math.round(median(separate))} | ${spread(separate)} |`);
  console.log(`ratio of medians (five commands / check): ${(median(separate) / median(check)).toFixed(2)}×`);
} finally {
  rmSync(repo.dir, { recursive: true, force: true });
}
