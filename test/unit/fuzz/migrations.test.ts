// Properties of the migration readers (SQL per dialect, the ORMs, Liquibase) and the workspace lint
// (docs/reliability.md, "Property and fuzz tests").
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyseMigrationText,
  detectDialect,
  detectFramework,
  lintMigrations,
  loadSqlParsers,
  orderKeyFor,
  type MigrationAnalysis,
  type MigrationFile,
  type MigrationFramework,
  type SqlDialect,
} from '../../../src/core/migrations';
import { ADVERSARIAL_UNITS, assertRangeInside, bounded, canonical, fixtureTexts, hostileString, longRuns, mutated, property } from './harness';

const FIXTURES = fixtureTexts('migrations').map(([path, text]) => ({ path, text, framework: detectFramework(path, text) ?? 'sql' }));
const fixturesOf = (frameworks: readonly MigrationFramework[]): string[] => FIXTURES.filter((f) => frameworks.includes(f.framework)).map((f) => f.text);

/** Real statements of every kind the analyser reads, in the three dialects. */
const STATEMENTS = [
  'ALTER TABLE users DROP COLUMN email',
  'ALTER TABLE "Users" DROP COLUMN IF EXISTS "Email", DROP COLUMN fax',
  'ALTER TABLE public.users RENAME COLUMN name TO full_name',
  'ALTER TABLE users RENAME TO customers',
  'ALTER TABLE users ALTER COLUMN age TYPE bigint USING age::bigint',
  'ALTER TABLE users ADD COLUMN status text NOT NULL',
  "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'x;y'",
  'ALTER TABLE `users` CHANGE `name` `full_name` varchar(255)',
  'ALTER TABLE users MODIFY age bigint',
  'DROP TABLE IF EXISTS old_users, "Other"',
  "CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT 'a''b', CHECK (id > (0)))",
  'CREATE TABLE new_users AS SELECT * FROM users',
  'UPDATE users SET full_name = name WHERE full_name IS NULL',
  'INSERT INTO t (a) SELECT b FROM (SELECT b FROM (SELECT 1 AS b) s) r',
  'CREATE TRIGGER copy BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION copy_name()',
  'DO $$ BEGIN ALTER TABLE users DROP COLUMN email; END $$',
  'CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN NEW.a := NEW.b; RETURN NEW; END $body$ LANGUAGE plpgsql',
  "SELECT 'unterminated",
  'SELECT "unterminated',
  'SELECT $$ unterminated',
  'CREATE INDEX CONCURRENTLY i ON users (lower(email))',
];
const SQL_NOISE = [
  ';', ';;', '\n', '\r\n', '\r', '--> statement-breakpoint\n', '-- comment\n', '/* block */', '/* nested /* twice */ */', '/* unterminated',
  '-- release-hygiene-ignore drop-column: kept for the old app\n', '-- release-hygiene-ignore drop-column\n', '-- release-hygiene-ignore unknown-rule: x\n',
  '-- +goose Up\n', '-- +goose StatementBegin\n', '-- +goose StatementEnd\n', 'DELIMITER //\n', '//\nDELIMITER ;\n', 'BEGIN;', 'COMMIT;',
  '(', ')', "'", '"', '`', '$$', '$tag$', 'E\'\\\'', '\u0000', '\ud800',
];
const generatedSql: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...STATEMENTS).map((s) => `${s};\n`), fc.constantFrom(...SQL_NOISE)), { maxLength: 10 })
  .map((parts) => parts.join(''));

const ORM_NOISE = ['"', "'", '`', '"""', "'''", '#', '//', '/*', '*/', '(', ')', '[', ']', '{', '}', '\\', '${', '<<~SQL\n', 'SQL\n', '\n', '\r', '<!--', '-->', '<![CDATA[', ']]>'];

const sqlText = fc.oneof(
  { weight: 3, arbitrary: mutated(fc.constantFrom(...fixturesOf(['sql', 'prisma', 'drizzle'])), fc.oneof(fc.constantFrom(...SQL_NOISE), generatedSql)) },
  { weight: 3, arbitrary: mutated(generatedSql) },
  { weight: 1, arbitrary: hostileString(200) },
);
const ormText = (frameworks: readonly MigrationFramework[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(fc.constantFrom(...fixturesOf(frameworks)), fc.constantFrom(...ORM_NOISE, ...STATEMENTS)) },
    { weight: 1, arbitrary: hostileString(200) },
  );

const DIALECTS: readonly SqlDialect[] = ['postgres', 'mysql', 'sqlite'];
const ORM_GROUPS: ReadonlyArray<readonly MigrationFramework[]> = [['rails'], ['django'], ['alembic'], ['knex', 'typeorm', 'sequelize'], ['liquibase']];

