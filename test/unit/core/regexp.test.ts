import assert from 'node:assert/strict';
import { BUILTIN_FLAG_PATTERNS, callNames } from '../../../src/core/flags';
import { alternationOf, escapeRegExp } from '../../../src/core/regexp';

describe('regexp: alternationOf', () => {
  const plain = (words: readonly string[]): RegExp => new RegExp(`^(?:${words.map(escapeRegExp).join('|')})$`);
  const factored = (words: readonly string[]): RegExp => new RegExp(`^${alternationOf(words)}$`);

  it('factors common prefixes and escapes each character', () => {
    assert.equal(alternationOf(['isOn', 'isOff', 'isEnabled']), 'is(?:O(?:n|ff)|Enabled)');
    assert.equal(alternationOf(['a.b', 'a$', 'a']), 'a(?:\\.b|\\$)?');
  });

  it('matches exactly the words the plain alternation matches (every call name, prefixes, neighbours)', function () {
    this.timeout(30_000);
    const sets: string[][] = [
      callNames(BUILTIN_FLAG_PATTERNS),
      ['a', 'ab', 'abc', '', 'b'],
      ['x(', 'x[', 'x{2}', '\\', 'ü', 'üb', '😀a', '😀'],
    ];
    for (const words of sets) {
      const [a, b] = [factored(words), plain(words)];
      const probes = new Set([...words, ...words.map((w) => w.slice(0, -1)), ...words.map((w) => `${w}x`), ...words.map((w) => w.slice(1)), 'zz']);
      for (const probe of probes) assert.equal(a.test(probe), b.test(probe), `${JSON.stringify(words.slice(0, 3))} on ${JSON.stringify(probe)}`);
    }
  });
});
