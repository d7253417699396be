// The built CLI exits as soon as a command is done (src/cli/main.ts), but never before its output is written: a
// changelog of megabytes into a pipe whose reader is slow (the OS takes 64 KiB at a time, the rest waits in the
// stream) must arrive whole, byte for byte what the same run writes into a file. The commands wait for 'drain';
// main.ts still exits only when stdout has nothing queued, so a write nobody waited for is not cut off either
// (without that check and with `write` not waiting, this test fails: checked).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPORA_DIR, corpusExists, loadCorpus, replayRepository } from '../../../bench/replayCorpus';
import { CLI, ensureBuilt, PROJECT_ROOT } from './cliHarness';
import { isolatedGitEnv, scratchDir, useIsolatedGit } from '../node/gitFixture';

const CORPUS = 'vitejs__vite';

function slowPipe(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, stderr: 'inherit' | 'pipe' = 'inherit'): Promise<{ readonly code: number | null; readonly stdout: Buffer; readonly stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args[0] === '--import' ? [] : [CLI], ...args], { cwd, env, stdio: ['ignore', 'pipe', stderr] });
    const chunks: Buffer[] = [];
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const stdout = child.stdout!; // stdio 'pipe'
    stdout.pause(); // nothing read for a while: the CLI's writes pile up behind a full pipe
    setTimeout(() => {
      stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      stdout.resume();
    }, 700);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr: errors }));
  });
}

describe('dist/cli.js exits once its output is written', function () {
  this.timeout(120_000);
  useIsolatedGit();

  it('writes a changelog of megabytes whole into a slow pipe, as into a file', async function () {
    if (!corpusExists(CORPUS, CORPORA_DIR)) this.skip();
    ensureBuilt();
    const env = { ...isolatedGitEnv(), SOURCE_DATE_EPOCH: '1767225600', NO_COLOR: '1' };
    const { dir } = replayRepository(loadCorpus(CORPUS, CORPORA_DIR), { dir: join(scratchDir('rh-exit-'), 'repo'), env });
    const root = spawnSync('git', ['rev-list', '--max-parents=0', 'HEAD'], { cwd: dir, env, encoding: 'utf8' }).stdout.trim();
    const args = ['changelog', '--from', root, '--format', 'json'];
    const file = join(scratchDir('rh-exit-out-'), 'stdout');
    const fd = openSync(file, 'w');
    const toFile = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    assert.equal(toFile.status, 0);
    const expected = readFileSync(file);
    assert.ok(expected.length > 1 << 20, `a large output (${expected.length} bytes)`);
    const piped = await slowPipe(args, dir, env);
    assert.equal(piped.code, 0);
    assert.equal(piped.stdout.length, expected.length, 'every byte arrives');
    assert.ok(piped.stdout.equals(expected), 'the same bytes');
  });

  it('writes a migrations report of megabytes whole into a slow pipe, as into a file', async function () {
    ensureBuilt();
    // Outside any repository (no git): 400 files of an expand and contract each, ~1 MB of JSON.
    const dir = scratchDir('rh-exit-migrations-');
    mkdirSync(join(dir, 'migrations'));
    for (let i = 1; i <= 400; i++) {
      const n = String(i).padStart(4, '0');
      writeFileSync(join(dir, 'migrations', `${n}_step.sql`), `ALTER TABLE t${i} ADD COLUMN c${i} text;\nUPDATE t${i} SET c${i} = old_${i} WHERE c${i} IS NULL;\nALTER TABLE t${i} DROP COLUMN old_${i};\nALTER TABLE t${i} RENAME COLUMN x${i} TO y${i};\n`);
    }
    const env = { ...process.env, NO_COLOR: '1' };
    for (const args of [['migrations', '--format', 'json', '--dialect', 'postgres'], ['migrations', '--dialect', 'postgres']]) {
      const file = join(scratchDir('rh-exit-out-'), 'stdout');
      const fd = openSync(file, 'w');
      const toFile = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['ignore', fd, 'inherit'] });
      closeSync(fd);
      assert.equal(toFile.status, 1, 'errors found');
      const expected = readFileSync(file);
      assert.ok(expected.length > 1 << 17, `a large output (${expected.length} bytes)`);
      const piped = await slowPipe(args, dir, env);
      assert.equal(piped.code, 1);
      assert.equal(piped.stdout.length, expected.length, 'every byte arrives');
      assert.ok(piped.stdout.equals(expected), 'the same bytes');
    }
  });

  it('hands a large text to a pipe whole in the write itself, nothing left queued in the process', async function () {
    // src/cli/io.ts makes the pipe blocking first: before, Node took 64 KB and queued the rest for the event loop's
    // turns (writeQueueSize ~3 MB here), in which V8 ran a full mark-compact before the process could exit. The
    // two ways a command writes a large text: write, and PieceEncoder (the changelog's pieces).
    const writers: Record<string, string> = {
      write: `const done = io.write(process.stdout, 'x'.repeat(3_000_000) + '\\n');`,
      PieceEncoder: `const encoder = new io.PieceEncoder(); encoder.push('x'.repeat(1_000_000), 'x'.repeat(2_000_000)); encoder.push('\\n'); const done = encoder.send(process.stdout);`,
    };
    for (const [name, call] of Object.entries(writers)) {
      const script = [
        `import * as io from ${JSON.stringify(join(PROJECT_ROOT, 'src', 'cli', 'io.ts'))};`,
        call,
        `process.stderr.write('queued ' + process.stdout._handle.writeQueueSize + '\\n');`,
        `await done;`,
      ].join('\n');
      const piped = await slowPipe(['--import', 'tsx', '--input-type=module', '-e', script], PROJECT_ROOT, process.env, 'pipe');
      assert.equal(piped.code, 0, `${name}: ${piped.stderr}`);
      assert.equal(piped.stdout.length, 3_000_001, `${name}: every byte arrives`);
      assert.match(piped.stderr, /^queued 0$/m, name);
    }
  });
});
