// The SQL lexer (src/core/migrations/sql/lexer.ts) against its former character loops (reference/sqlLexer.ts): the
// same tokens, in every dialect, for every fixture and real-world corpus file, for slices of them (a body is lexed
// as [from, to) of its file), and for generated texts dense in what the lexer treats specially (quotes doubled or
// not, dollar quotes, comments, escapes, numbers, operators, non-ASCII words, surrogates, unterminated tokens).
import assert from 'node:assert/strict';
import { lexSql } from '../../../../src/core/migrations/sql/lexer';
import type { SqlDialect } from '../../../../src/core/migrations';
import { referenceLexSql } from './reference/sqlLexer';
import { seededRandom as random } from '../../seededRandom';
import { checkCorpusFiles, DIALECTS, generatedText } from './referenceCheck';

const PIECES = [
  "'", "''", '"', '""', '`', '``', '[', ']', '$', '$$', '$a$', '$1', '$_x$', '--', '-- c\n', '/*', '*/', '/* a /* b */ c */', '#', '\n', '\r\n', '\t', ' ', '  ',
  '\r', '\\', "\\'", "E'", "e'", 'x', 'ALTER', 'table', 'Col_1', 'a$b', 'é', 'Ünï', '\u{1F600}', '\ud800', '0', '12', '1.5e3', '0x1F', '1_000', '.5', '9abc',
  ':=', '::', '->', '||', '<>', '!=', '>=', '<=', '<', '>', '!', '|', ':', '-', '=', ';', '(', ')', ',', '.', '+', '*', '/', '@', '~', '%', '^', '?',
];

function generated(seed: number): string {
  return generatedText(seed, PIECES, 30);
}

function same(text: string, dialect: SqlDialect, where: string, from?: number, to?: number): void {
  const expected = referenceLexSql(text, dialect, from, to);
  const actual = lexSql(text, dialect, from, to);
  assert.deepStrictEqual(actual, expected, `${where} (${dialect}, [${from ?? 0}, ${to ?? text.length})): ${JSON.stringify(text.length > 400 ? text.slice(0, 400) : text)}`);
}

describe('migrations: the SQL lexer gives the tokens of its reference', function () {
  this.timeout(120000);

  it('on every fixture and real-world corpus file, whole and in slices, in every dialect', () => {
    const files = checkCorpusFiles(same, 5);
    assert.ok(files > 500, `files: ${files}`);
  });

  it('on 20,000 generated texts and their slices, in every dialect', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 20000; seed++) {
      const text = generated(seed);
      const next = random(seed + 1e6);
      for (const dialect of DIALECTS) {
        same(text, dialect, `seed ${seed}`);
        const from = Math.floor(next() * text.length);
        same(text, dialect, `seed ${seed}`, from, from + Math.floor(next() * (text.length - from + 1)));
        for (const t of lexSql(text, dialect)) kinds.add(t.kind);
      }
    }
    assert.deepStrictEqual([...kinds].sort(), ['comment', 'dollar', 'number', 'param', 'punct', 'quoted', 'string', 'word']);
  });
});
