/**
 * Which changes go into which changelog section (renderChangelog: one lookup per type, kept with its section's list)
 * against the lookup per change it replaced (the first configured entry of the lower-cased type; none, or a hidden
 * one, leaves the change out), on every corpus history and on generated histories and section settings: types in
 * other cases, types listed twice (the first wins), hidden and shown entries of one section, several types sharing
 * a section, sections never used, unlisted types.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import {
  BREAKING_CHANGES_TITLE,
  computeReleasePlan,
  DEFAULT_CHANGELOG_SECTIONS,
  renderChangelog,
  selectionFromRef,
  type ChangelogEntry,
  type ChangelogSectionConfig,
  type RawCommit,
  type ReleasePlan,
} from '../../../../src/core/release';
import { compareEntries } from '../../../../src/core/release/changelog';
import { seededRandom } from '../../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;

/** Section titles with the hashes and subjects of their entries, in order, as the per-change lookup groups them. */
function referenceSections(plan: ReleasePlan, config: readonly ChangelogSectionConfig[]): string[][] {
  const titles: string[] = [];
  for (const entry of config) if (!entry.hidden && !titles.includes(entry.section)) titles.push(entry.section);
  const byTitle = new Map<string, { hash: string; scope: string | null; subject: string }[]>();
  for (const change of plan.changes) {
    const entry = config.find((item) => item.type === change.type.toLowerCase());
    if (!entry || entry.hidden) continue;
    byTitle.set(entry.section, [...(byTitle.get(entry.section) ?? []), { hash: change.hash, scope: change.scope, subject: change.subject }]);
  }
  const sections: string[][] = [];
  for (const title of titles) {
    const entries = byTitle.get(title);
    if (!entries || entries.length === 0) continue;
    const sorted = [...entries].sort((a, b) => compareEntries(a as ChangelogEntry, b as ChangelogEntry));
    sections.push([title, ...sorted.map((entry) => `${entry.hash} ${entry.subject}`)]);
  }
  return sections;
}

function assertSameSections(commits: readonly RawCommit[], sections: readonly ChangelogSectionConfig[] | undefined, what: string): void {
  const plan = computeReleasePlan({ selection: selectionFromRef('root', 'a'.repeat(40), 'v${version}'), commits, head: commits[0]?.hash ?? null, options: {} });
  const changelog = renderChangelog(plan, { date: '2026-01-01', host: null, version: '1.0.0', ...(sections ? { sections } : {}) });
  const ours = changelog.sections
    .filter((section) => section.title !== BREAKING_CHANGES_TITLE)
    .map((section) => [section.title, ...section.entries.map((entry) => `${entry.hash} ${entry.subject}`)]);
  assert.deepStrictEqual(ours, referenceSections(plan, sections ?? DEFAULT_CHANGELOG_SECTIONS), what);
}

describe('changelog sections: one lookup per type agrees with the lookup per change', () => {
  for (const corpus of CORPORA) {
    it(`agrees on ${corpus}`, function () {
      if (!corpusExists(corpus, CORPORA_DIR)) this.skip();
      const commits = loadCorpus(corpus, CORPORA_DIR).map((commit, index) => ({ hash: index.toString(16).padStart(40, '0'), parents: ['f'.repeat(40)], message: commit.message }));
      assertSameSections(commits, undefined, `${corpus}, default sections`);
      assertSameSections(commits, [{ type: 'fix', section: 'Fixes', hidden: false }, { type: 'feat', section: 'Fixes', hidden: false }, { type: 'chore', section: 'Chores', hidden: false }], `${corpus}, custom sections`);
    });
  }

  it('agrees on generated histories and section settings', () => {
    const next = seededRandom(53);
    const types = ['feat', 'Feat', 'FIX', 'fix', 'perf', 'docs', 'chore', 'revert', 'Revert', 'custom', 'x'];
    const titles = ['A', 'B', 'C', 'Features'];
    const pick = <T>(from: readonly T[]): T => from[Math.floor(next() * from.length)] as T;
    for (let round = 0; round < 400; round++) {
      const commits: RawCommit[] = [];
      const count = Math.floor(next() * 40);
      for (let i = 0; i < count; i++) {
        const scope = next() < 0.3 ? `(${pick(['a', 'b', ''])})` : '';
        commits.push({ hash: `${round}`.padStart(8, '0') + i.toString(16).padStart(32, '0'), parents: ['f'.repeat(40)], message: `${pick(types)}${scope}: ${pick(['x', 'y', 'z z'])}\n` });
      }
      // Lower-case types only match (the configuration's types are compared with the lower-cased type), some twice.
      const config: ChangelogSectionConfig[] = [];
      const entries = Math.floor(next() * 8);
      for (let i = 0; i < entries; i++) config.push({ type: pick(types).toLowerCase(), section: pick(titles), hidden: next() < 0.3 });
      assertSameSections(commits, round % 5 === 0 ? undefined : config, `round ${round}`);
    }
  });
});
