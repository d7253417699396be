// Git-backed: release boundaries come from real tags, references from a real `git grep`, and the CLI runs built.
import assert from 'node:assert/strict';
import { checkMigrations, workspaceGit } from '../../../src/node/migrations';
import { ensureBuilt, runCli } from '../cli/cliHarness';
import { isolatedGitEnv, scratchDir, TestRepo, useIsolatedGit } from './gitFixture';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

function commitAll(repo: TestRepo, message: string): void {
  repo.git('add', '-A');
  repo.commit(message);
}

/** v1.0.0: the table; v1.1.0: the expand (add + backfill) and code moved to full_name; then the contract. */
function expandedRepo(): TestRepo {
  const repo = TestRepo.init();
  repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id serial PRIMARY KEY, name text, email text);\n');
  repo.write('app/user.ts', 'export const select = "select name from users";\n');
  commitAll(repo, 'feat: users');
  repo.git('tag', 'v1.0.0');
  repo.write('db/migrations/002_expand.sql', 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n');
  repo.write('app/user.ts', 'export const select = "select full_name from users";\n');
  commitAll(repo, 'feat: full name');
  repo.git('tag', 'v1.1.0');
  return repo;
}

/** A Laravel migration file with the given up() and down() bodies. */
function laravelMigration(up: string, down = ''): string {
  return [
    '<?php',
    'use Illuminate\\Database\\Migrations\\Migration;',
    'use Illuminate\\Database\\Schema\\Blueprint;',
    'use Illuminate\\Support\\Facades\\DB;',
    'use Illuminate\\Support\\Facades\\Schema;',
    '',
    'return new class extends Migration',
    '{',
    '    public function up(): void',
    '    {',
    up,
    '    }',
    '',
    '    public function down(): void',
    '    {',
    down,
    '    }',
    '};',
    '',
  ].join('\n');
}

