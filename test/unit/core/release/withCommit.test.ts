import assert from 'node:assert/strict';
import { computeReleasePlan, nextVersionWith, resolveReleaseOptions, selectTag, type RawCommit, type ReleaseOptions } from '../../../../src/core/release';

let counter = 0x5000;
function c(message: string): RawCommit {
  counter++;
  return { hash: counter.toString(16).padStart(8, '0').repeat(5), message, parents: ['0'.repeat(40)] };
}
function planOf(tags: string[], oldestFirst: string[], settings: Partial<ReleaseOptions> = {}) {
  const options = resolveReleaseOptions(settings);
  const selection = selectTag(tags.map((name) => ({ name, commit: 'f'.repeat(40) })), { tagFormat: options.tagFormat, prerelease: options.prerelease });
  return { plan: computeReleasePlan({ selection, commits: oldestFirst.map(c).reverse(), options }), options };
}

describe('nextVersionWith (the commit box: the next version if this commit were added)', () => {
  const rows: [string, string[], string[], { type: string | null; breaking: boolean }, Partial<ReleaseOptions>, { bump: string; releaseBump: string; next: string | null; nextTag: string | null; changesNext: boolean }][] = [
    ['a feat on top of a fix raises patch to minor', ['v1.4.1'], ['fix: a'], { type: 'feat', breaking: false }, {}, { bump: 'minor', releaseBump: 'minor', next: '1.5.0', nextTag: 'v1.5.0', changesNext: true }],
    ['a fix under a feat keeps minor', ['v1.4.1'], ['feat: a'], { type: 'fix', breaking: false }, {}, { bump: 'patch', releaseBump: 'minor', next: '1.5.0', nextTag: 'v1.5.0', changesNext: false }],
    ['a breaking change makes it major', ['v1.4.1'], ['feat: a'], { type: 'feat', breaking: true }, {}, { bump: 'major', releaseBump: 'major', next: '2.0.0', nextTag: 'v2.0.0', changesNext: true }],
    ['docs releases nothing by itself', ['v1.4.1'], ['chore: a'], { type: 'docs', breaking: false }, {}, { bump: 'none', releaseBump: 'none', next: null, nextTag: null, changesNext: false }],
    ['not conventional releases nothing', ['v1.4.1'], [], { type: null, breaking: false }, {}, { bump: 'none', releaseBump: 'none', next: null, nextTag: null, changesNext: false }],
    ['pre-major: breaking → minor with bumpMinorPreMajor', ['v0.3.2'], ['fix: a'], { type: 'feat', breaking: true }, { bumpMinorPreMajor: true }, { bump: 'minor', releaseBump: 'minor', next: '0.4.0', nextTag: 'v0.4.0', changesNext: true }],
    ['pre-major: feat → patch with bumpPatchForMinorPreMajor', ['v0.3.2'], [], { type: 'feat', breaking: false }, { bumpPatchForMinorPreMajor: true }, { bump: 'patch', releaseBump: 'patch', next: '0.3.3', nextTag: 'v0.3.3', changesNext: true }],
    ['first release: the initial version', [], ['chore: init'], { type: 'fix', breaking: false }, {}, { bump: 'patch', releaseBump: 'patch', next: '0.1.0', nextTag: 'v0.1.0', changesNext: true }],
    ['first release with 1.0.0 and a bare tag format', [], [], { type: 'feat', breaking: false }, { initialVersion: '1.0.0', tagFormat: '${version}' }, { bump: 'minor', releaseBump: 'minor', next: '1.0.0', nextTag: '1.0.0', changesNext: true }],
    ['prerelease channel continues the line', ['v1.5.0-rc.1', 'v1.4.1'], ['fix: a'], { type: 'feat', breaking: false }, { prerelease: 'rc' }, { bump: 'minor', releaseBump: 'minor', next: '1.5.0-rc.2', nextTag: 'v1.5.0-rc.2', changesNext: false }],
    ['a custom type table applies', ['v1.4.1'], [], { type: 'docs', breaking: false }, { types: { docs: 'patch' } }, { bump: 'patch', releaseBump: 'patch', next: '1.4.2', nextTag: 'v1.4.2', changesNext: true }],
    ['a Release-As footer still wins', ['v1.4.1'], ['fix: a\n\nRelease-As: 3.0.0'], { type: 'feat', breaking: true }, {}, { bump: 'major', releaseBump: 'major', next: '3.0.0', nextTag: 'v3.0.0', changesNext: false }],
  ];
  for (const [title, tags, history, commit, settings, expected] of rows) {
    it(title, () => {
      const { plan, options } = planOf(tags, history, settings);
      assert.deepEqual({ ...nextVersionWith(plan, commit, options) }, expected);
    });
  }
});
