// Cancelling a release computation ends its git processes (the editor supersedes a computation when HEAD moves
// again, and the result of the old one would be dropped anyway). A `git` wrapper first on PATH records each
// process id and holds `git log` for a while before running the real git, so the abort lands while it runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { loadReleasePlan } from '../../../src/node/release';
import { processAlive as alive, scratchDir, TestRepo, until, useIsolatedGit } from './gitFixture';

describe('cancelling a release computation', function () {
  this.timeout(30_000);
  useIsolatedGit();
  let savedPath: string | undefined;
  afterEach(() => {
    if (savedPath !== undefined) process.env['PATH'] = savedPath;
  });

  it('kills the git processes it started and resolves as cancelled', async () => {
    const repo = TestRepo.init();
    repo.commit('feat: one\n');
    repo.git('tag', 'v1.0.0');
    repo.commit('fix: two\n');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = scratchDir('rh-git-wrapper-');
    const pids = join(bin, 'pids');
    writeFileSync(pids, '');
    // `exec` keeps the process id: the recorded pid is the git process itself once the wait is over.
    // The hold is a child the wrapper kills when it is terminated, so a killed wrapper leaves nothing running.
    const hold = 'sleep 20 & held=$!; trap \'kill $held; exit 143\' TERM INT; wait $held; trap - TERM INT';
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$$ $*" >> "${pids}"\nfor arg in "$@"; do [ "$arg" = log ] && { ${hold}; }; done\nexec "${realGit}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    savedPath = process.env['PATH'];
    process.env['PATH'] = `${bin}${delimiter}${savedPath ?? ''}`;

    const abort = new AbortController();
    const pending = loadReleasePlan({ cwd: repo.root, signal: abort.signal });
    // Wait until the held `git log` has started, then cancel.
    const started = await until(() => / log /.test(readFileSync(pids, 'utf8')));
    assert.ok(started, `git processes started: ${readFileSync(pids, 'utf8')}`);
    abort.abort();
    // Well before the 20 s hold would end by itself, every process is gone (without the abort, `git log` waits).
    const recorded = readFileSync(pids, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[0]));
    assert.ok(await until(() => recorded.every((pid) => !alive(pid)), 60), `still running: ${recorded.filter(alive).join(', ')}`);
    const result = await pending;
    assert.equal(result.ok ? 'ok' : result.kind, 'cancelled');
  });
});
