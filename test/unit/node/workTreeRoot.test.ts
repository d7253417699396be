// findWorkTreeRoot walks up for .git without a git process: wherever it answers, the answer is git's own.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepositoryRoot } from '../../../src/node';
import { walkUpForGit } from '../../../src/node/git';
import { scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

async function gitsAnswer(dir: string): Promise<string | undefined> {
  const repository = await findRepositoryRoot(dir);
  return repository.ok ? repository.value.root : undefined;
}

describe('src/node walkUpForGit (the root without git)', () => {
  useIsolatedGit();

  it('gives git\'s top level from the root, a subfolder and a symlinked path', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    const sub = join(repo.root, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    const link = join(scratchDir('rh-link-'), 'repo');
    symlinkSync(sub, link);
    for (const dir of [repo.root, sub, link]) assert.equal(walkUpForGit(dir, {}), await gitsAnswer(dir), dir);
  });

  it('finds a linked worktree (a .git file) as git does', async () => {
    const repo = TestRepo.init();
    repo.commit('chore: init\n');
    const worktree = join(scratchDir('rh-wt-'), 'wt');
    repo.git('worktree', 'add', '--quiet', worktree);
    assert.equal(walkUpForGit(worktree, {}), await gitsAnswer(worktree));
  });

  it('answers undefined where no .git is above the folder', () => {
    // The scratch folders live under the OS temp folder, outside any repository.
    assert.equal(walkUpForGit(scratchDir('rh-none-'), {}), undefined);
  });

  it('leaves it to git with GIT_DIR set, inside .git, with core.worktree, or with a .git that is not a repository', () => {
    const repo = TestRepo.init();
    assert.equal(walkUpForGit(repo.root, { GIT_DIR: join(repo.root, '.git') }), 'ask-git');
    assert.equal(walkUpForGit(join(repo.root, '.git'), {}), 'ask-git');
    repo.git('config', 'core.worktree', '/somewhere/else');
    assert.equal(walkUpForGit(repo.root, {}), 'ask-git');
    const fake = scratchDir('rh-fake-');
    writeFileSync(join(fake, '.git'), 'not a pointer\n');
    assert.equal(walkUpForGit(fake, {}), 'ask-git');
  });

  it('reads "bare = false" as an ordinary repository and "bare = true" as git\'s call', () => {
    const repo = TestRepo.init();
    repo.git('config', 'core.bare', 'false');
    assert.equal(walkUpForGit(repo.root, {}), realpathSync(repo.root));
    repo.git('config', 'core.bare', 'true');
    assert.equal(walkUpForGit(repo.root, {}), 'ask-git');
  });
});
