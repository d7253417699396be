// The frameworks added for issue #14 (Laravel, EF Core, Ecto, Liquibase XML, Flyway undo/repeatable): which files are theirs, in which order, how their
// strings and comments are tokenized, and the spellings of a dropped name searched in application code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseMigrationText, detectFramework, globToRegExp, isMigrationCandidate, lintMigrations, loadSqlParsers, matchesMigrationGlobs, orderKeyFor, referenceSpellings, sortMigrationFiles, type MigrationFile } from '../../../../src/core/migrations';
import { lexCode } from '../../../../src/core/migrations/orm/codeLexer';

const dropped = (text: string, framework: 'laravel' | 'efcore' | 'ecto'): string[] =>
  analyseMigrationText(text, { framework }).operations.filter((o) => o.kind === 'drop-column').map((o) => o.column ?? '');

describe('migrations: Laravel, EF Core and Ecto files', () => {
  it('default globs and detection: database/migrations/*.php, Migrations/*.cs without the generated files', () => {
    assert.ok(matchesMigrationGlobs('database/migrations/2024_01_01_000000_create_users.php'));
    assert.ok(!matchesMigrationGlobs('app/Models/User.php'));
    assert.equal(detectFramework('database/migrations/2024_01_01_000000_create_users.php', '<?php'), 'laravel');
    assert.equal(detectFramework('modules/billing/2024_01_01_000000_x.php', '<?php\nreturn new class extends Migration {};'), 'laravel');
    assert.equal(detectFramework('app/Http/Kernel.php', '<?php class Kernel {}'), null);
    assert.ok(matchesMigrationGlobs('src/Shop/Migrations/20240101120000_DropEmail.cs'));
    assert.ok(!matchesMigrationGlobs('src/Shop/Migrations/20240101120000_DropEmail.Designer.cs'));
    assert.ok(!matchesMigrationGlobs('src/Shop/Migrations/ShopContextModelSnapshot.cs'));
    assert.equal(detectFramework('src/Shop/Migrations/20240101120000_DropEmail.cs', 'protected override void Up(MigrationBuilder migrationBuilder) {}'), 'efcore');
    assert.equal(detectFramework('src/Shop/Migrations/20240101120000_DropEmail.Designer.cs', 'MigrationBuilder'), null);
    assert.equal(detectFramework('src/Shop/Migrations/ShopContextModelSnapshot.cs', 'MigrationBuilder'), null);
    assert.equal(detectFramework('src/Shop/Services/Mailer.cs', 'class Mailer {}'), null);
    assert.ok(matchesMigrationGlobs('priv/repo/migrations/20240101000000_drop_email.exs'));
    assert.ok(matchesMigrationGlobs('apps/shop/priv/shop_repo/migrations/20240101000000_drop_email.exs'));
    assert.ok(!matchesMigrationGlobs('test/support/migrations_helper.exs'));
    assert.equal(detectFramework('priv/repo/migrations/20240101000000_drop_email.exs'), 'ecto');
    assert.equal(detectFramework('config/runtime.exs', 'import Config'), null);
  });

  it('orders Laravel by its timestamp prefix and EF Core by its migration id', () => {
    const laravel = ['2024_10_01_000000_b.php', '2024_02_01_120000_a.php', '2023_12_31_235959_z.php'].sort((a, b) => (orderKeyFor(a, 'laravel') < orderKeyFor(b, 'laravel') ? -1 : 1));
    assert.deepEqual(laravel, ['2023_12_31_235959_z.php', '2024_02_01_120000_a.php', '2024_10_01_000000_b.php']);
    const ef = ['20240201120000_B.cs', '20231201120000_A.cs'].sort((a, b) => (orderKeyFor(a, 'efcore') < orderKeyFor(b, 'efcore') ? -1 : 1));
    assert.deepEqual(ef, ['20231201120000_A.cs', '20240201120000_B.cs']);
  });

  it('PHP: heredoc, nowdoc, strings over lines, #, // and /* */ comments; #[ is an attribute, not a comment', () => {
    const text = "<?php\n#[Attr] $table->x();\n$a = <<<'SQL'\n  it's ) raw\n  SQL;\n$b = \"two\nlines\"; // c1\n/* c2 */ # c3\n";
    const tokens = lexCode(text, 'php');
    assert.deepEqual(tokens.filter((t) => t.kind === 'string').map((t) => t.value), ["  it's ) raw", 'two\nlines']);
    assert.deepEqual(tokens.filter((t) => t.kind === 'comment').map((t) => t.value), ['// c1', '/* c2 */', '# c3']);
    assert.ok(tokens.some((t) => t.value === '->') && tokens.some((t) => t.value === 'Attr'));
  });

  it('C#: verbatim strings with "" escapes, raw strings, interpolated strings and comments are single tokens', () => {
    const text = 'a(@"say ""hi"" DropColumn(", """\n  raw " DropColumn\n  """, $"x{y}", "e\\"s"); // DropColumn\n/* DropColumn */';
    const tokens = lexCode(text, 'csharp');
    assert.deepEqual(tokens.filter((t) => t.kind === 'string').map((t) => t.value), ['say ""hi"" DropColumn(', '\n  raw " DropColumn\n  ', 'x{y}', 'e\\"s']);
    assert.equal(tokens.filter((t) => t.kind === 'comment').length, 2);
    assert.ok(!tokens.some((t) => t.kind === 'ident' && t.value === 'DropColumn'));
  });

  it('Laravel: Schema::dropColumns, dropMorphs and an arrow closure; only the closure\'s own variable counts', () => {
    const text = "<?php\nSchema::dropColumns('users', ['a', 'b']);\nSchema::table('posts', fn (Blueprint $t) => $t->dropMorphs('taggable'));\n$other->dropColumn('not_a_blueprint');\n";
    assert.deepEqual(dropped(text, 'laravel'), ['a', 'b', 'taggable_type', 'taggable_id']);
  });

  it('Laravel: Schema::connection(\'x\')->table(…) is the same facade; another object\'s table() is not', () => {
    const text = "<?php\nSchema::connection('billing')->table('invoices', function (Blueprint $table) { $table->dropColumn('vat'); });\n$builder->connection('x')->table('other', function (Blueprint $table) { $table->dropColumn('no'); });\nSchema::connection('billing')->dropIfExists('old_invoices');\n";
    assert.deepEqual(dropped(text, 'laravel'), ['vat']);
    assert.deepEqual(analyseMigrationText(text, { framework: 'laravel' }).operations.map((o) => `${o.kind} ${o.table}`), ['drop-column invoices', 'drop-table old_invoices']);
  });

  it('EF Core: a builder parameter of any name; an AlterColumn changing only nullability is no type change', () => {
    const text = 'void Up(MigrationBuilder b) { b.DropColumn("Email", "Users"); b.AlterColumn<int>(name: "Age", table: "Users", nullable: true, oldClrType: typeof(int)); b.AlterColumn<long>(name: "Score", table: "Users", oldClrType: typeof(int)); }\nvoid Down(MigrationBuilder b) { b.DropColumn("Other", "Users"); }';
    assert.deepEqual(dropped(text, 'efcore'), ['email']);
    const types = analyseMigrationText(text, { framework: 'efcore' }).operations.filter((o) => o.kind === 'change-column-type').map((o) => o.column);
    assert.deepEqual(types, ['score']);
  });

  it('Elixir: atoms (quoted too), ~s/~S sigils with any delimiter, heredocs and # comments', () => {
    const text = 'remove :email\nx = ~s(a "(" b) <> ~S|raw \\| <> ~w[x y]\ny = """\n  drop table(:t)\n  """ # remove :c\nz = :"quoted name"';
    const tokens = lexCode(text, 'elixir');
    assert.deepEqual(tokens.filter((t) => t.kind === 'symbol').map((t) => t.value), ['email', 'quoted name']);
    assert.deepEqual(tokens.filter((t) => t.kind === 'string').map((t) => t.value), ['a "(" b', 'raw \\', 'x y', '\n  drop table(:t)\n  ']);
    assert.deepEqual(tokens.filter((t) => t.kind === 'comment').map((t) => t.value), ['# remove :c']);
  });

  it('Ecto: alter blocks end at their end; statements outside them are not column operations', () => {
    const text = 'def change do\n  alter table(:users) do\n    remove :email\n  end\n  remove :not_in_a_block\n  create table(:posts) do\n    add :title, :string, null: false\n  end\nend\n';
    assert.deepEqual(dropped(text, 'ecto'), ['email']);
    assert.deepEqual(analyseMigrationText(text, { framework: 'ecto' }).findings.map((f) => f.ruleId), ['drop-column']);
  });

  it('Ecto: timestamps() in an alter block adds two NOT NULL columns without a default (null: true is fine)', () => {
    const required = (body: string): string[] =>
      analyseMigrationText(`def change do\n  alter table(:users) do\n    ${body}\n  end\nend\n`, { framework: 'ecto' }).findings.filter((f) => f.ruleId === 'add-required-column-without-default').map((f) => f.columnName ?? '');
    assert.deepEqual(required('timestamps()'), ['inserted_at', 'updated_at']);
    assert.deepEqual(required('timestamps(null: true)'), []);
    assert.deepEqual(required('timestamps(inserted_at: :created_at, default: fragment("now()"))'), []);
    assert.deepEqual(required('timestamps(inserted_at: :created_at)'), ['created_at', 'updated_at']);
  });

  it('a dropped name is searched as written, in camelCase and in PascalCase', () => {
    assert.deepEqual(referenceSpellings('email_address'), ['email_address', 'emailAddress', 'EmailAddress']);
    assert.deepEqual(referenceSpellings('users'), ['users', 'Users']);
  });
});

