// Migrations: lint 1,000 generated Postgres migration files and one 5,000-line file, ours against squawk
// (squawk-cli 2.66.0, installed on demand by bench/peers.ts) on the same files in the same run, rounds interleaved.
// The target row (issue #13) is ours `--format json` against squawk `--reporter gcc`; the "default output" rows run
// each tool as a CI job does without options (our text report, squawk's default reporter).
// Also prints, per Postgres fixture of test/fixtures/migrations/postgres, which schema-change findings squawk and we
// report (the comparison in docs/compatibility.md).
//
//   node --import=tsx bench/migrations.bench.ts        (RH_BENCH_QUICK=1 for one measured run each,
//   RH_BENCH_BEFORE=<older build's dist/cli.js> to time that build too, RH_BENCH_ROUNDS=N for N rounds)
//
// Needs `node esbuild.mjs` first (dist/cli.js). Wall time is measured around each process; "ours in process" is
// lintMigrations / analyseMigrationText after the parsers are loaded (what the editor pays per analysis).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { analyseMigrationText, lintMigrations, loadSqlParsers, orderKeyFor, type MigrationFile } from '../src/core/migrations';
import { squawkBinary } from './peers';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const QUICK = process.env['RH_BENCH_QUICK'] === '1';
const REPS = QUICK ? 1 : Number(process.env['RH_BENCH_ROUNDS'] ?? 5);
const SQUAWK = squawkBinary();
// RH_BENCH_BEFORE=<dist/cli.js of an older build>: that build's process too, in the same rounds.
const BEFORE = process.env['RH_BENCH_BEFORE'];

