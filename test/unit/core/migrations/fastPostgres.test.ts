// The PostgreSQL fast path (src/core/migrations/sql/fastPostgres.ts) against libpg-query, the reference: on every
// statement of every migrations fixture and real-world corpus file (and the SQL inside their strings), on
// generated variants (quoting, schema-qualified names, IF EXISTS, CASCADE, comments, types, constraints,
// expressions, and forms the parser rejects), and on whole-file analyses with the fast path on and off. Whenever
// the fast path answers, its answer must be the parser's; a divergence fails.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as pg from 'libpg-query';
import { analyseMigrationText, detectFramework, loadSqlParsers, type SqlDialect } from '../../../../src/core/migrations';
import { usePostgresFastPath } from '../../../../src/core/migrations/sql/analyseSql';
import { fastPostgresOps, fastPostgresOpsOf, NOT_UNRESERVED_KEYWORDS } from '../../../../src/core/migrations/sql/fastPostgres';
import { lexSql, type SqlToken } from '../../../../src/core/migrations/sql/lexer';
import { parseStatement } from '../../../../src/core/migrations/sql/parseSql';
import { splitSql } from '../../../../src/core/migrations/sql/split';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const roots = [join(fixtures, 'migrations'), join(fixtures, 'real-world', 'migrations')];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Every statement of the text, every statement inside its string literals, and every tail starting at ALTER/UPDATE/DROP. */
function statements(text: string, depth = 0): Array<{ text: string; tokens: readonly SqlToken[]; end: number }> {
  const out: Array<{ text: string; tokens: readonly SqlToken[]; end: number }> = [];
  for (const statement of splitSql(text, 'postgres').statements) {
    statement.tokens.forEach((t, k) => {
      if (t.kind === 'word' && (t.value === 'ALTER' || t.value === 'UPDATE' || t.value === 'DROP')) out.push({ text, tokens: statement.tokens.slice(k), end: statement.end });
    });
  }
  if (depth === 0) {
    for (const t of lexSql(text, 'postgres')) {
      if ((t.kind === 'string' || t.kind === 'quoted' || t.kind === 'dollar') && /\b(alter|update|drop)\b/i.test(t.value)) out.push(...statements(t.value, 1));
    }
  }
  return out;
}

interface Tally {
  compared: number;
  fast: number;
}

/** Both readings of one statement; the fast one, when it answers, must equal the parser's. */
function compare(sql: string, tally: Tally, where: string): void {
  tally.compared++;
  const fast = fastPostgresOpsOf(sql);
  if (fast === null) return;
  tally.fast++;
  assert.deepStrictEqual({ ok: true, ops: fast }, parseStatement(sql, 'postgres'), `${where}: ${sql}`);
}

