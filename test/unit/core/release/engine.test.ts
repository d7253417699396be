import assert from 'node:assert/strict';
import {
  computeReleasePlan,
  hasChangelogSection,
  insertChangelogSection,
  nextVersion,
  parseRemoteUrl,
  readCliffConfig,
  readReleasePleaseConfig,
  readSemanticReleaseConfig,
  renderChangelog,
  selectTag,
  toolDisagreements,
  versionFromTag,
  type RawCommit,
  type ReleaseOptions,
  type TagRef,
} from '../../../../src/core/release';

let counter = 0;
/** A fake commit with a unique 40-hex hash; `commits` below are given oldest first and returned newest first. */
function c(message: string, parents = 1): RawCommit {
  counter++;
  const hash = counter.toString(16).padStart(8, '0').repeat(5);
  return { hash, message, parents: Array.from({ length: parents }, (_, i) => `${i}`.repeat(40)) };
}
function history(...oldestFirst: RawCommit[]): RawCommit[] {
  return [...oldestFirst].reverse();
}
function tag(name: string): TagRef {
  return { name, commit: 'f'.repeat(40) };
}
function plan(tags: readonly string[], commits: RawCommit[], options: Partial<ReleaseOptions> = {}) {
  const selection = selectTag(tags.map(tag), { tagFormat: options.tagFormat ?? 'v${version}', prerelease: options.prerelease ?? null });
  return computeReleasePlan({ selection, commits, options });
}

