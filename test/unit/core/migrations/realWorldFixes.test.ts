// Regressions found by the real-world migrations corpus (test/fixtures/real-world/migrations, issue #14): each
// case is the shape of a real migration the engine got wrong, reduced to a few lines.
import assert from 'node:assert/strict';
import { analyseMigrationText, detectFramework, lintMigrations, loadSqlParsers, orderKeyFor, type MigrationFile } from '../../../../src/core/migrations';

function file(path: string, text: string): MigrationFile {
  const framework = detectFramework(path, text)!;
  return { path, framework, text, orderKey: orderKeyFor(path, framework) };
}

const django = (name: string, operations: string): MigrationFile =>
  file(`shop/migrations/${name}.py`, `from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [\n${operations}\n    ]\n`);

const rules = (files: readonly MigrationFile[]): string[] => lintMigrations(files, {}).findings.map((f) => `${f.ruleId} ${f.table}.${f.columnName ?? ''}`);

describe('migrations: what the real-world corpus taught (issue #14)', () => {
  before(async () => {
    await loadSqlParsers();
  });

  describe('Django AlterField restates the whole field (saleor)', () => {
    const create = django('0001_initial', '        migrations.CreateModel(name="Address", fields=[("id", models.AutoField(primary_key=True)), ("city", models.CharField(max_length=64)), ("phone", models.CharField(max_length=30))]),');

    it('the same field class with other options (blank, verbose_name, a longer max_length) is no type change', () => {
      const alter = django('0002_alter', '        migrations.AlterField(model_name="address", name="city", field=models.CharField(blank=True, max_length=256, verbose_name="city")),');
      assert.deepEqual(rules([create, alter]), []);
    });

    it('another field class, or a shorter max_length, is still a type change', () => {
      const text = django('0002_text', '        migrations.AlterField(model_name="address", name="city", field=models.JSONField()),');
      const shorter = django('0002_short', '        migrations.AlterField(model_name="address", name="phone", field=models.CharField(max_length=20)),');
      assert.deepEqual(rules([create, text]), ['change-column-type shop_address.city']);
      assert.deepEqual(rules([create, shorter]), ['change-column-type shop_address.phone']);
    });

    it('the type follows AddField and RenameField; without an earlier definition the alter is still reported', () => {
      const add = django('0002_add', '        migrations.AddField(model_name="address", name="zip", field=models.CharField(max_length=10, null=True)),');
      const rename = django('0003_rename', '        migrations.RenameField(model_name="address", old_name="zip", new_name="postal_code"),');
      const alter = django('0004_alter', '        migrations.AlterField(model_name="address", name="postal_code", field=models.CharField(max_length=10, blank=True)),');
      assert.deepEqual(rules([create, add, rename, alter]), ['rename-column shop_address.zip']);
      assert.deepEqual(rules([alter]), ['change-column-type shop_address.postal_code']);
      // As you type (one file, no history) the alter is reported: nothing shows the type it had.
      assert.equal(analyseMigrationText(alter.text, { framework: 'django', path: alter.path }).findings.length, 1);
    });

    it('a ManyToManyField is a join table, not a column: altering it is no column type change', () => {
      const alter = django('0002_m2m', '        migrations.AlterField(model_name="user", name="groups", field=models.ManyToManyField(blank=True, to="auth.Group")),');
      assert.deepEqual(rules([alter]), []);
    });
  });

  describe('Django SeparateDatabaseAndState given a class-level list (saleor 0044)', () => {
    it('operations of `state_operations = [...]` passed by name change the ORM state only', () => {
      const unmount = file(
        'shop/migrations/0044_unmount.py',
        'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    state_operations = [\n        migrations.RemoveField(model_name="apptoken", name="app"),\n        migrations.DeleteModel(name="AppToken"),\n    ]\n\n    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]\n',
      );
      const result = lintMigrations([unmount], {});
      assert.deepEqual(result.findings, []);
      assert.deepEqual(result.operations.get(unmount.path)!.map((o) => o.kind), ['ignore-column', 'other']);
    });
  });

  describe('Ecto modify restates the type (papercups)', () => {
    const ecto = (name: string, body: string): MigrationFile => file(`priv/repo/migrations/${name}.exs`, `defmodule M do\n  use Ecto.Migration\n\n  def change do\n${body}\n  end\nend\n`);
    const create = ecto('20200101000000_create_notes', '    create table(:notes) do\n      add :body, :text\n      add :author_id, references(:users, on_delete: :nothing, type: :id), null: false\n      add :user_id, references(:users, type: :integer)\n    end');

    it('the same reference with another on_delete, or the same type with another null, is no type change', () => {
      const modify = ecto('20210101000000_cascade', '    alter table(:notes) do\n      modify(:author_id, references(:users, on_delete: :delete_all))\n      modify(:body, :text, null: true)\n    end');
      assert.deepEqual(rules([create, modify]), []);
    });

    it('a reference re-declared without type: (bigint) over an integer column is a real type change', () => {
      const modify = ecto('20210101000000_cascade', '    alter table(:notes) do\n      modify(:user_id, references(:users, on_delete: :delete_all))\n      modify(:body, :string)\n    end');
      assert.deepEqual(rules([create, modify]), ['change-column-type notes.user_id', 'change-column-type notes.body']);
    });
  });

  describe('EF Core RenameTable to the same name (jellyfin)', () => {
    const cs = (dialect: 'sqlite' | 'postgres', call: string) =>
      lintMigrations([{ ...file('src/Db/Migrations/20230526173516_RemoveEasyPassword.cs', `public partial class RemoveEasyPassword : Migration\n{\n    protected override void Up(MigrationBuilder migrationBuilder)\n    {\n        ${call}\n    }\n}\n`), dialect }], {}).findings.map((f) => f.ruleId);

    it('moving a table out of a schema on SQLite (which has none) is no rename', () => {
      assert.deepEqual(cs('sqlite', 'migrationBuilder.RenameTable(name: "Users", schema: "jellyfin", newName: "Users");'), []);
    });

    it('a schema move elsewhere, and a real rename, are still reported', () => {
      assert.deepEqual(cs('postgres', 'migrationBuilder.RenameTable(name: "Users", schema: "jellyfin", newName: "Users");'), ['rename-table']);
      assert.deepEqual(cs('sqlite', 'migrationBuilder.RenameTable(name: "Users", newName: "Accounts");'), ['rename-table']);
    });
  });

  describe('Rails `def self.down` (OpenStreetMap, Rails 2-4 migrations)', () => {
    it('the class-method down is skipped as `def down` is', () => {
      const migration = file(
        'db/migrate/20100516124737_add_open_id.rb',
        'class AddOpenId < ActiveRecord::Migration[4.2]\n  def self.up\n    add_column :users, :openid_url, :string\n    rename_column :users, :pass, :pass_crypt\n  end\n\n  def self.down\n    remove_column :users, :openid_url\n    rename_column :users, :pass_crypt, :pass\n  end\nend\n',
      );
      assert.deepEqual(rules([migration]), ['rename-column users.pass']);
      assert.deepEqual(lintMigrations([migration], {}).operations.get(migration.path)!.map((o) => o.kind), ['add-column', 'rename-column']);
    });
  });

  describe('Rails ignored_columns belongs to one model', () => {
    it('a model of another table ignoring a column of the same name is no marker for this drop', () => {
      const drop = file('db/migrate/20240301000000_remove_token.rb', 'class RemoveToken < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :api_keys, :token\n  end\nend\n');
      const user = { path: 'app/models/user.rb', text: 'class User < ApplicationRecord\n  self.ignored_columns += [:token]\nend\n' };
      const apiKey = { path: 'app/models/api_key.rb', text: 'class ApiKey < ApplicationRecord\n  self.ignored_columns += %w[token]\nend\n' };
      assert.equal(lintMigrations([drop], { modelFiles: [user] }).findings[0]!.severity, 'error');
      assert.equal(lintMigrations([drop], { modelFiles: [apiKey] }).findings[0]!.severity, 'information');
    });
  });

  describe('Rails change_column and Laravel ->change() restate the type (OpenStreetMap, koel)', () => {
    const rb = (name: string, body: string): MigrationFile => file(`db/migrate/${name}.rb`, `class M < ActiveRecord::Migration[6.0]\n  def up\n${body}\n  end\nend\n`);
    const php = (name: string, body: string): MigrationFile =>
      file(`database/migrations/${name}.php`, `<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n${body}\n    }\n};\n`);

    it('Rails: the type it had (add_column or create_table) with another default or null is no type change', () => {
      const create = rb('20100101000000_create_users', '    create_table :users do |t|\n      t.string :email, limit: 64\n      t.integer :age\n    end\n    add_column :users, :image_use_gravatar, :boolean');
      const change = rb('20150818224516_defaults', '    change_column :users, :image_use_gravatar, :boolean, :default => false\n    change_column :users, :email, :string, limit: 64, null: false');
      const real = rb('20160101000000_real', '    change_column :users, :age, :bigint\n    change_column :users, :email, :string, limit: 32');
      assert.deepEqual(rules([create, change]), []);
      assert.deepEqual(rules([create, real]), ['change-column-type users.age', 'change-column-type users.email']);
    });

    it('Laravel: ->change() with the same column method and length, or a longer or computed length, is no type change', () => {
      const create = php('2015_01_01_000000_create_users', "        Schema::create('users', function (Blueprint $table) {\n            $table->string('password', 60);\n            $table->string('name');\n            $table->string('api_key');\n        });");
      const change = php('2026_06_11_171617_nullable', "        Schema::table('users', static function (Blueprint $table): void {\n            $table->string('password', 60)->nullable()->change();\n            $table->string('name', (2 ** 12) - 32)->change();\n        });");
      const real = php('2026_05_30_173004_encrypt', "        Schema::table('users', static function (Blueprint $table): void {\n            $table->text('api_key')->nullable()->change();\n        });");
      assert.deepEqual(rules([create, change]), []);
      // string to text: a rewrite on MySQL (on PostgreSQL varchar to text is binary-coercible).
      assert.deepEqual(rules([{ ...create, dialect: 'mysql' }, { ...real, dialect: 'mysql' }]), ['change-column-type users.api_key']);
    });
  });

  it('Laravel: integer()->unsigned() and unsignedInteger() are one type (koel songs.album_id)', () => {
    const create = file('database/migrations/2015_11_23_074713_create_songs_table.php', "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::create('songs', function (Blueprint $table) {\n            $table->integer('album_id')->unsigned();\n        });\n    }\n};\n");
    const change = file('database/migrations/2024_05_08_094243_nullable.php', "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::table('songs', static function (Blueprint $table): void {\n            $table->unsignedInteger('album_id')->nullable()->change();\n        });\n    }\n};\n");
    assert.deepEqual(rules([create, change]), []);
  });

  it('renames that come back to the starting name in one file change only its case (traccar 5.0)', () => {
    const changelog = file(
      'schema/changelog-5.0.xml',
      '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n  <changeSet author="author" id="changelog-5.0">\n    <renameColumn tableName="tc_orders" oldColumnName="toAddress" newColumnName="toaddresstmp" columnDataType="VARCHAR(512)" />\n    <renameColumn tableName="tc_orders" oldColumnName="toaddresstmp" newColumnName="toaddress" columnDataType="VARCHAR(512)" />\n    <renameColumn tableName="tc_orders" oldColumnName="fromAddress" newColumnName="origin" columnDataType="VARCHAR(512)" />\n  </changeSet>\n</databaseChangeLog>\n',
    );
    assert.deepEqual(rules([changelog]), ['rename-column tc_orders.fromaddress']);
  });

  it('varchar to text is no type change on PostgreSQL (papercups), still one on MySQL', () => {
    const ecto = (name: string, body: string, dialect: 'postgres' | 'mysql'): MigrationFile => ({ ...file(`priv/repo/migrations/${name}.exs`, `defmodule M do\n  use Ecto.Migration\n\n  def change do\n${body}\n  end\nend\n`), dialect });
    for (const dialect of ['postgres', 'mysql'] as const) {
      const create = ecto('20200101000000_create_customers', '    create table(:customers) do\n      add :current_url, :string\n    end', dialect);
      const text = ecto('20201019210311_to_text', '    alter table(:customers) do\n      modify :current_url, :text\n    end', dialect);
      assert.deepEqual(rules([create, text]), dialect === 'postgres' ? [] : ['change-column-type customers.current_url']);
    }
  });

  it("Django: django_countries' CountryField is the CharField it replaces (saleor 0004)", () => {
    const create = django('0001_initial', '        migrations.CreateModel(name="Address", fields=[("country", models.CharField(max_length=2, choices=[("PL", "Poland")]))]),');
    const country = django('0004_country', '        migrations.AlterField(model_name="address", name="country", field=django_countries.fields.CountryField(max_length=2, verbose_name="country")),');
    assert.deepEqual(rules([create, country]), []);
  });

  it("Django: a project's subclass of PhoneNumberField is the same column (saleor 0015); CharField to it is a change", () => {
    const create = django('0001_initial', '        migrations.CreateModel(name="Address", fields=[("phone", models.CharField(max_length=30, blank=True))]),');
    const phone = django('0013_phone', '        migrations.AlterField(model_name="address", name="phone", field=phonenumber_field.modelfields.PhoneNumberField(blank=True, default="", max_length=128)),');
    const possible = django('0015_possible', '        migrations.AlterField(model_name="address", name="phone", field=saleor.account.models.PossiblePhoneNumberField(blank=True, default="", max_length=128)),');
    assert.deepEqual(rules([create, phone, possible]), ['change-column-type shop_address.phone']);
    assert.equal(lintMigrations([create, phone, possible], {}).findings[0]!.file, phone.path);
  });

  describe('a copy and a drop in one migration is an expand and contract in one release (redash, koel)', () => {
    const alembic = (name: string, body: string): MigrationFile =>
      file(`migrations/versions/${name}.py`, `from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.sql import table\n\nrevision = "${name}"\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    update_query = """update users set profile_image_url = details->>'profile_image_url'"""\n    op.get_bind().execute(update_query)\n`);

    it('Alembic: SQLAlchemy core `t.update().values(new=row.old)` on `t = table("name", …)` is the backfill (98af61feea92)', () => {
      const copy = alembic(
        '98af61feea92',
        '    op.add_column("data_sources", sa.Column("encrypted_options", sa.LargeBinary(), nullable=True))\n    data_sources = table("data_sources", sa.Column("id", sa.Integer), sa.Column("options", sa.Text))\n    conn = op.get_bind()\n    for ds in conn.execute(data_sources.select()):\n        conn.execute(\n            data_sources.update()\n            .where(data_sources.c.id == ds.id)\n            .values(encrypted_options=ds.options)\n        )\n    op.drop_column("data_sources", "options")',
      );
      assert.deepEqual(rules([copy]), ['expand-contract-same-release data_sources.options']);
      // Without the copy the add is no replacement: the drop is an unproven drop, not an expand and contract.
      const noCopy = alembic('98af61feea93', '    op.add_column("data_sources", sa.Column("encrypted_options", sa.LargeBinary(), nullable=True))\n    op.drop_column("data_sources", "options")');
      assert.deepEqual(rules([noCopy]), ['drop-column data_sources.options']);
    });

    it('Alembic: `conn.execute(query)` with the UPDATE in a variable copies into an existing column (fd4fc850d7ea)', () => {
      const move = alembic(
        'fd4fc850d7ea',
        '    connection = op.get_bind()\n    update_query = """\n    update users\n    set details = details::jsonb || (\'{"profile_image_url": "\' || profile_image_url || \'"}\')::jsonb\n    """\n    connection.execute(update_query)\n    op.drop_column("users", "profile_image_url")',
      );
      const found = lintMigrations([move], {}).findings;
      assert.deepEqual(found.map((f) => `${f.ruleId} ${f.table}.${f.columnName}`), ['expand-contract-same-release users.profile_image_url']);
      assert.match(found[0]!.message, /backfill is in the same migration file/);
      // The downgrade's query of the same name is not the one upgrade() runs.
      const ops = lintMigrations([move], {}).operations.get(move.path)!.filter((o) => o.kind === 'backfill');
      assert.deepEqual(ops.map((o) => o.writes), [['details']]);
    });

    it("Laravel: `DB::table('t')->…->update(['new' => DB::raw('old')])` is the backfill", () => {
      const php = (name: string, body: string): MigrationFile => file(`database/migrations/${name}.php`, `<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n${body}\n    }\n};\n`);
      const add = "        Schema::table('users', function (Blueprint $table) {\n            $table->text('api_key')->nullable();\n        });";
      const copy = "        DB::table('users')->whereNull('api_key')->update(['api_key' => DB::raw('legacy_key')]);";
      const drop = "        Schema::table('users', function (Blueprint $table) {\n            $table->dropColumn('legacy_key');\n        });";
      assert.deepEqual(rules([php('2025_01_01_000000_move_key', [add, copy, drop].join('\n'))]), ['expand-contract-same-release users.legacy_key']);
      assert.deepEqual(rules([php('2025_01_01_000000_move_key', [add, drop].join('\n'))]), ['drop-column users.legacy_key']);
      // Another receiver's update() (a model instance) is no copy.
      assert.deepEqual(rules([php('2025_01_01_000000_move_key', [add, "        $user->update(['api_key' => 'legacy_key']);", drop].join('\n'))]), ['drop-column users.legacy_key']);
    });

    it('Laravel: dropping a column and renaming another to its name in one migration is a swap, no safe drop (koel promote_public_ids)', () => {
      const swap = file(
        'database/migrations/2025_07_20_165510_promote_public_ids.php',
        "<?php\nreturn new class extends Migration {\n    public function up(): void\n    {\n        Schema::table('artists', static function (Blueprint $table): void {\n            $table->dropColumn('id');\n            $table->renameColumn('public_id', 'id');\n        });\n    }\n};\n",
      );
      const found = lintMigrations([swap], {}).findings;
      assert.deepEqual(found.map((f) => `${f.severity} ${f.ruleId} ${f.table}.${f.columnName}`), ['error drop-column artists.id', 'error rename-column artists.public_id']);
      assert.match(found[0]!.message, /renames public_id to id/);
    });
  });
});