describe('migrations: the PostgreSQL fast path gives what libpg-query gives', function () {
  this.timeout(120000);
  before(async () => {
    await loadSqlParsers();
  });
  afterEach(() => usePostgresFastPath(true));

  it('its keyword list is libpg-query scanner\'s (every word of the corpora and variants classified alike)', () => {
    const kind = (word: string): string => pg.scanSync(word).tokens[0]?.keywordName ?? 'NO_KEYWORD';
    for (const word of NOT_UNRESERVED_KEYWORDS) assert.ok(!['NO_KEYWORD', 'UNRESERVED_KEYWORD'].includes(kind(word.toLowerCase())), `${word} is ${kind(word.toLowerCase())}`);
    const words = new Set<string>();
    for (const root of roots) for (const file of files(root)) for (const t of lexSql(readFileSync(file, 'utf8'), 'postgres')) if (t.kind === 'word' && /^[A-Z_][A-Z0-9_$]*$/.test(t.value)) words.add(t.value);
    for (const sql of variants()) for (const t of lexSql(sql, 'postgres')) if (t.kind === 'word' && /^[A-Z_][A-Z0-9_$]*$/.test(t.value)) words.add(t.value);
    assert.ok(words.size > 2000, `${words.size} words`);
    for (const word of words) {
      const k = kind(word.toLowerCase());
      assert.equal(NOT_UNRESERVED_KEYWORDS.has(word), k !== 'NO_KEYWORD' && k !== 'UNRESERVED_KEYWORD', `${word}: ${k}`);
    }
  });

  it('on every statement of every fixture and corpus file, and the SQL in their strings', () => {
    const tally: Tally = { compared: 0, fast: 0 };
    for (const root of roots) {
      for (const file of files(root)) {
        const text = readFileSync(file, 'utf8');
        for (const s of statements(text)) {
          const sql = s.text.slice(s.tokens[0]!.start, s.end);
          tally.compared++;
          const fast = fastPostgresOps(s.tokens, s.text);
          assert.deepStrictEqual(fast, fastPostgresOpsOf(sql), `tokens and text agree: ${sql}`);
          if (fast === null) continue;
          tally.fast++;
          assert.deepStrictEqual({ ok: true, ops: fast }, parseStatement(sql, 'postgres'), `${relative(fixtures, file)}: ${sql}`);
        }
      }
    }
    assert.ok(tally.fast >= 60, `the fast path read ${tally.fast} of ${tally.compared} corpus statements`);
  });

  it('on generated variants (quoting, schemas, IF EXISTS, CASCADE, comments, types, expressions, invalid forms)', () => {
    const tally: Tally = { compared: 0, fast: 0 };
    for (const sql of variants()) compare(sql, tally, 'variant');
    // Most variants are ones it reads; the rest (keywords as names, unknown forms, syntax errors) go to the parser.
    assert.ok(tally.fast > tally.compared / 3, `the fast path read ${tally.fast} of ${tally.compared} variants`);
  });

  it("reads every statement of the benchmark's migrations without the parser", () => {
    for (const sql of [
      'ALTER TABLE t7 ADD COLUMN c7 text',
      'UPDATE t7 SET c7 = old_7 WHERE c7 IS NULL',
      'ALTER TABLE t7 DROP COLUMN IF EXISTS old_7',
      'ALTER TABLE "public"."t7" RENAME COLUMN x7 TO y7',
    ]) {
      assert.notEqual(fastPostgresOpsOf(sql), null, sql);
    }
  });

  it('leaves every fixture and corpus file with the same analysis as the parser alone', () => {
    let analysed = 0;
    for (const root of roots) {
      for (const file of files(root)) {
        const path = relative(root, file).split('\\').join('/');
        const text = readFileSync(file, 'utf8');
        const framework = detectFramework(path, text) ?? (path.endsWith('.sql') ? 'sql' : null);
        if (framework === null) continue;
        const group = path.split('/')[0];
        const dialect: SqlDialect | undefined = group === 'mysql' ? 'mysql' : group === 'sqlite' ? 'sqlite' : group === 'postgres' ? 'postgres' : undefined;
        const options = { framework, path, ...(dialect ? { dialect } : {}) };
        usePostgresFastPath(true);
        const fast = analyseMigrationText(text, options);
        usePostgresFastPath(false);
        const reference = analyseMigrationText(text, options);
        assert.deepStrictEqual(fast, reference, path);
        analysed++;
      }
    }
    assert.ok(analysed > 500, `${analysed} files`);
  });
});

