/**
 * `trailer-exists` against the real `git interpret-trailers --parse` (what commitlint's rule runs): the trailers
 * found in process must be git's, byte for byte, on a table of tricky messages and a sample of the corpora's
 * messages that look like they end in trailers, in real repositories with and without `trailer.separators`,
 * `trailer.<name>.key` and `core.commentChar` set. The settings are read the way the CLI and the editor read
 * them (`readTrailerSettings`), and the rule's verdict must be commitlint's for prefixes taken from git's output.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CORPORA_DIR } from '../../../../bench/replayCorpus';
import { lintCommitMessage, parseTrailers, resolveCommitLintConfig, trailerSettingsFromGitConfig, type TrailerSettings } from '../../../../src/core/commits';
import { readTrailerSettings } from '../../../../src/node';
import { isolatedGitEnv, TestRepo, useIsolatedGit } from '../../node/gitFixture';

const SCISSORS = '------------------------ >8 ------------------------';

/** Messages chosen to probe each documented rule of git's trailer parsing and the edges found by experiment. */
const TRICKY: readonly string[] = [
  '',
  '\n\n',
  'feat: x',
  'feat: x\n',
  'Key: v',
  'Key: v\nOther: w\n',
  'feat: x\n\nSigned-off-by: A <a@b.c>\n',
  'feat: x\n\nSigned-off-by: A <a@b.c>',
  'feat: x\n\nSigned-off-by:A\n',
  'feat: x\n\nReviewed-by: A\nAcked-by: B\n',
  'feat: x\n\nbody\n\nReviewed-by: A\nAcked-by: B\n\n\n',
  'feat: x\n\nReviewed-by: A\nnot a trailer\n',
  'feat: x\n\nbody one\nbody two\nSigned-off-by: A\n',
  'feat: x\n\nb1\nb2\nb3\nSigned-off-by: A\n',
  'feat: x\n\nb1\nb2\nb3\nb4\nSigned-off-by: A\n',
  'feat: x\n\nb1\nb2\nb3\n(cherry picked from commit 0123456789abcdef)\n',
  'feat: x\n\nReviewed-by: A\n(cherry picked from commit 0123456789abcdef)\n',
  'feat: x\n\nKey: a\n  continued\n\tmore\nOther: b\n',
  'feat: x\n\n  indented\nKey: v\n',
  'feat: x\n\nKey: v\n  \n',
  'feat: x\n\nnot a trailer\n  indented\nSigned-off-by: A\n',
  'feat: x\n\nKey: v\n# a comment\nOther: w\n',
  'feat: x\n\n# only a comment\nKey: v\n',
  'feat: x\n\nKey: v\n\n# Please enter the commit message.\n#\n',
  `feat: x\n\nKey: v\n# ${SCISSORS}\nDiff: below the scissors\n`,
  `# ${SCISSORS}\nKey: v\n`,
  `feat: x\n\nKey: v\n; ${SCISSORS}\nDiff: below a ; scissors\n`,
  'feat: x\n\nKey: v\n---\nfoo: bar\n',
  'feat: x\n\nKey: v\n--- a/file.c\n+++ b/file.c\n',
  'feat: x\n\nKey: v\n----\nfoo: bar\n',
  'feat: x\n\nKey: v\n---',
  '---\n\nKey: v\n',
  'feat: x\n\nKey: v\n\nConflicts:\n\tfile.c\n\tother.c\n',
  'feat: x\r\n\r\nKey: v\r\nOther: w\r\n',
  'feat: x\r\n\r\nKey: a\r\n  folded\r\n',
  'feat: x\n\nKey : v\nkey-with-dash: v\n',
  'feat: x\n\nKey Two: v\n',
  'feat: x\n\n: v\n',
  'feat: x\n\nKey:\nKey2:   \n',
  'feat: x\n\n-: odd token\n',
  'feat: x\n\nBug #42\nSigned-off-by: A\n',
  'feat: x\n\nBug #42\nCloses #7\n',
  'feat: x\n\nFixes=123\nSee: https://example.com/x\n',
  'feat: x\n\nhttps://github.com/o/r/issues/1\n',
  'feat: x\n\nsign: A\nS: B\nsigned-off-by: C\n',
  'feat: x\n\nbody\nfix: y\n',
  'feat: x\n\nbody\nack: y\n',
  'feat: ü\n\nCo-authored-by: Zoë <z@example.com>\n',
  'feat: x\n\nfirst paragraph\nKey: v\n\nsecond paragraph only\n',
  'feat: x\n\nKey: v\n\0Other: w\n',
  'feat: x\n\n; comment with semicolon\nKey: v\n',
  'feat: x\n\nKey: v\n; trailing semicolon comment\n',
  'title line one\ntitle line two\n\nKey: v\n',
  '# comment before the title\nfeat: x\n\nKey: v\n',
  'feat: x\n\nKey: v\n\tcontinued with a tab\n\n',
  'feat: x\n\nKey:\ta value after a tab\n',
  'feat: x\n\nKey\t: v\n',
  'feat: x\n\nBREAKING CHANGE: y\nRefs: #1\n',
  'feat: x\n\nRévisé-par: A\nKey: v\n',
  'feat: x\n\nÜber: y\n',
  'feat: x\n\nKey: v\n\f\n',
  'feat: x\n\nKey:\u000bv\n\u000b\n',
  '# only comments\n# more\n',
  '#c\nfeat: x\n\nKey: v\n#\n\n',
  'feat: x\n\nKey: v\n\n#\nKey: w\n',
];

