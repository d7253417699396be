// `release-hygiene install-hook` / `uninstall-hook` end to end: the built CLI installs the hook into a real
// repository, and a real `git commit` runs it (no --no-verify anywhere here).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT, runCli, type CliRun, expectExit } from './cliHarness';

const FOREIGN_HOOK = '#!/bin/sh\n# the team\'s own hook\nexit 0\n';

describe('release-hygiene install-hook / uninstall-hook (dist/cli.js, real git commit)', function () {
  this.timeout(60_000);
  let env: NodeJS.ProcessEnv;
  before(() => {
    ensureBuilt();
    env = { ...isolatedGitEnv(), NO_COLOR: '1' };
  });
  after(removeScratch);

  const cli = (args: readonly string[], cwd: string): CliRun => runCli(args, { cwd, env });

  /** A real `git commit` that runs the hooks (the fixture's own commits skip them). */
  const gitCommit = (repo: TestRepo, message: string): CliRun => {
    repo.write('change.txt', `${message}\n`);
    repo.git('add', 'change.txt');
    const result = spawnSync('git', ['-c', 'commit.gpgSign=false', 'commit', '-m', message], { cwd: repo.root, env, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const commitCount = (repo: TestRepo): number => {
    const out = spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo.root, env, encoding: 'utf8' });
    return out.status === 0 ? Number(out.stdout.trim()) : 0;
  };

  it('installs into .git/hooks; git commit refuses a bad message with its findings and makes a good one', () => {
    const repo = TestRepo.init(env);
    const install = cli(['install-hook'], repo.root);
    expectExit(install, 0);
    assert.match(install.stdout, /installed the commit-msg hook \.git\/hooks\/commit-msg/);
    const hook = join(repo.root, '.git', 'hooks', 'commit-msg');
    assert.equal(statSync(hook).mode & 0o111, 0o111, 'the hook is executable');
    assert.ok(readFileSync(hook, 'utf8').includes(join(PROJECT_ROOT, 'dist', 'cli.js')), 'the hook runs the CLI that installed it');

    const bad = gitCommit(repo, 'Fixed the parser.');
    assert.notEqual(bad.status, 0, 'git commit must fail');
    assert.match(bad.stdout + bad.stderr, /type-empty/);
    assert.match(bad.stdout + bad.stderr, /subject-full-stop/);
    assert.equal(commitCount(repo), 0, 'no commit was made');

    const good = gitCommit(repo, 'fix(parser): accept empty input');
    expectExit(good, 0);
    assert.equal(repo.git('log', '-1', '--format=%s').trim(), 'fix(parser): accept empty input');
  });

  it('runs the check without the CA bundle of NODE_EXTRA_CA_CERTS (no network: Node would parse it at every commit)', function () {
    const repo = TestRepo.init(env);
    expectExit(cli(['install-hook'], repo.root), 0);
    // Node warns at start-up when the bundle cannot be read: the warning shows whether the hook's Node saw the variable.
    const withBundle = { ...env, NODE_EXTRA_CA_CERTS: join(repo.root, 'no-such-ca.pem') };
    const control = spawnSync(process.execPath, ['-e', '0'], { env: withBundle, encoding: 'utf8' });
    // Node 22+ reads the bundle on first use only, never in a hook's run: there is nothing to save (Node 20 reads it
    // at start-up, and CI runs this on Node 20).
    if (!/Ignoring extra certs/.test(control.stderr)) this.skip();
    const commit = (message: string) => {
      repo.write('change.txt', `${message}\n`);
      repo.git('add', 'change.txt');
      return spawnSync('git', ['-c', 'commit.gpgSign=false', 'commit', '-m', message], { cwd: repo.root, env: withBundle, encoding: 'utf8' });
    };
    const bad = commit('Fixed it.');
    assert.notEqual(bad.status, 0, 'the hook still refuses a bad message');
    assert.match(bad.stderr, /type-empty|subject/i);
    assert.doesNotMatch(bad.stderr, /Ignoring extra certs/);
    expectExit({ ...commit('fix: without the bundle'), stdout: '' } as CliRun, 0);
  });

  it('honours a relative core.hooksPath (the work tree root is its base), from a subfolder too', () => {
    const repo = TestRepo.init(env);
    repo.git('config', 'core.hooksPath', '.githooks');
    mkdirSync(join(repo.root, 'src', 'deep'), { recursive: true });
    const install = cli(['install-hook'], join(repo.root, 'src', 'deep'));
    expectExit(install, 0);
    assert.match(install.stdout, /core\.hooksPath/);
    assert.ok(existsSync(join(repo.root, '.githooks', 'commit-msg')));
    assert.ok(!existsSync(join(repo.root, '.git', 'hooks', 'commit-msg')), 'nothing written where git does not look');
    assert.notEqual(gitCommit(repo, 'WIP').status, 0);
    expectExit(gitCommit(repo, 'feat: hooks from core.hooksPath'), 0);
  });

  it('honours an absolute core.hooksPath set in the global configuration', () => {
    const repo = TestRepo.init(env);
    const shared = scratchDir('rh-shared-hooks-');
    spawnSync('git', ['config', '--global', 'core.hooksPath', shared], { env });
    try {
      expectExit(cli(['install-hook'], repo.root), 0);
      assert.ok(existsSync(join(shared, 'commit-msg')));
      assert.notEqual(gitCommit(repo, 'bad message.').status, 0);
    } finally {
      spawnSync('git', ['config', '--global', '--unset', 'core.hooksPath'], { env });
    }
  });

  it('from a linked work tree, installs into the main repository\'s hooks folder, which git runs there', () => {
    const repo = TestRepo.init(env);
    repo.commit('chore: first\n');
    const linked = join(scratchDir('rh-linked-'), 'wt');
    repo.git('worktree', 'add', '--quiet', '-b', 'topic', linked);
    expectExit(cli(['install-hook'], linked), 0);
    assert.ok(existsSync(join(repo.root, '.git', 'hooks', 'commit-msg')));
    assert.notEqual(gitCommit(new TestRepo(linked, env), 'bad.').status, 0, 'the linked work tree runs the hook');
  });

  it('refuses to overwrite a foreign hook without --force; --force keeps it as a backup', () => {
    const repo = TestRepo.init(env);
    const hook = repo.write('.git/hooks/commit-msg', FOREIGN_HOOK);
    const refused = cli(['install-hook'], repo.root);
    expectExit(refused, 1);
    assert.match(refused.stderr, /not ours; left unchanged/);
    assert.equal(readFileSync(hook, 'utf8'), FOREIGN_HOOK);

    const forced = cli(['install-hook', '--force'], repo.root);
    expectExit(forced, 0);
    assert.match(forced.stdout, /commit-msg\.release-hygiene-backup/);
    assert.equal(readFileSync(`${hook}.release-hygiene-backup`, 'utf8'), FOREIGN_HOOK);
    assert.notEqual(gitCommit(repo, 'nope').status, 0, 'our hook now runs');
  });

  it('install-hook again updates our own hook without --force', () => {
    const repo = TestRepo.init(env);
    expectExit(cli(['install-hook'], repo.root), 0);
    const again = cli(['install-hook'], repo.root);
    expectExit(again, 0);
    assert.match(again.stdout, /updated the commit-msg hook/);
  });

  it('uninstall-hook removes only our hook', () => {
    const repo = TestRepo.init(env);
    expectExit(cli(['install-hook'], repo.root), 0);
    const removed = cli(['uninstall-hook'], repo.root);
    expectExit(removed, 0);
    assert.match(removed.stdout, /removed the commit-msg hook/);
    assert.ok(!existsSync(join(repo.root, '.git', 'hooks', 'commit-msg')));
    expectExit(gitCommit(repo, 'not checked any more'), 0);

    expectExit(cli(['uninstall-hook'], repo.root), 0); // nothing to remove
    const hook = repo.write('.git/hooks/commit-msg', FOREIGN_HOOK);
    const kept = cli(['uninstall-hook'], repo.root);
    expectExit(kept, 1);
    assert.equal(readFileSync(hook, 'utf8'), FOREIGN_HOOK);
  });

  it('fails with exit 3 outside a repository and 2 on an unknown option', () => {
    const outside = scratchDir('rh-no-repo-');
    writeFileSync(join(outside, 'x'), '');
    expectExit(cli(['install-hook'], outside), 3);
    expectExit(cli(['uninstall-hook', '--force'], outside), 2);
  });
});