/** Statements built from the pieces below, each also with comments between its tokens. */
function variants(): string[] {
  const tables = ['t', 'T', 'Users', '"T"', '"my table"', 'public.t', '"public"."T"', 'S.t', 'name', 'type', 'user', '"user"', 'set', 'a.b.c', 'x1$', '"a""b"', 'ÿt', 'x'.repeat(64), '""', 'double', 'at'];
  const columns = ['c', 'C', '"C"', 'name', 'type', 'value', 'select', '"select"', 'position', 'c_1', 'if', 'to', 'key', 'data', 'level', '"ünï"', 'y'.repeat(63), 'y'.repeat(64)];
  const types = [
    'text', 'TEXT', 'int', 'integer', 'bigint', 'smallint', 'boolean', 'real', 'float', 'float(8)', 'double precision', 'double', 'numeric', 'numeric(10,2)', 'numeric(10,2,3)',
    'decimal(5)', 'dec', 'varchar', 'varchar(255)', 'varchar(1,2)', 'character varying(10)', 'char(3)', 'character', 'timestamp', 'timestamp(3)', 'timestamp with time zone',
    'timestamp without time zone', 'time with time zone', 'timestamptz', 'date', 'uuid', 'jsonb', 'json', 'serial', 'bigserial', 'smallserial', 'serial4', 'serial8', '"serial"',
    '"Serial"', 'public.serial', 'pg_catalog.int4', 'text[]', 'int[][]', 'integer[3]', 'name', 'interval', 'bit(3)', 'varchar(x)', 'money', 'inet', 'select', 'text text',
  ];
  const defaults = ["'x'", "''", "'it''s'", "E'x'", '0', '-1', '1.5', '1e5', '1abc', 'true', 'false', 'null', 'now()', 'CURRENT_TIMESTAMP', 'current_date', 'now', "'{}'::jsonb", "'a'::text", '(1 + 2)', 'gen_random_uuid()', 'nextval(\'s\'::regclass)', 'a = b', 'x'];
  const constraints = ['', ' NOT NULL', ' NULL', ' PRIMARY KEY', ' UNIQUE', ' REFERENCES users', ' REFERENCES users(id)', ' REFERENCES public.users (id) ON DELETE CASCADE', ' REFERENCES users ON DELETE SET NULL ON UPDATE NO ACTION', ' REFERENCES users ON DELETE CASCADE ON DELETE CASCADE', ' NOT NULL NO INHERIT', ' CHECK (c > 0)', ' COLLATE "C"', ' UNIQUE NULLS NOT DISTINCT', ' CONSTRAINT k NOT NULL', ' NOT DEFERRABLE', ' GENERATED ALWAYS AS IDENTITY'];
  const expressions = ['old', 'old_1', 't.old', 's.t.old', 'a.b.c.d', '"Old"', 'lower(old)', 'lower(old, other)', 'public.lower(old)', 'coalesce(a, b)', 'a || b', 'a || b || a', 'a::text', '(a + 1) * 2', '-a', 'NOT a', 'a IS NULL', 'a IS NOT TRUE', 'a = b', 'a = b = c', "'x'", '1', 'null', 'DEFAULT', 'DEFAULT + 1', 'now()', 'count(*)', 't.*', 'a + ', 'x at time zone y', 'set', 'f(a := 1)', 'a AND b OR NOT c', 'a < b < c', '(select 1)', "date '2020-01-01'", '$1', 'a=-1', 'a <> b', 'a != b', "a'x'", 'current_timestamp', 'current_timestamp()'];
  const wheres = ['', ' WHERE c IS NULL', ' WHERE c = 1 AND d <> \'x\'', ' WHERE id IN (1, 2)', ' WHERE a = b = c', ' WHERE NOT done', ' WHERE c IS NULL RETURNING id', ' FROM u WHERE u.id = t.id', ' WHERE current of cur', ' WHERE (a OR b) AND c > 2', ' WHERE 1abc'];

  const out: string[] = [];
  for (const t of tables) {
    for (const c of columns.slice(0, 8)) {
      out.push(`ALTER TABLE ${t} DROP COLUMN ${c}`, `ALTER TABLE IF EXISTS ONLY ${t} DROP COLUMN IF EXISTS ${c} CASCADE`, `ALTER TABLE ${t} DROP ${c}`, `ALTER TABLE ${t} DROP COLUMN ${c} RESTRICT`);
      out.push(`ALTER TABLE ${t} RENAME COLUMN ${c} TO new_${c.replace(/"/g, '')}`, `ALTER TABLE ${t} RENAME ${c} TO d`, `ALTER TABLE ${t} RENAME TO ${c}`);
      out.push(`ALTER TABLE ${t} ADD COLUMN ${c} text`, `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE bigint`, `ALTER TABLE ${t} ALTER COLUMN ${c} SET DATA TYPE varchar(20)`);
      out.push(`UPDATE ${t} SET ${c} = old WHERE ${c} IS NULL`, `UPDATE ONLY ${t} SET ${c} = DEFAULT`, `UPDATE ${t} AS x SET ${c} = 1`);
      out.push(`DROP TABLE ${t}`, `DROP TABLE IF EXISTS ${t}, ${t}_old CASCADE`);
    }
  }
  for (const c of columns) {
    out.push(`ALTER TABLE t ADD COLUMN ${c} text`, `ALTER TABLE t ADD COLUMN IF NOT EXISTS ${c} integer NOT NULL`, `ALTER TABLE t DROP COLUMN IF EXISTS ${c}`, `UPDATE t SET ${c} = ${c}`);
  }
  for (const type of types) {
    out.push(`ALTER TABLE t ADD COLUMN c ${type}`, `ALTER TABLE t ADD COLUMN c ${type} NOT NULL DEFAULT 0`, `ALTER TABLE t ALTER COLUMN c TYPE ${type}`, `UPDATE t SET c = d::${type}`);
  }
  for (const d of defaults) {
    for (const k of constraints.slice(0, 5)) out.push(`ALTER TABLE t ADD COLUMN c text DEFAULT ${d}${k}`, `ALTER TABLE t ADD COLUMN c text${k} DEFAULT ${d}`);
    out.push(`ALTER TABLE t ALTER COLUMN c SET DEFAULT ${d}`);
  }
  for (const k of constraints) {
    for (const k2 of constraints.slice(0, 6)) out.push(`ALTER TABLE t ADD COLUMN c int${k}${k2}`);
  }
  for (const e of expressions) {
    for (const w of wheres) out.push(`UPDATE t SET c = ${e}${w}`);
    out.push(`UPDATE t SET c = ${e}, d = ${e}`, `UPDATE t SET c = lower(${e}) WHERE ${e}`, `ALTER TABLE t ADD COLUMN c text DEFAULT ${e}`);
  }
  out.push(
    'ALTER TABLE t ADD COLUMN a int, ADD COLUMN b text NOT NULL, DROP COLUMN c',
    'ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c DROP DEFAULT',
    'ALTER TABLE t ALTER COLUMN a SET NOT NULL',
    'ALTER TABLE t ADD COLUMN a int,',
    'ALTER TABLE t ADD CONSTRAINT k UNIQUE (a)',
    'ALTER TABLE t ADD a int',
    'ALTER TABLE t * DROP COLUMN a',
    'ALTER TABLE t DROP COLUMN a; DROP TABLE u',
    'ALTER TABLE t DROP COLUMN',
    'ALTER TABLE t',
    'ALTER TABLE t ADD COLUMN c text c',
    'ALTER TABLE t ADD COLUMN c text DEFAULT 1NOT NULL',
    "ALTER TABLE t ADD COLUMN c text DEFAULT 'a'\n'b'",
    'ALTER TABLE t ADD COLUMN c text DEFAULT \'a\' \'b\'',
    'ALTER TABLE t ADD COLUMN c int DEFAULT 1 + + 2',
    'ALTER TABLE t ADD COLUMN c int DEFAULT 1=-2',
    'ALTER TABLE t ALTER c TYPE int',
    'ALTER TABLE t ALTER COLUMN c TYPE int USING c::int',
    'ALTER TABLE t ALTER COLUMN c SET STATISTICS 100',
    'ALTER TABLE t ALTER COLUMN c SET DATA',
    'DROP TABLE',
    'DROP TABLE t,',
    'DROP TABLE a.b.c',
    'UPDATE t SET c = 1,',
    'UPDATE t SET (a, b) = (1, 2)',
    'UPDATE t SET t.c = 1',
    'UPDATE t SET c[1] = 2',
    'UPDATE t SET c = ',
    'UPDATE t SET',
    'UPDATE set SET c = 1',
    'UPDATE t SET c = 1 WHERE',
    'UPDATE t SET c = old_1 WHERE c IS NULL AND d = 1 OR NOT e',
    'UPDATE t SET c = (a) WHERE (b)',
    'UPDATE t SET c = ((a || b)) WHERE ((c IS NULL))',
    'UPDATE t SET c = -(a) WHERE c = -1',
    'UPDATE t SET c = 1 WHERE c IS NULL IS NULL',
  );
  // Comments between tokens, the odd spacing and case the parser accepts.
  const withComments: string[] = [];
  for (const sql of out.slice(0, 3000)) {
    withComments.push(sql.replace(/ /g, ' /* c */ '), sql.replace(/ /g, '\n-- c\n'), sql.replace(/ /g, '\t\r\n  '), sql.toLowerCase(), sql.replace(/ /g, ' /* a /* nested */ b */ '));
  }
  return [...out, ...withComments];
}