describe('release engine (core)', () => {
  describe('tag selection', () => {
    it('picks the highest semver among matching tags and explains why', () => {
      const s = selectTag(['v1.2.0', 'v1.10.0', 'v1.9.9', 'release-1', 'v2.0.0-rc.1'].map(tag), { tagFormat: 'v${version}', prerelease: null });
      assert.equal(s.tag?.name, 'v1.10.0');
      assert.equal(s.matched, 3);
      assert.match(s.explanation, /v1\.10\.0 is the highest version among 3 tags matching v\$\{version\}/);
      assert.match(s.explanation, /1 other tag ignored/);
      assert.match(s.explanation, /1 prerelease tag ignored/);
      assert.deepEqual(s.skipped.find((x) => x.name === 'release-1'), { name: 'release-1', reason: 'does not match v${version}' });
    });

    it('reads bare and monorepo tag formats, and only its own package', () => {
      assert.equal(versionFromTag('1.2.3', '${version}'), '1.2.3');
      assert.equal(versionFromTag('v1.2.3', '${version}'), null);
      assert.equal(versionFromTag('@scope/pkg@1.2.3', '@scope/pkg@${version}'), '1.2.3');
      assert.equal(versionFromTag('core-v2.0.0-beta.1', 'core-v${version}'), '2.0.0-beta.1');
      const tags = ['api@1.0.0', 'web@3.0.0', 'api@1.1.0', 'api-v9.0.0'].map(tag);
      assert.equal(selectTag(tags, { tagFormat: 'api@${version}', prerelease: null }).tag?.name, 'api@1.1.0');
      assert.equal(selectTag(tags, { tagFormat: 'api-v${version}', prerelease: null }).tag?.name, 'api-v9.0.0');
    });

    it('treats hostile tag names as plain strings that do not match', () => {
      const hostile = ['--output=x', 'v1.0.0;rm -rf /', 'v1.0.0\u202e', '<script>v9.9.9', 'v$(id)', 'v01.2.3', 'v1.2'];
      const s = selectTag([...hostile, 'v0.3.0'].map(tag), { tagFormat: 'v${version}', prerelease: null });
      assert.equal(s.tag?.name, 'v0.3.0');
      assert.equal(s.skippedCount, hostile.length);
    });

    it('says so when no tag matches', () => {
      const s = selectTag([tag('nightly')], { tagFormat: 'v${version}', prerelease: null });
      assert.equal(s.tag, null);
      assert.match(s.explanation, /none of the 1 tags/);
    });
  });

  describe('bump', () => {
    it('breaking (!, BREAKING CHANGE, BREAKING-CHANGE) → major, naming every breaking commit', () => {
      const bang = c('feat(api)!: drop v1 endpoints\n');
      const footer = c('fix: x\n\nBREAKING CHANGE: config renamed\n');
      const dash = c('perf: y\n\nBREAKING-CHANGE: slower start\n');
      const p = plan(['v1.4.1'], history(c('feat: a\n'), bang, footer, dash));
      assert.equal(p.next, '2.0.0');
      assert.equal(p.bump, 'major');
      assert.deepEqual(p.reasons.map((r) => r.hash).sort(), [bang.hash, footer.hash, dash.hash].sort());
      assert.deepEqual(p.changes.find((ch) => ch.hash === dash.hash)?.breakingVia, ['BREAKING-CHANGE']);
    });

    it('feat → minor, fix/perf → patch, others none; configurable per type', () => {
      assert.equal(plan(['v1.4.1'], history(c('fix: a\n'), c('feat: b\n'))).next, '1.5.0');
      assert.equal(plan(['v1.4.1'], history(c('perf: a\n'))).next, '1.4.2');
      const none = plan(['v1.4.1'], history(c('docs: a\n'), c('chore: b\n')));
      assert.equal(none.next, null);
      assert.equal(none.bump, 'none');
      assert.deepEqual(none.reasons, []);
      assert.equal(plan(['v1.4.1'], history(c('docs: a\n')), { types: { docs: 'patch' } }).next, '1.4.2');
      assert.equal(plan(['v1.4.1'], history(c('feat: a\n')), { types: { feat: 'patch' } }).next, '1.4.2');
    });

    it('0.x: breaking → 1.0.0 by default, minor with bumpMinorPreMajor; feat → patch with bumpPatchForMinorPreMajor', () => {
      const commits = history(c('feat!: new api\n'));
      assert.equal(plan(['v0.3.2'], commits).next, '1.0.0');
      assert.equal(plan(['v0.3.2'], commits, { bumpMinorPreMajor: true }).next, '0.4.0');
      const feat = history(c('feat: a\n'));
      assert.equal(plan(['v0.3.2'], feat).next, '0.4.0');
      const p = plan(['v0.3.2'], feat, { bumpPatchForMinorPreMajor: true });
      assert.equal(p.next, '0.3.3');
      assert.match(p.reasons[0]?.why ?? '', /bump-patch-for-minor-pre-major/);
      // Not pre-major any more: the options do nothing.
      assert.equal(plan(['v1.0.0'], commits, { bumpMinorPreMajor: true }).next, '2.0.0');
    });

    it('no tags: the initial version (0.1.0 by default, 1.0.0 selectable), and says so', () => {
      const p = plan([], history(c('feat: a\n'), c('feat!: b\n')));
      assert.equal(p.firstRelease, true);
      assert.equal(p.current, null);
      assert.equal(p.next, '0.1.0');
      assert.match(p.explanation.join('\n'), /no tags are reachable/);
      assert.match(p.explanation.join('\n'), /first release is the initial version 0\.1\.0/);
      assert.equal(plan([], history(c('fix: a\n')), { initialVersion: '1.0.0' }).next, '1.0.0');
      assert.equal(plan([], history(c('chore: a\n'))).next, null);
    });

    it('lists unconventional commits and ignores merge commits', () => {
      const wip = c('WIP stuff\n');
      const merge = c("Merge branch 'feature'\n", 2);
      const p = plan(['v1.0.0'], history(wip, c('fix: a\n'), merge));
      assert.deepEqual(p.unconventional, [{ hash: wip.hash, header: 'WIP stuff' }]);
      assert.equal(p.mergeCommits, 1);
      assert.equal(p.next, '1.0.1');
    });

    it('first-parent option skips commits merged from side branches', () => {
      const base = c('chore: base\n');
      const side = { ...c('feat: side\n'), parents: [base.hash] };
      const main = { ...c('fix: main\n'), parents: [base.hash] };
      const merge = { ...c("Merge branch 'side'\n"), parents: [main.hash, side.hash] };
      const commits = [merge, main, side, base];
      const sel = selectTag([], { tagFormat: 'v${version}', prerelease: null });
      const all = computeReleasePlan({ selection: sel, commits, head: merge.hash, options: { initialVersion: '1.0.0' } });
      assert.equal(all.bump, 'minor');
      const fp = computeReleasePlan({ selection: sel, commits, head: merge.hash, options: { firstParent: true } });
      assert.equal(fp.bump, 'patch');
      assert.match(fp.explanation.join('\n'), /1 commit off the first-parent chain skipped/);
    });

    it('counts conventional lines of a squash commit body, once each', () => {
      const squash = c('Add payments (#42)\n\n* feat(pay): card support\n\n* fix(pay): rounding\n\n* feat(pay): card support\n');
      const p = plan(['v1.0.0'], history(squash));
      assert.equal(p.next, '1.1.0');
      assert.deepEqual(p.changes.map((ch) => [ch.header, ch.nested]), [['feat(pay): card support', true], ['fix(pay): rounding', true]]);
      assert.deepEqual(p.unconventional, []);
      assert.equal(p.reasons[0]?.hash, squash.hash);
      const titled = c('feat: payments (#42)\n\n* feat: payments\n* fix!: drop old API\n');
      const q = plan(['v1.0.0'], history(titled));
      assert.equal(q.next, '2.0.0');
      assert.equal(q.changes.length, 2);
      assert.equal(plan(['v1.0.0'], history(titled), { squashBodies: false }).next, '1.1.0');
    });
  });

  describe('reverts', () => {
    it("git's revert message cancels the reverted commit in range (both disappear)", () => {
      const feat = c('feat: risky\n');
      const revert = c(`Revert "feat: risky"\n\nThis reverts commit ${feat.hash}.\n`);
      const p = plan(['v1.0.0'], history(c('fix: ok\n'), feat, revert));
      assert.equal(p.next, '1.0.1');
      assert.deepEqual(p.cancelled, [{ reverted: { hash: feat.hash, header: 'feat: risky' }, revertedBy: { hash: revert.hash, header: 'Revert "feat: risky"' } }]);
      assert.ok(!p.changes.some((ch) => ch.hash === feat.hash || ch.hash === revert.hash));
    });

    it('a `revert:` header whose subject is a commit header cancels it; a short hash works too', () => {
      const feat = c('feat(ui): dark mode\n');
      assert.equal(plan(['v1.0.0'], history(feat, c('revert: feat(ui): dark mode\n'))).next, null);
      const feat2 = c('feat: b\n');
      assert.equal(plan(['v1.0.0'], history(feat2, c(`revert: feat: b\n\nThis reverts commit ${feat2.hash.slice(0, 7)}.\n`))).next, null);
    });

    it('a revert of a commit outside the range is a patch, under Reverts', () => {
      const p = plan(['v1.0.0'], history(c(`Revert "feat: old"\n\nThis reverts commit ${'e'.repeat(40)}.\n`)));
      assert.equal(p.next, '1.0.1');
      const md = renderChangelog(p, { date: '2024-01-01', host: null }).markdown;
      assert.match(md, /### Reverts\n\n\* Revert "feat: old"/);
    });

    it('reverting the revert restores the original', () => {
      const feat = c('feat: back\n');
      const r1 = c(`Revert "feat: back"\n\nThis reverts commit ${feat.hash}.\n`);
      const r2 = c(`Revert "Revert "feat: back""\n\nThis reverts commit ${r1.hash}.\n`);
      const p = plan(['v1.0.0'], history(feat, r1, r2));
      assert.equal(p.next, '1.1.0');
      assert.deepEqual(p.reasons.map((r) => r.hash), [feat.hash]);
    });
  });

  describe('Release-As and prereleases', () => {
    it('Release-As footer forces the version (newest wins); invalid values warn', () => {
      const p = plan(['v1.4.1'], history(c('fix: a\n\nRelease-As: 3.0.0\n'), c('chore: b\n\nRelease-As: 2.0.0\n'), c('fix: c\n\nRelease-As: banana\n')));
      assert.equal(p.next, '2.0.0');
      assert.equal(p.bump, 'major');
      assert.equal(p.forced?.version, '2.0.0');
      assert.equal(p.reasons[0]?.why, 'Release-As: 2.0.0');
      assert.ok(p.warnings.some((w) => w.code === 'invalid-release-as' && /banana/.test(w.message)));
      assert.equal(plan([], history(c('chore: a\n\nRelease-As: 1.0.0\n'))).next, '1.0.0');
    });

    it('continues a prerelease line, starts a new one past it, and starts one from stable', () => {
      assert.equal(nextVersion('1.5.0-rc.1', 'patch', 'rc'), '1.5.0-rc.2');
      assert.equal(nextVersion('1.5.0-rc.1', 'minor', 'rc'), '1.5.0-rc.2');
      assert.equal(nextVersion('1.5.0-rc.1', 'major', 'rc'), '2.0.0-rc.1');
      assert.equal(nextVersion('1.5.1-rc.3', 'minor', 'rc'), '1.6.0-rc.1');
      assert.equal(nextVersion('1.5.0-beta.3', 'patch', 'rc'), '1.5.0-rc.1');
      assert.equal(nextVersion('1.4.1', 'minor', 'rc'), '1.5.0-rc.1');
      assert.equal(nextVersion('1.5.0-rc.2', 'patch', null), '1.5.0');
    });

    it('on a channel, the last prerelease tag is the base; a stable release counts from the last stable tag', () => {
      const tags = ['v1.4.1', 'v1.5.0-rc.1'];
      const onRc = plan(tags, history(c('fix: a\n')), { prerelease: 'rc' });
      assert.equal(onRc.currentTag, 'v1.5.0-rc.1');
      assert.equal(onRc.next, '1.5.0-rc.2');
      assert.equal(onRc.nextTag, 'v1.5.0-rc.2');
      const stable = plan(tags, history(c('feat: a\n'), c('fix: b\n')));
      assert.equal(stable.currentTag, 'v1.4.1');
      assert.equal(stable.next, '1.5.0');
      assert.equal(plan(['v1.4.1'], history(c('feat: a\n')), { prerelease: 'beta' }).next, '1.5.0-beta.1');
    });
  });

  describe('changelog', () => {
    const host = parseRemoteUrl('git@github.com:acme/widget.git');

    it('matches the conventionalcommits layout: heading, ⚠ BREAKING CHANGES, sections, bold scopes, links', () => {
      const feat = c('feat(api): add search (#12)\n\ncloses #7\n');
      const brk = c('feat(core)!: drop node 18\n');
      const p = plan(['v1.4.1'], history(c('fix: crash on empty input\n'), feat, brk, c('docs: hidden\n'), c('perf: faster\n')));
      const out = renderChangelog(p, { date: '2024-05-01', host });
      const h = (x: RawCommit) => x.hash;
      assert.equal(
        out.markdown,
        [
          '## [2.0.0](https://github.com/acme/widget/compare/v1.4.1...v2.0.0) (2024-05-01)',
          '',
          '### ⚠ BREAKING CHANGES',
          '',
          '* **core:** drop node 18',
          '',
          '### Features',
          '',
          `* **api:** add search ([#12](https://github.com/acme/widget/issues/12)) ([${h(feat).slice(0, 7)}](https://github.com/acme/widget/commit/${h(feat)})), closes [#7](https://github.com/acme/widget/issues/7)`,
          `* **core:** drop node 18 ([${h(brk).slice(0, 7)}](https://github.com/acme/widget/commit/${h(brk)}))`,
          '',
          '### Bug Fixes',
          '',
          `* crash on empty input ([${p.changes.find((x) => x.type === 'fix')?.hash.slice(0, 7)}](https://github.com/acme/widget/commit/${p.changes.find((x) => x.type === 'fix')?.hash}))`,
          '',
          '### Performance Improvements',
          '',
          `* faster ([${p.changes.find((x) => x.type === 'perf')?.hash.slice(0, 7)}](https://github.com/acme/widget/commit/${p.changes.find((x) => x.type === 'perf')?.hash}))`,
          '',
        ].join('\n'),
      );
    });

    it('without a recognised remote there are no links', () => {
      const p = plan(['v1.0.0'], history(c('fix: a #3\n')));
      const md = renderChangelog(p, { date: '2024-05-01', host: null }).markdown;
      assert.equal(md, `## 1.0.1 (2024-05-01)\n\n### Bug Fixes\n\n* a #3 (${p.changes[0]?.hash.slice(0, 7)})\n`);
    });

    it('hostile commit text stays text: `<` is escaped so no HTML or script survives', () => {
      const p = plan(['v1.0.0'], history(c('fix(<img src=x onerror=alert(1)>): <script>alert(1)</script> & \\<b>\n')));
      const md = renderChangelog(p, { date: '2024-05-01', host }).markdown;
      assert.ok(!/(^|[^\\])</.test(md), md);
      assert.match(md, /\*\*\\<img src=x onerror=alert\(1\)>:\*\* \\<script>alert\(1\)\\<\/script> & \\\\\\<b>/);
    });

    it('recognises GitHub, GitLab (subgroups) and Bitbucket remotes in https and ssh forms', () => {
      assert.deepEqual(parseRemoteUrl('https://github.com/acme/widget.git'), { kind: 'github', url: 'https://github.com/acme/widget' });
      assert.deepEqual(parseRemoteUrl('ssh://git@gitlab.com:2222/group/sub/repo.git'), { kind: 'gitlab', url: 'https://gitlab.com/group/sub/repo' });
      assert.deepEqual(parseRemoteUrl('git@bitbucket.org:team/repo.git'), { kind: 'bitbucket', url: 'https://bitbucket.org/team/repo' });
      assert.deepEqual(parseRemoteUrl('https://user:token@github.com/acme/widget'), { kind: 'github', url: 'https://github.com/acme/widget' });
      assert.equal(parseRemoteUrl('https://example.com/acme/widget.git'), null);
      assert.equal(parseRemoteUrl('/srv/git/widget.git'), null);
      assert.equal(parseRemoteUrl('https://github.com/acme/wid"get)'), null);
    });

    it('inserts below the title idempotently, and at the top without a title', () => {
      const section = '## [1.1.0](https://x/compare/v1.0.0...v1.1.0) (2024-05-01)\n\n### Features\n\n* a\n';
      const existing = '# Changelog\n\nAll notable changes.\n\n## [1.0.0](https://x) (2024-01-01)\n\n* old\n';
      const once = insertChangelogSection(existing, section, '1.1.0');
      assert.equal(once.inserted, true);
      assert.equal(once.text, `# Changelog\n\nAll notable changes.\n\n${section}\n## [1.0.0](https://x) (2024-01-01)\n\n* old\n`);
      const twice = insertChangelogSection(once.text, section, '1.1.0');
      assert.equal(twice.inserted, false);
      assert.equal(twice.text, once.text);
      assert.equal(insertChangelogSection('## 1.0.0\n', section, '1.1.0').text, `${section}\n## 1.0.0\n`);
      assert.equal(insertChangelogSection('', section, '1.1.0').text, `# Changelog\n\n${section}`);
      assert.ok(hasChangelogSection('### [1.0.1](x) (2024)\n', '1.0.1'));
      assert.ok(hasChangelogSection('## v1.0.1\n', '1.0.1'));
      assert.ok(!hasChangelogSection('## 1.0.10\n', '1.0.1'));
    });
  });

  describe('release configuration readers', () => {
    it('semantic-release: tagFormat, branches, preset (angular by default) from JSON, YAML and package.json', () => {
      const json = readSemanticReleaseConfig('{"branches":["main",{"name":"beta","prerelease":true}],"tagFormat":"app-v${version}"}', '.releaserc.json');
      assert.equal(json?.settings.tagFormat, 'app-v${version}');
      assert.deepEqual(json?.branches, ['main', 'beta']);
      assert.equal(json?.preset, 'angular');
      const yaml = readSemanticReleaseConfig('branches: [main]\nplugins:\n  - - "@semantic-release/commit-analyzer"\n    - preset: conventionalcommits\n', '.releaserc');
      assert.equal(yaml?.preset, 'conventionalcommits');
      assert.equal(readSemanticReleaseConfig('{"name":"x"}', 'package.json'), null);
      assert.equal(readSemanticReleaseConfig('{"release":{"tagFormat":"${version}"}}', 'package.json')?.settings.tagFormat, '${version}');
      assert.match(readSemanticReleaseConfig('{"tagFormat":"v"}', '.releaserc.json')?.warnings[0]?.message ?? '', /exactly once/);
    });

    it('warns when the angular preset would ignore feat! or a BREAKING-CHANGE footer', () => {
      const reading = readSemanticReleaseConfig('{"branches":["main"]}', '.releaserc.json');
      assert.ok(reading);
      const p = plan(['v1.4.1'], history(c('feat!: new api\n'), c('fix: a\n\nBREAKING-CHANGE: gone\n')));
      const warnings = toolDisagreements(p, [reading]);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]?.message ?? '', /would release 1\.4\.2 instead of 2\.0\.0/);
      assert.match(warnings[0]?.message ?? '', /conventionalcommits/);
      const fine = plan(['v1.4.1'], history(c('feat: a\n\nBREAKING CHANGE: b\n')));
      assert.deepEqual(toolDisagreements(fine, [reading]), []);
    });

    it('release-please: pre-major options, initial version, prerelease, tag options and sections per package', () => {
      const text = JSON.stringify({
        'bump-minor-pre-major': true,
        'changelog-sections': [{ type: 'feat', section: 'New' }, { type: 'docs', section: 'Docs', hidden: false }],
        packages: {
          '.': { 'bump-patch-for-minor-pre-major': true, 'initial-version': '1.0.0', prerelease: true, 'prerelease-type': 'beta' },
          'packages/api': { component: 'api', 'include-v-in-tag': false, 'tag-separator': '@' },
        },
      });
      const root = readReleasePleaseConfig(text, 'release-please-config.json');
      assert.deepEqual(
        { ...root?.settings, sections: undefined },
        { bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true, initialVersion: '1.0.0', prerelease: 'beta', tagFormat: 'v${version}', sections: undefined },
      );
      assert.deepEqual(root?.settings.sections?.map((s) => s.section), ['New', 'Docs']);
      assert.equal(readReleasePleaseConfig(text, 'release-please-config.json', 'packages/api')?.settings.tagFormat, 'api@${version}');
      assert.match(readReleasePleaseConfig('{"release-as":"x"}', 'r.json')?.warnings[0]?.message ?? '', /not a semantic version/);
    });

    it('git-cliff: tag_pattern prefix and [bump] options', () => {
      const reading = readCliffConfig('[git]\ntag_pattern = "app-v[0-9].*" # comment\n[bump]\nbreaking_always_bump_major = false\nfeatures_always_bump_minor = false\ninitial_tag = "1.0.0"\n');
      assert.deepEqual(reading.settings, { tagFormat: 'app-v${version}', bumpMinorPreMajor: true, bumpPatchForMinorPreMajor: true, initialVersion: '1.0.0' });
      assert.equal(readCliffConfig("[git]\ntag_pattern = '^v\\d'\n").settings.tagFormat, 'v${version}');
      // Not a literal prefix: used as a regular expression, as git-cliff does (tagPattern.test.ts), unless unsafe.
      assert.equal(readCliffConfig('[git]\ntag_pattern = "(a|b)"\n').settings.tagPattern, '(a|b)');
      assert.equal(readCliffConfig('[git]\ntag_pattern = "(a+)+"\n').warnings.length, 1);
    });
  });
});

describe('release engine (core): references', () => {
  it('lists only closing references after the entry; other mentions stay in place', () => {
    const p = plan(['v1.0.0'], history(c('fix: a\n\nSee #5 for context.\n\nfixes #9\n')));
    const md = renderChangelog(p, { date: '2024-05-01', host: null }).markdown;
    assert.match(md, /\* a \([0-9a-f]{7}\), closes #9\n/);
    assert.ok(!md.includes('#5'));
  });
});
