// PostgreSQL's analysis from tokens in arrays (lexSqlArrays, splitPostgresArrays, the fast path and locate on the
// arrays: src/core/migrations/sql/analyseSql.ts) against the token-object path the other dialects take (the
// reference, usePostgresTokenArrays(false)): the same tokens and comments, the same statements, and the same
// analysis (operations, statements not analysed, comments), with the fast path on and off, whole and procedural,
// for every fixture and real-world corpus file and slices of them, and for generated texts of statements, bodies,
// directives, comments inside statements, quoted and non-ASCII names. A divergence fails.
import assert from 'node:assert/strict';
import { loadSqlParsers, type SqlDialect } from '../../../../src/core/migrations';
import { analyseSql, usePostgresFastPath, usePostgresTokenArrays } from '../../../../src/core/migrations/sql/analyseSql';
import { lexSql, lexSqlArrays, tokensOf, type SqlToken } from '../../../../src/core/migrations/sql/lexer';
import { splitPostgresArrays, splitSql } from '../../../../src/core/migrations/sql/split';
import { seededRandom } from '../../seededRandom';
import { checkCorpusFiles, DIALECTS } from './referenceCheck';

const PIECES = [
  ';\n', '; ', ';\n', ';\n-- x\n', ';\n', ' ',
  'ALTER TABLE t ', 'alter table "T" ', 'ALTER TABLE IF EXISTS ONLY s.t ', 'ADD COLUMN c text', 'ADD COLUMN IF NOT EXISTS c int NOT NULL DEFAULT 0',
  'DROP COLUMN c', 'DROP COLUMN IF EXISTS "c" CASCADE', 'ALTER COLUMN c TYPE bigint', 'ALTER COLUMN c SET NOT NULL', 'RENAME COLUMN a TO b',
  'RENAME TO u', 'UPDATE t SET c = old WHERE c IS NULL', 'UPDATE s.t SET "C" = a || b, d = DEFAULT', 'DROP TABLE a, s.b', 'DROP TABLE IF EXISTS x',
  'CREATE INDEX CONCURRENTLY i ON t (c)', 'CREATE TABLE t (id int, c text)', 'CREATE UNIQUE INDEX u ON t (c)', 'INSERT INTO t VALUES (1)',
  'CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.b := NEW.a; RETURN NEW; END $$ LANGUAGE plpgsql',
  'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()', "DO $$ BEGIN ALTER TABLE t DROP COLUMN c; END $$",
  "EXECUTE 'ALTER TABLE t DROP COLUMN c'", 'EXECUTE x', 'RENAME TABLE a TO b', 'SELECT 1', ';', ';\n', ';;', ' ', '\n', '\r\n', '\r', '\t',
  '-- note\n', '-- +goose Up\n', '-- +goose Down\n', '-- +goose StatementBegin\n', '-- +goose StatementEnd\n', '--> statement-breakpoint\n',
  '/* c */', '/* a /* b */ c */', 'é', 'Kelvin_\u212a', 'col\u0130',
  // Upper-cased in place or lengthened (ß → SS, ŉ → ʼN, ﬁ → FI), astral letters (𐐨 → 𐐀) and a lone surrogate.
  'ÿ', 'µ', 'straße', '\u0149', '\ufb01x', '\u{10428}a', 'x\ud801', 'ǅ', '"q""x"', "'s;t'", "E'a\\'b'", '$1', '12', '1.5', '0x1F', '(', ')', ',', '.',
  '=', '::', '||', '<>', '-', '+', 'x', 'c', 'a', 'b', 'old', 'NEW', 'AS', 'BEGIN', 'END', 'SET', 'IF', 'THEN', 'ELSE', 'LOOP',
];

const STATEMENTS = [
  'ALTER TABLE t ADD COLUMN c text', 'ALTER TABLE "public"."t" RENAME COLUMN x TO y', 'ALTER TABLE t DROP COLUMN IF EXISTS old',
  'UPDATE t SET c = old WHERE c IS NULL', 'ALTER TABLE s.t ADD COLUMN d int NOT NULL DEFAULT 0, DROP COLUMN e', 'DROP TABLE IF EXISTS t, u CASCADE',
  'ALTER TABLE t ALTER COLUMN c TYPE bigint', 'ALTER TABLE t RENAME TO u', 'alter table T add column "C" varchar(20) references u (id) on delete cascade',
  'UPDATE ONLY t SET a = lower(b) || c, d = 1 WHERE e > 2 AND NOT f', 'ALTER TABLE t ADD COLUMN kK text', 'ALTER TABLE t DROP COLUMN colİ',
  'ALTER TABLE t ADD COLUMN é int', 'ALTER TABLE t /* c */ DROP -- c\n COLUMN c', 'ALTER TABLE t ADD COLUMN ts timestamp with time zone',
  'ALTER TABLE t ADD COLUMN ts timestamp /* x */ with time zone', 'ALTER TABLE t ADD COLUMN n numeric(10, 2)[]', 'UPDATE t SET c = $1',
  'ALTER TABLE c DROP COLUMN c', 'ALTER TABLE "t" RENAME COLUMN t TO u', 'UPDATE t SET t = c WHERE t IS NULL', 'ALTER TABLE T ADD COLUMN t text',
  'ALTER TABLE K ADD COLUMN K text', 'ALTER TABLE É DROP COLUMN É',
];

