// The pure parts of the migrations editor (no vscode import): framework by path, the suppression snippet, the
// expand-phase skeletons, and how the as-you-type analysis merges with the last workspace lint.
import assert from 'node:assert/strict';
import { analyseMigrationText, loadSqlParsers, type MigrationAnalysis, type MigrationFinding, type MigrationOperation } from '../../../src/core/migrations';
import { alembicDownRevision, expandSkeleton } from '../../../src/vscode/migrations/expandSkeleton';
import { frameworkForPath, recipeSteps, suppressionSnippet } from '../../../src/vscode/migrations/frameworks';
import { merge, signatureOf } from '../../../src/vscode/migrations/mergeFindings';

const now = new Date('2026-11-26T21:40:05Z');

/** The snippet as the file it becomes once the placeholders keep their defaults. */
function expanded(snippet: string): string {
  const defaults = new Map<string, string>();
  return snippet
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, value: string) => (defaults.set(n, value), value))
    .replace(/(?<!\\)\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('migrations editor: frameworks and suppression comments', () => {
  it('tells the frameworks apart by path (and JS/TS by text)', () => {
    assert.equal(frameworkForPath('db/migrations/V2__drop.sql'), 'sql');
    assert.equal(frameworkForPath('prisma/migrations/20240101000000_x/migration.sql'), 'prisma');
    assert.equal(frameworkForPath('drizzle/0003_x.sql'), 'drizzle');
    assert.equal(frameworkForPath('db/migrate/20240101000000_remove_email.rb'), 'rails');
    assert.equal(frameworkForPath('shop/migrations/0004_remove_email.py'), 'django');
    assert.equal(frameworkForPath('alembic/versions/ab12_drop.py'), 'alembic');
    assert.equal(frameworkForPath('migrations/1_x.js', 'exports.up = (knex) => knex.schema'), 'knex');
    assert.equal(frameworkForPath('src/migration/1700-Drop.ts', 'implements MigrationInterface'), 'typeorm');
    assert.equal(frameworkForPath('migrations/2024-x.js', 'up(queryInterface, Sequelize)'), 'sequelize');
    assert.equal(frameworkForPath('db/changelog/db.changelog-master.xml'), 'liquibase');
    assert.equal(frameworkForPath('database/migrations/2024_01_01_000000_drop_email.php'), 'laravel');
    assert.equal(frameworkForPath('Shop/Migrations/20240101120000_DropEmail.cs'), 'efcore');
    assert.equal(frameworkForPath('priv/repo/migrations/20240101000000_drop_email.exs'), 'ecto');
  });

  it('writes the suppression comment in the framework\'s syntax, indented, with the reason as the placeholder', () => {
    assert.equal(suppressionSnippet('sql', 'a.sql', 'drop-column', ''), '-- release-hygiene-ignore drop-column: ${1:reason}\n');
    assert.equal(suppressionSnippet('rails', 'a.rb', 'drop-column', '    '), '    # release-hygiene-ignore drop-column: ${1:reason}\n');
    assert.equal(suppressionSnippet('knex', 'a.js', 'rename-column', '\t'), '\t// release-hygiene-ignore rename-column: ${1:reason}\n');
    assert.equal(suppressionSnippet('liquibase', 'c.xml', 'drop-table', '  '), '  <!-- release-hygiene-ignore drop-table: ${1:reason} -->\n');
    assert.equal(suppressionSnippet('efcore', 'Migrations/1_X.cs', 'rename-column', '        '), '        // release-hygiene-ignore rename-column: ${1:reason}\n');
    assert.equal(suppressionSnippet('ecto', 'priv/repo/migrations/1_x.exs', 'drop-table', '    '), '    # release-hygiene-ignore drop-table: ${1:reason}\n');
    assert.equal(suppressionSnippet('laravel', 'database/migrations/a.php', 'drop-column', '    '), '    // release-hygiene-ignore drop-column: ${1:reason}\n');
  });
});

describe('migrations editor: the recipe in the hover', () => {
  it('splits the recipe into its steps, joining the lines a step was wrapped on', () => {
    assert.deepEqual(recipeSteps('Release N: stop reading users.a (Rails:\nignored_columns), and ship it.\nRelease N+1: drop users.a.\n'), [
      'Release N: stop reading users.a (Rails: ignored_columns), and ship it.',
      'Release N+1: drop users.a.',
    ]);
    assert.deepEqual(recipeSteps('1. add\n2. backfill\n   in batches\n- switch reads'), ['1. add', '2. backfill in batches', 'switch reads']);
  });
});

describe('migrations editor: expand-phase skeletons', () => {
  const base = { table: 'users', column: 'legacy_email', now, text: '' };

  it('Flyway: V<next>__expand_<table>_<column>.sql with the new column and a backfill', () => {
    const skeleton = expandSkeleton({ ...base, framework: 'sql', path: 'db/migrations/V2__drop_legacy_email.sql', siblings: ['V1__create_users.sql', 'V2__drop_legacy_email.sql', 'V10__x.sql'] });
    assert.equal(skeleton.path, 'db/migrations/V11__expand_users_legacy_email.sql');
    assert.match(skeleton.snippet, /^ALTER TABLE users ADD COLUMN \$\{1:legacy_email_new\} \$\{2:text\};$/m);
    assert.match(skeleton.snippet, /^UPDATE users SET \$1 = legacy_email WHERE \$1 IS NULL;$/m);
  });

  it('golang-migrate and goose keep their numbering; goose gets Up and Down sections', () => {
    assert.equal(expandSkeleton({ ...base, framework: 'sql', path: 'migrations/000007_drop.up.sql', siblings: ['000007_drop.up.sql', '000007_drop.down.sql'] }).path, 'migrations/000008_expand_users_legacy_email.up.sql');
    const goose = expandSkeleton({ ...base, framework: 'sql', path: 'db/20240101120000_drop.sql', text: '-- +goose Up\nALTER TABLE users DROP COLUMN legacy_email;', siblings: [] });
    assert.equal(goose.path, 'db/20261126214005_expand_users_legacy_email.sql');
    assert.match(goose.snippet, /^-- \+goose Up\n[\s\S]*-- \+goose Down\nALTER TABLE users DROP COLUMN \$1;/);
  });

  it('Prisma: a new timestamped folder with migration.sql', () => {
    assert.equal(expandSkeleton({ ...base, framework: 'prisma', path: 'prisma/migrations/20240101_drop/migration.sql', siblings: [] }).path, 'prisma/migrations/20261126214005_expand_users_legacy_email/migration.sql');
  });

  it('Rails keeps the migration version; Django depends on the latest migration of its app', () => {
    const rails = expandSkeleton({ ...base, framework: 'rails', path: 'db/migrate/20240101000000_remove.rb', text: 'class Remove < ActiveRecord::Migration[6.1]', siblings: [] });
    assert.equal(rails.path, 'db/migrate/20261126214005_expand_users_legacy_email.rb');
    assert.match(rails.snippet, /class ExpandUsersLegacyEmail < ActiveRecord::Migration\[6\.1\]/);
    assert.match(rails.snippet, /add_column :users, :\$\{1:legacy_email_new\}, :\$\{2:string\}/);
    const django = expandSkeleton({ ...base, framework: 'django', path: 'shop/migrations/0004_remove.py', siblings: ['__init__.py', '0003_x.py', '0004_remove.py'] });
    assert.equal(django.path, 'shop/migrations/0005_expand_users_legacy_email.py');
    assert.match(django.snippet, /dependencies = \[\("shop", "0004_remove"\)\]/);
    assert.match(django.snippet, /RunPython\(backfill/);
    const prefixed = expandSkeleton({ ...base, table: 'shop_user', framework: 'django', path: 'shop/migrations/0004_remove.py', siblings: ['0004_remove.py'] });
    assert.match(prefixed.snippet, /apps\.get_model\("shop", "user"\)/);
    assert.match(prefixed.snippet, /migrations\.AddField\("user", /);
  });

  it('Alembic chains on the revision of the migration; Knex, TypeORM and Sequelize use their file names', () => {
    const alembic = expandSkeleton({ ...base, framework: 'alembic', path: 'alembic/versions/ab_drop.py', text: "revision = 'ab12cd34ef56'\n", siblings: [], revision: '0123456789ab' });
    assert.equal(alembic.path, 'alembic/versions/0123456789ab_expand_users_legacy_email.py');
    assert.match(alembic.snippet, /down_revision = "ab12cd34ef56"/);
    assert.equal(expandSkeleton({ ...base, framework: 'knex', path: 'migrations/20240101_drop.ts', siblings: [] }).path, 'migrations/20261126214005_expand_users_legacy_email.ts');
    assert.match(expandSkeleton({ ...base, framework: 'typeorm', path: 'src/migration/1-Drop.ts', siblings: [] }).path, /^src\/migration\/\d{13}-ExpandUsersLegacyEmail\.ts$/);
    assert.equal(expandSkeleton({ ...base, framework: 'sequelize', path: 'migrations/20240101-drop.js', siblings: [] }).path, 'migrations/20261126214005-expand-users-legacy-email.js');
  });

  before(async () => {
    await loadSqlParsers();
  });

  it('Laravel: a timestamped 2026_11_26_214005_ file whose up() the engine reads as the add and the backfill', () => {
    const skeleton = expandSkeleton({ ...base, framework: 'laravel', path: 'database/migrations/2024_01_01_000000_drop.php', siblings: [] });
    assert.equal(skeleton.path, 'database/migrations/2026_11_26_214005_expand_users_legacy_email.php');
    const file = expanded(skeleton.snippet);
    assert.match(file, /^use Illuminate\\Database\\Migrations\\Migration;$/m);
    const operations = analyseMigrationText(file, { framework: 'laravel', path: skeleton.path }).operations.map((o) => [o.kind, o.table, o.column ?? null, o.notNull ?? null]);
    assert.deepEqual(operations, [
      ['add-column', 'users', 'legacy_email_new', false],
      ['backfill', 'users', null, null],
    ]);
  });

  it('EF Core: Migrations/<yyyyMMddHHmmss>_<Name>.cs in the same namespace, read back as the add and the backfill', () => {
    const text = 'namespace Shop.Migrations\n{\n    [DbContext(typeof(ShopContext))]\n    public partial class Drop : Migration {}\n}\n';
    const skeleton = expandSkeleton({ ...base, framework: 'efcore', path: 'Shop/Migrations/20240101000000_Drop.cs', text, siblings: [] });
    assert.equal(skeleton.path, 'Shop/Migrations/20261126214005_ExpandUsersLegacyEmail.cs');
    const file = expanded(skeleton.snippet);
    assert.match(file, /^namespace Shop\.Migrations$/m);
    assert.match(file, /^    \[DbContext\(typeof\(ShopContext\)\)\]\n    \[Migration\("20261126214005_ExpandUsersLegacyEmail"\)\]$/m);
    const operations = analyseMigrationText(file, { framework: 'efcore', path: skeleton.path }).operations.map((o) => [o.kind, o.table, o.column ?? null, o.notNull ?? null]);
    assert.deepEqual(operations, [
      ['add-column', 'users', 'legacy_email_new', false],
      ['backfill', 'users', null, null],
    ]);
  });

  it('Ecto: a timestamped .exs module under the same Repo, read back as the add and the backfill', () => {
    const text = 'defmodule Shop.Repo.Migrations.Drop do\n  use Ecto.Migration\nend\n';
    const skeleton = expandSkeleton({ ...base, framework: 'ecto', path: 'priv/repo/migrations/20240101000000_drop.exs', text, siblings: [] });
    assert.equal(skeleton.path, 'priv/repo/migrations/20261126214005_expand_users_legacy_email.exs');
    const file = expanded(skeleton.snippet);
    assert.match(file, /^defmodule Shop\.Repo\.Migrations\.ExpandUsersLegacyEmail do$/m);
    const operations = analyseMigrationText(file, { framework: 'ecto', path: skeleton.path }).operations.map((o) => [o.kind, o.table, o.column ?? null, o.notNull ?? null]);
    assert.deepEqual(operations, [
      ['add-column', 'users', 'legacy_email_new', false],
      ['backfill', 'users', null, null],
    ]);
  });

  it('Flyway: undo (U) and repeatable (R__) siblings do not count; the next V follows the largest version', () => {
    const skeleton = expandSkeleton({ ...base, framework: 'sql', path: 'db/migration/V3__drop.sql', siblings: ['V1__a.sql', 'V3__drop.sql', 'U3__drop.sql', 'U9__x.sql', 'R__views.sql', 'V2_1__b.sql'] });
    assert.equal(skeleton.path, 'db/migration/V4__expand_users_legacy_email.sql');
    assert.equal(skeleton.companions, undefined);
  });

  it('golang-migrate: the .up.sql comes with its .down.sql, which is never overwritten', () => {
    const skeleton = expandSkeleton({ ...base, framework: 'sql', path: 'migrations/000007_drop.up.sql', siblings: ['000007_drop.up.sql', '000007_drop.down.sql'] });
    assert.equal(skeleton.path, 'migrations/000008_expand_users_legacy_email.up.sql');
    assert.deepEqual(skeleton.companions, [{ path: 'migrations/000008_expand_users_legacy_email.down.sql', content: 'ALTER TABLE users DROP COLUMN legacy_email_new;\n', replace: false }]);
  });

  it('drizzle: the journal\'s next idx names the file, and meta/_journal.json gets its entry', () => {
    const journal = JSON.stringify({ version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }, { idx: 1, version: '7', when: 2, tag: '0001_drop', breakpoints: true }] }, null, 2);
    // A stray 0005 file is not in the journal: the journal decides the number.
    const skeleton = expandSkeleton({ ...base, framework: 'drizzle', path: 'drizzle/0001_drop.sql', siblings: ['0000_init.sql', '0001_drop.sql', '0005_stray.sql', 'meta'], journal });
    assert.equal(skeleton.path, 'drizzle/0002_expand_users_legacy_email.sql');
    assert.equal(skeleton.companions?.length, 1);
    const written = skeleton.companions![0]!;
    assert.equal(written.path, 'drizzle/meta/_journal.json');
    assert.equal(written.replace, true);
    const entries = (JSON.parse(written.content) as { entries: unknown[] }).entries;
    assert.deepEqual(entries[2], { idx: 2, version: '7', when: now.getTime(), tag: '0002_expand_users_legacy_email', breakpoints: true });
    assert.match(written.content, /^\{\n {2}"version": "7",/);
    // Without a journal (or an unreadable one) the file names decide and nothing else is written.
    const bare = expandSkeleton({ ...base, framework: 'drizzle', path: 'drizzle/0001_drop.sql', siblings: ['0000_init.sql', '0001_drop.sql'], journal: '{ not json' });
    assert.equal(bare.path, 'drizzle/0002_expand_users_legacy_email.sql');
    assert.equal(bare.companions, undefined);
  });

  it('Alembic: the new revision chains on the head, not on a drop that a later revision already revises', () => {
    const revisionFile = (revision: string, down: string) => `"""x"""\nfrom alembic import op\n\nrevision = "${revision}"\ndown_revision = ${down}\n`;
    const first = revisionFile('a1b2c3d4e5f6', 'None');
    const drop = revisionFile('b2c3d4e5f6a7', '"a1b2c3d4e5f6"');
    const later = revisionFile('c3d4e5f6a7b8', '"b2c3d4e5f6a7"');
    const skeleton = expandSkeleton({ ...base, framework: 'alembic', path: 'alembic/versions/b2c3d4e5f6a7_drop.py', text: drop, siblings: [], revision: '0123456789ab', siblingTexts: [first, later] });
    assert.match(skeleton.snippet, /^down_revision = "c3d4e5f6a7b8"$/m);
    assert.match(skeleton.snippet, /^Revises: c3d4e5f6a7b8$/m);
    // The drop is the head: it stays the choice; a merge revision (a tuple) revises both of its parents.
    assert.equal(alembicDownRevision(drop, [first]), 'b2c3d4e5f6a7');
    const branch = revisionFile('d4e5f6a7b8c9', '"a1b2c3d4e5f6"');
    const merge = revisionFile('e5f6a7b8c9d0', '("b2c3d4e5f6a7", "d4e5f6a7b8c9")');
    assert.equal(alembicDownRevision(drop, [first, branch, merge]), 'e5f6a7b8c9d0');
    // Two unmerged heads, neither of them the drop: no single head to pick, the drop's own revision stays.
    assert.equal(alembicDownRevision(drop, [first, branch, later]), 'b2c3d4e5f6a7');
    // No sibling texts (as before): the migration's own revision; none at all: None.
    assert.equal(alembicDownRevision(drop, []), 'b2c3d4e5f6a7');
    assert.match(expandSkeleton({ ...base, framework: 'alembic', path: 'alembic/versions/x.py', text: '', siblings: [], revision: '0123456789ab' }).snippet, /^down_revision = None$/m);
  });

  it('a rename offers the new name as the replacement column', () => {
    const skeleton = expandSkeleton({ ...base, framework: 'sql', path: 'V3__rename.sql', newName: 'email_address', siblings: ['V3__rename.sql'] });
    assert.match(skeleton.snippet, /ADD COLUMN \$\{1:email_address\}/);
  });
});

describe('migrations editor: merging the file\'s analysis with the workspace lint', () => {
  const finding = (ruleId: MigrationFinding['ruleId'], start: number, message: string = ruleId): MigrationFinding => ({
    ruleId, severity: 'error', message, start, end: start + 12, file: 'V2.sql', table: 'users', columnName: 'legacy_email', evidence: [], recipe: '',
  });
  const op = (start: number): MigrationOperation => ({ kind: 'drop-column', table: 'users', column: 'legacy_email', start, end: start + 12, statementStart: 0, statementEnd: 40 });
  const analysis = (findings: MigrationFinding[], operations: MigrationOperation[], suppressions: MigrationAnalysis['suppressions'] = []): MigrationAnalysis =>
    ({ operations, findings, notAnalysed: [], suppressions, dialect: 'postgres' });
  const line0 = () => 0;

  it('without a workspace result: the file\'s own (provisional) findings', () => {
    assert.deepEqual(merge(analysis([finding('drop-column', 5, 'provisional')], [op(5)]), undefined, 1, line0).map((f) => f.message), ['provisional']);
  });

  it('a fresh workspace result decides the workspace rules; the file keeps its own rules', () => {
    const own = [finding('drop-column', 5, 'provisional'), finding('rename-column', 50)];
    const merged = merge(analysis(own, [op(5)]), { version: 2, findings: [finding('drop-column', 5, 'with evidence')], operations: [op(5)] }, 2, line0);
    assert.deepEqual(merged.map((f) => f.message), ['with evidence', 'rename-column']);
    // judged safe by the workspace: nothing
    assert.deepEqual(merge(analysis(own, [op(5)]), { version: 2, findings: [], operations: [op(5)] }, 2, line0).map((f) => f.ruleId), ['rename-column']);
  });

  it('a stale workspace result moves onto the current positions; a judged-safe drop stays quiet while typing', () => {
    const merged = merge(analysis([finding('drop-column', 9, 'provisional')], [op(9)]), { version: 1, findings: [finding('drop-column', 5, 'with evidence')], operations: [op(5)] }, 2, line0);
    assert.deepEqual(merged.map((f) => [f.message, f.start]), [['with evidence', 9]]);
    assert.deepEqual(merge(analysis([finding('drop-column', 9, 'provisional')], [op(9)]), { version: 1, findings: [], operations: [op(5)] }, 2, line0), []);
  });

  it('a suppression typed since the last workspace result silences the stale finding at once', () => {
    const suppression = { ruleId: 'drop-column' as const, reason: 'gone since v1.3', start: 0, end: 4, appliesToLine: 0, valid: true };
    const merged = merge(analysis([], [op(40)], [suppression]), { version: 1, findings: [finding('drop-column', 5)], operations: [op(5)] }, 2, line0);
    assert.deepEqual(merged, []);
  });
});

describe('migrations editor: when the workspace verdict stands', () => {
  const op = (start: number, column = 'legacy_email'): MigrationOperation => ({ kind: 'drop-column', table: 'users', column, start, end: start + 12, statementStart: start - 30, statementEnd: start + 13 });
  const analysis = (operations: MigrationOperation[], suppressions: MigrationAnalysis['suppressions'] = []): MigrationAnalysis =>
    ({ operations, findings: [], notAnalysed: [], suppressions, dialect: 'postgres' });
  const lineOf = (offset: number) => Math.floor(offset / 100);

  it('text around the same schema changes keeps the signature; another column or a suppression changes it', () => {
    const base = signatureOf(analysis([op(130)]), lineOf);
    assert.equal(signatureOf(analysis([op(930)]), lineOf), base, 'moved down by typing above it');
    assert.notEqual(signatureOf(analysis([op(130, 'email')]), lineOf), base);
    const suppression = { ruleId: 'drop-column' as const, reason: 'x', start: 0, end: 5, appliesToLine: 1, valid: true };
    assert.notEqual(signatureOf(analysis([op(130)], [suppression]), lineOf), base);
    assert.equal(signatureOf(analysis([op(330)], [suppression]), lineOf), base, 'a suppression that no longer applies to it');
  });
});
