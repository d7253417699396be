// The built CLI exits as soon as a command is done (src/cli/main.ts), but never before its output is written: a
// changelog of megabytes into a pipe whose reader is slow (the OS takes 64 KiB at a time, the rest waits in the
// stream) must arrive whole, byte for byte what the same run writes into a file. The commands wait for 'drain';
// main.ts still exits only when stdout has nothing queued, so a write nobody waited for is not cut off either
// (without that check and with `write` not waiting, this test fails: checked).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPORA_DIR, corpusExists, loadCorpus, replayRepository } from '../../../bench/replayCorpus';
import { CLI, ensureBuilt } from './cliHarness';
import { isolatedGitEnv, scratchDir, useIsolatedGit } from '../node/gitFixture';

const CORPUS = 'vitejs__vite';

function slowPipe(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ readonly code: number | null; readonly stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.pause(); // nothing read for a while: the CLI's writes pile up behind a full pipe
    setTimeout(() => {
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stdout.resume();
    }, 700);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
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
});
