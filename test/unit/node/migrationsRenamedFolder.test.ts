// A project that moved its migrations folder (umami's prisma/, saleor's userprofile app, jellyfin's provider
// project): each file's release is that of its first add before the move, not the move's.
import assert from 'node:assert/strict';
import { addingCommits } from '../../../src/node/migrations';
import { TestRepo, useIsolatedGit } from './gitFixture';

describe('migrations: the commit that added a file follows renames', function () {
  this.timeout(30_000);
  useIsolatedGit();

  it('a file moved twice keeps the commit of its first add; a file added by the move commit keeps that commit', async () => {
    const repo = TestRepo.init();
    repo.write('old/migrations/001_create.sql', 'CREATE TABLE t (id int);\n');
    const first = repo.commitAllAt('feat: create t', '2020-01-01T00:00:00Z');
    const add = 'ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ADD COLUMN d int;\nALTER TABLE t ADD COLUMN e int;\n';
    repo.write('old/migrations/002_add.sql', add);
    const second = repo.commitAllAt('feat: add a', '2020-02-01T00:00:00Z');
    repo.git('mv', 'old', 'mid');
    repo.commitAllAt('refactor: move the folder', '2021-01-01T00:00:00Z');
    repo.git('mv', 'mid', 'db');
    // The second move edits a file a little (still a rename) and adds a new one in the same commit.
    repo.write('db/migrations/002_add.sql', `-- moved\n${add}`);
    repo.write('db/migrations/003_new.sql', 'CREATE INDEX CONCURRENTLY t_b ON t (b);\n');
    const move = repo.commitAllAt('refactor: move it again, and add b', '2022-01-01T00:00:00Z');
    const adding = await addingCommits(repo.root, ['db/migrations/001_create.sql', 'db/migrations/002_add.sql', 'db/migrations/003_new.sql', 'db/migrations/004_uncommitted.sql']);
    assert.deepEqual(Object.fromEntries(adding), {
      'db/migrations/001_create.sql': first,
      'db/migrations/002_add.sql': second,
      'db/migrations/003_new.sql': move,
      'db/migrations/004_uncommitted.sql': null,
    });
  });
});
