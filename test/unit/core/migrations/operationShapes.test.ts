// toOperation's literals (src/core/migrations/sql/analyseSql.ts: a PostgreSQL drop, type change, add or backfill
// made by one object literal) against the operation built key by key (the reference, useOperationLiterals(false)):
// the analyses compared as JSON text, so the keys, their values and their order must all be the same, for every
// fixture and real-world corpus file and slices of them, and for generated statements of every shape. A divergence
// fails.
import assert from 'node:assert/strict';
import { loadSqlParsers, type SqlDialect } from '../../../../src/core/migrations';
import { analyseSql, useOperationLiterals } from '../../../../src/core/migrations/sql/analyseSql';
import { checkCorpusFiles, generatedText } from './referenceCheck';

const PIECES = [
  'ALTER TABLE t ADD COLUMN c text;\n', 'ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0;\n', 'ALTER TABLE t ADD COLUMN c serial;\n',
  'ALTER TABLE s.t ADD COLUMN c text;\n', 'ALTER TABLE t DROP COLUMN IF EXISTS old;\n', 'ALTER TABLE "T" DROP COLUMN "C" CASCADE;\n',
  'ALTER TABLE t ALTER COLUMN c TYPE bigint;\n', 'ALTER TABLE t ALTER COLUMN c SET DATA TYPE text;\n', 'ALTER TABLE t RENAME COLUMN a TO b;\n',
  'ALTER TABLE "public"."t" RENAME COLUMN x TO y;\n', 'ALTER TABLE t RENAME TO u;\n', 'UPDATE t SET c = old WHERE c IS NULL;\n',
  'UPDATE s.t SET c = a || b, d = DEFAULT;\n', 'UPDATE t SET c = 1;\n', 'DROP TABLE a, s.b;\n', 'DROP TABLE IF EXISTS x;\n',
  'ALTER TABLE t ADD COLUMN d int, DROP COLUMN e, ALTER COLUMN f TYPE text;\n', 'CREATE TABLE t (id int, c text);\n',
  'CREATE INDEX CONCURRENTLY i ON t (c);\n', "DO $$ BEGIN ALTER TABLE t DROP COLUMN c; UPDATE t SET a = b; END $$;\n",
  "EXECUTE 'ALTER TABLE t ADD COLUMN c text';\n", 'ALTER TABLE t ADD COLUMN c text GENERATED ALWAYS AS (a) STORED;\n',
  'ALTER TABLE K ADD COLUMN K text;\n', '-- note\n', '/* c */ ', 'ALTER TABLE t ', 'DROP COLUMN c', ';',
];

function same(text: string, dialect: SqlDialect, where: string, from = 0, to = text.length): void {
  for (const procedural of [false, true]) {
    useOperationLiterals(false);
    const expected = JSON.stringify(analyseSql(text, dialect, from, to, procedural));
    useOperationLiterals(true);
    assert.equal(JSON.stringify(analyseSql(text, dialect, from, to, procedural)), expected, `${where} (${dialect}, [${from}, ${to}), procedural ${procedural})`);
  }
}

describe('migrations: operations made by one literal equal those built key by key', function () {
  this.timeout(300000);
  before(async () => {
    await loadSqlParsers();
  });
  afterEach(() => useOperationLiterals(true));

  it('on every fixture and real-world corpus file, whole and in slices', () => {
    assert.ok(checkCorpusFiles(same, 2) > 100);
  });

  it('on 3,000 generated texts of every operation shape, whole and sliced', () => {
    let operations = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = generatedText(seed, PIECES, 12);
      same(text, 'postgres', `seed ${seed}`);
      same(text, 'postgres', `seed ${seed}`, seed % text.length, text.length - (seed % 5));
      operations += analyseSql(text, 'postgres').operations.length;
    }
    assert.ok(operations > 10000, `only ${operations} operations`);
  });
});
