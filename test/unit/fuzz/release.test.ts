// Properties of the release plan, the changelog renderer and the release-tool config readers
// (docs/reliability.md, "Property and fuzz tests").
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeReleasePlan,
  escapeMarkdownText,
  hasChangelogSection,
  insertChangelogSection,
  parseRemoteUrl,
  readCliffConfig,
  readReleasePleaseConfig,
  readSemanticReleaseConfig,
  readTomlSubset,
  renderChangelog,
  selectTag,
  toolDisagreements,
  type RawCommit,
  type ReleaseOptions,
  type RepositoryHost,
  type TagRef,
} from '../../../src/core/release';
import { parseMarkdownBlocks, type MarkdownBlock, type MarkdownInline } from '../../../src/vscode/release/markdownTree';
import { ADVERSARIAL_UNITS, bounded, canonical, hostileString, longRuns, mutated, property } from './harness';

/** Text that would become markup if it were not escaped: HTML, comments, autolinks, Markdown. */
const HOSTILE_PIECES = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!-- comment -->',
  '<https://example.invalid>',
  '</details>',
  '\\<b>',
  '\\\\<i>',
  '\\\\\\<u>',
  '<',
  '&lt;',
  '**bold**',
  '[link](javascript:alert(1))',
  '![img](https://example.invalid/x.png)',
  '`code`',
  '## heading',
  '#12',
  '(#3)',
  '\n## injected heading',
  '\u0000',
  '\ud800',
];
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES, 'word', ' ', 'x'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  hostileString(60),
);

const hexHash = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 40, maxLength: 40 }).map((chars) => chars.join(''));
const TYPES = ['feat', 'fix', 'perf', 'revert', 'docs', 'chore', 'refactor', 'Feat', 'build'];

const commitMessage: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        type: fc.constantFrom(...TYPES),
        scope: fc.option(hostileText, { nil: undefined }),
        bang: fc.boolean(),
        subject: hostileText,
        body: fc.option(
          fc.oneof(hostileText, fc.array(fc.tuple(fc.constantFrom(...TYPES), hostileText), { maxLength: 3 }).map((lines) => lines.map(([t, s]) => `* ${t}: ${s}`).join('\n'))),
          { nil: undefined },
        ),
        footers: fc.array(
          fc.oneof(
            hostileText.map((text) => `BREAKING CHANGE: ${text}`),
            hostileText.map((text) => `BREAKING-CHANGE: ${text}`),
            fc.constantFrom('Closes #1', 'Fixes #12, #13', 'Refs: #11', 'Release-As: 2.0.0', 'Release-As: not-a-version', 'Release-As: 0.0.1'),
          ),
          { maxLength: 3 },
        ),
      })
      .map((m) => {
        const header = `${m.type}${m.scope !== undefined ? `(${m.scope.replace(/[()\n]/g, '')})` : ''}${m.bang ? '!' : ''}: ${m.subject.replace(/\n/g, ' ')}`;
        return [header, m.body, m.footers.length > 0 ? m.footers.join('\n') : undefined].filter((p) => p !== undefined).join('\n\n');
      }),
  },
  { weight: 1, arbitrary: hexHash.map((hash) => `Revert "feat: x"\n\nThis reverts commit ${hash}.`) },
  { weight: 1, arbitrary: mutated(fc.constantFrom('feat(api)!: add\n\nBREAKING CHANGE: gone', 'fix: x\n\n* feat: nested\n* fix(ui): other', 'Merge branch "x"')) },
  { weight: 1, arbitrary: hostileString(200) },
);

const rawCommit: fc.Arbitrary<RawCommit> = fc.record({
  hash: hexHash,
  message: commitMessage,
  parents: fc.array(hexHash, { minLength: 0, maxLength: 2 }),
});
/** Distinct hashes: git never has two commits with one name. */
const history = fc.uniqueArray(rawCommit, { maxLength: 12, selector: (commit) => commit.hash });

