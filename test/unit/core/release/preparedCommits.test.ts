/**
 * Commits read ahead for the plan (prepareReleaseCommit, what src/node does while `git log` prints the history)
 * against the plan reading them itself: the same plan, field by field, on every corpus history and on generated
 * ones, with and without a current version, pre-major options, release rules, first-parent and squash lines. A
 * reading for other options, for another commit or already settled by a plan is not used.
 */
import assert from 'node:assert/strict';
import { CORPORA_DIR, corpusExists, loadCorpus } from '../../../../bench/replayCorpus';
import {
  computeReleasePlan,
  prepareReleaseCommit,
  resolveReleaseOptions,
  selectionFromRef,
  type PreparedCommit,
  type RawCommit,
  type ReleaseOptions,
  type ReleasePlan,
} from '../../../../src/core/release';
import { prepareReleaseCommitByParse } from '../../../../src/core/release/plan';
import { readForPlan } from '../../../../src/core/release/parseReleaseMessage';

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'] as const;

const VARIANTS: readonly { readonly name: string; readonly version: string | null; readonly options: Partial<ReleaseOptions> }[] = [
  { name: 'first release', version: null, options: {} },
  { name: 'from 0.9.3, pre-major options', version: '0.9.3', options: { bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true } },
  { name: 'from 2.4.0 on a prerelease channel', version: '2.4.0', options: { prerelease: 'rc' } },
  {
    name: 'release rules',
    version: '1.0.0',
    options: { releaseRules: [{ type: 'docs', release: 'patch' }, { type: 'fix', scope: 'deps', release: false }, { breaking: true, release: 'minor' }, { revert: true, release: 'minor' }] },
  },
  { name: 'first parent', version: '1.2.3', options: { firstParent: true } },
  { name: 'no squash lines', version: '1.2.3', options: { squashBodies: false } },
];

function prepareAll(commits: readonly RawCommit[], options: Partial<ReleaseOptions>): (PreparedCommit | undefined)[] {
  const resolved = resolveReleaseOptions(options);
  return commits.map((commit) => (commit.parents.length > 1 ? undefined : prepareReleaseCommit(commit, resolved)));
}

function planOf(commits: readonly RawCommit[], version: string | null, options: Partial<ReleaseOptions>, prepared?: readonly (PreparedCommit | undefined)[]): ReleasePlan {
  const selection = version === null ? selectionFromRef('root', 'a'.repeat(40), 'v${version}') : selectionFromRef(`v${version}`, 'b'.repeat(40), 'v${version}');
  return computeReleasePlan({ selection, commits, head: commits[0]?.hash ?? null, options }, prepared);
}

/** A small generated history: squash bodies, breaking notes, reverts by hash and by header, merges, Release-As. */
function generated(): RawCommit[] {
  const oldestFirst: RawCommit[] = [];
  const add = (message: string, merge = false): string => {
    const hash = (oldestFirst.length + 1).toString(16).padStart(40, '0');
    const parent = oldestFirst.at(-1)?.hash;
    oldestFirst.push({ hash, message, parents: merge && parent ? [parent, 'f'.repeat(40)] : parent ? [parent] : [] });
    return hash;
  };
  const feat = add('feat(api): search\n');
  add('fix: a\n\n* feat(ui)!: nested\n* fix: other\n\nBREAKING CHANGE: gone\n');
  add(`Revert "feat(api): search"\n\nThis reverts commit ${feat}.\n`);
  add('docs: readme (#3)\n\ncloses #4\n');
  add('revert: fix: a\n');
  add('Merge branch x\n', true);
  add('chore(deps): bump\n\nRelease-As: 3.0.0\n');
  add('perf!: faster\n');
  add('not conventional\n');
  add(`Revert "feat: older"\n\nThis reverts commit ${'c'.repeat(40)}.\n`); // its target is outside the range
  add('revert: feat: outside the range\n');
  return oldestFirst.reverse();
}

describe('prepareReleaseCommit: commits read ahead give the plan the plan computes itself', function () {
  this.timeout(120_000);

  const histories: { readonly name: string; readonly commits: () => RawCommit[] }[] = [
    { name: 'a generated history', commits: generated },
    ...CORPORA.map((corpus) => ({ name: corpus, commits: () => (corpusExists(corpus) ? (loadCorpus(corpus, CORPORA_DIR) as RawCommit[]) : []) })),
  ];

  for (const history of histories) {
    it(`agrees on ${history.name}`, function () {
      const commits = history.commits();
      if (commits.length === 0) this.skip();
      for (const variant of VARIANTS) {
        const reference = planOf(commits, variant.version, variant.options);
        const prepared = prepareAll(commits, variant.options);
        assert.deepStrictEqual(planOf(commits, variant.version, variant.options, prepared), reference, variant.name);
        // Settled by that plan: another plan (another current version) reads the commits again and leaves the first alone.
        const snapshot = JSON.stringify(reference);
        const again = planOf(commits, '0.1.0', variant.options, prepared);
        assert.deepStrictEqual(again, planOf(commits, '0.1.0', variant.options), `${variant.name}, prepared twice`);
        assert.equal(JSON.stringify(reference), snapshot);
      }
      // Read for other options (squash lines) or for other commits: not used.
      const withSquash = prepareAll(commits, { squashBodies: true });
      assert.deepStrictEqual(planOf(commits, '1.0.0', { squashBodies: false }, withSquash), planOf(commits, '1.0.0', { squashBodies: false }));
      const shifted = prepareAll(commits, {}).slice(1);
      assert.deepStrictEqual(planOf(commits, '1.0.0', {}, shifted), planOf(commits, '1.0.0', {}));
    });
  }
});

