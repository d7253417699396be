// `release-hygiene flags` as a user runs it: the whole bundled CLI process, wall time, CPU and peak RSS, against
// the least that process could cost, alternating A B A B in the same run (the machine is shared: load hits both).
//   (1) a repository without flags: the CLI against a process that only lists the files (`git ls-files`) and
//       scans them (`scanWorkspaceFlags`, bundled the same way): the history pass must add next to nothing.
//   (2) a flag checkout (flags.bench.ts builds one): the CLI against `rg` over the same call names, and the
//       decomposition: the scan alone, and the search floor (list, read, look for the literals).
//   (3) the repository of (1) with three flag call sites in a new commit: the whole history is read to date them.
//
//   node esbuild.mjs --production       (the CLI as released: minified)
//   node --import=tsx bench/flagsProcess.bench.ts --repo <clone without flags> [--checkout <flag checkout>]
//        [--before <an older dist/cli.js>] [--rounds 9]
//
// Without --checkout a checkout is built (flags.bench.ts, RH_FLAGS_CHECKOUT_ONLY) and removed afterwards.
// --before adds a third process to each round of (1): an older build of the CLI (before/after numbers).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { rgFlagArgs } from './flagsRg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.js');
const TIME = '/usr/bin/time';

const { values } = parseArgs({
  options: { repo: { type: 'string' }, checkout: { type: 'string' }, before: { type: 'string' }, rounds: { type: 'string', default: '9' } },
});
if (!values.repo) throw new Error('usage: --repo <clone of a repository without flags> [--checkout DIR] [--before CLI] [--rounds N]');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for CPU and peak RSS`);
const ROUNDS = Number(values.rounds);

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssKb: number;
  readonly stdout: string;
}

/** One process under GNU time; exit codes 0 and 1 (stale flags found) are results, anything else fails. */
function run(command: string, args: readonly string[], cwd: string): Run {
  const started = performance.now();
  const out = spawnSync(TIME, ['-f', '\u0001%U %S %M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (out.status !== 0 && out.status !== 1) throw new Error(`${command} ${args.join(' ')} exited with ${out.status}: ${out.stderr}`);
  const [user, system, rss] = out.stderr.slice(out.stderr.lastIndexOf('\u0001') + 1).trim().split(' ').map(Number);
  return { wallMs, cpuMs: (user! + system!) * 1000, rssKb: rss!, stdout: out.stdout };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
interface Summary {
  readonly wallMs: number[];
  readonly wallMedianMs: number;
  readonly wallSpreadMs: [number, number];
  readonly cpuMedianMs: number;
  readonly peakRssMedianMb: number;
}
const summary = (runs: readonly Run[]): Summary => ({
  wallMs: runs.map((r) => Math.round(r.wallMs)),
  wallMedianMs: Math.round(median(runs.map((r) => r.wallMs))),
  wallSpreadMs: [Math.round(Math.min(...runs.map((r) => r.wallMs))), Math.round(Math.max(...runs.map((r) => r.wallMs)))],
  cpuMedianMs: Math.round(median(runs.map((r) => r.cpuMs))),
  peakRssMedianMb: +(median(runs.map((r) => r.rssKb)) / 1024).toFixed(0),
});

/** Rounds of alternating processes (one warm-up round first, for the page cache); runs by label. */
function alternate(cases: ReadonlyArray<{ label: string; command: string; args: readonly string[]; cwd: string }>): Map<string, Run[]> {
  const runs = new Map(cases.map((c) => [c.label, [] as Run[]]));
  for (let round = 0; round <= ROUNDS; round++) {
    for (const c of cases) {
      const result = run(c.command, c.args, c.cwd);
      if (round > 0) runs.get(c.label)!.push(result);
    }
  }
  return runs;
}

// The scan-only process: `git ls-files` + read + scan, bundled from the same sources (minified like a release).
const scratch = mkdtempSync(join(tmpdir(), 'rh-flags-process-'));
const entry = join(scratch, 'scanOnly.ts');
writeFileSync(
  entry,
  `import { scanWorkspaceFlags } from ${JSON.stringify(join(ROOT, 'src/node/flags/index.ts'))};\n` +
    `const scan = await scanWorkspaceFlags(process.argv[2]);\n` +
    `console.log(Object.values(scan.files).reduce((n, f) => n + f.callSites.length, 0), 'call sites in', scan.filesScanned, 'files');\n`,
);
const scanOnly = join(scratch, 'scanOnly.mjs');
// An ES module bundle: the CommonJS packages in it (simple-git's debug) require Node's modules through `require`.
await build({
  entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', outfile: scanOnly, logLevel: 'error',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

// The floor of the checkout row (issue #13/#16): the least a Node process does for this search, and nothing the
// flag report needs beyond it. It lists the files with one `git ls-files` (tracked and untracked, as the CLI's
// two listings). It reads each into a reused buffer with the CLI's calls: open, one read, close. It looks for the
// CLI's literals (callNameAnchors) with Buffer.indexOf, as the CLI's prefilter does. It does no call matching, no
// lexing, no history and no report. A second thread does not make this faster on two cores (docs/benchmarks.md),
// so it runs on one. If the floor alone is near 2× rg, the CLI cannot be under it.
const floorEntry = join(scratch, 'searchFloor.ts');
writeFileSync(
  floorEntry,
  `import { execFileSync } from 'node:child_process';\n` +
    `import { closeSync, openSync, readSync } from 'node:fs';\n` +
    `import { join } from 'node:path';\n` +
    `import { callNames } from ${JSON.stringify(join(ROOT, 'src/core/flags/patterns.ts'))};\n` +
    `import { callNameAnchors } from ${JSON.stringify(join(ROOT, 'src/node/flags/callNameSearch.ts'))};\n` +
    `const dir = process.argv[2];\n` +
    `const anchors = callNameAnchors(callNames()).map((anchor) => Buffer.from(anchor, 'latin1'));\n` +
    `const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: dir, maxBuffer: 1 << 30 }).toString('utf8').split('\\0');\n` +
    `const buffer = Buffer.allocUnsafe(256 * 1024);\n` +
    `let named = 0;\n` +
    `for (const path of listing) {\n` +
    `  if (path === '') continue;\n` +
    `  const fd = openSync(join(dir, path), 'r');\n` +
    `  const view = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));\n` +
    `  closeSync(fd);\n` +
    `  for (const anchor of anchors) if (view.indexOf(anchor) !== -1) { named++; break; }\n` +
    `}\n` +
    `console.log(named, 'files hold a literal of', listing.length - 1);\n`,
);
const searchFloor = join(scratch, 'searchFloor.mjs');
await build({ entryPoints: [floorEntry], bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', outfile: searchFloor, logLevel: 'error' });

const machine = { cpus: `${cpus().length}× ${cpus()[0]?.model ?? '?'}`, loadBefore: loadavg().map((x) => +x.toFixed(2)), node: process.version };
console.log(JSON.stringify(machine));

// (1) Without flags.
const repo = resolve(values.repo);
const files = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean).length;
const commits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim());
const noFlags = alternate([
  { label: 'cli', command: process.execPath, args: [CLI, 'flags', '--cwd', repo], cwd: repo },
  { label: 'scanOnly', command: process.execPath, args: [scanOnly, repo], cwd: repo },
  // The CLI's own start (loading the bundle of every command), for the decomposition.
  { label: 'cliHelp', command: process.execPath, args: [CLI, '--help'], cwd: repo },
  ...(values.before ? [{ label: 'cliBefore', command: process.execPath, args: [resolve(values.before), 'flags', '--cwd', repo], cwd: repo }] : []),
]);
const cliRuns = noFlags.get('cli')!;
if (!/^0 flags/m.test(cliRuns[0]!.stdout)) throw new Error(`expected a repository without flags, got: ${cliRuns[0]!.stdout.slice(0, 200)}`);
const withoutFlags = {
  repo: { files, commits },
  cli: summary(cliRuns),
  scanOnly: summary(noFlags.get('scanOnly')!),
  cliHelp: summary(noFlags.get('cliHelp')!),
  ...(values.before ? { cliBefore: summary(noFlags.get('cliBefore')!) } : {}),
  ratioOfMedians: +(median(cliRuns.map((r) => r.wallMs)) / median(noFlags.get('scanOnly')!.map((r) => r.wallMs))).toFixed(2),
};
console.log(JSON.stringify({ withoutFlags }, null, 2));

// (2) The flag checkout against rg.
let checkout = values.checkout ? resolve(values.checkout) : undefined;
const built = checkout === undefined;
if (!checkout) {
  const out = execFileSync(process.execPath, ['--import=tsx', join(ROOT, 'bench/flags.bench.ts')], { cwd: ROOT, env: { ...process.env, RH_FLAGS_CHECKOUT_ONLY: '1' }, encoding: 'utf8' });
  checkout = out.trim().split('\n').pop()!;
}
const checkoutFiles = execFileSync('git', ['ls-files'], { cwd: checkout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean).length;
const flagRuns = alternate([
  { label: 'cli', command: process.execPath, args: [CLI, 'flags', '--cwd', checkout, '--format', 'json'], cwd: checkout },
  { label: 'rg', command: 'rg', args: rgFlagArgs(), cwd: checkout },
  // The decomposition: the scan without the history pass, and the search floor above.
  { label: 'scanOnly', command: process.execPath, args: [scanOnly, checkout], cwd: checkout },
  { label: 'searchFloor', command: process.execPath, args: [searchFloor, checkout], cwd: checkout },
  ...(values.before ? [{ label: 'cliBefore', command: process.execPath, args: [resolve(values.before), 'flags', '--cwd', checkout, '--format', 'json'], cwd: checkout }] : []),
]);
const cliFlags = flagRuns.get('cli')!;
// A before/after pair must report the same thing, byte for byte.
if (values.before && flagRuns.get('cliBefore')![0]!.stdout !== cliFlags[0]!.stdout) throw new Error('--before reports other flags than dist/cli.js');
const flagsFound = (JSON.parse(cliFlags[0]!.stdout) as { flags: Array<{ introducedAt: string | null }> }).flags;
if (flagsFound.length === 0 || flagsFound.some((f) => f.introducedAt === null)) throw new Error('expected dated flags in the checkout');
const withFlags = {
  checkout: { files: checkoutFiles, flags: flagsFound.length },
  cli: summary(cliFlags),
  rg: summary(flagRuns.get('rg')!),
  scanOnly: summary(flagRuns.get('scanOnly')!),
  searchFloor: summary(flagRuns.get('searchFloor')!),
  ...(values.before ? { cliBefore: summary(flagRuns.get('cliBefore')!) } : {}),
  ratioOfMedians: +(median(cliFlags.map((r) => r.wallMs)) / median(flagRuns.get('rg')!.map((r) => r.wallMs))).toFixed(2),
  cpuRatioOfMedians: +(median(cliFlags.map((r) => r.cpuMs)) / median(flagRuns.get('rg')!.map((r) => r.cpuMs))).toFixed(2),
};
console.log(JSON.stringify({ withFlags }, null, 2));
if (built) rmSync(checkout, { recursive: true, force: true });

// (3) The same real repository with three flag call sites in one new commit: every key must be dated, so the
// history pass reads the whole history (step 1's walk and step 2's blobs); against the scan alone on it.
const withThree = join(scratch, 'with-three-flags');
execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, withThree]);
writeFileSync(
  join(withThree, 'bench-flags.ts'),
  "if (unleash.isEnabled('bench-checkout')) run();\nconst dark = ldClient.variation('bench-dark-mode', ctx, false);\n" +
    "const search = await client.getBooleanValue('bench-search-v2', false);\n",
);
execFileSync('git', ['add', 'bench-flags.ts'], { cwd: withThree });
execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '--quiet', '-m', 'feat: three flags'], { cwd: withThree });
const threeRuns = alternate([
  { label: 'cli', command: process.execPath, args: [CLI, 'flags', '--cwd', withThree, '--format', 'json'], cwd: withThree },
  { label: 'scanOnly', command: process.execPath, args: [scanOnly, withThree], cwd: withThree },
  ...(values.before ? [{ label: 'cliBefore', command: process.execPath, args: [resolve(values.before), 'flags', '--cwd', withThree, '--format', 'json'], cwd: withThree }] : []),
]);
const cliThree = threeRuns.get('cli')!;
if (values.before && threeRuns.get('cliBefore')![0]!.stdout !== cliThree[0]!.stdout) throw new Error('--before dates the three flags otherwise than dist/cli.js');
const threeFound = (JSON.parse(cliThree[0]!.stdout) as { flags: Array<{ introducedAt: string | null }> }).flags;
if (threeFound.length !== 3 || threeFound.some((f) => f.introducedAt === null)) throw new Error(`expected three dated flags, got ${JSON.stringify(threeFound)}`);
const withThreeFlags = {
  cli: summary(cliThree),
  scanOnly: summary(threeRuns.get('scanOnly')!),
  ...(values.before ? { cliBefore: summary(threeRuns.get('cliBefore')!) } : {}),
};
console.log(JSON.stringify({ withThreeFlags }, null, 2));
rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify({ loadAfter: loadavg().map((x) => +x.toFixed(2)) }));
console.log(`\n| case | ours (median wall) | reference (median wall) | ratio | target |\n|---|---|---|---|---|`);
console.log(`| no flags, ${files} files, ${commits} commits | ${withoutFlags.cli.wallMedianMs} ms | scan only ${withoutFlags.scanOnly.wallMedianMs} ms | ${withoutFlags.ratioOfMedians}× | ≤ 1.5× |`);
console.log(`| flag checkout, ${checkoutFiles} files | ${withFlags.cli.wallMedianMs} ms | rg ${withFlags.rg.wallMedianMs} ms | ${withFlags.ratioOfMedians}× | ≤ 2× |`);
const toRg = (s: Summary): string => `${(s.wallMedianMs / withFlags.rg.wallMedianMs).toFixed(2)}×`;
console.log(`| … the scan alone (no history pass) | ${withFlags.scanOnly.wallMedianMs} ms | rg ${withFlags.rg.wallMedianMs} ms | ${toRg(withFlags.scanOnly)} | – |`);
console.log(`| … the search floor (list, read, literals) | ${withFlags.searchFloor.wallMedianMs} ms | rg ${withFlags.rg.wallMedianMs} ms | ${toRg(withFlags.searchFloor)} | – |`);
console.log(`| three flags, ${files + 1} files, ${commits + 1} commits | ${withThreeFlags.cli.wallMedianMs} ms (cpu ${withThreeFlags.cli.cpuMedianMs} ms) | scan only ${withThreeFlags.scanOnly.wallMedianMs} ms | ${(withThreeFlags.cli.wallMedianMs / withThreeFlags.scanOnly.wallMedianMs).toFixed(2)}× | – |`);
if (values.before) {
  console.log(`| three flags, --before build | ${withThreeFlags.cliBefore!.wallMedianMs} ms (cpu ${withThreeFlags.cliBefore!.cpuMedianMs} ms) | this build ${withThreeFlags.cli.wallMedianMs} ms (cpu ${withThreeFlags.cli.cpuMedianMs} ms) | | |`);
  console.log(`| flag checkout, --before build | ${withFlags.cliBefore!.wallMedianMs} ms (cpu ${withFlags.cliBefore!.cpuMedianMs} ms) | this build ${withFlags.cli.wallMedianMs} ms (cpu ${withFlags.cli.cpuMedianMs} ms) | | |`);
  console.log(`| no flags, --before build | ${withoutFlags.cliBefore!.wallMedianMs} ms (cpu ${withoutFlags.cliBefore!.cpuMedianMs} ms) | this build ${withoutFlags.cli.wallMedianMs} ms (cpu ${withoutFlags.cli.cpuMedianMs} ms) | | |`);
}
