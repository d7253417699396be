// Where a name is in a statement (analyseSql.ts's indexOfName) compares words with an ASCII name without making
// strings (asciiWordIs): held here to what it replaced, `text.slice(start, end).toLowerCase() === name`, for every
// word of every fixture and real-world corpus file against names taken from the corpora, and for generated words
// mixing cases, digits, `_`, `$` and characters that lower-case into ASCII or out of it (K, İ, ß, é).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asciiWordIs } from '../../../../src/core/migrations/sql/analyseSql';
import { lexSql } from '../../../../src/core/migrations/sql/lexer';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const ASCII = /^[\x00-\x7f]*$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Both answers for one word and name of the same length (indexOfName asks only then). */
function compare(text: string, start: number, end: number, lower: string): boolean {
  const expected = text.slice(start, end).toLowerCase() === lower;
  assert.equal(asciiWordIs(text, start, lower), expected, `${JSON.stringify(text.slice(start, end))} vs ${JSON.stringify(lower)}`);
  return expected;
}

describe('migrations: names located without making strings', () => {
  it('on every word of every fixture and corpus file, against the names of the corpora', () => {
    let equal = 0;
    let compared = 0;
    for (const root of [join(fixtures, 'migrations'), join(fixtures, 'real-world', 'migrations')]) {
      for (const path of filesUnder(root)) {
        const text = readFileSync(path, 'utf8');
        const words = lexSql(text, 'postgres').filter((t) => t.kind === 'word');
        const names = [...new Set(words.map((t) => text.slice(t.start, t.end).toLowerCase()).filter((n) => ASCII.test(n)))];
        const byLength = new Map<number, string[]>();
        for (const n of names) byLength.set(n.length, [...(byLength.get(n.length) ?? []), n]);
        for (const t of words) {
          for (const lower of (byLength.get(t.end - t.start) ?? []).slice(0, 8)) {
            compared++;
            if (compare(text, t.start, t.end, lower)) equal++;
          }
        }
      }
    }
    assert.ok(equal > 10000 && compared - equal > 10000, `equal ${equal} of ${compared}`);
  });

  it('on generated words with characters that lower-case into ASCII or out of it', () => {
    const parts = ['a', 'A', 'z', 'Z', 'k', 'K', '\u212a', 'i', 'I', '\u0130', 's', 'S', '\u00df', '\u00e9', '\u00c9', '_', '$', '0', '9', '@', '['];
    let a = 7;
    const next = (): number => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
    let equal = 0;
    for (let k = 0; k < 50000; k++) {
      let word = '';
      for (let n = 1 + Math.floor(next() * 5); n > 0; n--) word += parts[Math.floor(next() * parts.length)];
      const folded = word.toLowerCase();
      // The name: the word folded (equal when ASCII), or another ASCII spelling of its length.
      let lower = ASCII.test(folded) && next() < 0.5 ? folded : '';
      if (lower.length !== word.length) lower = Array.from({ length: word.length }, () => 'akisz_$09'[Math.floor(next() * 9)]).join('');
      const text = `x ${word} y`;
      if (compare(text, 2, 2 + word.length, lower)) equal++;
    }
    assert.ok(equal > 5000, `equal: ${equal}`);
  });
});
