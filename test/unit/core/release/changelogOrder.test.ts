/**
 * The order of a changelog section (sortEntries: grouped by scope, each group sorted by subject) against the
 * stable sort of the whole by compareEntries (the reference): the same entries in the same order, ties included,
 * on every conventional header of the corpora (one section of all, and one per type) and on generated entries
 * with few distinct scopes and subjects (null, empty and `*` scopes, case, prefixes, characters beyond ASCII, lone
 * surrogates, control characters, NULs, sections of thousands).
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import type { ChangelogEntry } from '../../../../src/core/release';
import { compareEntries, sortEntries } from '../../../../src/core/release/changelog';
import { parseReleaseMessage } from '../../../../src/core/release/parseReleaseMessage';
import { seededRandom } from '../../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;

function assertSameOrder(entries: readonly ChangelogEntry[], what: string): void {
  const ours = sortEntries([...entries]).map((entry) => entry.hash);
  const reference = [...entries].sort(compareEntries).map((entry) => entry.hash);
  assert.deepStrictEqual(ours, reference, what);
}

function entry(index: number, scope: string | null, subject: string): ChangelogEntry {
  return { hash: String(index), scope, subject, references: [], markdown: '' };
}

describe('changelog order: grouping by scope agrees with the stable sort of the whole', () => {
  for (const corpus of CORPORA) {
    it(`agrees on the headers of ${corpus}`, function () {
      if (!corpusExists(corpus, CORPORA_DIR)) this.skip();
      const byType = new Map<string, ChangelogEntry[]>();
      const all: ChangelogEntry[] = [];
      loadCorpus(corpus, CORPORA_DIR).forEach((commit, index) => {
        const parsed = parseReleaseMessage(commit.message, 'plan');
        if (parsed.type === null || parsed.subject === null) return;
        const item = entry(index, parsed.scope, parsed.subject);
        all.push(item);
        byType.set(parsed.type, [...(byType.get(parsed.type) ?? []), item]);
      });
      assert.ok(all.length > 100, 'the corpus has conventional headers');
      assertSameOrder(all, `${corpus}: all`);
      for (const [type, entries] of byType) assertSameOrder(entries, `${corpus}: ${type}`);
    });
  }

  it('agrees on generated entries with many ties', () => {
    const next = seededRandom(41);
    const scopes = [null, '', '*', 'a', 'A', 'ab', 'a b', 'a\u0001', 'b', 'é', 'z', '😀', '\ud83d', 'core', 'Core'];
    const subjects = ['x', 'X', 'x ', 'xy', 'x\u0001', '', 'é', '😀 smile', '\ude00', 'fix it', 'Fix it', '\uffff', '0', 'a'];
    for (let round = 0; round < 2000; round++) {
      const count = round % 100 === 0 ? 3000 : Math.floor(next() * 80);
      const entries: ChangelogEntry[] = [];
      for (let i = 0; i < count; i++) entries.push(entry(i, scopes[Math.floor(next() * scopes.length)] as string | null, subjects[Math.floor(next() * subjects.length)] as string));
      assertSameOrder(entries, `round ${round}`);
    }
  });

  it('agrees where a scope or subject holds a NUL (the comparison function then)', () => {
    const next = seededRandom(43);
    const pieces = ['a', 'b', '\0', '', 'a\0', '\0b', 'ab'];
    const plain = ['a', 'b', '', 'ab'];
    const pick = (from: readonly string[]): string => from[Math.floor(next() * from.length)] as string;
    for (let round = 0; round < 600; round++) {
      // NULs in subjects only, in scopes only, in both.
      const [scopes, subjects] = round % 3 === 0 ? [plain, pieces] : round % 3 === 1 ? [pieces, plain] : [pieces, pieces];
      const entries: ChangelogEntry[] = [];
      for (let i = 0; i < 30; i++) entries.push(entry(i, next() < 0.2 ? null : pick(scopes), pick(subjects)));
      assertSameOrder(entries, `round ${round}`);
    }
  });
});
