// The workspace's files as git lists them (tracked and untracked, not ignored), relative to the folder checked,
// whether that is the top level or a folder below it, from one `git ls-files` (a second git process, `rev-parse
// --show-prefix`, chose between two branches that returned the same list).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listWorkspaceFiles, workspaceGit, type WorkspaceGit } from '../../../src/node/migrations';
import { TestRepo, useIsolatedGit } from './gitFixture';

describe('migrations: the workspace files from git', function () {
  this.timeout(60_000);
  useIsolatedGit();

  it('lists tracked and untracked files relative to the top level or a folder below it, with one git process', async () => {
    const repo = TestRepo.init();
    repo.write('.gitignore', 'ignored.sql\n');
    repo.write('db/migrations/0001_a.sql', 'ALTER TABLE t ADD COLUMN c text;\n');
    repo.write('app/model.ts', 'export const c = 1;\n');
    repo.git('add', '-A');
    repo.commit('feat: first\n');
    repo.write('db/migrations/0002_b.sql', 'ALTER TABLE t DROP COLUMN b;\n'); // untracked
    repo.write('db/migrations/ignored.sql', 'SELECT 1;\n'); // ignored
    const expected = new Map([
      [repo.root, ['.gitignore', 'app/model.ts', 'db/migrations/0001_a.sql', 'db/migrations/0002_b.sql', 'file.txt']],
      [join(repo.root, 'db'), ['migrations/0001_a.sql', 'migrations/0002_b.sql']],
    ]);
    for (const [root, files] of expected) {
      const { run, repository } = await workspaceGit(root);
      assert.equal(repository, true);
      const asked: string[] = [];
      const counted: WorkspaceGit = (args) => {
        asked.push(args[0]!);
        return run(args);
      };
      assert.deepEqual((await listWorkspaceFiles(root, counted)).sort(), files, root);
      assert.deepEqual(asked, ['ls-files'], `${root}: the git processes`);
    }
  });
});