describe('prepareReleaseCommit: a header alone read without the parse object (analyseHeader)', function () {
  this.timeout(120_000);

  const HEADERS = [
    'feat', 'fix', 'Feat', 'revert', 'Revert', 'REVERT', 'chore', '', 'feat!', 'fix(core)', 'fix(core)!', 'fix(a(b))', 'fix()', 'fix(x)!',
    'feat(ui)(extra)', 'fix_x', 'fix-x', 'ü',
  ];
  const SUBJECTS = ['add x', '"feat: y"', '"quoted', '', ' ', 'x !: y', 'a: b', '  padded  ', 'ü ✓ 日本', 'gpg: x', 'tab\there', 'x (#12)', 'closes #3'];
  const ENDS = ['', '\n', '\n\n', '\r\n', '\r\n\r\n', '\n\r', '\r', ' \n', '\nbody\n'];
  const SEPARATORS = [': ', '!: ', ':', ' : ', '!:  '];

  function messages(): string[] {
    const out: string[] = ['', '\n', '  \n', 'gpg: signature\n', '  gpg: x\n', 'Revert "feat: a"\n', 'revert: feat: a\n', 'Merge branch x\n'];
    for (const type of HEADERS) for (const separator of SEPARATORS) for (const subject of SUBJECTS) out.push(`${type}${separator}${subject}${ENDS[(type.length + subject.length) % ENDS.length] as string}`);
    return out;
  }

  function assertSameReading(commit: RawCommit): boolean {
    let fast = false;
    for (const squashBodies of [true, false]) {
      const options = resolveReleaseOptions({ squashBodies });
      const ours = prepareReleaseCommit(commit, options);
      assert.deepStrictEqual(ours, prepareReleaseCommitByParse(commit, options), `differs on ${JSON.stringify(commit.message.slice(0, 200))}`);
      fast ||= typeof readForPlan(commit.message) === 'string';
    }
    return fast;
  }

  it('reads generated headers as the parse path does', () => {
    let fast = 0;
    for (const [index, message] of messages().entries()) if (assertSameReading({ hash: index.toString(16).padStart(40, '0'), parents: [], message })) fast++;
    assert.ok(fast > 500, `${fast} generated messages took the header path`);
  });

  for (const corpus of CORPORA) {
    it(`reads every message of ${corpus} as the parse path does`, function () {
      if (!corpusExists(corpus)) this.skip();
      let fast = 0;
      for (const commit of loadCorpus(corpus, CORPORA_DIR) as RawCommit[]) if (assertSameReading(commit)) fast++;
      assert.ok(fast > 500, `${fast} messages took the header path`);
    });
  }
});

describe('prepared commits: a revert is told by its type as its lower case says', () => {
  it('marks exactly the types whose lower case is `revert`, on the header and the parse paths', () => {
    // Types are `\w*` of the header patterns: every case of `revert`, its neighbours by length and letters, and
    // letters whose lower case is not ASCII (they never match `\w`: no conventional header, no change).
    const types = ['revert', 'Revert', 'REVERT', 'rEvErT', 'reverts', 'revers', 'rever', 'revert_', '_revert', 'reVert1', 'fix', 'r3vert', 'İevert', 'revert\u212a'];
    const options = resolveReleaseOptions({});
    let changes = 0;
    for (const [index, type] of types.entries()) {
      for (const message of [`${type}: a subject`, `${type}(scope)!: a subject\n\nbody line\n`]) {
        const commit: RawCommit = { hash: index.toString(16).padStart(40, '0'), parents: [], message };
        for (const prepared of [prepareReleaseCommit(commit, options), prepareReleaseCommitByParse(commit, options)]) {
          if (prepared.own === null) continue;
          changes++;
          assert.equal(prepared.own.revert, prepared.own.type.toLowerCase() === 'revert', `${JSON.stringify(message)}: revert`);
        }
      }
    }
    assert.ok(changes >= 40, `${changes} changes read`);
  });
});