describe('migrations (git-backed)', function () {
  // Real git repositories and the built CLI as a child process (the first test may build dist/cli.js).
  this.timeout(60_000);
  useIsolatedGit();

  it('a contract step after an expand released in an earlier tag passes, with the release as evidence', async () => {
    const repo = expandedRepo();
    repo.write('db/migrations/003_contract.sql', 'ALTER TABLE users DROP COLUMN name;\n');
    commitAll(repo, 'feat: drop name');
    const check = await checkMigrations({ root: repo.root });
    const drop = check.result.findings.find((f) => f.columnName === 'name')!;
    assert.equal(drop.severity, 'information');
    assert.ok(drop.evidence.some((e) => e.kind === 'release' && /v1\.1\.0/.test(e.description)), JSON.stringify(drop.evidence));
    assert.ok(check.gitAvailable);
  });

  it('expand and contract after the same tag (one release) is an error', async () => {
    const repo = TestRepo.init();
    repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id serial PRIMARY KEY, name text);\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('db/migrations/002_expand.sql', 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n');
    commitAll(repo, 'feat: full name');
    repo.write('db/migrations/003_contract.sql', 'ALTER TABLE users DROP COLUMN name;\n');
    commitAll(repo, 'feat: drop name');
    const check = await checkMigrations({ root: repo.root });
    const f = check.result.findings.find((x) => x.columnName === 'name')!;
    assert.equal(f.ruleId, 'expand-contract-same-release');
    assert.match(f.message, /both unreleased/);
  });

  it('tags decide: once the expand is tagged v1.1.0 the same drop is fine', async () => {
    const repo = TestRepo.init();
    repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id serial PRIMARY KEY, name text);\n');
    repo.write('db/migrations/002_expand.sql', 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.1.0');
    repo.write('db/migrations/003_contract.sql', 'ALTER TABLE users DROP COLUMN name;\n');
    commitAll(repo, 'feat: drop name');
    repo.git('tag', 'v1.2.0');
    const f = (await checkMigrations({ root: repo.root })).result.findings.find((x) => x.columnName === 'name')!;
    assert.equal(f.severity, 'information');
    assert.ok(f.evidence.some((e) => /v1\.1\.0.*v1\.2\.0/.test(e.description)), JSON.stringify(f.evidence));
  });

  it('the drop shipped in the same commit as the code change that stopped using the column is an error', async () => {
    const repo = TestRepo.init();
    repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id serial PRIMARY KEY, nickname text);\n');
    repo.write('app/profile.ts', 'export const label = (user) => user.nickname;\n');
    commitAll(repo, 'feat: nicknames');
    repo.git('tag', 'v1.0.0');
    repo.write('app/profile.ts', 'export const label = (user) => user.id;\n');
    repo.write('db/migrations/002_drop_nickname.sql', 'ALTER TABLE users DROP COLUMN nickname;\n');
    commitAll(repo, 'feat!: no more nicknames');
    const f = (await checkMigrations({ root: repo.root })).result.findings.find((x) => x.columnName === 'nickname')!;
    assert.equal(f.ruleId, 'expand-contract-same-release');
    assert.match(f.message, /app\/profile\.ts.*unreleased, the same release as the drop/);
    // Once the code change is released first, the drop in the next release is the contract step.
    const later = TestRepo.init();
    later.write('db/migrations/001_init.sql', 'CREATE TABLE users (id serial PRIMARY KEY, nickname text);\n');
    later.write('app/profile.ts', 'export const label = (user) => user.nickname;\n');
    commitAll(later, 'feat: nicknames');
    later.write('app/profile.ts', 'export const label = (user) => user.id;\n');
    commitAll(later, 'refactor: stop using nicknames');
    later.git('tag', 'v1.1.0');
    later.write('db/migrations/002_drop_nickname.sql', 'ALTER TABLE users DROP COLUMN nickname;\n');
    commitAll(later, 'feat!: drop nicknames');
    const ok = (await checkMigrations({ root: later.root })).result.findings.find((x) => x.columnName === 'nickname')!;
    assert.equal(ok.severity, 'information', JSON.stringify(ok));
  });

  it('EF Core: the entity property (PascalCase) that stopped using the column counts as the code change', async () => {
    const repo = TestRepo.init();
    const up = (body: string): string => `public partial class M : Migration\n{\n    protected override void Up(MigrationBuilder migrationBuilder)\n    {\n        ${body}\n    }\n}\n`;
    repo.write('Migrations/20240101000000_Init.cs', up('migrationBuilder.CreateTable(name: "Users", columns: table => new { Id = table.Column<int>(nullable: false) });'));
    repo.write('Models/User.cs', 'public class User { public int Id { get; set; } public string Nickname { get; set; } }\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('Models/User.cs', 'public class User { public int Id { get; set; } }\n');
    repo.write('Migrations/20240201000000_DropNickname.cs', up('migrationBuilder.DropColumn(name: "Nickname", table: "Users");'));
    commitAll(repo, 'feat!: no more nicknames');
    const f = (await checkMigrations({ root: repo.root })).result.findings.find((x) => x.columnName === 'nickname')!;
    assert.equal(f.ruleId, 'expand-contract-same-release', JSON.stringify(f));
    assert.match(f.message, /Models\/User\.cs.*unreleased, the same release as the drop/);
  });

  it('Rails: ignored_columns released before the drop is the marker, and its own line is not a reference', async () => {
    const repo = TestRepo.init();
    repo.write('db/migrate/20240101000000_create_users.rb', 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :fax\n    end\n  end\nend\n');
    repo.write('app/models/user.rb', 'class User < ApplicationRecord\nend\n');
    repo.write('app/views/show.erb', '<%= user.fax %>\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('app/models/user.rb', 'class User < ApplicationRecord\n  self.ignored_columns += ["fax"]\nend\n');
    repo.write('app/views/show.erb', '<%= user.id %>\n');
    commitAll(repo, 'refactor: ignore fax');
    repo.git('tag', 'v1.1.0');
    repo.write('db/migrate/20240301000000_remove_fax.rb', 'class RemoveFax < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :fax, :string\n  end\nend\n');
    commitAll(repo, 'feat: remove fax');
    const f = (await checkMigrations({ root: repo.root })).result.findings.find((x) => x.columnName === 'fax')!;
    assert.equal(f.severity, 'information', JSON.stringify(f.evidence));
    assert.ok(f.evidence.some((e) => e.kind === 'ignore-marker' && e.file === 'app/models/user.rb' && e.line === 2));
    assert.ok(!f.evidence.some((e) => e.kind === 'code-reference' && e.file));
    // The marker added in the same release as the drop: the code change search puts them in one release.
    repo.git('tag', '-d', 'v1.1.0');
    const same = (await checkMigrations({ root: repo.root })).result.findings.find((x) => x.columnName === 'fax')!;
    assert.equal(same.ruleId, 'expand-contract-same-release');
  });

  it('lists every code reference left, with file and line, and exits 1 from the CLI', async () => {
    ensureBuilt();
    const repo = expandedRepo();
    repo.write('db/migrations/003_contract.sql', 'ALTER TABLE users DROP COLUMN email;\n-- release-hygiene-ignore rename-column: users is empty in every environment\nALTER TABLE users RENAME COLUMN full_name TO display_name;\nALTER TABLE users FROBNICATE;\n');
    repo.write('app/mailer.ts', 'const to = user.email;\n\nsend(user.email);\n');
    commitAll(repo, 'feat: contract');
    const run = runCli(['migrations', '--format', 'json'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(run.status, 1, run.stderr);
    const body = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>>; suppressed: Array<Record<string, unknown>>; notAnalysed: Array<Record<string, unknown>> };
    const drop = body.findings.find((f) => f['rule'] === 'drop-column')!;
    assert.deepEqual([drop['file'], drop['line'], drop['column'], drop['table'], drop['columnName'], drop['severity']], ['db/migrations/003_contract.sql', 1, 31, 'users', 'email', 'error']);
    const refs = (drop['evidence'] as Array<{ kind: string; file?: string; line?: number }>).filter((e) => e.kind === 'code-reference').map((e) => `${e.file}:${e.line}`);
    assert.deepEqual(refs, ['app/mailer.ts:1', 'app/mailer.ts:3']);
    assert.deepEqual(body.suppressed.map((s) => [s['rule'], s['reason']]), [['rename-column', 'users is empty in every environment']]);
    assert.deepEqual(body.notAnalysed.map((n) => [n['file'], n['line']]), [['db/migrations/003_contract.sql', 4]]);
    const text = runCli(['migrations'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /db\/migrations\/003_contract\.sql:1:31 error drop-column/);
    assert.match(text.stdout, /still referenced: const to = user\.email; \(app\/mailer\.ts:1:17\)/);
    assert.match(text.stdout, /Suppressed \(1\):/);
  });

  it('CLI on a Laravel project: the expand released earlier makes the drop information; a referenced drop is an error', () => {
    ensureBuilt();
    const repo = TestRepo.init();
    repo.write('database/migrations/2024_01_01_000000_create_users.php', laravelMigration("        Schema::create('users', function (Blueprint $table) {\n            $table->id();\n            $table->string('name');\n            $table->string('email');\n            $table->string('fax')->nullable();\n        });", "        Schema::dropIfExists('users');"));
    repo.write('app/Models/User.php', '<?php\nclass User { protected $fillable = ["name", "email", "fax"]; }\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('database/migrations/2024_02_01_000000_add_full_name.php', laravelMigration("        Schema::table('users', function (Blueprint $table) {\n            $table->string('full_name')->nullable();\n        });\n        DB::statement('UPDATE users SET full_name = name');", "        Schema::table('users', fn (Blueprint $table) => $table->dropColumn('full_name'));"));
    repo.write('app/Models/User.php', '<?php\nclass User { protected $fillable = ["full_name", "fax"]; }\n');
    commitAll(repo, 'feat: full name');
    repo.git('tag', 'v1.1.0');
    repo.write('database/migrations/2024_03_01_000000_contract.php', laravelMigration("        Schema::table('users', function (Blueprint $table) {\n            $table->dropColumn(['name', 'fax']);\n        });", "        Schema::table('users', function (Blueprint $table) {\n            $table->dropColumn('full_name');\n        });"));
    commitAll(repo, 'feat: contract');
    const run = runCli(['migrations', '--format', 'json'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const body = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> };
    const rows = body.findings.map((f) => [f['rule'], f['file'], f['line'], f['column'], f['columnName'], f['severity']]);
    assert.deepEqual(rows, [
      ['drop-column', 'database/migrations/2024_03_01_000000_contract.php', 12, 33, 'name', 'information'],
      ['drop-column', 'database/migrations/2024_03_01_000000_contract.php', 12, 41, 'fax', 'error'],
    ]);
    const fax = body.findings[1]!;
    const refs = (fax['evidence'] as Array<{ kind: string; file?: string; line?: number }>).filter((e) => e.kind === 'code-reference').map((e) => `${e.file}:${e.line}`);
    assert.deepEqual(refs, ['app/Models/User.php:2']);
    const text = runCli(['migrations'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /database\/migrations\/2024_03_01_000000_contract\.php:12:41 error drop-column/);
    assert.match(text.stdout, /3 migration files/);
  });

  it('CLI on an EF Core project: Up is read, Down, .Designer.cs and the model snapshot are not', () => {
    ensureBuilt();
    const repo = TestRepo.init();
    const migration = (name: string, up: string, down: string): string =>
      `using Microsoft.EntityFrameworkCore.Migrations;\n\nnamespace Shop.Migrations\n{\n    public partial class ${name} : Migration\n    {\n        protected override void Up(MigrationBuilder migrationBuilder)\n        {\n${up}\n        }\n\n        protected override void Down(MigrationBuilder migrationBuilder)\n        {\n${down}\n        }\n    }\n}\n`;
    repo.write('Shop/Migrations/20240101120000_Init.cs', migration('Init', '            migrationBuilder.CreateTable(name: "Users", columns: table => new { Id = table.Column<int>(nullable: false), Email = table.Column<string>(nullable: true) });', '            migrationBuilder.DropTable(name: "Users");'));
    repo.write('Shop/Models/User.cs', 'public class User { public int Id { get; set; } public string Email { get; set; } }\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('Shop/Migrations/20240201120000_DropEmail.cs', migration('DropEmail', '            migrationBuilder.DropColumn(\n                name: "Email",\n                table: "Users");', '            migrationBuilder.AddColumn<string>(name: "Email", table: "Users", nullable: true);\n            migrationBuilder.DropTable(name: "Users");'));
    // Generated files: never migrations, whatever they contain.
    repo.write('Shop/Migrations/20240201120000_DropEmail.Designer.cs', migration('DropEmailDesigner', '            migrationBuilder.DropColumn(name: "Id", table: "Users");', ''));
    repo.write('Shop/Migrations/ShopContextModelSnapshot.cs', migration('Snapshot', '            migrationBuilder.DropTable(name: "Users");', ''));
    commitAll(repo, 'feat: drop email');
    const run = runCli(['migrations', '--format', 'json'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const body = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> };
    assert.deepEqual(body.findings.map((f) => [f['rule'], f['file'], f['line'], f['column'], f['table'], f['columnName'], f['severity']]), [
      ['drop-column', 'Shop/Migrations/20240201120000_DropEmail.cs', 10, 23, 'users', 'email', 'error'],
    ]);
    const refs = (body.findings[0]!['evidence'] as Array<{ kind: string; file?: string; line?: number }>).filter((e) => e.kind === 'code-reference').map((e) => `${e.file}:${e.line}`);
    assert.deepEqual(refs, ['Shop/Models/User.cs:1']);
    const text = runCli(['migrations'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /Shop\/Migrations\/20240201120000_DropEmail\.cs:10:23 error drop-column/);
    assert.match(text.stdout, /^2 migration files/m);
  });

  it('CLI on an Ecto project: def up is read, def down is not, the schema field is a reference', () => {
    ensureBuilt();
    const repo = TestRepo.init();
    repo.write('priv/repo/migrations/20240101000000_create_users.exs', 'defmodule Shop.Repo.Migrations.CreateUsers do\n  use Ecto.Migration\n\n  def change do\n    create table(:users) do\n      add :fax, :string\n    end\n  end\nend\n');
    repo.write('lib/shop/user.ex', 'defmodule Shop.User do\n  use Ecto.Schema\n  schema "users" do\n    field :fax, :string\n  end\nend\n');
    commitAll(repo, 'feat: users');
    repo.git('tag', 'v1.0.0');
    repo.write('priv/repo/migrations/20240201000000_drop_fax.exs', 'defmodule Shop.Repo.Migrations.DropFax do\n  use Ecto.Migration\n\n  def up do\n    alter table(:users) do\n      remove :fax\n    end\n  end\n\n  def down do\n    drop table(:users)\n  end\nend\n');
    commitAll(repo, 'feat: drop fax');
    const run = runCli(['migrations', '--format', 'json'], { cwd: repo.root, env: isolatedGitEnv() });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const body = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> };
    assert.deepEqual(body.findings.map((f) => [f['rule'], f['file'], f['line'], f['column'], f['columnName'], f['severity']]), [
      ['drop-column', 'priv/repo/migrations/20240201000000_drop_fax.exs', 6, 14, 'fax', 'error'],
    ]);
    const refs = (body.findings[0]!['evidence'] as Array<{ kind: string; file?: string; line?: number }>).filter((e) => e.kind === 'code-reference').map((e) => `${e.file}:${e.line}`);
    assert.deepEqual(refs, ['lib/shop/user.ex:4']);
  });

  it('the dialect comes from mix.exs (Ecto), the .csproj\'s EF Core provider or Laravel\'s .env.example', async () => {
    const cases: Array<[string, string, string]> = [
      ['mix.exs', 'defp deps do\n  [{:ecto_sql, "~> 3.10"}, {:myxql, ">= 0.0.0"}]\nend\n', 'mysql'],
      ['src/Shop/Shop.csproj', '<Project><ItemGroup><PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.0" /></ItemGroup></Project>\n', 'postgres'],
      ['.env.example', 'APP_NAME=Laravel\nDB_CONNECTION=sqlite\n', 'sqlite'],
    ];
    for (const [file, text, dialect] of cases) {
      const repo = TestRepo.init();
      repo.write(file, text);
      repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id int);\n');
      commitAll(repo, 'feat: init');
      const check = await checkMigrations({ root: repo.root });
      assert.deepEqual([check.dialect, check.dialectSource], [dialect, 'configuration'], file);
    }
  });

  it('CLI: explicit PATH, --dialect, exit 0 without errors, usage errors exit 2, no git still works', () => {
    ensureBuilt();
    const dir = scratchDir('rh-mig-');
    mkdirSync(join(dir, 'sql'), { recursive: true });
    writeFileSync(join(dir, 'sql', 'V1__add.sql'), 'ALTER TABLE users ADD COLUMN nickname varchar(20);\nALTER TABLE users DROP INDEX idx_email;\n');
    const ok = runCli(['migrations', 'sql/V1__add.sql', '--dialect', 'mysql'], { cwd: dir, env: isolatedGitEnv() });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1 migration file \(mysql, option\): 0 errors/);
    const bad = runCli(['migrations', '--dialect', 'oracle'], { cwd: dir, env: isolatedGitEnv() });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--dialect must be one of postgres, mysql, sqlite/);
    const missing = runCli(['migrations', 'sql/V2__nope.sql'], { cwd: dir, env: isolatedGitEnv() });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or folder: sql\/V2__nope\.sql/);
    // A PATH relative to --cwd works from elsewhere too.
    const viaCwd = runCli(['migrations', '--cwd', dir, 'sql/V1__add.sql', '--dialect', 'mysql'], { cwd: scratchDir('rh-elsewhere-'), env: isolatedGitEnv() });
    assert.equal(viaCwd.status, 0, viaCwd.stderr);
    const noDir = runCli(['migrations', '--cwd', join(dir, 'absent')], { cwd: dir, env: isolatedGitEnv() });
    assert.equal(noDir.status, 2, noDir.stderr);
    assert.match(noDir.stderr, /--cwd .*absent: no such folder/);
  });

  it('outside any work tree no git process is needed; inside one (also a subfolder) git runs', async () => {
    const plain = scratchDir('rh-plain-');
    const outside = await workspaceGit(plain);
    assert.equal(outside.repository, false);
    assert.equal(await outside.run(['rev-parse', '--show-toplevel']), null);
    const repo = TestRepo.init();
    repo.write('db/migrations/001_init.sql', 'CREATE TABLE users (id int, name text);\n');
    commitAll(repo, 'feat: init');
    mkdirSync(join(repo.root, 'db', 'sub'), { recursive: true });
    const inside = await workspaceGit(join(repo.root, 'db', 'sub'));
    assert.equal(inside.repository, true);
    assert.match((await inside.run(['ls-files', '--full-name', '..'])) ?? '', /db\/migrations\/001_init\.sql/);
    // The same files in a plain folder: the same lint, evidence that needs git absent (and saying so).
    mkdirSync(join(plain, 'db', 'migrations'), { recursive: true });
    writeFileSync(join(plain, 'db', 'migrations', '001_init.sql'), 'CREATE TABLE users (id int, name text);\n');
    writeFileSync(join(plain, 'db', 'migrations', '002_drop.sql'), 'ALTER TABLE users DROP COLUMN name;\n');
    const check = await checkMigrations({ root: plain });
    assert.equal(check.gitAvailable, false);
    assert.deepEqual(check.files.map((f) => f.path), ['db/migrations/001_init.sql', 'db/migrations/002_drop.sql']);
    assert.deepEqual(check.result.findings.map((f) => [f.ruleId, f.columnName]), [['drop-column', 'name']]);
    assert.ok(check.result.findings[0]!.evidence.some((e) => e.description === 'code references were not searched'));
  });
});