function checkAnalysis(text: string, analysis: MigrationAnalysis): void {
  for (const o of analysis.operations) {
    assertRangeInside(text, o, `${o.kind} operation`);
    assertRangeInside(text, { start: o.statementStart, end: o.statementEnd }, `${o.kind} statement`);
  }
  for (const f of [...analysis.findings, ...(analysis.suppressedFindings ?? [])]) {
    assertRangeInside(text, f, `${f.ruleId} finding`);
    if (f.suppressed) assertRangeInside(text, f.suppressed, `${f.ruleId} suppression`);
  }
  for (const n of analysis.notAnalysed) assertRangeInside(text, n, `not analysed: ${n.reason}`);
  for (const s of analysis.suppressions) assertRangeInside(text, s, `suppression of ${s.ruleId}`);
}

function analyse(text: string, framework: MigrationFramework, dialect?: SqlDialect): MigrationAnalysis {
  const analysis = analyseMigrationText(text, { framework, path: `db/migrate/file`, ...(dialect ? { dialect } : {}) });
  checkAnalysis(text, analysis);
  return analysis;
}

describe('fuzz: migrations', () => {
  before(async () => {
    await loadSqlParsers();
  });

  for (const dialect of DIALECTS) {
    describe(`SQL, ${dialect}`, () => {
      property('analysis never throws and every range lies inside the text', fc.tuple(sqlText, fc.constantFrom<MigrationFramework>('sql', 'prisma', 'drizzle')), ([text, framework]) => {
        analyse(text, framework, dialect);
        detectDialect(text);
      });

      property('analysis is deterministic and unchanged by a no-op edit', fc.tuple(sqlText, fc.nat()), ([text, at]) => {
        const first = canonical(analyse(text, 'sql', dialect));
        assert.equal(canonical(analyse(text, 'sql', dialect)), first);
        const cut = text.length === 0 ? 0 : at % (text.length + 1);
        const edited = `${text.slice(0, cut)}x${text.slice(cut)}`;
        assert.equal(canonical(analyse(edited.slice(0, cut) + edited.slice(cut + 1), 'sql', dialect)), first);
      }, { runs: 0.5 });
    });
  }

  for (const frameworks of ORM_GROUPS) {
    property(`${frameworks.join(', ')}: analysis never throws, is deterministic, every range inside the text`, fc.tuple(ormText(frameworks), fc.constantFrom(...frameworks)), ([text, framework]) => {
      const first = canonical(analyse(text, framework));
      assert.equal(canonical(analyse(text, framework)), first);
    });
  }

  const workspaceFile: fc.Arbitrary<MigrationFile> = fc
    .record({ index: fc.nat({ max: FIXTURES.length - 1 }), text: fc.option(sqlText, { nil: undefined }) })
    .chain(({ index, text }) => {
      const fixture = FIXTURES[index]!;
      return mutated(fc.constant(text ?? fixture.text)).map((mutatedText) => ({
        path: fixture.path,
        framework: fixture.framework,
        text: mutatedText,
        orderKey: orderKeyFor(fixture.path, fixture.framework),
      }));
    });
  property('the workspace lint never throws, and every finding lies inside its own file', fc.uniqueArray(workspaceFile, { maxLength: 5, selector: (f) => f.path }), (files) => {
    const texts = new Map(files.map((f) => [f.path, f.text]));
    const result = lintMigrations(files, { references: new Map(), releases: new Map() });
    for (const f of [...result.findings, ...result.suppressed]) assertRangeInside(texts.get(f.file) ?? '', f, `${f.ruleId} in ${f.file}`);
    for (const n of result.notAnalysed) assertRangeInside(texts.get(n.file) ?? '', n, `not analysed in ${n.file}`);
  }, { runs: 0.5 });

  describe('adversarial sizes finish within the per-case budget', () => {
    // The SQL parsers take a few hundred milliseconds on each of these: two prefixes keep the suite short.
    const prefixes = ['ALTER TABLE t DROP COLUMN ', 'DO $$ '];
    for (const text of longRuns(prefixes, ADVERSARIAL_UNITS, 20_000)) {
      it(`${JSON.stringify(text.slice(0, 24))}… (${text.length} code units)`, function () {
        this.timeout(0);
        for (const dialect of DIALECTS) bounded(`SQL, ${dialect}`, () => analyse(text, 'sql', dialect));
        for (const frameworks of ORM_GROUPS) bounded(frameworks[0]!, () => analyse(text, frameworks[0]!));
      });
    }
  });
});
