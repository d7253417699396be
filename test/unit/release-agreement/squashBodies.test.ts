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
