// The open speed rows of issues #13/#16 as whole processes under GNU time, two builds and each row's peer alternating
// in every round; prints the median wall and CPU (user + system) of each. The lead's second measurement beside the
// bench scripts when the machine is noisy (docs/benchmarks.md, "Idle re-run … session 5").
//
//   node bench/abOpenRows.mjs --after <dist> --before <dist> [--rounds 21] [--no-ca]
//
// Inputs, made by the bench scripts (paths overridable): RH_AB_RELEASE (a replayed vite with tags, bench/
// releaseProcess.bench.ts) and RH_AB_ROOT (its root commit), RH_AB_MIGRATIONS (a folder with migrations/ of the 1,000
// files of bench/migrations.bench.ts), RH_AB_CHECKOUT (bench/flags.bench.ts's flag checkout), RH_AB_NO_FLAGS (vite).
// The peers: squawk (bench/.peers, bench/peers.ts installs it), rg with bench/flagsRg.ts's arguments (written by
// `node --import=tsx -e "import('./bench/flagsRg.ts').then(m => console.log(JSON.stringify(m.rgFlagArgs())))"` into
// RH_AB_RG_ARGS), and `git log -z --format=%H%x1f%P%x1f%B` (its output goes through a pipe into this process, which
// slows it: compare the changelog with bench/releaseProcess.bench.ts's floor instead).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { after: { type: 'string' }, before: { type: 'string' }, rounds: { type: 'string', default: '21' }, 'no-ca': { type: 'boolean', default: false } } });
if (!values.after || !values.before) throw new Error('usage: node bench/abOpenRows.mjs --after <dist> --before <dist> [--rounds N] [--no-ca]');
const env = { ...process.env };
if (values['no-ca']) delete env.NODE_EXTRA_CA_CERTS;
const release = process.env.RH_AB_RELEASE ?? '/tmp/vite-replay-packed';
const root = process.env.RH_AB_ROOT ?? '9cb2bd0a7fce02e01ff3d8471ad24bfef9a516f6';
const migrations = process.env.RH_AB_MIGRATIONS ?? '/tmp/mig1k';
const checkout = process.env.RH_AB_CHECKOUT ?? '/tmp/rh-flags-bench-54340B';
const noFlags = process.env.RH_AB_NO_FLAGS ?? '/tmp/vite';
const rgArgs = JSON.parse(readFileSync(process.env.RH_AB_RG_ARGS ?? '/tmp/rgargs.json', 'utf8'));
const squawk = resolve(import.meta.dirname, '.peers/squawk-cli/node_modules/@squawk-cli/linux-x64/bin/squawk');
const migrationFiles = readdirSync(join(migrations, 'migrations')).sort().map((f) => `migrations/${f}`);
const cli = (dist) => join(resolve(dist), 'cli.js');
const builds = [['after', values.after], ['before', values.before]];
const cases = [
  ...builds.map(([b, d]) => [`changelog ${b}`, 'node', [cli(d), 'changelog', '--from', root, '--format', 'json'], release]),
  ['changelog floor (git log)', 'git', ['log', '-z', '--format=%H%x1f%P%x1f%B'], release],
  ...builds.map(([b, d]) => [`migrations ${b}`, 'node', [cli(d), 'migrations', '--format', 'json', '--dialect', 'postgres'], migrations]),
  ['migrations squawk', squawk, ['--reporter', 'gcc', ...migrationFiles], migrations],
  ...builds.map(([b, d]) => [`flag checkout ${b}`, 'node', [cli(d), 'flags', '--cwd', checkout, '--format', 'json'], checkout]),
  ['flag checkout rg', 'rg', rgArgs, checkout],
  ...builds.map(([b, d]) => [`no flags ${b}`, 'node', [cli(d), 'flags', '--cwd', noFlags], noFlags]),
];
const wall = new Map();
const cpu = new Map();
for (let round = 0; round <= Number(values.rounds); round++) {
  for (const [name, command, args, cwd] of cases) {
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', '\u0001%U %S', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - started;
    if (round === 0) continue; // warm-up: page cache and the peers' first runs
    const times = /\u0001([\d.]+) ([\d.]+)/.exec(run.stderr);
    wall.set(name, [...(wall.get(name) ?? []), ms]);
    cpu.set(name, [...(cpu.get(name) ?? []), times ? (Number(times[1]) + Number(times[2])) * 1000 : NaN]);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`| process (${values.rounds} rounds${values['no-ca'] ? ', without NODE_EXTRA_CA_CERTS' : ''}) | wall median | CPU median | fastest |\n|---|---:|---:|---:|`);
for (const [name, list] of wall) console.log(`| ${name} | ${median(list).toFixed(0)} ms | ${median(cpu.get(name)).toFixed(0)} ms | ${Math.min(...list).toFixed(0)} ms |`);