describe('migrations: Liquibase XML through a real XML parser', () => {
  it('points at the attribute value (single or double quotes, entities); CDATA, comments and rollback are no changes', () => {
    const text = '<databaseChangeLog>\n<changeSet id="1" author="a">\n  <dropColumn tableName="users" columnName=\'f&amp;x\'/>\n  <!-- <dropTable tableName="users"/> -->\n  <sql><![CDATA[SELECT \'<dropTable tableName="t"/>\']]></sql>\n  <rollback><dropTable tableName="users"/></rollback>\n</changeSet>\n</databaseChangeLog>\n';
    const result = analyseMigrationText(text, { framework: 'liquibase', path: 'db/changelog/changes.xml' });
    assert.deepEqual(result.operations.map((o) => [o.kind, o.table, o.column, text.slice(o.start, o.end)]), [['drop-column', 'users', 'f&x', 'f&amp;x']]);
    assert.deepEqual(result.notAnalysed, []);
  });

  it('reports XML that is not well-formed as not analysed, once, and keeps the changes before the error', () => {
    const text = '<databaseChangeLog>\n<changeSet id="1" author="a">\n  <dropColumn tableName="users" columnName="fax"/>\n  <dropTable tableName="a" <oops/>\n</changeSet>\n</databaseChangeLog>\n';
    const result = analyseMigrationText(text, { framework: 'liquibase', path: 'changelog.xml' });
    assert.deepEqual(result.operations.filter((o) => o.kind === 'drop-column').map((o) => o.column), ['fax']);
    assert.equal(result.notAnalysed.length, 1);
    assert.match(result.notAnalysed[0]!.reason, /^not well-formed XML: /);
  });
});

