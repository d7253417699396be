// A cloned repository can configure programs that git runs for it: core.fsmonitor on every index read, hooks,
// a pager, external diff and textconv drivers and clean/smudge filters through .gitattributes, gpg for signed
// commits. None of them may run when the product reads that repository: not from any CLI command (a CI gate on an
// untrusted pull request), and no git at all from the editor in Restricted Mode (refuseGit). Each program here
// writes a marker file; the control step proves that plain git does run them, so the assertions can fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../cli/cliHarness';
import { isolatedGitEnv, removeScratch, scratchDir } from './gitFixture';
import { analyzeWorkspaceFlags } from '../../../src/node/flags';
import { checkMigrations } from '../../../src/node/migrations';
import { collectScopes, findRepositoryRoot, readCommentChar, readTrailerSettings, refuseGit, spawnGit } from '../../../src/node/git';
import { showCommit } from '../../../src/node/showCommit';
import { loadReleasePlan, releaseStateKey } from '../../../src/node/release';

interface HostileRepository {
  readonly root: string;
  readonly markers: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Names of the programs that ran since the last call (and forgets them). */
function programsThatRan(repo: HostileRepository): string[] {
  const ran = readdirSync(repo.markers).sort();
  for (const name of ran) rmSync(join(repo.markers, name));
  return ran;
}

function hostileRepository(): HostileRepository {
  const root = scratchDir('rh-hostile-');
  const markers = scratchDir('rh-markers-');
  const env = isolatedGitEnv();
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('src/checkout.ts', "import { unleash } from './unleash';\nif (unleash.isEnabled('new-checkout')) render();\n");
  write('src/users.ts', 'export const mail = (user) => user.email;\n');
  write('db/migrations/001_users.sql', 'CREATE TABLE users (id int, email text);\n');
  write('.gitlab-ci.yml', 'deploy_production:\n  stage: deploy\n  environment: production\n  script: [./deploy.sh]\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'feat: checkout behind a flag');
  git('tag', 'v1.0.0');
  write('db/migrations/002_drop_email.sql', 'ALTER TABLE users DROP COLUMN email;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'feat!: drop the email column');

  // Armed only now, so that setting the repository up ran none of it.
  const program = join(markers, '..', `${markers.split('/').pop()}-program.sh`);
  writeFileSync(program, `#!/bin/sh\n: > "${markers}/$1"\ncat > /dev/null 2>&1 || true\n`);
  chmodSync(program, 0o755);
  const hooks = join(root, '.git', 'evil-hooks');
  mkdirSync(hooks);
  for (const hook of ['post-index-change', 'reference-transaction', 'post-checkout', 'pre-commit', 'commit-msg']) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\n"${program}" hook-${hook}\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  const settings: Array<[string, string]> = [
    ['core.fsmonitor', `${program} fsmonitor`],
    ['core.hooksPath', hooks],
    ['core.pager', `${program} pager`],
    ['pager.log', `${program} pager-log`],
    ['diff.external', `${program} diff-external`],
    ['diff.evil.command', `${program} diff-driver`],
    ['diff.evil.textconv', `${program} textconv`],
    ['filter.evil.clean', `${program} filter-clean`],
    ['filter.evil.smudge', `${program} filter-smudge`],
    ['log.showSignature', 'true'],
    ['gpg.program', `${program} gpg`],
    ['alias.grep', `!${program} alias`],
    ['core.sshCommand', `${program} ssh`],
    // git interpret-trailers runs these; trailer-exists reads the trailer.* settings and must not.
    ['trailer.evil.command', `${program} trailer-command`],
    ['trailer.evil.cmd', `${program} trailer-cmd`],
  ];
  for (const [key, value] of settings) git('config', key, value);
  write('.gitattributes', '* diff=evil filter=evil\n');
  // trailer-exists on: the lint commands read the trailer.* settings.
  write('.commitlintrc.json', JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'trailer-exists': [1, 'always', 'Signed-off-by:'] } }));
  // A dirty work tree: reading it makes git consult fsmonitor and the clean filter.
  write('src/users.ts', 'export const mail = (user) => user.email; // edited\n');
  return { root, markers, env };
}

