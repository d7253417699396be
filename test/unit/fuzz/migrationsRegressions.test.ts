// Minimised counterexamples of the migration properties and adversarial sizes (test/unit/fuzz/migrations.test.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseMigrationText, detectDialect, type MigrationFramework } from '../../../src/core/migrations';
import { readSuppressionComment } from '../../../src/core/migrations/suppressions';
import { assertRangeInside, bounded, property } from './harness';

const ORMS: readonly MigrationFramework[] = ['rails', 'django', 'alembic', 'knex', 'typeorm', 'sequelize'];

describe('fuzz regressions: migrations', function () {
  // The per-case budget (harness.ts) bounds these cases; mocha's own timeout would be a second, smaller one.
  this.timeout(0);

  describe('ORM call arguments', () => {
    for (const [name, text] of [
      ['20,000 nested lists', `execute ${'['.repeat(20_000)}`],
      ['10,000 nested calls', `x = ${'a('.repeat(10_000)}`],
      ['5,000 nested method calls', 'op.f('.repeat(5_000)],
      ['a line of 20,000 identifiers', '&a '.repeat(20_000)],
    ] as const) {
      it(`${name}: read without a stack overflow, in one pass`, () => {
        for (const framework of ORMS) {
          const analysis = bounded(framework, () => analyseMigrationText(text, { framework, dialect: 'postgres' }));
          assert.deepEqual(analysis.operations, [], framework);
        }
      });
    }

    it('arguments nested deeper than the reading depth still leave the calls around them readable', () => {
      const deep = `${'['.repeat(40)}1${']'.repeat(40)}`;
      const text = `class M < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :users, :email, ${deep}\n    remove_column :users, :fax\n  end\nend\n`;
      const analysis = analyseMigrationText(text, { framework: 'rails', dialect: 'postgres' });
      assert.deepEqual(analysis.operations.map((o) => `${o.kind} ${o.table}.${o.column}`), ['drop-column users.email', 'drop-column users.fax']);
    });

    it('a change_table block is still found after the fix that reads only schema methods', () => {
      const text = 'class M < ActiveRecord::Migration[7.0]\n  def change\n    change_table :users do |t|\n      t.remove :email\n      t.rename :name, :full_name\n    end\n  end\nend\n';
      const analysis = analyseMigrationText(text, { framework: 'rails', dialect: 'postgres' });
      assert.deepEqual(analysis.operations.map((o) => `${o.kind} ${o.table}.${o.column}`), ['drop-column users.email', 'rename-column users.name']);
    });
  });

  describe('detectDialect', () => {
    it('a file of 150,000 blank lines is read in one pass', () => {
      for (const text of ['\n'.repeat(150_000), '\r\n'.repeat(150_000), ' \n'.repeat(150_000)]) assert.equal(bounded('detectDialect', () => detectDialect(text)), null);
    });

    it('DELIMITER and PRAGMA after blank lines and indentation still tell the dialect', () => {
      assert.equal(detectDialect('\n\n  DELIMITER //\n'), 'mysql');
      assert.equal(detectDialect('-- x\r\n\t PRAGMA foreign_keys = off;'), 'sqlite');
      assert.equal(detectDialect('SELECT 1; DELIMITER ;'), null, 'only at the start of a line');
    });
  });

  describe('suppression comments', () => {
    /** The former single expression: the reference on short comments, where it is fast. */
    const FORMER = /release-hygiene-ignore\s+([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/;

    it('a reason followed by 20,000 spaces is read in one pass', () => {
      const text = `-- release-hygiene-ignore drop-column: a${' '.repeat(20_000)}b\nALTER TABLE users DROP COLUMN email;\n`;
      const analysis = bounded('analyseMigrationText', () => analyseMigrationText(text, { framework: 'sql', dialect: 'sqlite' }));
      assert.equal(analysis.suppressions[0]?.reason, `a${' '.repeat(20_000)}b`);
      assert.equal(bounded('readSuppressionComment', () => readSuppressionComment(`/* release-hygiene-ignore a${' ,a'.repeat(10_000)}! */`)), undefined);
    });

    const pieces = fc.constantFrom('release-hygiene-ignore', ' ', '  ', '\t', '\n', '\r', '\u2028', ':', ',', ', ', '*/', '/*', '-- ', 'drop-column', 'rename-column', 'x', 'A', '1', '-', 'reason text', '*');
    property('agrees with the former expression', fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')), (body) => {
      const former = FORMER.exec(body);
      const read = readSuppressionComment(body);
      assert.deepEqual(read && { rules: read.rules, reason: read.reason.trim() }, former ? { rules: former[1], reason: (former[2] ?? '').trim() } : undefined, JSON.stringify(body));
    }, { runs: 20 });
  });

  describe('characters outside the BMP in ORM code', () => {
    it('a range never ends between the halves of a surrogate pair', () => {
      const text = 'class Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL(\u{10000}\n            ["ALTER TABLE t DROP COLUMN a"],\n        ),\n    ]\n';
      for (const framework of ['django', 'alembic', 'rails', 'knex'] as const) {
        const analysis = analyseMigrationText(text, { framework, dialect: 'postgres' });
        for (const range of [...analysis.notAnalysed, ...analysis.operations, ...analysis.findings]) assertRangeInside(text, range, framework);
      }
    });
  });
});
