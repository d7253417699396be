// The release commands as whole processes against the floor of reading the same commits with `git log` (issue
// #13), without the peers of bench/release.bench.ts: alternating A B A B (the machine is shared: load hits every
// case alike), one warm-up round, then --rounds, compared by the ratio of medians; GNU time gives the CPU (user +
// system, the process and its git children) beside the wall. stdout goes to a file, checked equal across builds.
//   (1) vite replayed (9,620 commits, 892 tags, `origin` set as in a clone): `changelog --from <root>` (JSON and
//       Markdown) and `next-version`, against `git log` over the whole history, the engine's own call.
//   (2) --synthetic <dir>: a history made by bench/syntheticHistory.ts (built there when missing; 1,001,000
//       commits by default): `next-version` first pass (no reachable-tags snapshot in the git dir) against
//       `git log` over the whole history (the first pass must know every tag reachable from HEAD) and over the
//       range it reads (last tag → HEAD), and incremental: after one new commit (made between the runs, not
//       timed), with the snapshot the previous run left.
//
//   node esbuild.mjs --production
//   node --import=tsx bench/releaseProcess.bench.ts [--rounds 7] [--before <older dist/cli.js>]
//        [--synthetic /tmp/synthetic1m [--synthetic-rounds 3] [--incremental-only]] [--no-vite] [--vite-dir <kept replay>]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, loadTags, replayRepository } from './replayCorpus';
import { DEFAULT_SYNTHETIC, writeSyntheticHistory } from './syntheticHistory';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';
const { values } = parseArgs({
  options: {
    cli: { type: 'string' },
    before: { type: 'string' },
    rounds: { type: 'string', default: '7' },
    synthetic: { type: 'string' },
    'synthetic-rounds': { type: 'string', default: '3' },
    'no-vite': { type: 'boolean', default: false },
    'vite-dir': { type: 'string' },
    'incremental-only': { type: 'boolean', default: false },
  },
});
const CLI = resolve(values.cli ?? join(ROOT, 'dist/cli.js'));
const BEFORE = values.before === undefined ? undefined : resolve(values.before);
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
  readonly command: string;
  readonly args: readonly string[];
  /** Untimed preparation before each run (remove a snapshot, make a commit). */
  readonly before?: () => void;
  /** Output compared across builds: cases with the same `same` key must print the same. */
  readonly same?: string;
}

const OUT = join(mkdtempSync(join(tmpdir(), 'rh-release-process-')), 'stdout');

