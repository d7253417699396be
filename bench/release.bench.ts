// Next version and full-history changelog on the largest corpus (vitejs/vite, 9,620 commits, 892 tags on the default
// branch), replayed into a real repository, against conventional-changelog / conventional-recommended-bump
// (conventionalcommits preset), git-cliff, and the floor: `git log` over the same commits. All in one run.
//
//   npm run bench:release                   (= node --import=tsx bench/release.bench.ts)
//   RH_BENCH_QUICK=1 npm run bench:release  (one measured run each, for a smoke run)
//   RH_CORPORA_DIR=/path/to/corpora npm run bench:release
//
// The replayed repository gets `origin` = https://github.com/vitejs/vite.git, as a clone has. Every command runs
// with the replayed repository as its working directory and its stdout sent to /dev/null (the
// first, warm-up run of each is captured instead, to check what it printed). Rounds are interleaved (one run of every
// command per round) so that load from other jobs hits all of them alike. Wall time is measured around the process;
// CPU time (user + system, the process and its children, e.g. git) comes from GNU time, less sensitive to load.
// Results go to bench/results/release-<date>.json and release-latest.json (gitignored); a Markdown table is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChangelog } from '../src/core/release';
import { loadReleasePlan } from '../src/node';
import { loadCorpus, loadTags, replayRepository } from './replayCorpus';
import { gitCliffBinary } from './peers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = 'vitejs__vite';
const QUICK = process.env['RH_BENCH_QUICK'] === '1';
/** Measured runs (after one warm-up run) for fast commands, and for the peers that take seconds. */
const REPS = { fast: QUICK ? 1 : 9, slow: QUICK ? 1 : 3, inProcess: QUICK ? 2 : 9 };
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const NM = join(ROOT, 'node_modules');
const CLI = join(ROOT, 'dist', 'cli.js');
const GIT_CLIFF = gitCliffBinary();
const STABLE_V_TAGS = '^v[0-9]+\\.[0-9]+\\.[0-9]+$';

interface Command {
  readonly id: string;
  readonly label: string;
  readonly tool: 'floor' | 'ours' | 'conventional-changelog' | 'git-cliff' | 'node';
  readonly what: 'next version' | 'changelog' | 'both' | 'floor' | 'startup' | 'tags';
  readonly command: string;
  readonly args: readonly string[];
  readonly slow?: boolean;
}

interface Measured {
  readonly wallMs: number[];
  readonly cpuMs: number[];
  exitCode: number | null;
  stdoutBytes: number;
  firstLine: string;
  stderrHead: string;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

function runOnce(command: Command, cwd: string, capture: boolean, into: Measured): void {
  const timeFile = join(tmpdir(), `rh-bench-time-${process.pid}`);
  const devNull = capture ? null : openSync('/dev/null', 'w');
  const argv = TIME ? ['-f', '%U %S', '-o', timeFile, command.command, ...command.args] : [...command.args];
  const start = nowMs();
  const result = spawnSync(TIME ?? command.command, argv, {
    cwd,
    stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
  });
  const wall = nowMs() - start;
  if (devNull !== null) closeSync(devNull);
  if (result.error) throw result.error;
  into.exitCode = result.status;
  if (capture) {
    const stdout = result.stdout as Buffer;
    into.stdoutBytes = stdout.length;
    into.firstLine = stdout.toString('utf8').split('\n').find((line) => line.trim() !== '')?.slice(0, 120) ?? '';
    into.stderrHead = result.stderr.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-2).join(' | ').slice(0, 300);
    return;
  }
  into.wallMs.push(wall);
  if (TIME) {
    const [user = 'NaN', system = 'NaN'] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(/\s+/);
    into.cpuMs.push((Number(user) + Number(system)) * 1000);
  }
}

