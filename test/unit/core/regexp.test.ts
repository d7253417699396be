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

  it('answers a list asked again, or after another, as it did the first time (the last answer is kept)', () => {
    const lists: string[][] = [callNames(BUILTIN_FLAG_PATTERNS), ['isOn', 'isOff'], ['isOn', 'isOff', 'isEnabled'], ['a,b'], ['a', 'b'], [], ['']];
    const first = lists.map((words) => alternationOf(words));
    // Each list again, in turn and twice in a row, and after each other list: the same string each time.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < lists.length; i++) {
        assert.equal(alternationOf(lists[i]!), first[i], JSON.stringify(lists[i]));
        assert.equal(alternationOf([...lists[i]!]), first[i], `a copy of ${JSON.stringify(lists[i])}`);
        for (let j = 0; j < lists.length; j++) {
          alternationOf(lists[j]!);
          assert.equal(alternationOf(lists[i]!), first[i], `${JSON.stringify(lists[i])} after ${JSON.stringify(lists[j])}`);
        }
      }
    }
    // A list changed in place after a call is answered for what it holds now.
    const words = ['isOn', 'isOff'];
    assert.equal(alternationOf(words), 'isO(?:n|ff)');
    words.push('isEnabled');
    assert.equal(alternationOf(words), 'is(?:O(?:n|ff)|Enabled)');
    // Lists a joined key would confuse are told apart.
    assert.notEqual(alternationOf(['a,b']), alternationOf(['a', 'b']));
    assert.notEqual(alternationOf(['a\0b']), alternationOf(['a', 'b']));
  });
});