/** Configurations under test: none, then each changes the separators, keys or comment character. */
const CONFIGS: readonly (readonly [title: string, settings: readonly (readonly [key: string, value: string])[]])[] = [
  ['no trailer settings', []],
  ['trailer.separators ":#"', [['trailer.separators', ':#']]],
  [
    'keys, a key-less trailer and separators ":=#"',
    [
      ['trailer.separators', ':=#'],
      ['trailer.sign.key', 'Signed-off-by: '],
      ['trailer.Fix.key', 'Fixes'],
      ['trailer.ack.where', 'end'],
      ['trailer.bug.key', 'Bug #'],
    ],
  ],
  ['core.commentChar ";" and trailer.see.key', [['core.commentChar', ';'], ['trailer.see.key', 'See-also']]],
];

/** Up to `count` corpus messages whose last paragraph has a line that could be a trailer, evenly spread. */
function corpusSample(count: number): string[] {
  if (!existsSync(CORPORA_DIR)) return [];
  const candidates: string[] = [];
  for (const file of readdirSync(CORPORA_DIR).filter((f) => f.endsWith('.commits.jsonl.gz')).sort()) {
    const lines = gunzipSync(readFileSync(join(CORPORA_DIR, file))).toString('utf8').split('\n').filter(Boolean);
    for (const line of lines) {
      const message = (JSON.parse(line) as { message: string }).message;
      const paragraphs = message.trimEnd().split(/\n[ \t]*\n/);
      if (paragraphs.length > 1 && /^[A-Za-z0-9-]+[ \t]*[:#=]|^\(cherry picked/m.test(paragraphs[paragraphs.length - 1]!)) {
        candidates.push(message);
      }
    }
  }
  const stride = Math.max(1, Math.floor(candidates.length / count));
  return candidates.filter((_, i) => i % stride === 0).slice(0, count);
}

/** commitlint's verdict from git's output: some line (split as commitlint's toLines does) starts with `prefix`. */
function commitlintHas(stdout: string, prefix: string): boolean {
  return stdout.split(/\r?\n/).some((line) => line.startsWith(prefix));
}

function ruleConfig(prefix: string) {
  const setting = [2, 'always', prefix] as const;
  const { config } = resolveCommitLintConfig([{ config: { rules: { 'trailer-exists': setting } }, source: 'test' }]);
  return { ...config, rules: { 'trailer-exists': setting } };
}

/** Whether the rule finds a trailer starting with `prefix`; undefined when the rule does not run (ignored, empty). */
function ruleHas(message: string, prefix: string, trailers: TrailerSettings): boolean | undefined {
  const ran = lintCommitMessage(message, { config: ruleConfig('\u0001impossible'), commentChar: null, trailers }).findings.length > 0;
  if (!ran) return undefined;
  return lintCommitMessage(message, { config: ruleConfig(prefix), commentChar: null, trailers }).findings.length === 0;
}

describe('trailer-exists against git interpret-trailers --parse (real git)', function () {
  this.timeout(120_000);
  useIsolatedGit();
  const corpus = corpusSample(150);

  it('samples enough corpus messages with trailers', function () {
    if (!existsSync(CORPORA_DIR)) this.skip();
    assert.ok(corpus.length >= 100, `only ${corpus.length} corpus messages sampled`);
  });

  for (const [title, config] of CONFIGS) {
    it(`parses as git does: ${title}`, async () => {
      const env = isolatedGitEnv();
      const repo = TestRepo.init(env);
      for (const [key, value] of config) repo.git('config', key, value);
      const read = await readTrailerSettings(repo.root);
      assert.ok(read.ok, read.ok ? '' : read.message);
      const settings = read.value;
      const mismatches: string[] = [];
      let ruleChecks = 0;
      let withTrailers = 0;
      for (const message of [...TRICKY, ...corpus]) {
        const gitOut = execFileSync('git', ['interpret-trailers', '--parse'], { cwd: repo.root, env, input: message, encoding: 'utf8', timeout: 10_000 });
        const ours = parseTrailers(message, settings).map((line) => `${line}\n`).join('');
        if (ours !== gitOut) mismatches.push(`${JSON.stringify(message)}\n    git:  ${JSON.stringify(gitOut)}\n    ours: ${JSON.stringify(ours)}`);
        if (gitOut !== '') withTrailers++;
        const prefixes = new Set(['', 'Signed-off-by:', 'Co-authored-by:', 'Bug #', 'See-also', 'Fixes', 'key', 'Key: v']);
        for (const line of gitOut.split('\n')) {
          if (line === '') continue;
          prefixes.add(line);
          prefixes.add(line.slice(0, 3));
        }
        for (const prefix of prefixes) {
          const has = ruleHas(message, prefix, settings);
          if (has === undefined) break;
          ruleChecks++;
          if (has !== commitlintHas(gitOut, prefix)) mismatches.push(`rule with ${JSON.stringify(prefix)} on ${JSON.stringify(message)}: ours ${has}, commitlint ${!has}`);
        }
      }
      assert.deepEqual(mismatches, [], `${mismatches.length} differences from git:\n  ${mismatches.slice(0, 20).join('\n  ')}`);
      assert.ok(withTrailers >= 40, `only ${withTrailers} messages had trailers: the comparison would prove little`);
      assert.ok(ruleChecks > 500, `only ${ruleChecks} rule verdicts compared`);
    });
  }
});

describe('trailer settings from the git configuration', () => {
  it('keeps configuration order, matches names case-insensitively, and lets the last value win', () => {
    const settings = trailerSettingsFromGitConfig([
      ['trailer.Sign.key', 'Signed-off-by: '],
      ['trailer.separators', ':#'],
      ['trailer.ack.where', 'end'],
      ['trailer.sign.key', 'Signed-off-by'],
      ['trailer.a.b.command', 'echo'],
      ['trailer.x.unknown', 'ignored'],
      ['trailer.where', 'start'],
      ['core.commentchar', 'auto'],
      ['trailer.separators', '%'],
      ['trailer.nokey.key', null],
    ]);
    assert.deepEqual(settings, {
      separators: '%',
      configured: [
        { name: 'Sign', key: 'Signed-off-by' },
        { name: 'ack', key: null },
        { name: 'a.b', key: null },
        { name: 'nokey', key: null },
      ],
      commentChar: '#',
    });
  });

  it('prints a configured key in place of the token it abbreviates', () => {
    const settings = trailerSettingsFromGitConfig([['trailer.sign.key', 'Signed-off-by: ']]);
    assert.deepEqual(parseTrailers('feat: x\n\nbody\nsign: A\n', settings), ['Signed-off-by: A']);
    assert.deepEqual(parseTrailers('feat: x\n\nbody\nsign: A\n'), []);
  });

  it('reads nothing when the repository has no trailer settings', async () => {
    const repo = TestRepo.init();
    const read = await readTrailerSettings(repo.root);
    assert.deepEqual(read, { ok: true, value: { separators: ':', configured: [] } });
  });
});