async function inProcess(repo: string, from: string): Promise<{ loadMs: number[]; renderMs: number[]; commits: number; changelogBytes: number; next: string | null }> {
  const loadMs: number[] = [];
  const renderMs: number[] = [];
  let commits = 0;
  let changelogBytes = 0;
  let next: string | null = null;
  for (let i = 0; i < REPS.inProcess + 2; i++) {
    const t0 = nowMs();
    const loaded = await loadReleasePlan({ cwd: repo, from });
    const t1 = nowMs();
    if (!loaded.ok) throw new Error(loaded.message);
    const changelog = renderChangelog(loaded.value.plan, { date: '2026-01-01', host: loaded.value.host });
    const t2 = nowMs();
    if (i >= 2) {
      loadMs.push(t1 - t0);
      renderMs.push(t2 - t1);
    }
    commits = loaded.value.plan.commitCount;
    changelogBytes = Buffer.byteLength(changelog.markdown);
    next = loaded.value.plan.next;
  }
  return { loadMs, renderMs, commits, changelogBytes, next };
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const corpus = loadCorpus(CORPUS);
  const replayStart = nowMs();
  const replay = replayRepository(corpus, { tags: loadTags(CORPUS) });
  const replayMs = nowMs() - replayStart;
  const repo = replay.dir;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }).trim();
  // As in a real clone: an origin remote (the changelog links to it). Without one, simple-git waits 50 ms more on
  // the empty output of `git config --get-regexp remote…url` (see docs/benchmarks.md).
  git('remote', 'add', 'origin', 'https://github.com/vitejs/vite.git');
  const commitCount = Number(git('rev-list', '--count', 'HEAD'));
  const roots = git('rev-list', '--max-parents=0', 'HEAD').split('\n');
  if (roots.length !== 1) throw new Error(`expected one root commit, got ${roots.length}`);
  const rootCommit = roots[0]!;
  const lastTag = git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', '--exclude', '*-*');
  console.error(`replayed ${CORPUS}: ${commitCount} commits, ${replay.tagsCreated} tags in ${replayMs.toFixed(0)} ms at ${repo}; root ${rootCommit.slice(0, 7)}, last stable tag ${lastTag}`);

  const node = process.execPath;
  const commands: Command[] = [
    { id: 'floor', label: '`git log --format=%H%x1f%P%x1f%B -z` (all commits, the floor)', tool: 'floor', what: 'floor', command: 'git', args: ['log', '--format=%H%x1f%P%x1f%B', '-z'] },
    { id: 'tags-merged', label: '`git for-each-ref --merged=HEAD refs/tags` (which tags are reachable)', tool: 'floor', what: 'tags', command: 'git', args: ['for-each-ref', '--merged=HEAD', '--format=%(refname)%00%(objectname)%00%(*objectname)', 'refs/tags'] },
    { id: 'node-startup', label: '`node dist/cli.js --version` (Node startup + bundle load)', tool: 'node', what: 'startup', command: node, args: [CLI, '--version'] },
    { id: 'ours-next', label: 'ours: `next-version --format json` (last tag → HEAD)', tool: 'ours', what: 'next version', command: node, args: [CLI, 'next-version', '--format', 'json'] },
    { id: 'ours-full', label: 'ours: `changelog --from <root> --format json` (whole history: plan + changelog)', tool: 'ours', what: 'both', command: node, args: [CLI, 'changelog', '--from', rootCommit, '--format', 'json'] },
    { id: 'ours-full-md', label: 'ours: `changelog --from <root>` (whole history, Markdown)', tool: 'ours', what: 'changelog', command: node, args: [CLI, 'changelog', '--from', rootCommit] },
    { id: 'crb', label: 'conventional-recommended-bump 12.1.0 `-p conventionalcommits`', tool: 'conventional-changelog', what: 'next version', command: node, args: [join(NM, 'conventional-recommended-bump', 'dist', 'cli', 'index.js'), '-p', 'conventionalcommits'] },
    { id: 'cc-full', label: 'conventional-changelog 8.1.3 `-p conventionalcommits -r 0 --stdout` (every release)', tool: 'conventional-changelog', what: 'changelog', command: node, args: [join(NM, 'conventional-changelog', 'dist', 'cli', 'index.js'), '-p', 'conventionalcommits', '-r', '0', '--stdout'], slow: true },
    { id: 'cliff-bumped', label: `git-cliff 2.14.2 \`--tag-pattern '${STABLE_V_TAGS}' --bumped-version\``, tool: 'git-cliff', what: 'next version', command: GIT_CLIFF, args: ['--tag-pattern', STABLE_V_TAGS, '--bumped-version'], slow: true },
    { id: 'cliff-full', label: `git-cliff 2.14.2 \`--tag-pattern '${STABLE_V_TAGS}' --bump\` (every release + bumped version)`, tool: 'git-cliff', what: 'both', command: GIT_CLIFF, args: ['--tag-pattern', STABLE_V_TAGS, '--bump'], slow: true },
    { id: 'cliff-default-bumped', label: 'git-cliff 2.14.2 `--bumped-version` (default configuration: all 892 tags)', tool: 'git-cliff', what: 'next version', command: GIT_CLIFF, args: ['--bumped-version'], slow: true },
    { id: 'cliff-default-full', label: 'git-cliff 2.14.2 (default configuration, every release)', tool: 'git-cliff', what: 'changelog', command: GIT_CLIFF, args: [], slow: true },
  ];
  const measured = new Map<string, Measured>(commands.map((command) => [command.id, { wallMs: [], cpuMs: [], exitCode: null, stdoutBytes: 0, firstLine: '', stderrHead: '' }]));
  const loadBefore = loadavg();
  const started = new Date().toISOString();
  // Warm-up (page cache, git's object cache): one captured run of each.
  for (const command of commands) runOnce(command, repo, true, measured.get(command.id)!);
  const rounds = Math.max(REPS.fast, REPS.slow);
  const loadDuring: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const command of commands) {
      if (round >= (command.slow ? REPS.slow : REPS.fast)) continue;
      runOnce(command, repo, false, measured.get(command.id)!);
    }
    loadDuring.push(loadavg()[0]!);
    console.error(`round ${round + 1}/${rounds} done (load ${loadavg()[0]!.toFixed(2)})`);
  }
  const inproc = await inProcess(repo, rootCommit);
  const loadAfter = loadavg();
  rmSync(repo, { recursive: true, force: true });

  const get = (id: string): Measured => measured.get(id)!;
  const wall = (id: string): number => median(get(id).wallMs);
  const cpu = (id: string): number => median(get(id).cpuMs);
  const floor = wall('floor');
  const oursFull = wall('ours-full');
  const oursBoth = wall('ours-next') + wall('ours-full-md');
  const peers = {
    conventionalChangelog: wall('crb') + wall('cc-full'),
    gitCliff: wall('cliff-full'),
    gitCliffDefault: wall('cliff-default-bumped') + wall('cliff-default-full'),
  };
  const met = {
    withinThreeTimesFloor: oursFull <= 3 * floor,
    fasterThanConventionalChangelog: oursBoth < peers.conventionalChangelog,
    fasterThanGitCliff: oursBoth < peers.gitCliff,
  };
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim(),
    platform: `${process.platform} ${process.arch}`,
    loadavgBefore: loadBefore,
    loadavgAfter: loadAfter,
    load1DuringRounds: loadDuring,
  };
  const results = {
    date: started,
    machine,
    corpus: { name: CORPUS, commits: commitCount, tags: replay.tagsCreated, replayMs, rootCommit, lastTag },
    reps: REPS,
    commands: commands.map((command) => ({ ...command, ...get(command.id), medianWallMs: wall(command.id), medianCpuMs: cpu(command.id) })),
    inProcess: { ...inproc, medianLoadMs: median(inproc.loadMs), medianRenderMs: median(inproc.renderMs) },
    ratios: { oursFullOverFloor: oursFull / floor, peersOverOurs: { conventionalChangelog: peers.conventionalChangelog / oursBoth, gitCliff: peers.gitCliff / oursBoth, gitCliffDefault: peers.gitCliffDefault / oursBoth } },
    targets: { withinTimesFloor: 3, fasterThanPeers: true },
    met,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const stamp = started.replace(/[:.]/g, '-');
  writeFileSync(join(ROOT, 'bench', 'results', `release-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, 'bench', 'results', 'release-latest.json'), `${JSON.stringify(results, null, 2)}\n`);

  const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
  const x1 = (x: number): string => `${x.toFixed(1)}×`;
  const rows = commands.map((command) => {
    const m = get(command.id);
    const n = m.wallMs.length;
    return `| ${command.label} | ${f0(wall(command.id))} | ${f0(cpu(command.id))} | ${x1(wall(command.id) / floor)} | ${n} | ${m.exitCode} | ${f0(m.stdoutBytes)} | ${m.firstLine.replace(/\|/g, '\\|').slice(0, 40)} |`;
  });
  console.log(`
### ${CORPUS}: ${commitCount} commits, ${replay.tagsCreated} tags · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ${machine.git}
load average (1/5/15 min) before ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}

| command (cwd: the replayed repository, stdout → /dev/null) | wall ms (median) | CPU ms (median) | × floor | runs | exit | stdout bytes | first line |
|---|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}
| in process: \`loadReleasePlan({ from: <root> })\` (${inproc.commits} commits, warm) | ${f0(median(inproc.loadMs))} | | ${x1(median(inproc.loadMs) / floor)} | ${inproc.loadMs.length} | | | |
| in process: \`renderChangelog\` of that plan (${f0(inproc.changelogBytes)} bytes) | ${f0(median(inproc.renderMs))} | | | ${inproc.renderMs.length} | | | |

| target | measured | met? |
|---|---|---|
| ours whole history (\`changelog --from <root> --format json\`) ≤ 3× \`git log\` | ${f0(oursFull)} ms = ${x1(oursFull / floor)} of ${f0(floor)} ms | ${met.withinThreeTimesFloor ? 'yes' : 'NO'} |
| ours next version + changelog (\`next-version\` + \`changelog --from <root>\`: ${f0(oursBoth)} ms) faster than conventional-recommended-bump + conventional-changelog -r 0 | ${f0(peers.conventionalChangelog)} ms (${x1(peers.conventionalChangelog / oursBoth)}) | ${met.fasterThanConventionalChangelog ? 'yes' : 'NO'} |
| … faster than git-cliff \`--bump\` (v-tags) | ${f0(peers.gitCliff)} ms (${x1(peers.gitCliff / oursBoth)}) | ${met.fasterThanGitCliff ? 'yes' : 'NO'} |

results: bench/results/release-latest.json`);
}

await main();