describe('a hostile repository runs none of its configured programs', function () {
  this.timeout(60_000);
  let repo: HostileRepository;
  before(() => {
    ensureBuilt();
    repo = hostileRepository();
  });
  after(removeScratch);
  afterEach(() => refuseGit(undefined));

  it('control: plain git does run them (so the checks below can fail)', () => {
    execFileSync('git', ['status', '--porcelain'], { cwd: repo.root, env: repo.env });
    execFileSync('git', ['log', '-p', '-1'], { cwd: repo.root, env: repo.env });
    // Comparing the edited file with the index must read it through the clean filter (status alone may decide
    // from the file's size and time, which made this control flaky).
    execFileSync('git', ['diff', '--stat'], { cwd: repo.root, env: repo.env });
    execFileSync('git', ['interpret-trailers'], { cwd: repo.root, env: repo.env, input: 'feat: x\n' });
    const ran = programsThatRan(repo);
    for (const expected of ['fsmonitor', 'textconv', 'filter-clean']) assert.ok(ran.includes(expected), `plain git ran ${ran.join(', ')}`);
    assert.ok(ran.some((name) => name.startsWith('trailer-')), `plain git ran ${ran.join(', ')}`);
  });

  const commands: ReadonlyArray<readonly string[]> = [
    ['lint-commits'],
    ['lint-commits', '--from', 'v1.0.0'],
    ['check', '--only', 'commits'],
    ['next-version'],
    ['changelog'],
    ['flags'],
    ['flags', '--format', 'json'],
    ['migrations'],
    ['pipelines'],
  ];
  for (const args of commands) {
    it(`release-hygiene ${args.join(' ')}`, () => {
      const run = runCli(args, { cwd: repo.root, env: repo.env });
      assert.ok(run.status !== null && run.status <= 1, `exit ${run.status}: ${run.stderr}`);
      assert.deepEqual(programsThatRan(repo), []);
    });
  }

  it('the node layer runs its git commands with the neutralising settings (in process)', async () => {
    const flags = await analyzeWorkspaceFlags(repo.root);
    assert.ok(flags.ok, 'flags analysed');
    const migrations = await checkMigrations({ root: repo.root });
    assert.equal(migrations.gitAvailable, true);
    assert.ok(migrations.files.length >= 2, 'migrations found');
    const plan = await loadReleasePlan({ cwd: repo.root });
    assert.ok(plan.ok, 'release planned');
    // What else the editor asks git for: scope completion, the comment character, a commit document, the
    // release status key and the flag ages of an open file's repository.
    const scopes = await collectScopes(repo.root, { maxCount: 100 });
    assert.ok(scopes.ok, 'scopes collected');
    assert.equal((await readCommentChar(repo.root)).ok, true);
    const trailers = await readTrailerSettings(repo.root);
    assert.deepEqual(trailers.ok && trailers.value.configured, [{ name: 'evil', key: null }]);
    const head = execFileSync('git', ['-c', 'core.fsmonitor=false', 'rev-parse', 'HEAD'], { cwd: repo.root, env: repo.env, encoding: 'utf8' }).trim();
    assert.equal((await showCommit(repo.root, head)).ok, true);
    assert.equal((await releaseStateKey(repo.root)).ok, true);
    assert.deepEqual(programsThatRan(repo), []);
  });

  it('with git refused (an untrusted editor workspace) no git process starts at all', async () => {
    refuseGit('untrusted workspace');
    const root = await findRepositoryRoot(repo.root);
    assert.equal(root.ok ? 'ok' : root.kind, 'git-refused');
    const spawned = await spawnGit(repo.root, ['status']);
    assert.equal(spawned.ok, false);
    assert.match(spawned.err, /untrusted workspace/);
    const plan = await loadReleasePlan({ cwd: repo.root });
    assert.equal(plan.ok ? 'ok' : plan.kind, 'git-refused');
    assert.equal(((await readTrailerSettings(repo.root)) as { kind?: string }).kind, 'git-refused');
    const flags = await analyzeWorkspaceFlags(repo.root);
    assert.ok(flags.ok, 'the flags are still found, by reading files');
    assert.equal(flags.value.history, false, 'no ages without git');
    assert.ok(flags.value.flags.length > 0);
    const migrations = await checkMigrations({ root: repo.root });
    assert.equal(migrations.gitAvailable, false);
    // Not even fsmonitor ran: it would have, had any git command read the index.
    assert.deepEqual(programsThatRan(repo), []);
    assert.ok(existsSync(repo.root));
  });
});
