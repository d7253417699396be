/**
 * Release agreement on a real history, always run: the orhun/git-cliff corpus (1,569 commits, 57 stable releases on
 * the default branch) replayed into a real repository with git fast-import, tags at their commits. For each of the
 * 56 pairs of consecutive stable releases the engine's bump (loadReleasePlan --from prev --to next) is compared with
 * conventional-recommended-bump (conventionalcommits preset) over the same range and with the real release.
 * The full run over all four corpora is `npm run bench:release-agreement`; docs/compatibility.md has its numbers.
 *
 * Thresholds, and why:
 * - ours = crb on ≥ 95% of the pairs (measured 55/56): both read the same messages with the same parser options,
 *   so the only expected differences are the engine's deliberate extras (squash-body lines, Release-As footers,
 *   git reverts of commits outside the range). Any difference of another class fails the test.
 * - ours = real on at least as many pairs as crb = real, less 2: real releases are human decisions (features in
 *   patch releases, `feat!` released as minor), so no tool matches them all; the engine must not predict them
 *   worse than the reference tool beyond its deliberate differences.
 */
import assert from 'node:assert/strict';
import { CORPUS_SPECS, corpusAgreement, summarise } from '../../../bench/releaseAgreement';
import { CORPORA_DIR, corpusExists } from '../../../bench/replayCorpus';

const CORPUS = 'orhun__git-cliff';
const DELIBERATE = /^(squash-body lines counted by ours|Release-As footer|git revert of a commit outside the range)/;

describe('release agreement on a replayed history (orhun/git-cliff)', function () {
  this.timeout(180_000);

  it(`finds the corpus in ${CORPORA_DIR}`, () => {
    assert.ok(corpusExists(CORPUS), `no ${CORPUS}.commits.jsonl.gz in ${CORPORA_DIR}: set RH_CORPORA_DIR to the folder that holds the corpora`);
  });

  it('agrees with conventional-recommended-bump on ≥ 95% of consecutive release pairs, and every difference is deliberate', async function () {
    if (!corpusExists(CORPUS)) this.skip();
    const spec = CORPUS_SPECS.find((candidate) => candidate.name === CORPUS)!;
    const result = await corpusAgreement(spec);
    const summary = summarise(result.pairs);
    console.log(`      ${CORPUS}: ${summary.pairs} pairs, ours = crb ${summary.oursVsCrb}, ours = real ${summary.oursVsReal}, crb = real ${summary.crbVsReal}`);
    assert.ok(summary.pairs >= 50, `expected the 56 consecutive stable pairs, got ${summary.pairs}`);
    assert.ok(summary.oursVsCrb / summary.pairs >= 0.95, `ours = crb on ${summary.oursVsCrb}/${summary.pairs}`);
    for (const pair of result.pairs) {
      if (pair.crbVsOurs.agree) continue;
      assert.match(pair.crbVsOurs.cls ?? '', DELIBERATE, `${pair.prev}..${pair.next}: ours ${pair.ours}, crb ${pair.crb}: ${pair.crbVsOurs.cls} (${pair.crbVsOurs.detail})`);
    }
    assert.ok(summary.oursVsReal >= summary.crbVsReal - 2, `ours = real ${summary.oursVsReal}, crb = real ${summary.crbVsReal}`);
    // Known releases, as a spot check of the three columns.
    const pair = (next: string) => result.pairs.find((candidate) => candidate.next === next)!;
    assert.deepEqual([pair('v2.0.0').ours, pair('v2.0.0').crb, pair('v2.0.0').real], ['major', 'major', 'major']);
    assert.deepEqual([pair('v2.0.1').ours, pair('v2.0.1').crb, pair('v2.0.1').real], ['none', 'none', 'patch']); // chore-only re-release
    assert.deepEqual([pair('v2.3.0').ours, pair('v2.3.0').crb, pair('v2.3.0').real], ['major', 'major', 'minor']); // feat(gitlab)!: released as minor
  });
});
