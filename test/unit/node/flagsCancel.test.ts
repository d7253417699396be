// Cancelling a flag dating pass ends its git processes (the editor's Cancel button on the "dating feature flags
// from history" notification, and a refresh that supersedes a pass). A `git` wrapper first on PATH records each
// process id and holds the history walk (`git log … --raw`) for a while before running the real git, so the abort
// lands while it runs. Modelled on releaseCancel.test.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { clearFlagAgeCache, computeFlagAges } from '../../../src/node/flags';
import { processAlive as alive, scratchDir, TestRepo, until, useIsolatedGit } from './gitFixture';

describe('cancelling a flag dating pass', function () {
  this.timeout(30_000);
  useIsolatedGit();
  let savedPath: string | undefined;
  afterEach(() => {
    if (savedPath !== undefined) process.env['PATH'] = savedPath;
    savedPath = undefined;
    clearFlagAgeCache();
  });

  /** A repository with a dated flag, and a wrapper that holds the history walk 20 s; returns the pid file. */
  function holdHistoryWalk(): { repo: TestRepo; pids: string } {
    const repo = TestRepo.init();
    repo.write('src/a.ts', "export const on = unleash.isEnabled('sigma');\n");
    repo.commitAllAt('feat: sigma flag', '2026-02-01T00:00:00Z', 'Caller');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = scratchDir('rh-git-wrapper-');
    const pids = join(bin, 'pids');
    writeFileSync(pids, '');
    // `exec` keeps the process id: the recorded pid is the git process itself once the wait is over. The hold is a
    // child the wrapper kills when it is terminated, so a killed wrapper leaves nothing running.
    const hold = 'sleep 20 & held=$!; trap \'kill $held; exit 143\' TERM INT; wait $held; trap - TERM INT';
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$$ $*" >> "${pids}"\nfor arg in "$@"; do [ "$arg" = --raw ] && { ${hold}; }; done\nexec "${realGit}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    savedPath = process.env['PATH'];
    process.env['PATH'] = `${bin}${delimiter}${savedPath ?? ''}`;
    return { repo, pids };
  }

  it('kills the git process it started and resolves as cancelled', async () => {
    const { repo, pids } = holdHistoryWalk();
    const abort = new AbortController();
    const pending = computeFlagAges(repo.root, { keys: ['sigma'], signal: abort.signal });
    // Wait until the held history walk has started, then cancel.
    const started = await until(() => / log .* --raw /.test(readFileSync(pids, 'utf8')));
    assert.ok(started, `git processes started: ${readFileSync(pids, 'utf8')}`);
    abort.abort();
    // Well before the 20 s hold would end by itself, every process is gone (without the abort, `git log` waits).
    const recorded = readFileSync(pids, 'utf8').trim().split('\n').map((line) => Number(line.split(' ')[0]));
    assert.ok(await until(() => recorded.every((pid) => !alive(pid)), 60), `still running: ${recorded.filter(alive).join(', ')}`);
    const result = await pending;
    assert.equal(result.ok ? 'ok' : result.kind, 'cancelled');
  });

  it('after a cancel, the next pass dates the keys (nothing half-done was cached)', async () => {
    const { repo, pids } = holdHistoryWalk();
    const abort = new AbortController();
    const pending = computeFlagAges(repo.root, { keys: ['sigma'], signal: abort.signal });
    assert.ok(await until(() => / --raw /.test(readFileSync(pids, 'utf8'))));
    abort.abort();
    assert.equal(((await pending) as { kind?: string }).kind, 'cancelled');
    // The real git again: the retry reads the history and finds the key's commit.
    process.env['PATH'] = savedPath ?? '';
    const retried = await computeFlagAges(repo.root, { keys: ['sigma'] });
    assert.ok(retried.ok, JSON.stringify(retried));
    assert.equal(retried.cached, false);
    assert.equal(retried.ages['sigma']?.introducedBy, 'Caller');
  });
});
