// The flag scan alone (issue #16): `scanSource` over the files `git grep` names in a flag checkout, each round a
// fresh process (a cold JIT, as the CLI's), alternating the variants below, then warm rounds in the same process.
// Reported: wall time and the main thread's CPU time (from /proc, so V8's background compiler threads and the
// machine's load count less than in a process's total CPU) of the cold pass, and the median of the warm passes.
//
//   node --import=tsx bench/flagsScan.bench.ts --checkout <flag checkout> [--rounds 5] [--modes scan,reference]
//
//   a profile of one variant: node --cpu-prof --import=tsx bench/flagsScan.bench.ts --checkout <dir> --child scan --list <file
//   written by a run with --list <file>>
//
// Modes: scan (scanSource: tokens.ts + scan.ts), reference (scanReference.ts on lexer.ts, the former scanner),
// tokens (tokens.ts alone), lex (lexer.ts alone), none (the files read, nothing else: the floor). The checkout: RH_FLAGS_CHECKOUT_ONLY=1 bench/flags.bench.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_FLAG_PATTERNS, callNames, languageOf, scanSource } from '../src/core/flags';
import { lex } from '../test/unit/core/flags/reference/lexer';
import { scanSourceReference } from '../test/unit/core/flags/reference/scanReference';
import { lexTokens } from '../src/core/flags/tokens';
import { callNameGrepPattern } from '../src/node/flags/workspace';

const { values } = parseArgs({
  options: {
    checkout: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'scan,reference' },
    warm: { type: 'string', default: '3' },
    child: { type: 'string' },
    list: { type: 'string' },
  },
});

/** CPU time of this process's main thread, ms (utime + stime of /proc/self/task/<pid>/stat). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

function child(mode: string, root: string, listFile: string): void {
  const files = readFileSync(listFile, 'utf8').split('\0').filter(Boolean);
  const texts = files.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8'), language: languageOf(file)! }));
  const pass = (): number => {
    let found = 0;
    for (const { file, text, language } of texts) {
      if (mode === 'none') found += text.length;
      else if (mode === 'lex') found += lex(text, language).tokens.length;
      else if (mode === 'tokens') found += lexTokens(text, language).count;
      else if (mode === 'reference') found += scanSourceReference(text, { language, file }).callSites.length;
      else found += scanSource(text, { language, file }).callSites.length;
    }
    return found;
  };
  const cpu0 = mainThreadCpuMs();
  const t0 = performance.now();
  const found = pass();
  const coldMs = performance.now() - t0;
  const coldCpuMs = mainThreadCpuMs() - cpu0;
  const warm: number[] = [];
  for (let i = 0; i < Number(values.warm); i++) {
    const t = performance.now();
    pass();
    warm.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ found, coldMs, coldCpuMs, warm }));
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const root = values.checkout;
  if (!root) throw new Error('usage: --checkout <flag checkout> [--rounds N] [--modes scan,reference,tokens,lex]');
  const names = callNames([...BUILTIN_FLAG_PATTERNS]);
  const grep = spawnSync('git', ['grep', '-l', '-z', '-P', '-e', callNameGrepPattern(names)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 1 << 28,
  });
  // The files the CLI lexes: named by git grep, a known language, no line over 2,000 characters (minified).
  const files = grep.stdout
    .split('\0')
    .filter((file) => file && languageOf(file) && !readFileSync(join(root, file), 'utf8').split('\n').some((line) => line.length > 2000));
  const chars = files.reduce((sum, file) => sum + readFileSync(join(root, file), 'utf8').length, 0);
  const scratch = mkdtempSync(join(tmpdir(), 'rh-flags-scan-'));
  // --list FILE keeps the list (NUL-separated), e.g. for a profile of one child: --child scan --list FILE.
  const listFile = values.list ?? join(scratch, 'files');
  writeFileSync(listFile, files.join('\0'));
  const modes = values.modes!.split(',');
  const results = new Map(modes.map((mode) => [mode, [] as Array<{ found: number; coldMs: number; coldCpuMs: number; warm: number[] }>]));
  console.log(`${files.length} files, ${(chars / 1048576).toFixed(1)} M characters; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const mode of modes) {
      const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', mode, '--checkout', root, '--list', listFile, '--warm', values.warm!], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`${mode}: ${run.stderr}`);
      results.get(mode)!.push(JSON.parse(run.stdout));
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  for (const [mode, runs] of results) {
    const found = new Set(runs.map((r) => r.found));
    console.log(
      `${mode.padEnd(10)} cold wall ${runs.map((r) => Math.round(r.coldMs)).join(', ')} (median ${Math.round(median(runs.map((r) => r.coldMs)))} ms); ` +
        `cold main-thread CPU median ${Math.round(median(runs.map((r) => r.coldCpuMs)))} ms (min ${Math.min(...runs.map((r) => r.coldCpuMs))}); warm median ${Math.round(median(runs.flatMap((r) => r.warm)))} ms; result ${[...found].join('/')}`,
    );
  }
  console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

if (values.child) child(values.child, values.checkout!, values.list!);
else main();