const SEPARATORS = [';\n', ';', '\n;\n', ' ', ';\n-- +goose Down\n', ';\n-- +goose Up\n', ';\n--> statement-breakpoint\n', '; -- x\n'];

/** 1 to 16 items, each a statement of STATEMENTS and a separator (most) or a piece of PIECES. */
function generated(seed: number): string {
  const next = seededRandom(seed);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)]!;
  let text = '';
  for (let k = 1 + Math.floor(next() * 16); k > 0; k--) text += next() < 0.6 ? pick(STATEMENTS) + pick(SEPARATORS) : pick(PIECES);
  return text;
}

/** lexSqlArrays with comments apart, put back in order: lexSql's tokens. */
function merged(text: string, dialect: SqlDialect, from: number, to: number): SqlToken[] {
  const arrays = lexSqlArrays(text, dialect, from, to);
  const others = tokensOf(arrays, 0, -1);
  const out: SqlToken[] = [];
  let c = 0;
  for (let k = 0; k <= others.length; k++) {
    while (c < arrays.comments.length && arrays.commentAt[c] === k) out.push(arrays.comments[c++]!);
    if (k < others.length) out.push(others[k]!);
  }
  assert.equal(c, arrays.comments.length);
  return out;
}

function same(text: string, dialect: SqlDialect, where: string, from = 0, to = text.length): void {
  const label = `${where} (${dialect}, [${from}, ${to})): ${JSON.stringify(text.length > 400 ? text.slice(0, 400) : text)}`;
  assert.deepStrictEqual(merged(text, dialect, from, to), lexSql(text, dialect, from, to), `tokens: ${label}`);
  if (dialect !== 'postgres') return;
  const arrays = lexSqlArrays(text, dialect, from, to);
  const { ranges, comments } = splitPostgresArrays(arrays);
  const statements = [];
  for (let r = 0; r < ranges.length; r += 2) {
    statements.push({ start: arrays.starts[ranges[r]!]!, end: arrays.ends[ranges[r + 1]! - 1]!, tokens: tokensOf(arrays, ranges[r]!, ranges[r + 1]!) });
  }
  assert.deepStrictEqual({ statements, comments }, splitSql(text, dialect, from, to), `statements: ${label}`);
  for (const fast of [true, false]) {
    usePostgresFastPath(fast);
    for (const procedural of [false, true]) {
      usePostgresTokenArrays(true);
      const actual = analyseSql(text, dialect, from, to, procedural);
      usePostgresTokenArrays(false);
      const expected = analyseSql(text, dialect, from, to, procedural);
      assert.deepStrictEqual(actual, expected, `analysis (fast path ${fast}, procedural ${procedural}): ${label}`);
      if (!fast) {
        // The fast path on the arrays against the parser alone, on the token objects.
        usePostgresFastPath(true);
        usePostgresTokenArrays(true);
        assert.deepStrictEqual(analyseSql(text, dialect, from, to, procedural), expected, `analysis (fast path on arrays, parser alone): ${label}`);
        usePostgresFastPath(false);
      }
    }
  }
  usePostgresTokenArrays(true);
  usePostgresFastPath(true);
}

describe('migrations: PostgreSQL from tokens in arrays gives what token objects give', function () {
  this.timeout(300000);
  before(async () => {
    await loadSqlParsers();
  });
  afterEach(() => {
    usePostgresTokenArrays(true);
    usePostgresFastPath(true);
  });

  it('on every fixture and real-world corpus file, whole and in slices', () => {
    const files = checkCorpusFiles(same, 3);
    assert.ok(files > 100, `only ${files} files`);
  });

  it('on 6,000 generated texts of statements, bodies, directives and comments, whole and sliced', () => {
    let operations = 0;
    for (let seed = 1; seed <= 6000; seed++) {
      const text = generated(seed);
      for (const dialect of DIALECTS) same(text, dialect, `seed ${seed}`);
      same(text, 'postgres', `seed ${seed}`, seed % text.length, text.length - (seed % 3));
      operations += analyseSql(text, 'postgres').operations.length;
    }
    assert.ok(operations > 3000, `only ${operations} operations`);
  });
});
