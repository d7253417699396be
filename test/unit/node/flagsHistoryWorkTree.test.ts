// Step 3 of the history pass reads the diffs of new files the work tree holds unchanged from the work tree instead
// of `git log -p` (issue #16). The ages must be those of reading every diff from git: the same pass without the
// scan's snapshot is the reference, on the real-world corpus, the flag fixtures and repositories of corner cases
// (ties between files of one commit, CRLF, no final newline, calls over lines, binary and diff-driver attributes,
// files modified later, a minified file, several commits).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { clearFlagAgeCache, computeFlagAges, scanWorkspaceFlags, takeWorkTreeSnapshot } from '../../../src/node/flags';
import { callWindows } from '../../../src/node/flags/ages';
import { TestRepo, useIsolatedGit } from './gitFixture';
import { seededRandom as random } from '../seededRandom';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The ages of every key of the scan, with the scan's work-tree snapshot and without it (all from git). */
async function bothWays(root: string): Promise<{ withWorkTree: unknown; fromGit: unknown; keys: number }> {
  const scan = await scanWorkspaceFlags(root, { keepWorkTreeBytes: true });
  const snapshot = takeWorkTreeSnapshot(scan);
  assert.ok(snapshot?.plainDiff, 'the early index queries ran');
  const callSites = Object.values(scan.files).flatMap((f) => f.callSites);
  const aliases: Record<string, string[]> = {};
  for (const site of callSites) if (site.keyReference && !(aliases[site.key] ??= []).includes(site.keyReference)) aliases[site.key]!.push(site.keyReference);
  const keys = [...new Set(callSites.map((s) => s.key))];
  clearFlagAgeCache();
  const withWorkTree = await computeFlagAges(root, { keys, aliases, workTree: snapshot });
  snapshot.stop?.();
  clearFlagAgeCache();
  const fromGit = await computeFlagAges(root, { keys, aliases });
  clearFlagAgeCache();
  assert.ok(withWorkTree.ok && fromGit.ok);
  return { withWorkTree: withWorkTree.ages, fromGit: fromGit.ages, keys: keys.length };
}