const tagName = fc.oneof(
  fc.constantFrom('v1.2.3', 'v0.1.0', 'v2.0.0-rc.1', 'v1.0.0+build.5', '1.0.0', 'api@1.0.0', 'v01.2.3', 'v1.2', 'vv1.2.3', ''),
  hostileString(30),
);
const tags: fc.Arbitrary<TagRef[]> = fc.array(fc.record({ name: tagName, commit: hexHash }), { maxLength: 8 });

const options: fc.Arbitrary<Partial<ReleaseOptions>> = fc.record(
  {
    tagFormat: fc.constantFrom('v${version}', '${version}', 'api@${version}', 'no-placeholder', '${version}${version}', '(${version})'),
    initialVersion: fc.constantFrom('0.1.0', '1.0.0', 'not-semver'),
    bumpMinorPreMajor: fc.boolean(),
    bumpPatchForMinorPreMajor: fc.boolean(),
    prerelease: fc.constantFrom(null, 'rc', 'beta', ''),
    releaseAs: fc.constantFrom(null, '3.0.0', 'x'),
    firstParent: fc.boolean(),
    squashBodies: fc.boolean(),
  },
  { requiredKeys: [] },
);

const HOSTS: readonly (RepositoryHost | null)[] = [null, { kind: 'github', url: 'https://github.com/o/r' }, { kind: 'gitlab', url: 'https://gitlab.com/g/s/r' }, { kind: 'bitbucket', url: 'https://bitbucket.org/o/r' }];

function planOf(tagList: readonly TagRef[], commits: readonly RawCommit[], opts: Partial<ReleaseOptions>) {
  const selection = selectTag(tagList, { tagFormat: opts.tagFormat ?? 'v${version}', prerelease: opts.prerelease ?? null });
  return computeReleasePlan({ selection, commits, options: opts, head: commits[0]?.hash ?? null });
}

/**
 * The renderer's promise (escapeMarkdownText): no `<` of commit text survives as markup, so in the Markdown
 * every `<` is escaped by an odd number of backslashes (an even number escapes only the backslashes).
 */
function assertNoRawAngleBracket(markdown: string): void {
  for (let i = markdown.indexOf('<'); i !== -1; i = markdown.indexOf('<', i + 1)) {
    let backslashes = 0;
    while (i - backslashes - 1 >= 0 && markdown[i - backslashes - 1] === '\\') backslashes++;
    assert.ok(backslashes % 2 === 1, `an unescaped "<" at ${i}: ${JSON.stringify(markdown.slice(Math.max(0, i - 20), i + 20))}`);
  }
}

