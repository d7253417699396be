// semantic-release commit-analyzer `releaseRules`, applied (not only warned about). The cases follow the
// analyzer's documented behaviour: a matching rule decides the commit (highest release among matching rules,
// `false` = no release), globs are micromatch's, and a commit no rule matches gets the default table.
import assert from 'node:assert/strict';
import {
  computeReleasePlan,
  readSemanticReleaseConfig,
  selectTag,
  toolDisagreements,
  type RawCommit,
  type ReleaseOptions,
} from '../../../../src/core/release';
import { decideByRules, readReleaseRules } from '../../../../src/core/release/releaseRules';

let counter = 0;
function commit(message: string): RawCommit {
  counter++;
  return { hash: counter.toString(16).padStart(8, '0').repeat(5), message, parents: ['0'.repeat(40)] };
}
function planOf(messagesOldestFirst: readonly string[], options: Partial<ReleaseOptions>) {
  const selection = selectTag([{ name: 'v1.2.3', commit: 'f'.repeat(40) }], { tagFormat: 'v${version}', prerelease: null });
  return computeReleasePlan({ selection, commits: messagesOldestFirst.map(commit).reverse(), options });
}
const change = (type: string, scope: string | null, subject: string, breaking = false, revert = false) => ({ type, scope, subject, breaking, revert });

describe('semantic-release releaseRules', () => {
  const rules = readReleaseRules([
    { type: 'docs', scope: 'README', release: 'patch' },
    { type: 'refactor', release: 'patch' },
    { type: 'style', release: 'patch' },
    { scope: 'no-release', release: false },
    { type: 'chore', scope: 'deps*', release: 'patch' },
    { subject: 'release {it,now}*', release: 'minor' },
    { breaking: true, release: 'major' },
  ]).rules!;

  it('a matching rule decides the commit; the default table decides the rest', () => {
    assert.equal(decideByRules(rules, change('docs', 'README', 'fix a typo'))?.bump, 'patch');
    assert.equal(decideByRules(rules, change('docs', 'guide', 'fix a typo')), undefined, 'no rule: default (docs → none)');
    assert.equal(decideByRules(rules, change('refactor', null, 'split the parser'))?.bump, 'patch');
    assert.equal(decideByRules(rules, change('chore', 'deps-dev', 'bump mocha'))?.bump, 'patch', 'globs match');
    assert.equal(decideByRules(rules, change('chore', 'build', 'bump mocha')), undefined);
    assert.equal(decideByRules(rules, change('fix', null, 'release it with the parser'))?.bump, 'minor', 'brace expansion');
    assert.equal(decideByRules(rules, change('fix', null, 'x release it')), undefined, 'anchored at both ends');
    // micromatch semantics, as in the release job: brackets are a character class, not literal text.
    assert.equal(decideByRules([{ subject: '*[wip]*', release: false }], change('fix', null, 'oops'))?.bump, 'none');
  });

  it('`release: false` stops the default: a feature in scope no-release releases nothing', () => {
    assert.equal(decideByRules(rules, change('feat', 'no-release', 'internal tool'))?.bump, 'none');
  });

  it('the highest release among matching rules wins', () => {
    assert.equal(decideByRules(rules, change('refactor', 'no-release', 'x', true))?.bump, 'major');
    assert.equal(decideByRules(rules, change('refactor', 'no-release', 'x'))?.bump, 'patch');
  });

  it('matching is case-sensitive and a rule on scope needs a scope', () => {
    assert.equal(decideByRules(rules, change('docs', 'readme', 'x')), undefined);
    assert.equal(decideByRules([{ scope: '*', release: 'patch' }], change('docs', null, 'x')), undefined);
  });

  it('the plan applies them and says which rule decided', () => {
    const plan = planOf(['docs(README): document the flags', 'chore(deps): bump yaml'], { releaseRules: rules });
    assert.equal(plan.next, '1.2.4');
    assert.match(plan.reasons[0]?.why ?? '', /releaseRules \{"type":"(docs|chore)"/);
    const without = planOf(['docs(README): document the flags', 'chore(deps): bump yaml'], {});
    assert.equal(without.next, null, 'without the rules nothing releases');
    const suppressed = planOf(['feat(no-release): a tool for us'], { releaseRules: rules });
    assert.equal(suppressed.next, null);
  });

  it('is read from .releaserc, with a problem for each rule it cannot read', () => {
    const reading = readSemanticReleaseConfig(
      JSON.stringify({
        plugins: [['@semantic-release/commit-analyzer', { preset: 'conventionalcommits', releaseRules: [{ type: 'docs', release: 'patch' }, { type: 'x', release: 'huge' }, 'nope'] }]],
      }),
      '.releaserc.json',
    )!;
    assert.deepEqual(reading.settings.releaseRules, [{ type: 'docs', release: 'patch' }]);
    assert.deepEqual(reading.warnings.map((w) => w.message), [
      '.releaserc.json: @semantic-release/commit-analyzer: releaseRules[1] has release "huge" (major, minor, patch or false); ignored',
      '.releaserc.json: @semantic-release/commit-analyzer: releaseRules[2] is not an object; ignored',
    ]);
    const modulePath = readSemanticReleaseConfig(JSON.stringify({ plugins: [['@semantic-release/commit-analyzer', { releaseRules: './rules.js' }]] }), '.releaserc.json')!;
    assert.equal(modulePath.settings.releaseRules, undefined);
    assert.match(modulePath.warnings[0]?.message ?? '', /module path, which is not run/);
  });

  it('the semantic-release comparison uses the same rules, so it raises no false disagreement', () => {
    const reading = readSemanticReleaseConfig(JSON.stringify({ plugins: [['@semantic-release/commit-analyzer', { preset: 'conventionalcommits', releaseRules: [{ type: 'docs', release: 'minor' }] }]] }), '.releaserc.json')!;
    const plan = planOf(['docs: a guide'], reading.settings);
    assert.equal(plan.next, '1.3.0');
    assert.deepEqual(toolDisagreements(plan, [reading]), []);
  });
});
