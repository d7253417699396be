// lintMigrations: the evidence of an expand phase, across files, with code references and releases as given.
import assert from 'node:assert/strict';
import { analyseMigrationText, detectFramework, lintMigrations, loadSqlParsers, orderKeyFor, sortMigrationFiles, type CodeReference, type LintContext, type MigrationFile } from '../../../../src/core/migrations';

function file(path: string, text: string): MigrationFile {
  const framework = detectFramework(path, text)!;
  return { path, framework, text, orderKey: orderKeyFor(path, framework) };
}

const expand = file('db/migrations/002_expand.sql', 'ALTER TABLE users ADD COLUMN full_name text;\nUPDATE users SET full_name = name;\n');
const contract = file('db/migrations/003_contract.sql', 'ALTER TABLE users DROP COLUMN name;\n');
const noRefs: LintContext['references'] = new Map([['name', []]]);

describe('migrations: lintMigrations evidence', () => {
  before(async () => {
    await loadSqlParsers();
  });

  it('a drop after an expand (add + backfill) in an earlier release is the contract step', () => {
    const releases = new Map([
      [expand.path, { commit: 'a', tag: 'v1.1.0' }],
      [contract.path, { commit: 'b', tag: null }],
    ]);
    const result = lintMigrations([contract, expand], { references: noRefs, releases });
    const drop = result.findings.find((f) => f.columnName === 'name')!;
    assert.equal(drop.ruleId, 'drop-column');
    assert.equal(drop.severity, 'information');
    assert.deepEqual(drop.evidence.filter((e) => e.file).map((e) => [e.kind, e.file, e.line]), [
      ['expand-migration', expand.path, 1],
      ['backfill', expand.path, 2],
    ]);
    assert.ok(drop.evidence.some((e) => e.kind === 'release' && /v1\.1\.0/.test(e.description)));
  });

  it('expand and contract in the same release is a finding', () => {
    const releases = new Map([
      [expand.path, { commit: 'a', tag: null }],
      [contract.path, { commit: 'b', tag: null }],
    ]);
    const [f] = lintMigrations([expand, contract], { references: noRefs, releases }).findings;
    assert.equal(f!.ruleId, 'expand-contract-same-release');
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /both unreleased/);
  });

  it('expand and contract in one file is the same release even without git', () => {
    const one = file('db/migrations/004_all.sql', 'ALTER TABLE t ADD COLUMN b int;\nUPDATE t SET b = a;\nALTER TABLE t DROP COLUMN a;\n');
    const [f] = lintMigrations([one], { references: new Map([['a', []]]) }).findings;
    assert.equal(f!.ruleId, 'expand-contract-same-release');
  });

  it('a drop without an expand and with code references left is an error listing each reference', () => {
    const refs: CodeReference[] = [{ name: 'name', file: 'app/user.ts', line: 3, column: 10, text: 'user.name' }];
    const [f] = lintMigrations([contract], { references: new Map([['name', refs]]) }).findings;
    assert.equal(f!.ruleId, 'drop-column');
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /1 reference to name remain/);
    assert.deepEqual(f!.evidence.filter((e) => e.kind === 'code-reference').map((e) => [e.file, e.line, e.column]), [['app/user.ts', 3, 10]]);
    assert.ok(f!.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'expand-migration'));
  });

  it('a trigger copying NEW.old into NEW.new counts as dual write', () => {
    const trigger = file('db/migrations/002_trigger.sql', [
      'ALTER TABLE users ADD COLUMN full_name text;',
      'CREATE FUNCTION sync_name() RETURNS trigger AS $$ BEGIN NEW.full_name := NEW.name; RETURN NEW; END $$ LANGUAGE plpgsql;',
      'CREATE TRIGGER sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION sync_name();',
    ].join('\n'));
    const refs = new Map([['name', [{ name: 'name', file: 'a.ts', line: 1, column: 1, text: 'name' }]]]);
    const [f] = lintMigrations([trigger, contract], { references: refs }).findings;
    assert.ok(f!.evidence.some((e) => e.kind === 'dual-write' && e.file === trigger.path && e.line === 3));
    assert.equal(f!.severity, 'error', 'references left still make it unsafe');
  });

  it('an added column without a backfill is reported as the missing piece', () => {
    const addOnly = file('db/migrations/002_add.sql', 'ALTER TABLE users ADD COLUMN full_name text;\n');
    const [f] = lintMigrations([addOnly, contract], {}).findings;
    assert.ok(f!.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'backfill' && /full_name/.test(e.description)));
    assert.ok(f!.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'code-reference'));
    assert.ok(f!.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'release'));
  });

  it('Django: a state-only RemoveField in an earlier migration is the ignore marker', () => {
    const state = file('shop/migrations/0005_state.py', 'from django.db import migrations\nclass Migration(migrations.Migration):\n    operations = [migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField(model_name="customer", name="email")])]\n');
    const drop = file('shop/migrations/0006_drop.py', 'from django.db import migrations\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("ALTER TABLE shop_customer DROP COLUMN email")]\n');
    const withoutMarker = lintMigrations([drop], {}).findings[0]!;
    assert.equal(withoutMarker.severity, 'error');
    const result = lintMigrations([drop, state], { releases: new Map([[state.path, { commit: 'a', tag: 'v2.0.0' }], [drop.path, { commit: 'b', tag: 'v2.1.0' }]]) });
    const f = result.findings[0]!;
    assert.equal(f.severity, 'information');
    assert.ok(f.evidence.some((e) => e.kind === 'ignore-marker' && e.file === state.path));
  });

  it('Rails: ignored_columns in a model is the ignore marker; without it the finding says so', () => {
    const drop = file('db/migrate/20240301000000_remove_email.rb', 'class RemoveEmail < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :email\n  end\nend\n');
    const missing = lintMigrations([drop], { references: new Map([['email', [{ name: 'email', file: 'app/x.rb', line: 1, column: 1, text: 'email' }]]]) }).findings[0]!;
    assert.ok(missing.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'ignore-marker'));
    const ok = lintMigrations([drop], { modelFiles: [{ path: 'app/models/user.rb', text: 'class User < ApplicationRecord\n  self.ignored_columns += ["email"]\nend\n' }] }).findings[0]!;
    assert.equal(ok.severity, 'information');
    assert.deepEqual(ok.evidence.filter((e) => e.kind === 'ignore-marker').map((e) => [e.file, e.line]), [['app/models/user.rb', 2]]);
  });

  it('Prisma: a field still in schema.prisma keeps the drop unsafe; gone from the model makes it safe', () => {
    const drop = file('prisma/migrations/20240301_drop/migration.sql', 'ALTER TABLE "User" DROP COLUMN "nickname";\n');
    const still = lintMigrations([drop], { references: new Map([['nickname', []]]), schemaFiles: [{ path: 'prisma/schema.prisma', text: 'model User {\n  id Int @id\n  nickname String?\n}\n' }] }).findings[0]!;
    assert.equal(still.severity, 'error');
    assert.ok(still.evidence.some((e) => e.file === 'prisma/schema.prisma' && e.line === 3));
    const gone = lintMigrations([drop], { references: new Map([['nickname', []]]), schemaFiles: [{ path: 'prisma/schema.prisma', text: 'model User {\n  id Int @id\n}\n' }] }).findings[0]!;
    assert.equal(gone.severity, 'information');
    assert.ok(gone.evidence.some((e) => e.kind === 'schema-removed'));
  });

  it('drop-table: an error with references, nothing without, an error when not searched (no evidence is not safe)', () => {
    const drop = file('db/migrations/005_drop.sql', 'DROP TABLE sessions;\n');
    assert.equal(lintMigrations([drop], { references: new Map([['sessions', []]]) }).findings.length, 0);
    const refs = lintMigrations([drop], { references: new Map([['sessions', [{ name: 'sessions', file: 'a.ts', line: 2, column: 5, text: 'from sessions' }]]]) }).findings[0]!;
    assert.equal(refs.severity, 'error');
    const unsearched = lintMigrations([drop], {}).findings[0]!;
    assert.equal(unsearched.severity, 'error');
    assert.match(unsearched.message, /not searched, so nothing shows it is unused/);
    assert.equal(analyseMigrationText(drop.text, { framework: 'sql', dialect: 'postgres' }).findings[0]!.severity, 'error');
  });

  it('a drop is not safe merely because nothing references the column now: the release history must show it', () => {
    // No references at HEAD, but no release history either: the code may have stopped using it in this release.
    const [unproven] = lintMigrations([contract], { references: noRefs }).findings;
    assert.equal(unproven!.ruleId, 'drop-column');
    assert.equal(unproven!.severity, 'error');
    assert.match(unproven!.message, /nothing references name now, but nothing shows it was unused in an earlier release/);
    assert.ok(unproven!.evidence.some((e) => e.kind === 'missing' && e.lookedFor === 'release'));
    // Releases known but the code history of the drop's release not searched: still unproven.
    const releases = new Map([[contract.path, { commit: 'b', tag: null }]]);
    assert.equal(lintMigrations([contract], { references: noRefs, releases }).findings[0]!.severity, 'error');
    // Searched, and the release of the drop did not change the code's use of it: safe (information).
    assert.equal(lintMigrations([contract], { references: noRefs, releases, codeChanges: new Map() }).findings[0]!.severity, 'information');
  });

  it('the code change that stopped using the column in the same release as the drop is a finding', () => {
    const releases = new Map([[contract.path, { commit: 'b', tag: null }]]);
    const codeChanges = new Map([['name', { commit: 'c0ffee0000', tag: null, file: 'app/user.ts' }]]);
    const [f] = lintMigrations([contract], { references: noRefs, releases, codeChanges }).findings;
    assert.equal(f!.ruleId, 'expand-contract-same-release');
    assert.match(f!.message, /c0ffee0.*app\/user\.ts/);
    const earlier = lintMigrations([contract], { references: noRefs, releases, codeChanges: new Map([['name', { commit: 'c0ffee0000', tag: 'v1.0.0' }]]) }).findings[0]!;
    assert.equal(earlier.severity, 'information');
  });

  it('suppression on the line above a multi-line statement silences the finding and keeps its reason', () => {
    const text = '-- release-hygiene-ignore drop-column-without-expand: unused since v2\nALTER TABLE users\n  DROP COLUMN fax;\n';
    const result = analyseMigrationText(text, { framework: 'sql', dialect: 'postgres' });
    assert.deepEqual(result.findings, []);
    assert.equal(result.suppressedFindings![0]!.suppressed!.reason, 'unused since v2');
  });

  it('PostgreSQL ends a -- comment at a lone CR: the statement after it is read, and suppressions count such lines', () => {
    // Classic Mac line ends: before, the first comment ran to the end of the file and hid the drop.
    const text = '-- one\r-- two\rALTER TABLE users DROP COLUMN fax;\r';
    const [finding] = analyseMigrationText(text, { framework: 'sql', dialect: 'postgres' }).findings;
    assert.equal(finding?.ruleId, 'drop-column');
    assert.equal(text.slice(finding.start, finding.end).includes('fax'), true);
    const suppressed = analyseMigrationText('-- release-hygiene-ignore drop-column: unused since v2\rALTER TABLE users\r  DROP COLUMN fax;\r', { framework: 'sql', dialect: 'postgres' });
    assert.deepEqual(suppressed.findings, []);
    assert.equal(suppressed.suppressedFindings![0]!.suppressed!.reason, 'unused since v2');
    // A suppression does not reach past a code line that a lone CR ends.
    const other = analyseMigrationText('-- release-hygiene-ignore drop-column: old\rSELECT 1;\rALTER TABLE users DROP COLUMN fax;\r', { framework: 'sql', dialect: 'postgres' });
    assert.equal(other.findings.length, 1);
  });

  it('rule settings turn rules off or re-level them; suppressions can be turned off', () => {
    const text = 'ALTER TABLE users RENAME COLUMN a TO b;\n-- release-hygiene-ignore drop-column: gone since v2\nALTER TABLE users DROP COLUMN c;\nALTER TABLE users ALTER COLUMN d TYPE bigint;\n';
    const base = { framework: 'sql' as const, dialect: 'postgres' as const };
    const plain = analyseMigrationText(text, base);
    assert.deepEqual(plain.findings.map((f) => `${f.ruleId}:${f.severity}`), ['rename-column:error', 'change-column-type:error']);
    const set = analyseMigrationText(text, { ...base, rules: { 'rename-column': 'off', 'change-column-type': 'warning' } });
    assert.deepEqual(set.findings.map((f) => `${f.ruleId}:${f.severity}`), ['change-column-type:warning']);
    const strict = analyseMigrationText(text, { ...base, allowSuppressions: false });
    assert.ok(strict.findings.some((f) => f.ruleId === 'drop-column'));
    assert.deepEqual(strict.suppressedFindings, []);
    const lint = lintMigrations([file('db/migrations/009_x.sql', text)], { rules: { 'rename-column': 'warning' }, allowSuppressions: false });
    assert.deepEqual(lint.findings.map((f) => `${f.ruleId}:${f.severity}`), ['rename-column:warning', 'drop-column:error', 'change-column-type:error']);
  });

  it('orders each tool as it applies files: Flyway versions numerically, Alembic by down_revision', () => {
    const flyway = ['db/migration/V10__b.sql', 'db/migration/V2__a.sql', 'db/migration/V1_1__x.sql'].map((p) => file(p, ''));
    assert.deepEqual(sortMigrationFiles(flyway).map((f) => f.path), ['db/migration/V1_1__x.sql', 'db/migration/V2__a.sql', 'db/migration/V10__b.sql']);
    const a = file('alembic/versions/ffff_first.py', 'from alembic import op\nrevision = "r1"\ndown_revision = None\n');
    const b = file('alembic/versions/0000_second.py', 'from alembic import op\nrevision = "r2"\ndown_revision = "r1"\n');
    assert.deepEqual(sortMigrationFiles([b, a]).map((f) => f.path), [a.path, b.path]);
  });

  it('a 5,000-line file is analysed completely', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `ALTER TABLE t${i} ADD COLUMN c${i} text;\nUPDATE t${i} SET c${i} = d;\n-- note\nCREATE INDEX i${i} ON t${i} (c${i});\nALTER TABLE t${i} DROP COLUMN d;`).join('\n');
    const result = analyseMigrationText(text, { framework: 'sql', dialect: 'postgres' });
    assert.equal(result.operations.filter((o) => o.kind === 'drop-column').length, 1000);
    assert.equal(result.notAnalysed.length, 0);
  });
});

