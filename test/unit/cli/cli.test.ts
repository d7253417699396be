import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedGitEnv, removeScratch, scratchDir, TestRepo } from '../node/gitFixture';
import { CLI, ensureBuilt, runCli, expectExit } from './cliHarness';

/** Environment of a user's shell: isolated git config, no color variables. */
function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = isolatedGitEnv();
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

function ruleIds(text: string, severity: 'error' | 'warning'): string[] {
  return [...text.matchAll(new RegExp(`:\\d+:\\d+ ${severity} (\\S+) `, 'g'))].map((m) => m[1]!).sort();
}

describe('release-hygiene CLI (dist/cli.js)', function () {
  this.timeout(60_000);
  let env: NodeJS.ProcessEnv;
  let outside: string;

  before(() => {
    ensureBuilt();
    env = cliEnv();
    outside = scratchDir('rh-cli-');
  });
  after(removeScratch);

  describe('usage', () => {
    it('prints the version and the help, exit 0', () => {
      const version = runCli(['--version'], { cwd: outside, env });
      expectExit(version, 0);
      assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
      const help = runCli(['--help'], { cwd: outside, env });
      expectExit(help, 0);
      assert.match(help.stdout, /lint-message/);
      assert.match(help.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
      expectExit(runCli(['lint-commits', '--help'], { cwd: outside, env }), 0);
    });

    it('exits 2 on usage errors with a message on stderr', () => {
      for (const args of [[], ['frobnicate'], ['lint-message', '--bogus'], ['lint-message', '--format', 'xml', 'f'], ['lint-commits', 'extra'], ['demo', '--from', 'x'], ['lint-message', '--jsonl', 'file.jsonl']]) {
        const run = runCli(args, { cwd: outside, env });
        expectExit(run, 2);
        assert.notEqual(run.stderr, '', `stderr for ${args.join(' ')}`);
        assert.equal(run.stdout, '');
      }
    });
  });

  describe('lint-message', () => {
    function messageFile(text: string | Buffer, dir = outside): string {
      const file = join(dir, `msg-${Math.random().toString(36).slice(2)}`);
      writeFileSync(file, text);
      return file;
    }

    it('passes a good message: exit 0, summary with the release effect', () => {
      const run = runCli(['lint-message', messageFile('feat(api): add the export endpoint\n')], { cwd: outside, env });
      expectExit(run, 0);
      assert.equal(run.stdout, '✔ no problems · release effect: minor (feat)\n');
    });

    it('reports errors as file:line:col severity rule message and exits 1', () => {
      const file = messageFile('Update README\n');
      const run = runCli(['lint-message', file], { cwd: outside, env });
      expectExit(run, 1);
      assert.deepEqual(ruleIds(run.stdout, 'error'), ['subject-empty', 'type-empty']);
      for (const line of run.stdout.trimEnd().split('\n').slice(0, -1)) assert.ok(line.startsWith(`${file}:1:`), line);
      assert.match(run.stdout, /\n✖ 2 errors, 0 warnings · release effect: none\n$/);
      assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colors when stdout is not a terminal');
    });

    it('exits 0 with warnings only', () => {
      const run = runCli(['lint-message', messageFile('fix: repair\nno blank line before the body\n')], { cwd: outside, env });
      expectExit(run, 0);
      assert.deepEqual(ruleIds(run.stdout, 'warning'), ['body-leading-blank']);
      assert.match(run.stdout, /⚠ 0 errors, 1 warning · release effect: patch \(fix\)\n$/);
    });

    it('strips comments and the scissors section of a message file, as a commit-msg hook needs', () => {
      const long = 'x'.repeat(150);
      const text = `feat: add a thing\n\n# ${long}\n# ------------------------ >8 ------------------------\n# Do not modify or remove the line above.\ndiff --git a/x b/x\n${long}\n`;
      expectExit(runCli(['lint-message', messageFile(text)], { cwd: outside, env }), 0);
      // The same text on stdin is linted as is: the long lines are body lines there.
      const stdin = runCli(['lint-message', '-'], { cwd: outside, env, input: text });
      expectExit(stdin, 1);
      assert.deepEqual([...new Set(ruleIds(stdin.stdout, 'error'))], ['body-max-line-length']);
      assert.match(stdin.stdout, /^<stdin>:3:1 error body-max-line-length /);
    });

    it("uses the repository's core.commentChar", () => {
      const repo = TestRepo.init();
      repo.git('config', 'core.commentChar', ';');
      const text = `fix: repair\n\n; ${'y'.repeat(150)}\n`;
      expectExit(runCli(['lint-message', messageFile(text)], { cwd: repo.root, env }), 0);
      const plain = TestRepo.init();
      expectExit(runCli(['lint-message', messageFile(text)], { cwd: plain.root, env }), 1);
    });

    it("uses the repository's core.commentChar when trailer-exists reads it with the trailer settings", () => {
      // One git read gives both: the comment character must still strip the `;` line before the lint.
      const rules = JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'trailer-exists': [2, 'always', 'Signed-off-by:'] } });
      const text = `fix: repair\n\nSigned-off-by: A U Thor <a@example.com>\n; ${'y'.repeat(150)}\n`;
      const semicolon = TestRepo.init();
      semicolon.git('config', 'core.commentChar', ';');
      writeFileSync(join(semicolon.root, '.commitlintrc.json'), rules);
      const plain = TestRepo.init();
      writeFileSync(join(plain.root, '.commitlintrc.json'), rules);
      expectExit(runCli(['lint-message', messageFile(text)], { cwd: semicolon.root, env }), 0);
      expectExit(runCli(['lint-message', messageFile(text)], { cwd: plain.root, env }), 1);
    });

    it('reads stdin when no FILE is given and stdin is a pipe', () => {
      const run = runCli(['lint-message'], { cwd: outside, env, input: 'fix: ok\n' });
      expectExit(run, 0);
      assert.equal(run.stdout, '✔ no problems · release effect: patch (fix)\n');
    });

    it('prints JSON with positions and the release effect', () => {
      const run = runCli(['lint-message', '--format', 'json', messageFile('feat!: drop node 18\n\nbody\n')], { cwd: outside, env });
      expectExit(run, 0);
      const report = JSON.parse(run.stdout) as { valid: boolean; releaseEffect: { bump: string }; findings: unknown[]; header: string };
      assert.equal(report.valid, true);
      assert.equal(report.releaseEffect.bump, 'major');
      assert.equal(report.header, 'feat!: drop node 18');
      const bad = JSON.parse(runCli(['lint-message', '--format', 'json', '-'], { cwd: outside, env, input: 'feat: Subject\n' }).stdout) as {
        valid: boolean;
        errorCount: number;
        findings: { ruleId: string; line: number; column: number; severity: string }[];
      };
      assert.equal(bad.valid, false);
      const finding = bad.findings.find((f) => f.ruleId === 'subject-case');
      assert.deepEqual(finding && { line: finding.line, column: finding.column, severity: finding.severity }, { line: 1, column: 7, severity: 'error' });
    });

    it('treats an ignored message as valid', () => {
      const run = runCli(['lint-message', '-'], { cwd: outside, env, input: "Merge branch 'main' into topic\n" });
      expectExit(run, 0);
      assert.match(run.stdout, /^✔ ignored \(not linted\) · release effect: none\n$/);
    });

    it('survives invalid UTF-8 and a 5 MB message', () => {
      const broken = messageFile(Buffer.from([0x66, 0x69, 0x78, 0x3a, 0x20, 0xff, 0xfe, 0x6f, 0x6b, 0x0a]));
      const run = runCli(['lint-message', broken], { cwd: outside, env });
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      assert.match(run.stdout, /release effect: patch \(fix\)\n$/);
      const huge = messageFile(`feat: huge message\n\n${`${'word '.repeat(18)}\n`.repeat(56_000)}`);
      const hugeRun = runCli(['lint-message', huge], { cwd: outside, env });
      expectExit(hugeRun, 0);
    });

    it('exits 2 for a missing FILE', () => {
      const run = runCli(['lint-message', join(outside, 'missing')], { cwd: outside, env });
      expectExit(run, 2);
      assert.match(run.stderr, /no such file/);
    });

    it('colors only when asked and never with NO_COLOR', () => {
      const file = messageFile('bad\n');
      assert.match(runCli(['lint-message', file], { cwd: outside, env: cliEnv({ FORCE_COLOR: '1' }) }).stdout, /\u001b\[31merror\u001b\[39m/);
      assert.doesNotMatch(runCli(['lint-message', file], { cwd: outside, env: cliEnv({ FORCE_COLOR: '1', NO_COLOR: '1' }) }).stdout, /\u001b\[/);
    });
  });

  describe('configuration', () => {
    it("applies the repository's config and --config FILE", () => {
      const repo = TestRepo.init();
      repo.write('.commitlintrc.json', JSON.stringify({ extends: ['@commitlint/config-conventional'], rules: { 'header-max-length': [2, 'always', 10] } }));
      const run = runCli(['lint-message', '-'], { cwd: repo.root, env, input: 'fix: a long enough header\n' });
      expectExit(run, 1);
      assert.deepEqual(ruleIds(run.stdout, 'error'), ['header-max-length']);
      const override = repo.write('other.yaml', 'extends: ["@commitlint/config-conventional"]\nrules:\n  type-enum: [2, always, [wip]]\n');
      const withFile = runCli(['lint-message', '--config', override, '-'], { cwd: repo.root, env, input: 'fix: short\n' });
      expectExit(withFile, 1);
      assert.deepEqual(ruleIds(withFile.stdout, 'error'), ['type-enum']);
    });

    it("trailer-exists follows the repository's trailer.* settings in lint-message, lint-commits and check", () => {
      // "sign: A" is one trailer line in three: a trailer block only when trailer.sign.* makes it a known
      // trailer, and then git prints it under its key. "Bug #7" is a trailer (printed "Bug: 7") only with
      // "#" among the separators.
      const message = 'fix: repair\n\nsome body\nmore body\nsign: A <a@example.com>\n';
      const rules = { rules: { 'trailer-exists': [2, 'always', 'Signed-off-by: A'] } };
      const configured = TestRepo.init();
      configured.write('.commitlintrc.json', JSON.stringify(rules));
      configured.git('config', 'trailer.sign.key', 'Signed-off-by: ');
      const plain = TestRepo.init();
      plain.write('.commitlintrc.json', JSON.stringify(rules));
      for (const [repo, status] of [[configured, 0], [plain, 1]] as const) {
        const file = join(outside, `trailer-msg-${status}`);
        writeFileSync(file, message);
        const fromFile = runCli(['lint-message', file], { cwd: repo.root, env });
        expectExit(fromFile, status);
        expectExit(runCli(['lint-message', '-'], { cwd: repo.root, env, input: message }), status);
        if (status === 1) assert.deepEqual(ruleIds(fromFile.stdout, 'error'), ['trailer-exists']);
        repo.commit(message);
        expectExit(runCli(['lint-commits'], { cwd: repo.root, env }), status);
        const check = runCli(['check', '--only', 'commits', '--format', 'json'], { cwd: repo.root, env });
        expectExit(check, status);
        const findings = (JSON.parse(check.stdout) as { findings: { ruleId: string; severity: string }[] }).findings;
        assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId), status === 0 ? [] : ['trailer-exists']);
      }
      const bugRules = { rules: { 'trailer-exists': [2, 'always', 'Bug: 7'] } };
      configured.write('.commitlintrc.json', JSON.stringify(bugRules));
      const bug = 'fix: repair\n\nBug #7\n';
      expectExit(runCli(['lint-message', '-'], { cwd: configured.root, env, input: bug }), 1);
      configured.git('config', 'trailer.separators', ':#');
      expectExit(runCli(['lint-message', '-'], { cwd: configured.root, env, input: bug }), 0);
    });

    it('exits 2 when --config FILE cannot be read, and reports a broken repository config on stderr', () => {
      const missing = runCli(['lint-message', '--config', join(outside, 'nope.json'), '-'], { cwd: outside, env, input: 'fix: a\n' });
      expectExit(missing, 2);
      assert.match(missing.stderr, /nope\.json/);
      const repo = TestRepo.init();
      repo.write('.commitlintrc.json', '{ broken');
      const broken = runCli(['lint-message', '-'], { cwd: repo.root, env, input: 'fix: a\n' });
      expectExit(broken, 0);
      assert.match(broken.stderr, /config error: \.commitlintrc\.json: invalid JSON: .*using the built-in defaults/);
    });

    it('executes a JS config unless --no-js-config', () => {
      const repo = TestRepo.init();
      repo.write('commitlint.config.cjs', "module.exports = { extends: ['@commitlint/config-conventional'], rules: { 'type-enum': [2, 'always', ['ch', 'ore'].map((x) => x)] } };\n");
      const executed = runCli(['lint-message', '-'], { cwd: repo.root, env, input: 'fix: a\n' });
      expectExit(executed, 1);
      assert.deepEqual(ruleIds(executed.stdout, 'error'), ['type-enum']);
      const refused = runCli(['lint-message', '--no-js-config', '-'], { cwd: repo.root, env, input: 'fix: a\n' });
      expectExit(refused, 0);
      assert.match(refused.stderr, /commitlint\.config\.cjs is JavaScript and is not executed with --no-js-config; using the built-in defaults/);
    });
  });

  describe('lint-message --jsonl', () => {
    it('answers one line per record, with errors for malformed lines, CRLF included; exit 0', () => {
      const input = [
        '{"id": 1, "message": "feat: good"}',
        '{"id": "b", "message": "Update README"}',
        'not json',
        '',
        '{"id": [3], "message": 42}',
        '{"id": 4, "message": "Merge branch \'x\'"}',
        '["array"]',
        '{"message": "fix: no id\\n\\nbody\\n"}',
      ].join('\r\n');
      const run = runCli(['lint-message', '--jsonl'], { cwd: outside, env, input });
      expectExit(run, 0);
      const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(lines.length, 7);
      assert.deepEqual(lines[0], { id: 1, valid: true, ignored: false, errors: [], warnings: [] });
      assert.equal(lines[1]!.id, 'b');
      assert.equal(lines[1]!.valid, false);
      assert.deepEqual([...(lines[1]!.errors as string[])].sort(), ['subject-empty', 'type-empty']);
      assert.equal(lines[2]!.id, null);
      assert.match(lines[2]!.error as string, /^line 3: invalid JSON/);
      assert.deepEqual(lines[3], { id: [3], error: 'line 5: "message" must be a string' });
      assert.deepEqual(lines[4], { id: 4, valid: true, ignored: true, errors: [], warnings: [] });
      assert.match(lines[5]!.error as string, /^line 7: expected an object/);
      assert.doesNotMatch(run.stdout, /\r/);
      assert.deepEqual(lines[6], { id: null, valid: true, ignored: false, errors: [], warnings: [] });
    });

    it('streams a large input through a pipe', () => {
      const count = 20_000;
      let input = '';
      for (let i = 0; i < count; i++) input += `${JSON.stringify({ id: i, message: i % 2 ? `fix: change ${i}` : `bad ${i}` })}\n`;
      const run = runCli(['lint-message', '--jsonl'], { cwd: outside, env, input });
      expectExit(run, 0);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, count);
      const last = JSON.parse(lines[count - 1]!) as { id: number; valid: boolean };
      assert.deepEqual([last.id, last.valid], [count - 1, true]);
      assert.equal((JSON.parse(lines[0]!) as { valid: boolean }).valid, false);
    });

    it('ends quietly when its reader closes the pipe early (… | head), for a stream and for one large report', () => {
      const input = join(outside, 'many.jsonl');
      writeFileSync(input, `${JSON.stringify({ id: 1, message: 'fix: one of many messages to answer' })}\n`.repeat(50_000));
      const message = join(outside, 'long-message.txt');
      writeFileSync(message, `fix: a\n\n${'a body line that is long enough to overflow a pipe buffer\n'.repeat(20_000)}`);
      for (const command of [`node "${CLI}" lint-message --jsonl < "${input}"`, `node "${CLI}" lint-message --format json "${message}"`]) {
        // head reads one byte and leaves: every later write of ours meets a closed pipe.
        const run = spawnSync('bash', ['-c', `${command} 2> stderr.txt | head -c 1 > /dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: outside, env, encoding: 'utf8' });
        assert.equal(readFileSync(join(outside, 'stderr.txt'), 'utf8'), '', command);
        assert.match(run.stdout.trim(), /^[013]$/, `${command}: exit ${run.stdout.trim()}`);
      }
    });
  });

  describe('lint-commits', () => {
    let repo: TestRepo;
    let hashes: Record<string, string>;

    before(() => {
      repo = TestRepo.init();
      hashes = {
        first: repo.commit('chore: initial commit\n'),
        bad: repo.commit('Update README\n'),
        good: repo.commit('feat(api): add an endpoint\n'),
      };
      repo.git('switch', '--quiet', '-c', 'topic');
      hashes.topic = repo.commit('fix: topic work\n', 'topic.txt');
      repo.git('switch', '--quiet', 'main');
      repo.git('-c', 'commit.gpgSign=false', 'merge', '--quiet', '--no-ff', '--no-edit', 'topic');
      hashes.merge = repo.git('rev-parse', 'HEAD').trim();
      hashes.warn = repo.commit('fix: last\nbody without a blank line\n');
    });

    it('lints the whole history: findings, merge ignored, summary; exit 1', () => {
      const run = runCli(['lint-commits'], { cwd: repo.root, env });
      expectExit(run, 1);
      assert.match(run.stdout, new RegExp(`^${hashes.bad!.slice(0, 7)} Update README\n {2}1:1 error (type-empty|subject-empty) `, 'm'));
      assert.match(run.stdout, new RegExp(`^${hashes.merge!.slice(0, 7)} Merge branch 'topic' — ignored \\(merge commit\\)$`, 'm'));
      assert.doesNotMatch(run.stdout, new RegExp(hashes.good!.slice(0, 7)), 'clean commits are not listed');
      assert.match(run.stdout, /\n✖ 1 of 6 commits has errors \(2 errors, 1 warning\) · 1 ignored · release effect: minor \(feat\)\n$/);
    });

    it('lints only from..to', () => {
      const run = runCli(['lint-commits', '--from', hashes.bad!, '--to', hashes.good!], { cwd: repo.root, env });
      expectExit(run, 0);
      assert.equal(run.stdout, '✔ 1 commit, no problems · release effect: minor (feat)\n');
      const fromOnly = runCli(['lint-commits', '--from', hashes.good!, '--cwd', repo.root], { cwd: outside, env });
      expectExit(fromOnly, 0);
      assert.match(fromOnly.stdout, /⚠ 3 commits, 0 errors, 1 warning · 1 ignored · release effect: patch \(fix\)\n$/);
    });

    it('prints JSON with every commit', () => {
      const run = runCli(['lint-commits', '--format', 'json'], { cwd: repo.root, env });
      expectExit(run, 1);
      const report = JSON.parse(run.stdout) as {
        commits: { hash: string; valid: boolean; ignored: boolean; ignoredReason?: string }[];
        summary: Record<string, unknown>;
      };
      assert.deepEqual(report.commits.map((c) => c.hash), [hashes.warn, hashes.merge, hashes.topic, hashes.good, hashes.bad, hashes.first]);
      assert.deepEqual(report.commits.map((c) => c.valid), [true, true, true, true, false, true]);
      assert.equal(report.commits[1]!.ignoredReason, 'merge commit');
      assert.deepEqual(report.summary, { commits: 6, invalid: 1, ignored: 1, errors: 2, warnings: 1, releaseEffect: 'minor' });
    });

    it('prints GitHub Actions workflow commands', () => {
      const run = runCli(['lint-commits', '--format', 'github'], { cwd: repo.root, env });
      expectExit(run, 1);
      const short = hashes.bad!.slice(0, 7);
      assert.match(run.stdout, new RegExp(`^::error title=type-empty::${short} Update README: .+$`, 'm'));
      assert.match(run.stdout, new RegExp(`^::error title=subject-empty::${short} Update README: .+$`, 'm'));
      assert.match(run.stdout, new RegExp(`^::warning title=body-leading-blank::${hashes.warn!.slice(0, 7)} fix: last: .+$`, 'm'));
    });

    it('exits 2 for an unknown revision', () => {
      const run = runCli(['lint-commits', '--from', 'v9.9.9'], { cwd: repo.root, env });
      expectExit(run, 2);
      assert.match(run.stderr, /v9\.9\.9/);
      assert.equal(run.stdout, '');
    });

    it('exits 3 outside a repository and when git is missing', () => {
      const notRepo = runCli(['lint-commits'], { cwd: outside, env });
      expectExit(notRepo, 3);
      assert.match(notRepo.stderr, /not a git repository/);
      const noGit = runCli(['lint-commits'], { cwd: repo.root, env: { ...env, PATH: scratchDir('rh-nogit-') } });
      expectExit(noGit, 3);
      assert.match(noGit.stderr, /git is not installed or not on PATH/);
    });

    it('says "no commits to lint" in an empty repository, exit 0', () => {
      const empty = TestRepo.init();
      const run = runCli(['lint-commits'], { cwd: empty.root, env });
      expectExit(run, 0);
      assert.equal(run.stdout, 'no commits to lint (the repository has no commits yet)\n');
    });

    it('warns about a shallow clone', () => {
      const clone = join(scratchDir(), 'shallow');
      repo.git('clone', '--quiet', '--depth', '1', `file://${repo.root}`, clone);
      const run = runCli(['lint-commits', '--format', 'github'], { cwd: clone, env });
      expectExit(run, 0);
      assert.match(run.stderr, /warning: this is a shallow clone: history may be incomplete/);
      assert.match(run.stdout, /^::warning title=shallow clone::/m);
    });
  });

  describe('demo', () => {
    it('creates a demo repository and lints it, exit 0 with the findings shown', () => {
      const dir = join(scratchDir(), 'demo');
      const run = runCli(['demo', dir], { cwd: outside, env });
      expectExit(run, 0);
      assert.equal(run.stderr, '', 'the demo repository itself raises no config or git complaints');
      assert.match(run.stdout, /^Created a demo repository with 10 commits in .*demo\n/);
      assert.match(run.stdout, /error type-empty/);
      assert.match(run.stdout, /ignored \(merge commit\)/);
      assert.match(run.stdout, /✖ \d+ of 10 commits have errors/);
      assert.ok(existsSync(join(dir, '.git')));
      const log = new TestRepo(dir, env).git('log', '--format=%s');
      assert.equal(log.trim().split('\n').length, 10);
    });

    it('refuses a folder that is not empty', () => {
      const dir = scratchDir();
      mkdirSync(join(dir, 'keep'));
      const run = runCli(['demo', dir], { cwd: outside, env });
      expectExit(run, 2);
      assert.match(run.stderr, /is not empty/);
    });
  });
});