/** The webview's tree: only http(s) links, and every text run stays text (no node carries markup). */
function assertSafeTree(blocks: readonly MarkdownBlock[]): void {
  const inline = (nodes: readonly MarkdownInline[]): void => {
    for (const node of nodes) {
      if (node.t === 'link') {
        assert.match(node.href, /^https?:\/\//, `a link to ${node.href}`);
        inline(node.children);
      } else if (node.t === 'strong') inline(node.children);
    }
  };
  for (const block of blocks) {
    if (block.t === 'list') block.items.forEach(inline);
    else inline(block.children);
  }
}

describe('fuzz: release plan and changelog', () => {
  property('the plan never throws, is deterministic, and counts every commit', fc.tuple(tags, history, options), ([tagList, commits, opts]) => {
    const plan = planOf(tagList, commits, opts);
    assert.equal(plan.commitCount, commits.length);
    assert.equal(canonical(planOf(tagList, commits, opts)), canonical(plan), 'same input, same plan');
    toolDisagreements(plan, [readSemanticReleaseConfig('{"branches":["main"]}', '.releaserc')!]);
  });

  property(
    'the changelog holds hostile commit text only as escaped text, and the webview tree keeps it text',
    // A version with a line break is left out: its heading would be two lines, and no heading is found again.
    fc.tuple(history, options, fc.constantFrom(...HOSTS.keys()), fc.option(hostileText.filter((v) => !/[\n\r\u2028\u2029]/.test(v)), { nil: undefined })),
    ([commits, opts, hostIndex, version]) => {
      const plan = planOf([], commits, opts);
      const changelog = renderChangelog(plan, { date: '2026-12-04', host: HOSTS[hostIndex]!, ...(version !== undefined ? { version } : {}) });
      assertNoRawAngleBracket(changelog.markdown);
      assertSafeTree(parseMarkdownBlocks(changelog.markdown));
      const inserted = insertChangelogSection('# Changelog\n\n## 0.0.1 (2020-01-01)\n', changelog.markdown, changelog.version);
      assert.equal(hasChangelogSection(inserted.text, changelog.version), true, 'the inserted section is found again');
      assert.equal(insertChangelogSection(inserted.text, changelog.markdown, changelog.version).inserted, false, 'insertion is idempotent');
    },
  );

  property('escapeMarkdownText leaves no raw "<"', hostileText, (text) => {
    assertNoRawAngleBracket(escapeMarkdownText(text));
  });

  property('the release-tool config readers never throw', fc.tuple(mutated(fc.constantFrom(
    '{"branches":["main"],"tagFormat":"v${version}","plugins":[["@semantic-release/commit-analyzer",{"preset":"angular"}]]}',
    'branches:\n  - main\ntagFormat: "${version}"\n',
    '{"release":{"branches":["main"]}}',
    '{"packages":{".":{"release-type":"node","bump-minor-pre-major":true,"changelog-sections":[{"type":"feat","section":"Features"}]}}}',
    '[git]\ntag_pattern = "v[0-9].*"\n[bump]\nbreaking_always_bump_major = false\ninitial_tag = "0.1.0"\n',
    'a: &a [*a, *a]\nb: *a\n',
  )), hostileString(100)), ([text]) => {
    readSemanticReleaseConfig(text, '.releaserc');
    readSemanticReleaseConfig(text, 'package.json');
    readReleasePleaseConfig(text, 'release-please-config.json');
    readReleasePleaseConfig(text, 'release-please-config.json', 'packages/a');
    readCliffConfig(text);
    readTomlSubset(text);
  });

  property('remote URLs never throw and a recognised one is a plain https URL', hostileString(80), (remote) => {
    const host = parseRemoteUrl(remote);
    if (host) assert.match(host.url, /^https:\/\/[A-Za-z0-9.-]+\/[A-Za-z0-9._~/-]+$/);
  });

  describe('adversarial sizes finish within the per-case budget', () => {
    for (const run of longRuns([], ADVERSARIAL_UNITS, 20_000)) {
      it(`${JSON.stringify(run.slice(0, 12))}… (${run.length} code units) as subject, body, tag and config`, function () {
        this.timeout(0);
        bounded('plan, changelog and readers', () => {
          const commits: RawCommit[] = [
            { hash: 'a'.repeat(40), message: `feat: ${run}\n\n${run}\n\nBREAKING CHANGE: ${run}`, parents: ['b'.repeat(40)] },
            { hash: 'c'.repeat(40), message: `fix: x\n\n* feat: ${run}`, parents: [] },
          ];
          const plan = planOf([{ name: `v${run}`, commit: 'd'.repeat(40) }], commits, {});
          const changelog = renderChangelog(plan, { date: '2026-12-04', host: HOSTS[1]! });
          assertNoRawAngleBracket(changelog.markdown);
          assertSafeTree(parseMarkdownBlocks(changelog.markdown));
          insertChangelogSection(run, changelog.markdown, changelog.version);
          hasChangelogSection(run, run);
          readSemanticReleaseConfig(run, '.releaserc');
          readCliffConfig(run);
          parseRemoteUrl(run);
        });
      });
    }
  });
});