/** One process under GNU time, stdout to a file; it must exit 0. */
function run(c: Case, cwd: string): Run {
  c.before?.();
  const started = performance.now();
  const result = spawnSync(TIME, ['-f', '\u0001%U %S %M', 'sh', '-c', 'exec "$@" > "$RH_OUT"', 'sh', c.command, ...c.args], {
    cwd,
    env: { ...process.env, RH_OUT: OUT, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${c.label} exited with ${result.status}: ${result.stderr}`);
  const [user, system, rss] = result.stderr.slice(result.stderr.lastIndexOf('\u0001') + 1).trim().split(' ').map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000, rssKb: rss!, stdout: c.same !== undefined ? readFileSync(OUT, 'utf8') : '' };
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Rounds of alternating processes (one warm-up round first, for the page cache); runs by label. */
function alternate(cases: readonly Case[], cwd: string, rounds: number): Map<string, Run[]> {
  const runs = new Map(cases.map((c) => [c.label, [] as Run[]]));
  for (let round = 0; round <= rounds; round++) {
    const outputs = new Map<string, string>();
    for (const c of cases) {
      const result = run(c, cwd);
      if (c.same !== undefined) {
        const earlier = outputs.get(c.same);
        if (earlier !== undefined && earlier !== result.stdout) throw new Error(`${c.label} printed something else than the other build`);
        outputs.set(c.same, result.stdout);
      }
      if (round > 0) runs.get(c.label)!.push({ ...result, stdout: '' });
    }
    console.error(`round ${round}/${rounds} (load ${loadavg()[0]!.toFixed(2)})`);
  }
  return runs;
}

function table(title: string, runs: Map<string, Run[]>, floorLabel: string): string {
  const floor = runs.get(floorLabel)!;
  const floorWall = median(floor.map((r) => r.wallMs));
  const floorCpu = median(floor.map((r) => r.cpuMs));
  const lines = [
    `${title}`,
    '',
    '| process | wall ms, rounds | wall median | CPU median | × floor (wall / CPU) | peak RSS |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const [label, list] of runs) {
    const wall = median(list.map((r) => r.wallMs));
    const cpu = median(list.map((r) => r.cpuMs));
    lines.push(
      `| ${label} | ${list.map((r) => Math.round(r.wallMs)).join(', ')} | **${Math.round(wall).toLocaleString('en-US')}** | ${Math.round(cpu).toLocaleString('en-US')} ms | ` +
        `${(wall / floorWall).toFixed(2)}× / ${(cpu / floorCpu).toFixed(2)}× | ${Math.round(median(list.map((r) => r.rssKb)) / 1024)} MB |`,
    );
  }
  return lines.join('\n');
}

const node = process.execPath;
const builds = [{ name: '', cli: CLI }, ...(BEFORE !== undefined ? [{ name: ' (before)', cli: BEFORE }] : [])];
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
const LOG = ['log', '-z', '--format=%H%x1f%P%x1f%B'];
const load = [loadavg()];
console.log(`${cpus().length} × ${cpus()[0]?.model ?? '?'} · Node ${process.version} · ${git(ROOT, '--version')} · load before ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);

if (!values['no-vite']) {
  const keep = values['vite-dir'];
  let repo: string;
  if (keep !== undefined && existsSync(join(keep, '.git'))) repo = resolve(keep);
  else {
    repo = replayRepository(loadCorpus('vitejs__vite'), { tags: loadTags('vitejs__vite'), ...(keep !== undefined ? { dir: resolve(keep) } : {}) }).dir;
    git(repo, 'remote', 'add', 'origin', 'https://github.com/vitejs/vite.git');
  }
  const rootCommit = git(repo, 'rev-list', '--max-parents=0', 'HEAD');
  const cases: Case[] = [
    { label: '`git log -z --format=%H%x1f%P%x1f%B` (whole history: the floor)', command: 'git', args: LOG },
    // Node's start and the pipe: the same log read whole by a Node process that does nothing with it.
    { label: 'Node reading that `git log` (bench/nodeGitLogFloor.cjs)', command: node, args: [join(ROOT, 'bench/nodeGitLogFloor.cjs'), ...LOG] },
  ];
  for (const build of builds) {
    cases.push(
      { label: `\`changelog --from <root> --format json\`${build.name}`, command: node, args: [build.cli, 'changelog', '--from', rootCommit, '--format', 'json'], same: 'json' },
      { label: `\`changelog --from <root>\` (Markdown)${build.name}`, command: node, args: [build.cli, 'changelog', '--from', rootCommit], same: 'md' },
      { label: `\`next-version --format json\`${build.name}`, command: node, args: [build.cli, 'next-version', '--format', 'json'], same: 'next' },
    );
  }
  cases.push({ label: '`node dist/cli.js --version`', command: node, args: [CLI, '--version'] });
  const runs = alternate(cases, repo, Number(values.rounds));
  console.log(table(`vite replayed (${git(repo, 'rev-list', '--count', 'HEAD')} commits), ${values.rounds} rounds`, runs, cases[0]!.label));
  load.push(loadavg());
  if (keep === undefined) rmSync(repo, { recursive: true, force: true });
}

if (values.synthetic !== undefined) {
  const dir = resolve(values.synthetic);
  if (!existsSync(join(dir, '.git'))) console.error(`built ${JSON.stringify(await writeSyntheticHistory(dir, DEFAULT_SYNTHETIC))}`);
  const lastTag = git(dir, 'describe', '--tags', '--abbrev=0', 'main');
  const snapshot = join(git(dir, 'rev-parse', '--absolute-git-dir'), 'release-hygiene', 'reachable-tags.json');
  let made = 0;
  const oneNewCommit = (): void => {
    const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
    const commit = execFileSync('git', ['commit-tree', tree, '-p', 'HEAD', '-m', `fix: bench commit ${++made}`], { cwd: dir, encoding: 'utf8' }).trim();
    git(dir, 'update-ref', 'refs/heads/main', commit);
  };
  const cases: Case[] = [
    ...(values['incremental-only'] ? [] : [{ label: '`git log` over the whole history (the first pass\'s floor)', command: 'git', args: LOG }]),
    { label: `\`git log ${lastTag}..HEAD\` (the range next-version reads)`, command: 'git', args: [...LOG, `${lastTag}..HEAD`] },
  ];
  for (const build of builds) {
    if (!values['incremental-only']) {
      cases.push({ label: `\`next-version --format json\` first pass (no snapshot)${build.name}`, command: node, args: [build.cli, 'next-version', '--format', 'json'], before: () => rmSync(snapshot, { force: true }) });
    }
    cases.push({ label: `\`next-version --format json\` after one new commit${build.name}`, command: node, args: [build.cli, 'next-version', '--format', 'json'], before: oneNewCommit });
  }
  const headBefore = git(dir, 'rev-parse', 'main');
  try {
    const runs = alternate(cases, dir, Number(values['synthetic-rounds']));
    console.log(table(`synthetic (${git(dir, 'rev-list', '--count', 'HEAD')} commits, last tag ${lastTag}), ${values['synthetic-rounds']} rounds`, runs, cases[0]!.label));
  } finally {
    git(dir, 'update-ref', 'refs/heads/main', headBefore); // the bench commits are dropped
    rmSync(snapshot, { force: true });
  }
  load.push(loadavg());
}
console.log(`load average (1/5/15 min): ${load.map((l) => l.map((x) => x.toFixed(2)).join(' / ')).join(' → ')}`);
rmSync(dirname(OUT), { recursive: true, force: true });