describe('migrations: lintMigrations reuses the analysis of an unchanged file object', () => {
  before(async () => {
    await loadSqlParsers();
  });

  const fresh = (f: MigrationFile): MigrationFile => ({ ...f });

  it('a second lint of the same objects (the workspace check lints twice) gives what fresh objects give', () => {
    const files = [contract, expand];
    const context: LintContext = { references: noRefs, releases: new Map([[expand.path, { commit: 'a', tag: 'v1.1.0' }], [contract.path, { commit: 'b', tag: null }]]) };
    lintMigrations(files, {});
    assert.deepEqual(lintMigrations(files, context), lintMigrations(files.map(fresh), context));
  });

  it('the same object linted under another default dialect, or with its text changed, is analysed again', () => {
    // "x" is a quoted identifier in Postgres and a string in MySQL, where the statement does not parse.
    const quoted: { -readonly [K in keyof MigrationFile]: MigrationFile[K] } = { ...file('migrations/001_drop.sql', 'ALTER TABLE t DROP COLUMN "x";\n') };
    const postgres = lintMigrations([quoted], { dialect: 'postgres' });
    const mysql = lintMigrations([quoted], { dialect: 'mysql' });
    assert.equal(postgres.notAnalysed.length, 0);
    assert.deepEqual(mysql, lintMigrations([fresh(quoted)], { dialect: 'mysql' }));
    assert.equal(mysql.notAnalysed.length, 1);
    quoted.text = 'ALTER TABLE t DROP COLUMN y;\n';
    const changed = lintMigrations([quoted], { dialect: 'mysql' });
    assert.deepEqual(changed, lintMigrations([fresh(quoted)], { dialect: 'mysql' }));
    assert.equal(changed.findings[0]?.columnName, 'y');
  });
});
