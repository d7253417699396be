// The statement splitter (src/core/migrations/sql/split.ts) against its former loop (reference/split.ts): the same
// statements and comments, in every dialect, for every fixture and real-world corpus file and slices of them, and
// for generated texts dense in what the splitter treats specially (goose and drizzle directives in every case and
// spacing, comments that resemble them, DELIMITER, BEGIN … END, CASE, semicolons in strings and bodies).
import assert from 'node:assert/strict';
import { splitSql } from '../../../../src/core/migrations/sql/split';
import type { SqlDialect } from '../../../../src/core/migrations';
import { referenceSplitSql } from './reference/split';
import { checkCorpusFiles, DIALECTS, generatedText } from './referenceCheck';


const PIECES = [
  '-- +goose Up\n', '-- +goose Down\n', '-- +goose StatementBegin\n', '-- +goose StatementEnd\n', '--+goose up\n', '--  +GOOSE DOWN\n',
  '-- +goose\tstatementbegin\n', '--\u00a0+goose down\n', '-- +goose downward\n', '-- + goose up\n', '--> statement-breakpoint\n',
  '-->statement-breakpoint\n', '-- > statement-breakpoint\n', '-- 1 + 1\n', '-- c++\n', '/* +goose up */', '# +goose up\n', '-- plain\n',
  'DELIMITER //\n', 'DELIMITER ;\n', '//', 'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW ', 'CREATE PROCEDURE p() ', 'BEGIN ', 'END ',
  'END IF', 'END LOOP', 'CASE ', 'WHEN 1 THEN 2 ', 'IF x THEN ', ';', ';\n', ' ', '\n', "'a;b'", '$$ x; y $$', '"q;"', 'ALTER TABLE t ',
  'DROP COLUMN c', 'UPDATE t SET a = b', '(', ')', ',', '+', '-', '>', 'x', '1',
];

function generated(seed: number): string {
  return generatedText(seed, PIECES, 40);
}

function same(text: string, dialect: SqlDialect, where: string, from?: number, to?: number): void {
  assert.deepStrictEqual(splitSql(text, dialect, from, to), referenceSplitSql(text, dialect, from, to), `${where} (${dialect}, [${from ?? 0}, ${to ?? text.length})): ${JSON.stringify(text.length > 400 ? text.slice(0, 400) : text)}`);
}

describe('migrations: the statement splitter gives the statements of its reference', function () {
  this.timeout(120000);

  it('on every fixture and real-world corpus file, whole and in slices, in every dialect', () => {
    const files = checkCorpusFiles(same, 3);
    assert.ok(files > 100, `only ${files} files`);
  });

  it('on 20,000 generated texts of directives, delimiters, bodies and look-alikes, in every dialect', () => {
    let withDirective = 0;
    for (let seed = 1; seed <= 20000; seed++) {
      const text = generated(seed);
      if (/\+goose|-->/i.test(text)) withDirective++;
      for (const dialect of DIALECTS) same(text, dialect, `seed ${seed}`);
    }
    assert.ok(withDirective > 10000, `only ${withDirective} texts with a directive`);
  });
});
