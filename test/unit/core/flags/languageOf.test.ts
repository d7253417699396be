// languageOf reads an ASCII extension in place; this holds it to the rule it replaced (the lower-cased extension
// through one switch) over every extension it knows in every letter case, near misses, and generated paths.
import assert from 'node:assert/strict';
import { languageOf } from '../../../../src/core/flags';
import { seededRandom } from '../../seededRandom';

function referenceLanguageOf(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  switch (path.slice(dot + 1).toLowerCase()) {
    case 'ts': case 'tsx': case 'js': case 'jsx': case 'mjs': case 'cjs': case 'mts': case 'cts': case 'vue': case 'svelte':
      return 'js';
    case 'py':
      return 'python';
    case 'go':
      return 'go';
    case 'java': case 'kt': case 'kts':
      return 'java';
    default:
      return undefined;
  }
}

const KNOWN = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts', 'vue', 'svelte', 'py', 'go', 'java', 'kt', 'kts'];

describe('flags: languageOf', () => {
  it('every known extension in every letter case, and its neighbours, as the reference', () => {
    const paths: string[] = [];
    for (const ext of KNOWN) {
      for (let mask = 0; mask < 1 << ext.length; mask++) {
        const cased = [...ext].map((c, i) => (mask & (1 << i) ? c.toUpperCase() : c)).join('');
        paths.push(`a.${cased}`, `dir.x/b.${cased}`, `.${cased}`, `c.${cased}x`, `c.${cased.slice(1)}`, `c.x${cased}`, `c.${cased}.bak`, `c.bak.${cased}`);
      }
    }
    // Characters next to the letters (@ [ ` {), non-ASCII that lowercases to ASCII (the Kelvin sign, İ), digits.
    paths.push('a.K\u212At', 'a.\u212At', 'a.\u212Ats', 'a.@s', 'a.[s', 'a.`s', 'a.{s', 'a.t\u0130', 'a.ts1', 'a.', 'a', 'a.t', 'a.T', 'a/b.c/d', '');
    for (const path of paths) assert.equal(languageOf(path), referenceLanguageOf(path), JSON.stringify(path));
    // The test sees each language.
    assert.deepEqual(new Set(paths.map((p) => languageOf(p))), new Set(['js', 'python', 'go', 'java', undefined]));
  });

  it('generated paths as the reference', () => {
    const random = seededRandom(0x1a2b);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./_-0@[`{\u212A\u0130\u00e9';
    for (let n = 0; n < 20_000; n++) {
      let path = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) path += alphabet[Math.floor(random() * alphabet.length)];
      if (random() < 0.5) path += `.${KNOWN[Math.floor(random() * KNOWN.length)]!.slice(0, 1 + Math.floor(random() * 6))}`;
      assert.equal(languageOf(path), referenceLanguageOf(path), JSON.stringify(path));
    }
  });
});