function migration(i: number): string {
  return [
    `-- migration ${i}: expand and contract steps of table t${i % 50}`,
    `ALTER TABLE t${i % 50} ADD COLUMN c${i} text;`,
    `UPDATE t${i % 50} SET c${i} = old_${i} WHERE c${i} IS NULL;`,
    `CREATE INDEX CONCURRENTLY idx_${i} ON t${i % 50} (c${i});`,
    `ALTER TABLE t${i % 50} DROP COLUMN IF EXISTS old_${i};`,
    `ALTER TABLE "public"."t${i % 50}" RENAME COLUMN x${i} TO y${i};`,
    '',
  ].join('\n');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time around the process, and its CPU time (user + system, from GNU time), less sensitive to load. */
function timeProcess(command: string, args: readonly string[], cwd: string): { ms: number; cpuMs: number; status: number | null; stdout: string } {
  const timeFile = join(tmpdir(), `rh-mig-time-${process.pid}`);
  const start = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, [...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  const cpuMs = TIME ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).reduce((sum, v) => sum + Number(v) * 1000, 0) : NaN;
  return { ms, cpuMs, status: r.status, stdout: r.stdout };
}

async function main(): Promise<void> {
  await loadSqlParsers();
  const dir = mkdtempSync(join(tmpdir(), 'rh-mig-bench-'));
  const many = join(dir, 'many', 'migrations');
  mkdirSync(many, { recursive: true });
  const files: MigrationFile[] = [];
  for (let i = 1; i <= 1000; i++) {
    const path = `migrations/${String(i).padStart(4, '0')}_step.sql`;
    const text = migration(i);
    writeFileSync(join(dir, 'many', path), text);
    files.push({ path, framework: 'sql', dialect: 'postgres', text, orderKey: orderKeyFor(path, 'sql') });
  }
  const bigDir = join(dir, 'big', 'migrations');
  mkdirSync(bigDir, { recursive: true });
  const big = Array.from({ length: 834 }, (_, i) => migration(i)).join('').split('\n').slice(0, 5000).join('\n') + '\n';
  writeFileSync(join(bigDir, '0001_big.sql'), big);
  const bigLines = big.split('\n').length - 1;
  const manyPaths = readdirSync(many).map((f) => join('migrations', f));

  const rows: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const add = (key: string, ms: number, cpuMs?: number): void => {
    (rows[key] ??= []).push(ms);
    if (cpuMs !== undefined) (cpu[key] ??= []).push(cpuMs);
  };
  for (let round = 0; round <= REPS; round++) {
    const warm = round === 0;
    let t = performance.now();
    // Fresh file objects each round: lintMigrations keeps the analysis of an unchanged file object.
    lintMigrations(files.map((f) => ({ ...f })), { dialect: 'postgres' });
    if (!warm) add('1,000 files: ours, in process (lintMigrations)', performance.now() - t);
    const cli = timeProcess(process.execPath, [CLI, 'migrations', '--format', 'json', '--dialect', 'postgres'], join(dir, 'many'));
    if (!warm) add('1,000 files: ours, CLI process', cli.ms, cli.cpuMs);
    const sq = timeProcess(SQUAWK, ['--reporter', 'gcc', ...manyPaths], join(dir, 'many'));
    if (!warm) add('1,000 files: squawk, CLI process', sq.ms, sq.cpuMs);
    // Each tool with its default output, as a CI job runs it: our text report, squawk's own reporter.
    const cliText = timeProcess(process.execPath, [CLI, 'migrations', '--dialect', 'postgres'], join(dir, 'many'));
    if (!warm) add('1,000 files, default output: ours (text)', cliText.ms, cliText.cpuMs);
    const sqDefault = timeProcess(SQUAWK, manyPaths, join(dir, 'many'));
    if (!warm) add('1,000 files, default output: squawk (its default reporter)', sqDefault.ms, sqDefault.cpuMs);
    if (BEFORE) {
      const old = timeProcess(process.execPath, [BEFORE, 'migrations', '--format', 'json', '--dialect', 'postgres'], join(dir, 'many'));
      if (!warm) add('1,000 files: ours before, CLI process', old.ms, old.cpuMs);
      if (warm && old.stdout !== cli.stdout) console.log('warm-up check, 1,000 files: the build before gives OTHER output');
    }
    t = performance.now();
    analyseMigrationText(big, { framework: 'sql', dialect: 'postgres' });
    if (!warm) add(`${bigLines}-line file: ours, in process (analyseMigrationText)`, performance.now() - t);
    const cliBig = timeProcess(process.execPath, [CLI, 'migrations', '--format', 'json', '--dialect', 'postgres'], join(dir, 'big'));
    if (!warm) add(`${bigLines}-line file: ours, CLI process`, cliBig.ms, cliBig.cpuMs);
    const sqBig = timeProcess(SQUAWK, ['--reporter', 'gcc', 'migrations/0001_big.sql'], join(dir, 'big'));
    if (!warm) add(`${bigLines}-line file: squawk, CLI process`, sqBig.ms, sqBig.cpuMs);
    if (BEFORE) {
      const old = timeProcess(process.execPath, [BEFORE, 'migrations', '--format', 'json', '--dialect', 'postgres'], join(dir, 'big'));
      if (!warm) add(`${bigLines}-line file: ours before, CLI process`, old.ms, old.cpuMs);
      if (warm && old.stdout !== cliBig.stdout) console.log(`warm-up check, ${bigLines}-line file: the build before gives OTHER output`);
    }
    if (warm) {
      const ours = JSON.parse(cli.stdout) as { findings: Array<{ rule: string }> };
      const count = (rule: string) => ours.findings.filter((f) => f.rule === rule).length;
      const sqCount = (rule: string) => sq.stdout.split('\n').filter((l) => l.includes(` ${rule} `)).length;
      console.log(`warm-up check, 1,000 files: ours drop-column ${count('drop-column')} (information: contract after expand ${ours.findings.filter((f) => f.rule === 'drop-column' && (f as { severity?: string }).severity === 'information').length}), expand-contract-same-release ${count('expand-contract-same-release')}, rename-column ${count('rename-column')}; squawk ban-drop-column ${sqCount('ban-drop-column')}, renaming-column ${sqCount('renaming-column')}`);
    }
  }
  console.log(`\nMachine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}; median of ${REPS} run(s)\n`);
  console.log('| Case | wall, median ms | CPU (user+sys), median ms | wall runs (ms) |\n|---|---:|---:|---|');
  for (const [key, values] of Object.entries(rows)) console.log(`| ${key} | ${median(values).toFixed(1)} | ${cpu[key] ? median(cpu[key]).toFixed(0) : '(same as wall)'} | ${values.map((v) => v.toFixed(0)).join(', ')} |`);

  // Agreement on the Postgres fixtures.
  const fixtures = join(ROOT, 'test', 'fixtures', 'migrations', 'postgres');
  const MAP: Record<string, string> = { 'ban-drop-column': 'drop-column', 'renaming-column': 'rename-column', 'changing-column-type': 'change-column-type', 'ban-drop-table': 'drop-table', 'renaming-table': 'rename-table', 'adding-required-field': 'add-required-column-without-default' };
  console.log('\n| Fixture | squawk (schema-change rules) | ours (single file) |\n|---|---|---|');
  for (const name of readdirSync(fixtures).sort()) {
    const text = readFileSync(join(fixtures, name), 'utf8');
    const sq = spawnSync(SQUAWK, ['--reporter', 'gcc', name], { cwd: fixtures, encoding: 'utf8' }).stdout;
    const theirs = sq.split('\n').map((l) => /:(\d+):\d+: \w+: ([a-z-]+) /.exec(l)).filter((m) => m && (MAP[m[2]!] || m[2] === 'syntax-error')).map((m) => `${MAP[m![2]!] ?? m![2]} L${Number(m![1]) + 1}`);
    const result = analyseMigrationText(text, { framework: 'sql', dialect: 'postgres', path: name });
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    const ours = [...result.findings.map((f) => `${f.ruleId} L${line(f.start)}`), ...(result.suppressedFindings ?? []).map((f) => `(suppressed ${f.ruleId} L${line(f.start)})`), ...result.notAnalysed.map((n) => `not analysed L${line(n.start)}`)];
    console.log(`| ${name} | ${[...new Set(theirs)].join(', ') || '–'} | ${ours.join(', ') || '–'} |`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