describe('migrations: Flyway undo and repeatable migrations', () => {
  before(async () => {
    await loadSqlParsers();
  });

  const flyway = (path: string, text: string): MigrationFile => ({ path, framework: detectFramework(path, text) ?? 'sql', text, orderKey: orderKeyFor(path, 'sql') });

  it('an undo migration (U2__) is no forward migration: never listed, never a drop of the release', () => {
    assert.ok(!matchesMigrationGlobs('db/migration/U2__add_nickname.sql'));
    assert.equal(detectFramework('db/migration/U2__add_nickname.sql', 'ALTER TABLE users DROP COLUMN nickname;'), null);
    assert.ok(matchesMigrationGlobs('db/migration/V2__add_nickname.sql'));
    // The editor asks this of a file its globs matched: an undo or a generated file is never analysed.
    assert.equal(isMigrationCandidate('db/migration/U2__add_nickname.sql'), false);
    assert.equal(isMigrationCandidate('Shop/Migrations/20240101120000_DropEmail.Designer.cs'), false);
    assert.equal(isMigrationCandidate('db/migration/V2__add_nickname.sql'), true);
  });

  it('repeatable migrations (R__) run after every versioned one, in name order', () => {
    const files = [flyway('db/migration/R__views.sql', 'SELECT 1;'), flyway('db/migration/V10__c.sql', 'SELECT 1;'), flyway('db/migration/R__a_functions.sql', 'SELECT 1;'), flyway('db/migration/V2__b.sql', 'SELECT 1;')];
    assert.deepEqual(sortMigrationFiles(files).map((f) => f.path.split('/').pop()), ['V2__b.sql', 'V10__c.sql', 'R__a_functions.sql', 'R__views.sql']);
  });

  it('a column added by a repeatable migration is no expand phase for a versioned drop (it runs after it)', () => {
    const expand = 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n';
    const evidenceOf = (expandPath: string): string[] => {
      const result = lintMigrations([flyway(expandPath, expand), flyway('db/migration/V3__drop_name.sql', 'ALTER TABLE users DROP COLUMN name;\n')]);
      return (result.findings.find((f) => f.columnName === 'name')?.evidence ?? []).map((e) => (e.kind === 'missing' ? `missing ${e.lookedFor}` : e.kind));
    };
    assert.ok(evidenceOf('db/migration/R__backfill.sql').includes('missing expand-migration'));
    assert.ok(evidenceOf('db/migration/V2__backfill.sql').includes('expand-migration'));
  });
});

describe('migrations: the extension manifest knows the new file kinds', () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { configuration: Array<{ properties: Record<string, { default?: unknown }> }> };
  };
  const activation = manifest.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => globToRegExp(e.slice('workspaceContains:'.length)));
  const settingGlobs = manifest.contributes.configuration.map((c) => c.properties['releaseHygiene.migrations.globs']?.default).find(Array.isArray) as string[];

  for (const path of ['database/migrations/2024_01_01_000000_drop_email.php', 'src/Shop/Migrations/20240101120000_DropEmail.cs', 'priv/repo/migrations/20240101000000_drop_email.exs']) {
    it(`${path}: activates the extension, matches the default globs setting and the engine's globs`, () => {
      assert.ok(activation.some((re) => re.test(path)), 'a workspaceContains event');
      assert.ok(settingGlobs.some((glob) => globToRegExp(glob).test(path)), 'releaseHygiene.migrations.globs default');
      assert.ok(matchesMigrationGlobs(path), 'DEFAULT_MIGRATION_GLOBS');
    });
  }
});
