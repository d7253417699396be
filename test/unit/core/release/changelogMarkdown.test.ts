/**
 * The changelog's Markdown as flat strings (renderChangelog joins each entry line and the document instead of
 * building them with templates) against the template composition it replaced: every entry line and the whole
 * document, on every corpus history (all its changes in one plan) and on generated histories (scopes null, empty
 * and `*`, `<` and `#` in subjects, closed issues, breaking notes, no changes at all), with each kind of host
 * and none.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import {
  commitUrl,
  computeReleasePlan,
  escapeMarkdownText,
  issueUrl,
  renderChangelog,
  selectionFromRef,
  type Changelog,
  type RawCommit,
  type ReleaseChange,
  type RepositoryHost,
} from '../../../../src/core/release';
import { linkIssues } from '../../../../src/core/release/changelog';
import { seededRandom } from '../../seededRandom';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;
const HOSTS: readonly (RepositoryHost | null)[] = [
  null,
  { kind: 'github', url: 'https://github.com/acme/widget' },
  { kind: 'gitlab', url: 'https://gitlab.com/acme/widget' },
  { kind: 'bitbucket', url: 'https://bitbucket.org/acme/widget' },
];

/** The entry line as the templates wrote it before (changelog.ts entryOf, scopePrefix, hashLink). */
function referenceLine(change: ReleaseChange, host: RepositoryHost | null): string {
  const prefix = change.scope !== null && change.scope !== '' && change.scope !== '*' ? `**${escapeMarkdownText(change.scope)}:** ` : '';
  const found = new Set<string>();
  const subject = linkIssues(escapeMarkdownText(change.subject), host, found);
  const rest = change.references.filter((issue) => !found.has(issue));
  const refs = [...new Set(rest)].map((issue) => (host ? `[#${issue}](${issueUrl(host, issue)})` : `#${issue}`));
  const short = change.hash.slice(0, 7);
  const link = host ? `([${short}](${commitUrl(host, change.hash)}))` : `(${short})`;
  const line = change.hash ? `* ${prefix}${subject} ${link}` : `* ${prefix}${subject} `.trimEnd();
  return refs.length > 0 ? `${line}, closes ${refs.join(' ')}` : line;
}

/** The document as the template composed it from the heading and the sections. */
function referenceDocument(changelog: Changelog): string {
  const heading = changelog.markdown.slice(0, changelog.markdown.indexOf('\n'));
  const blocks = [heading, ...changelog.sections.map((section) => `### ${section.title}\n\n${section.entries.map((entry) => entry.markdown).join('\n')}`)];
  return `${blocks.join('\n\n')}\n`;
}

function assertSameMarkdown(commits: readonly RawCommit[], what: string): void {
  const plan = computeReleasePlan({ selection: selectionFromRef('root', 'a'.repeat(40), 'v${version}'), commits, head: commits[0]?.hash ?? null, options: {} });
  const byHash = new Map<string, ReleaseChange[]>();
  for (const change of plan.changes) byHash.set(change.hash, [...(byHash.get(change.hash) ?? []), change]);
  for (const host of HOSTS) {
    const changelog = renderChangelog(plan, { date: '2026-01-01', host, version: '1.0.0' });
    assert.equal(changelog.markdown, referenceDocument(changelog), `${what}, host ${host?.kind ?? 'none'}: the document`);
    for (const section of changelog.sections) {
      if (section.entries[0]?.hash === '') continue; // breaking notes: not entry lines of a change
      for (const entry of section.entries) {
        const lines = (byHash.get(entry.hash) ?? []).filter((change) => change.subject === entry.subject).map((change) => referenceLine(change, host));
        assert.ok(lines.includes(entry.markdown), `${what}, host ${host?.kind ?? 'none'}: ${JSON.stringify(entry.markdown)}`);
      }
    }
  }
}

function generated(seed: number, count: number): RawCommit[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const types = ['feat', 'fix', 'perf', 'revert', 'docs', 'chore', 'feat!', 'fix!'];
  const scopes = ['', '(core)', '(*)', '()', '(a<b)', '(ui\\<)'];
  const subjects = ['add search', 'see #12 and #3', 'a <script> tag', 'ends in \\', '#7 first', 'emoji 😀 (#45)', 'x', 'pipe | and [link](u)'];
  const bodies = ['', '\n\ncloses #12', '\n\nBREAKING CHANGE: gone\n', '\n\nfixes #3, closes #12 #12', '\n\nplain words'];
  const commits: RawCommit[] = [];
  for (let i = 0; i < count; i++) {
    const hash = (i + 1).toString(16).padStart(40, '0');
    commits.push({ hash, parents: i > 0 ? [(i).toString(16).padStart(40, '0')] : [], message: `${pick(types)}${pick(scopes)}: ${pick(subjects)}${pick(bodies)}\n` });
  }
  return commits.reverse();
}

describe('changelog Markdown: flat lines and document agree with the template composition', function () {
  this.timeout(120_000);

  for (const corpus of CORPORA) {
    it(`agrees on ${corpus}`, function () {
      if (!corpusExists(corpus, CORPORA_DIR)) this.skip();
      assertSameMarkdown(loadCorpus(corpus, CORPORA_DIR) as RawCommit[], corpus);
    });
  }

  it('agrees on generated histories, and on one without changes', () => {
    for (let seed = 1; seed <= 60; seed++) assertSameMarkdown(generated(seed, seed * 7), `seed ${seed}`);
    assertSameMarkdown([{ hash: 'b'.repeat(40), parents: [], message: 'not conventional\n' }], 'no changes');
  });
});
