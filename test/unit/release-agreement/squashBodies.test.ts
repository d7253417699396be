// Found by the agreement replay (docs/compatibility.md, "Release versions"): commitlint's v13.2.1..v14.0.0 is a
// major release whose only breaking change sits in a GitHub squash body, as the footer of one squashed commit:
//
//   support multiple scopes and multiple cases & fix sentence-case … (#2806)      ← not conventional
//   * refactor(cz-commitlint): …
//   * feat(cz-commitlint): support multiple scopes
//   BREAKING CHANGE: add prompt.settings configuration
//   Closes #2782
//   * fix(cz-commitlint): support multiple cases & fix to sentence-case
//
// The engine parsed each `* type: subject` line alone (losing its footer) and only scanned the parser's body, which
// ends at the first `BREAKING CHANGE:` (losing every squashed line after it): minor instead of major.
import assert from 'node:assert/strict';
import { computeReleasePlan, renderChangelog, selectTag, type RawCommit } from '../../../src/core/release';

function planOf(message: string, squashBodies = true) {
  const commit: RawCommit = { hash: 'a'.repeat(40), message, parents: ['b'.repeat(40)] };
  const selection = selectTag([{ name: 'v13.2.1', commit: 'c'.repeat(40) }], { tagFormat: 'v${version}', prerelease: null });
  return computeReleasePlan({ selection, commits: [commit], options: { squashBodies } });
}

describe('release engine: squash bodies (found by the agreement replay)', () => {
  const squash = [
    'support multiple scopes and multiple cases & fix sentence-case is not consistent with commitlint/cli (#2806)',
    '',
    '* refactor(cz-commitlint): set "keywords" and "bugs" in package.json',
    '',
    '* feat(cz-commitlint): support multiple scopes',
    '',
    'BREAKING CHANGE: add prompt.settings configuration',
    '',
    'Closes #2782',
    '',
    '* fix(cz-commitlint): support multiple cases & fix to sentence-case',
    '',
    '* style(cz-commitlint): prettieer fix & remove meaningless comment',
    '',
  ].join('\n');

  it("gives a squashed commit its own footer: its BREAKING CHANGE note makes the release major", () => {
    const plan = planOf(squash);
    assert.equal(plan.bump, 'major');
    assert.equal(plan.next, '14.0.0');
    const feat = plan.changes.find((change) => change.type === 'feat');
    assert.ok(feat);
    assert.equal(feat.breaking, true);
    assert.deepEqual(feat.breakingVia, ['BREAKING CHANGE']);
    assert.deepEqual(feat.breakingNotes, ['add prompt.settings configuration']);
    assert.deepEqual(feat.references, ['2782']);
    assert.deepEqual(plan.reasons.map((reason) => reason.subject), ['feat(cz-commitlint): support multiple scopes']);
  });

  it('still counts the squashed lines after a BREAKING CHANGE footer, each without the note', () => {
    const plan = planOf(squash);
    assert.deepEqual(plan.changes.map((change) => `${change.type}:${change.breaking}`), ['refactor:false', 'feat:true', 'fix:false', 'style:false']);
    assert.deepEqual(plan.unconventional, []);
  });

  it('does not repeat a note of the commit itself on a squashed line (changelog lists it once)', () => {
    const plan = planOf('feat: payments (#42)\n\n* feat: payments\n\n* fix: rounding\n\nBREAKING-CHANGE: amounts are integers\n');
    assert.equal(plan.bump, 'major');
    const fix = plan.changes.find((change) => change.type === 'fix');
    assert.equal(fix?.breaking, false);
    const markdown = renderChangelog(plan, { date: '2024-01-01', host: null }).markdown;
    assert.equal(markdown.split('amounts are integers').length - 1, 1);
  });

  it('squashBodies: false reads the header only (unconventional here)', () => {
    const plan = planOf(squash, false);
    assert.equal(plan.bump, 'none');
    assert.equal(plan.unconventional.length, 1);
  });
});

// The cheap fixes the benchmark's profile led to (docs/benchmarks.md, "Next version and changelog"): reverts by
// full hash are looked up in a map instead of scanning every earlier commit, and the unconventional commits are
// collected with push + reverse instead of unshift. The results must not change.
describe('release engine: behaviour kept by the benchmark fixes', () => {
  const commit = (n: number, message: string): RawCommit => ({ hash: n.toString(16).padStart(40, '0'), message, parents: ['f'.repeat(40)] });
  const selection = selectTag([{ name: 'v1.0.0', commit: 'c'.repeat(40) }], { tagFormat: 'v${version}', prerelease: null });

  it('lists unconventional commits newest first', () => {
    const oldestFirst = [commit(1, 'wip one'), commit(2, 'fix: a'), commit(3, 'wip two'), commit(4, 'wip three')];
    const plan = computeReleasePlan({ selection, commits: [...oldestFirst].reverse() });
    assert.deepEqual(plan.unconventional.map((item) => item.header), ['wip three', 'wip two', 'wip one']);
  });

  it('cancels reverts named by a full hash, an upper-case hash and an abbreviated one', () => {
    const distinct = (digit: string, message: string): RawCommit => ({ hash: digit.repeat(40), message, parents: ['f'.repeat(40)] });
    const feat = distinct('a', 'feat: a');
    const fix = distinct('b', 'fix: b');
    const perf = distinct('c', 'perf: c');
    const other = distinct('1', 'feat: d');
    const revertFull = distinct('2', `Revert "feat: a"\n\nThis reverts commit ${feat.hash}.\n`);
    const revertUpper = distinct('3', `Revert "fix: b"\n\nThis reverts commit ${fix.hash.toUpperCase()}.\n`);
    const revertShort = distinct('4', `Revert "perf: c"\n\nThis reverts commit ${perf.hash.slice(0, 12)}.\n`);
    const plan = computeReleasePlan({ selection, commits: [revertShort, revertUpper, revertFull, other, perf, fix, feat] });
    assert.deepEqual(plan.cancelled.map((pair) => pair.reverted.header).sort(), ['feat: a', 'fix: b', 'perf: c']);
    assert.deepEqual(plan.changes.map((change) => change.header), ['feat: d']);
  });

  it('a revert of a revert (by full hash) puts the original back', () => {
    const feat = commit(1, 'feat: a');
    const revert = commit(2, `Revert "feat: a"\n\nThis reverts commit ${feat.hash}.\n`);
    const again = commit(3, `Revert "Revert "feat: a""\n\nThis reverts commit ${revert.hash}.\n`);
    const plan = computeReleasePlan({ selection, commits: [again, revert, feat] });
    assert.equal(plan.bump, 'minor');
    assert.deepEqual(plan.changes.map((change) => change.header), ['feat: a']);
  });
});