describe('migrations: NOT NULL added to a table created in the same release (redash, rubygems.org)', () => {
  const rails = (name: string, body: string): MigrationFile => file(`db/migrate/${name}.rb`, `class M${name.slice(0, 4)} < ActiveRecord::Migration[7.0]\n  def change\n${body}\n  end\nend\n`);
  const first = rails('20230101000000_create_users', '    create_table :users do |t|\n      t.string :name\n    end');
  const create = rails('20230701000000_create_roles', '    create_table :roles do |t|\n      t.string :name\n    end');
  const add = rails('20230702000000_add_token_to_roles', '    add_column :roles, :token, :string, null: false');
  const required = (releases: ReadonlyMap<string, { commit: string; tag: string | null }>): string[] =>
    lintMigrations([first, create, add], { releases }).findings.filter((f) => f.ruleId === 'add-required-column-without-default').map((f) => `${f.table}.${f.columnName ?? ''}`);

  it('is no error when the table was created by an earlier migration first released with this one', () => {
    assert.deepEqual(required(new Map([[first.path, { commit: 'a', tag: 'v1.0.0' }], [create.path, { commit: 'b', tag: 'v1.1.0' }], [add.path, { commit: 'c', tag: 'v1.1.0' }]])), []);
  });

  it('is still an error when the table shipped in an earlier release', () => {
    assert.deepEqual(required(new Map([[first.path, { commit: 'a', tag: 'v1.0.0' }], [create.path, { commit: 'b', tag: 'v1.1.0' }], [add.path, { commit: 'c', tag: 'v1.2.0' }]])), ['roles.token']);
  });

  it('is still an error in the release that brings the first migrations (an import or history before the first tag)', () => {
    assert.deepEqual(required(new Map([[first.path, { commit: 'a', tag: 'v1.0.0' }], [create.path, { commit: 'a', tag: 'v1.0.0' }], [add.path, { commit: 'a', tag: 'v1.0.0' }]])), ['roles.token']);
  });

  it('is still an error without release history', () => {
    assert.deepEqual(required(new Map()), ['roles.token']);
  });
});

describe('migrations: Rails t.column "name", :type inside create_table (OpenStreetMap acls)', () => {
  it('gives the column its type, so restating it with only NOT NULL changed is no type change', () => {
    const create = file('db/migrate/018_create_acls.rb', 'class CreateAcls < ActiveRecord::Migration[4.2]\n  def self.up\n    create_table "acls" do |t|\n      t.column "address", :inet, :null => false\n    end\n  end\nend\n');
    const alter = file('db/migrate/20120208194454_add_domain_to_acl.rb', 'class AddDomainToAcl < ActiveRecord::Migration[4.2]\n  def up\n    change_column :acls, :address, :inet, :null => true\n  end\nend\n');
    const cidr = file('db/migrate/20120208194455_address_to_cidr.rb', 'class AddressToCidr < ActiveRecord::Migration[4.2]\n  def up\n    change_column :acls, :address, :cidr\n  end\nend\n');
    assert.deepEqual(rules([create, alter]), []);
    assert.deepEqual(rules([create, alter, cidr]), ['change-column-type acls.address']);
  });
});
