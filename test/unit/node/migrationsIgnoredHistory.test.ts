// strong_migrations' pattern in a real git history (rubygems.org, ApiKey#user_id): one release adds the column to
// the model's ignored_columns, a later one drops it and removes the marker in the same commit. The current model no
// longer shows the marker; the history does.
import assert from 'node:assert/strict';
import { checkMigrations } from '../../../src/node/migrations';
import { TestRepo, useIsolatedGit } from './gitFixture';

const MODEL = 'class ApiKey < ApplicationRecord\n  belongs_to :owner, polymorphic: true\nend\n';
const IGNORING = 'class ApiKey < ApplicationRecord\n  self.ignored_columns += %w[user_id]\n\n  belongs_to :owner, polymorphic: true\nend\n';
const DROP = 'class RemoveUserIdFromApiKeys < ActiveRecord::Migration[7.0]\n  def change\n    safety_assured { remove_column :api_keys, :user_id, :integer }\n  end\nend\n';

/** v1.0.0 the table and model; then the marker (tagged `markerTag`, or not); then the drop, tagged v1.2.0. */
function history(markerTag: string | null): TestRepo {
  const repo = TestRepo.init();
  repo.write('db/migrate/20200101000000_create_api_keys.rb', 'class CreateApiKeys < ActiveRecord::Migration[6.0]\n  def change\n    create_table :api_keys do |t|\n      t.integer :user_id\n    end\n  end\nend\n');
  repo.write('app/models/api_key.rb', 'class ApiKey < ApplicationRecord\n  belongs_to :user\nend\n');
  // Another table's user_id, still used: a reference of the same name, not of api_keys.user_id.
  repo.write('app/models/ownership.rb', 'class Ownership < ApplicationRecord\n  def check\n    errors.add :user_id, "taken"\n  end\nend\n');
  repo.commitAllAt('feat: api keys', '2020-01-01T00:00:00Z');
  repo.git('tag', 'v1.0.0');
  repo.write('app/models/api_key.rb', IGNORING);
  repo.commitAllAt('refactor: use ApiKey#owner instead of user', '2023-11-27T00:00:00Z');
  if (markerTag) repo.git('tag', markerTag);
  repo.write('app/models/api_key.rb', MODEL);
  repo.write('db/migrate/20231130000000_remove_user_id_from_api_keys.rb', DROP);
  repo.commitAllAt('refactor: remove ApiKey#user_id entirely', '2023-12-20T00:00:00Z');
  repo.git('tag', 'v1.2.0');
  return repo;
}

describe('migrations: ignored_columns in an earlier release, from the git history', function () {
  this.timeout(30_000);
  useIsolatedGit();

  it('a drop after a release that ignored the column is the contract step, whatever same-named code remains', async () => {
    const check = await checkMigrations({ root: history('v1.1.0').root });
    const drop = check.result.findings.find((f) => f.columnName === 'user_id')!;
    assert.equal(drop.severity, 'information', drop.message);
    assert.ok(drop.evidence.some((e) => e.kind === 'ignore-marker' && e.file === 'app/models/api_key.rb' && /v1\.1\.0/.test(e.description)));
  });

  it('the marker and the drop in one release stays an error: no release ran with the column ignored', async () => {
    const check = await checkMigrations({ root: history(null).root });
    const drop = check.result.findings.find((f) => f.columnName === 'user_id')!;
    assert.equal(drop.severity, 'error', drop.message);
    assert.ok(drop.evidence.some((e) => e.kind === 'ignore-marker' && /released in v1\.2\.0/.test(e.description)));
  });
});