describe('flags (node): diffs read from the work tree date every key as git log -p does', function () {
  this.timeout(120_000);
  useIsolatedGit(); // also removes every TestRepo after the suite

  it('the real-world corpus and the flag fixtures in one commit', async () => {
    const corpus = TestRepo.init();
    cpSync(join(FIXTURES, 'real-world', 'flags'), join(corpus.root, 'corpus'), { recursive: true });
    cpSync(join(FIXTURES, 'flags'), join(corpus.root, 'fixtures'), { recursive: true });
    corpus.commitAllAt('chore: corpus', '2026-01-01T10:00:00Z', 'Corpus Author');
    const { withWorkTree, fromGit, keys } = await bothWays(corpus.root);
    assert.ok(keys > 50, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
  });

  it('generated files: calls in every window, long destructurings, `++ ` lines, CRLF, Unicode blanks', async () => {
    // Step 3 gives \`line\` only the lines with a call and their window (issue #16); every other line only feeds
    // the lines above a destructuring. Files made of such lines in all orders hold it to git's own diffs.
    const generated = TestRepo.init();
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const pieces = (): string[] => {
      const k = Math.floor(next() * 40);
      return pick([
        [`unleash.isEnabled('gen-${k}');`],
        [`const a${k} = unleash.isEnabled('gen-${k}'), b = unleash.isEnabled('gen-${k + 1}');`],
        ['unleash.isEnabled(', `  'gen-split-${k}',`, '  ctx,', ');'],
        ['unleash.isEnabled', `  ('gen-next-line-${k}');`],
        // Not calls to the scanner, but to git's line test (\`\\s\`): such a line dates a key the file before it has.
        [`x = unleash.isEnabled\u2028('gen-${k}'); y = unleash.isEnabled\u00a0('gen-${k + 1}');`],
        ['const {', ...Array.from({ length: Math.floor(next() * 60) }, (_, i) => `  genProp${(k + i) % 70},`), '} = useFlags();'],
        [`  genProp${k},`, '} = useFlags();'],
        [`const flags = useFlags(); flags.genProp${k};`],
        ['++ i;'],
        [''],
        [`// filler ${k} 'gen-${k}'`],
        [`const s = 'gen-${k}';`],
      ]);
    };
    for (let f = 0; f < 60; f++) {
      const lines: string[] = [];
      while (lines.length < 40 + f * 3) lines.push(...(next() < 0.4 ? pieces() : [`const filler${lines.length} = ${lines.length};`]));
      const eol = f % 5 === 0 ? '\r\n' : '\n';
      generated.write(`gen/f${f}.${f % 2 ? 'tsx' : 'ts'}`, lines.join(eol) + (f % 7 === 0 ? '' : eol));
    }
    generated.commitAllAt('feat: generated', '2026-01-01T10:00:00Z', 'Generated');
    const { withWorkTree, fromGit, keys } = await bothWays(generated.root);
    assert.ok(keys > 100, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
  });

  it('ties between files of one commit, line ends, calls over lines, attributes, later changes', async () => {
    const corners = TestRepo.init();
    // The same keys in several files of one commit: the first file in git's diff order dates them.
    for (const path of ['b/one.ts', 'a.ts', 'a/two.ts', 'a0.ts', 'a-b.ts', 'Z.ts', 'é.ts', 'with space.ts']) {
      corners.write(path, `export const x = unleash.isEnabled('shared-key');\nexport const y = ldClient.variation(FLAG_A, ctx, false);\n`);
    }
    corners.write('consts.ts', "export const FLAG_A = 'const-key';\n");
    corners.write('crlf.ts', "const a = unleash.isEnabled('crlf-key');\r\nconst b = 1;\r\n");
    corners.write('nofinal.ts', "const a = 1;\nunleash.isEnabled('last-line-key')");
    corners.write('split.ts', "unleash.isEnabled(\n  'split-key',\n  ctx,\n);\n");
    corners.write('destructure.tsx', 'const {\n  darkMode,\n  betaBanner,\n} = useFlags();\n');
    corners.write('binary.ts', "unleash.isEnabled('binary-key');\n");
    corners.write('driver.ts', "unleash.isEnabled('driver-key');\n");
    corners.write('texted.ts', "unleash.isEnabled('texted-key');\n");
    corners.write('later.ts', "unleash.isEnabled('later-key');\n");
    corners.write('min.js', `unleash.isEnabled('minified-key'); ${'x'.repeat(3000)}\n`);
    // Modified later so that an old line falls in a call's window: only the changed line is added.
    corners.write('window.ts', "export const pad = 1;\n  'window-key', ctx);\n");
    corners.write('.gitattributes', 'binary.ts -diff\ndriver.ts diff=cpp\ntexted.ts diff\n');
    corners.commitAllAt('feat: first', '2026-01-01T10:00:00Z', 'First');
    corners.write('a.ts', "export const x = unleash.isEnabled('shared-key');\nexport const z = unleash.isEnabled('second-key');\n");
    corners.write('window.ts', "unleash.isEnabled(\n  'window-key', ctx);\n");
    corners.write('new.py', 'if client.is_enabled("second-key"):\n    pass\nclient.is_enabled("py-key")\n');
    corners.write('newer.ts', "unleash.isEnabled('shared-key'); unleash.isEnabled('newer-key');\n");
    corners.commitAllAt('feat: second', '2026-02-01T10:00:00Z', 'Second');
    corners.write('third.ts', "unleash.isEnabled('third-key');\n");
    corners.commitAllAt('feat: third', '2026-03-01T10:00:00Z', 'Third');
    corners.write('later.ts', "unleash.isEnabled('later-key');\nunleash.isEnabled('uncommitted-key');\n");
    const { withWorkTree, fromGit, keys } = await bothWays(corners.root);
    assert.ok(keys >= 12, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { file?: string; introducedBy: string }>;
    assert.equal(ages['shared-key']?.file, 'Z.ts');
    assert.equal(ages['last-line-key']?.introducedBy, 'First');
    assert.equal(ages['binary-key'], undefined);
    assert.equal(ages['newer-key']?.introducedBy, 'Second');
    assert.equal(ages['window-key'], undefined);
  });

  it('core.bigFileThreshold: git diffs a larger file as binary, so its lines date nothing', async () => {
    const big = TestRepo.init();
    big.git('config', 'core.bigFileThreshold', '2k');
    const filler = Array.from({ length: 120 }, (_, i) => `export const filler${i} = ${i};`).join('\n');
    big.write('big.ts', `unleash.isEnabled('big-key');\nunleash.isEnabled('both-key');\n${filler}\n`);
    big.write('small.ts', "unleash.isEnabled('small-key');\n");
    big.commitAllAt('feat: first', '2026-01-01T10:00:00Z', 'First');
    big.write('later.ts', "unleash.isEnabled('both-key');\nunleash.isEnabled('big-key');\n");
    big.commitAllAt('feat: second', '2026-02-01T10:00:00Z', 'Second');
    const { withWorkTree, fromGit, keys } = await bothWays(big.root);
    assert.equal(keys, 3);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { introducedBy: string }>;
    assert.equal(ages['small-key']?.introducedBy, 'First');
    // big.ts (over 2 KiB) is binary to git's diff: its keys are dated by later.ts.
    assert.equal(ages['big-key']?.introducedBy, 'Second');
    assert.equal(ages['both-key']?.introducedBy, 'Second');
  });

  it('minified files (skipped by the scan, their bytes kept for the history): calls, long lines, non-ASCII', async () => {
    // The scan keeps a minified file's bytes and prefilter verdict (issue #16): its blobs are then decided here,
    // and its diff read from it when its lines are short enough, instead of `cat-file` and `log -p`.
    const repo = TestRepo.init();
    const filler = (n: number): string => `var ${'a'.repeat(n)}=1;`;
    repo.write('min/calls.js', `${filler(2500)}unleash.isEnabled('min-call-key');${filler(100)}\nvar z=unleash.isEnabled(\n'min-split-key');\n`);
    repo.write('min/blank.js', `${filler(2500)}unleash.isEnabled\u00a0('min-nbsp-key');\n`); // a call to git's test, not the prefilter's
    repo.write('min/useflags.js', `${filler(2500)}const {minProp}=useFlags();\n`);
    repo.write('min/huge.js', `unleash.isEnabled('min-huge-key');\n${filler(70_000)}unleash.isEnabled('min-huge-line-key');\n`);
    repo.write('min/nocall.js', `${filler(2500)}var f=unleash.isEnabled\n;f('min-call-key');f('min-nbsp-key');\n`); // named, no call
    repo.commitAllAt('chore: minified', '2026-01-01T10:00:00Z', 'Minified');
    repo.write('app.ts', [
      "unleash.isEnabled('min-call-key');", "unleash.isEnabled('min-split-key');", "unleash.isEnabled('min-nbsp-key');",
      "unleash.isEnabled('min-huge-key');", "unleash.isEnabled('min-huge-line-key');", 'const { minProp } = useFlags();', '',
    ].join('\n'));
    repo.commitAllAt('feat: app', '2026-02-01T10:00:00Z', 'App');
    const scan = await scanWorkspaceFlags(repo.root, { keepWorkTreeBytes: true });
    const snapshot = takeWorkTreeSnapshot(scan);
    snapshot?.stop?.();
    assert.deepEqual(scan.skipped.map((s) => `${s.file} ${s.reason}`), ['min/blank.js minified', 'min/calls.js minified', 'min/huge.js minified', 'min/nocall.js minified', 'min/useflags.js minified']);
    assert.equal(snapshot?.files.get('min/calls.js')?.prefilterMatched, true);
    assert.equal(snapshot?.files.get('min/nocall.js')?.prefilterMatched, false);
    assert.equal(snapshot?.files.get('min/blank.js')?.prefilterMatched, false);
    const { withWorkTree, fromGit, keys } = await bothWays(repo.root);
    assert.equal(keys, 6);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { file?: string; introducedBy: string }>;
    for (const key of ['min-call-key', 'min-split-key', 'min-nbsp-key', 'min-huge-key']) assert.equal(ages[key]?.introducedBy, 'Minified', key);
    assert.equal(ages['min-huge-line-key']?.introducedBy, 'App'); // a line over 64 KiB is not read
  });

  it('generated files with lines step 3 drops (over 64 KiB) around calls and destructurings', async () => {
    // Such files are read from the work tree line by line (no `log -p` for them): a dropped line ends a call's
    // window and the lines above a destructuring, whichever pipe chunk git's copy of it ends in.
    const repo = TestRepo.init();
    const next = random(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const max = 64 * 1024;
    // Lengths around the limit (the reader's line is `+` and the text, in UTF-16 units), some with 2-byte
    // characters (fewer characters than bytes), and far over it (the line spans several chunks).
    const long = (): string => {
      const length = pick([max - 3, max - 2, max - 1, max, max + 1, 200_000]);
      const body = pick(['x', 'é', 'y']).repeat(pick([length, Math.floor(length / 2) + 5]));
      return pick([body, `unleash.isEnabled('long-${Math.floor(next() * 30)}'); ${body}`, `${body} unleash.isEnabled(`, `  long${Math.floor(next() * 30)}, ${body}`]);
    };
    const keys = Array.from({ length: 30 }, (_, k) => `long-${k}`);
    const props = Array.from({ length: 30 }, (_, k) => `long${k}`);
    const pieces = (): string[] => {
      const k = Math.floor(next() * 30);
      return pick([
        [`unleash.isEnabled('long-${k}');`],
        ['unleash.isEnabled(', long(), `  'long-${k}',`, ');'],
        ['unleash.isEnabled(', `  'long-${k}',`, long()],
        ['const {', `  long${k},`, long(), `  long${(k + 1) % 30},`, '} = useFlags();'],
        ['const {', long(), `  long${k},`, '} = useFlags();'],
        [long()],
        [`const pad${k} = 1;`],
      ]);
    };
    for (let f = 0; f < 24; f++) {
      const lines: string[] = [`${'var q=1;'.repeat(300)}`]; // minified: the scan keeps its bytes, skips it
      while (lines.length < 6 + (f % 5) * 4) lines.push(...pieces());
      repo.write(`long/f${f}.js`, lines.join(f % 4 === 0 ? '\r\n' : '\n') + (f % 3 === 0 ? '' : '\n'));
    }
    repo.commitAllAt('chore: long lines', '2026-01-01T10:00:00Z', 'Long');
    repo.write('app.tsx', [...keys.map((key) => `unleash.isEnabled('${key}');`), `const { ${props.join(', ')} } = useFlags();`, ''].join('\n'));
    repo.commitAllAt('feat: app', '2026-02-01T10:00:00Z', 'App');
    const { withWorkTree, fromGit, keys: count } = await bothWays(repo.root);
    assert.ok(count >= 60, `${count} keys`);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { introducedBy: string }>;
    const byAuthor = (author: string): number => Object.values(ages).filter((age) => age.introducedBy === author).length;
    assert.ok(byAuthor('Long') > 10 && byAuthor('App') > 0, `dated by the long files ${byAuthor('Long')}, by the app ${byAuthor('App')}`);
  });

  it('without constants (only the lines around calls are read): destructurings, runs of calls, `++ ` lines', async () => {
    const repo = TestRepo.init();
    const far = Array.from({ length: 60 }, (_, i) => `  prop${i},`).join('\n');
    repo.write('far.tsx', `const {\n${far}\n} = useFlags();\n`); // the reader keeps 50 lines: no `{` among them
    repo.write('near.tsx', `const other = {};\nconst {\n  nearFlag,\n  'quoted-prop': q,\n} = useFlags();\n`);
    repo.write('first.tsx', `\n  topFlag,\n} = useFlags();\n`); // an empty first line above the destructuring
    repo.write('run.ts', "unleash.isEnabled(\n  unleash.isEnabled(\n    'inner-key',\n  ),\n  'outer-key',\n  'too-far-key',\n);\n");
    repo.write('end.ts', "const a = 1;\nunleash.isEnabled(\n  'end-key')");
    repo.write('header.ts', "++ b/elsewhere.ts\nunleash.isEnabled('after-header-key');\n");
    repo.write('crlf.ts', "unleash.isEnabled(\r\n  'crlf-split-key',\r\n);\r\n");
    repo.write('two.ts', "unleash.isEnabled('one-key'); unleash.isEnabled('two-key');\nvariation('x', 'y');\n");
    repo.commitAllAt('feat: windows', '2026-01-01T10:00:00Z', 'Windows');
    const { withWorkTree, fromGit, keys } = await bothWays(repo.root);
    assert.ok(keys >= 6, `${keys} keys`);
    assert.deepEqual(withWorkTree, fromGit);
    const ages = withWorkTree as Record<string, { introducedBy: string }>;
    assert.equal(ages['inner-key']?.introducedBy, 'Windows');
    assert.equal(ages['end-key']?.introducedBy, 'Windows');
  });

  it('callWindows picks the lines the line reader records from, on generated texts', () => {
    const lineCall = /(?<![\w$])(?:isEnabled|variation)(?:<[^()\n]{0,200}>)?\s*\(|\buseFlags\b/;
    const textCall = /(?<![\w$])(?:isEnabled|variation)(?:<[^()\n]{0,200}>)?[^\S\n]*\(|\buseFlags\b/g;
    const destructuringEnd = /^\+\s*\}[^{=]*=\s*useFlags\b/;
    const pool = [
      "unleash.isEnabled('a')", '  isEnabled (', 'x.variation<T>(k)', 'variation', '} = useFlags();', '  } = useFlags()',
      'const {', '  alpha,', '', '\r', 'foo { bar', '}', 'useFlags', "notisEnabled('x')", 'isEnabled\t\r(', 'a.b', "'s'",
      'isEnabled<A(B)>(x)', '$isEnabled(', 'isEnabled\u00a0(', '} = useFlagsNot()', 'plain line',
    ];
    let seed = 7;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let round = 0; round < 3000; round++) {
      const lines = Array.from({ length: random(90) }, () => pool[random(pool.length)]!);
      let text = lines.join(random(4) === 0 ? '\r\n' : '\n');
      if (random(2) === 0) text += '\n';
      // The reader's lines: split at LF, a last line without one when not empty.
      const starts: number[] = [];
      const texts: string[] = [];
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        starts.push(from);
        texts.push(text.slice(from, nl));
        from = nl + 1;
      }
      if (from < text.length) {
        starts.push(from);
        texts.push(text.slice(from));
      }
      const expectedCarried: number[] = [];
      const expectedAbove = new Set<number>();
      let carry = 0;
      const above: number[] = [];
      texts.forEach((line, i) => {
        if (lineCall.test(`+${line}`)) {
          carry = 3;
          if (destructuringEnd.test(`+${line}`)) {
            for (let k = above.length - 1; k >= 0; k--) {
              expectedAbove.add(above[k]!);
              if (texts[above[k]!]!.includes('{')) break;
            }
          }
        }
        above.push(i);
        if (above.length > 50) above.shift();
        if (carry > 0) {
          carry--;
          expectedCarried.push(i);
        }
      });
      const carried: number[] = [];
      const aboveSeen = new Set<number>();
      const lineAt = (at: number, to: number): number => {
        const i = starts.indexOf(at);
        assert.ok(i >= 0 && text.slice(at, to) === texts[i], `a whole line at ${at}`);
        return i;
      };
      callWindows(text, textCall, (at, to) => carried.push(lineAt(at, to)), (at, to) => aboveSeen.add(lineAt(at, to)));
      assert.deepEqual(carried, expectedCarried, `carried lines, round ${round}: ${JSON.stringify(text)}`);
      assert.deepEqual([...aboveSeen].sort((a, b) => a - b), [...expectedAbove].sort((a, b) => a - b), `lines above, round ${round}`);
    }
  });
});
