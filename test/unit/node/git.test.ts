import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  collectScopes,
  findRepositoryRoot,
  isShallowRepository,
  listCommitMessages,
  readCommentChar,
  type GitResult,
} from '../../../src/node';
import { parseLogBytes, runGit, runGitProcess } from '../../../src/node/git';
import { scratchDir, TestRepo, useIsolatedGit } from './gitFixture';

function value<T>(result: GitResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${result.kind}: ${result.message}`);
  return result.value;
}

describe('src/node git access (real git repositories)', () => {
  useIsolatedGit();

  describe('findRepositoryRoot', () => {
    it('finds the work tree top level from a subfolder, not shallow', async () => {
      const repo = TestRepo.init();
      repo.commit('chore: init\n');
      const sub = join(repo.root, 'a', 'b');
      mkdirSync(sub, { recursive: true });
      const info = value(await findRepositoryRoot(sub));
      assert.equal(realpathSync(info.root), realpathSync(repo.root));
      assert.equal(info.shallow, false);
    });

    it('with head: HEAD as rev-parse --verify reads it, none before the first commit', async () => {
      // The flag history pass takes HEAD from this answer instead of its own `rev-parse --verify -q HEAD`.
      const repo = TestRepo.init();
      const sub = join(repo.root, 'sub');
      mkdirSync(sub, { recursive: true });
      for (const run of [runGit, runGitProcess]) {
        const unborn = value(await findRepositoryRoot(sub, run, { head: true }));
        assert.equal(realpathSync(unborn.root), realpathSync(repo.root));
        assert.equal(unborn.head, undefined);
      }
      repo.commit('chore: init\n');
      writeFileSync(join(repo.root, 'HEAD'), 'a file named HEAD\n'); // a revision and a path: no ambiguity error
      repo.git('checkout', '-q', '--detach');
      repo.commit('chore: detached\n');
      const expected = repo.git('rev-parse', '--verify', '-q', 'HEAD').trim();
      assert.match(expected, /^[0-9a-f]{40}$/);
      for (const run of [runGit, runGitProcess]) {
        const info = value(await findRepositoryRoot(sub, run, { head: true }));
        assert.equal(info.head, expected);
        assert.equal(info.shallow, false);
        assert.equal(value(await findRepositoryRoot(sub, run)).head, undefined, 'not asked');
      }
    });

    it('reports a folder outside any repository as not-a-repository', async () => {
      const result = await findRepositoryRoot(scratchDir());
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.kind, 'not-a-repository');
      assert.match(!result.ok ? result.message : '', /not a git repository/);
    });

    it('reports a missing folder as not-a-repository instead of throwing', async () => {
      const result = await findRepositoryRoot(join(scratchDir(), 'missing'));
      assert.equal(!result.ok && result.kind, 'not-a-repository');
      assert.match(!result.ok ? result.message : '', /does not exist/);
    });

    it('reports git-not-found when git is not on PATH', async () => {
      const repo = TestRepo.init();
      const savedPath = process.env.PATH;
      process.env.PATH = scratchDir('rh-empty-path-');
      try {
        const result = await findRepositoryRoot(repo.root);
        assert.equal(!result.ok && result.kind, 'git-not-found');
        assert.equal(!result.ok && result.message, 'git is not installed or not on PATH');
      } finally {
        process.env.PATH = savedPath;
      }
    });
  });

  describe('runGitProcess (child_process, the release path) gives what runGit (simple-git) gives', () => {
    const runners = { runGit, runGitProcess } as const;

    it('the same output, failures and empty answers', async () => {
      const repo = TestRepo.init();
      const unborn = await runGitProcess(repo.root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
      assert.deepEqual(unborn, { ok: true, value: '' }, 'a non-zero exit without stderr is its (empty) stdout');
      repo.commit('feat: one\n\nbody ü\n');
      for (const args of [
        ['log', '-z', '--format=%H%x1f%P%x1f%B'],
        ['config', '--get-regexp', '^remote\\..*\\.url$'], // no remote: exit 1, no output
        ['symbolic-ref', '--quiet', 'HEAD'],
        ['rev-list', '--max-count=1', '--end-of-options', 'no-such-ref', '--'],
      ]) {
        const [viaSimpleGit, viaProcess] = await Promise.all([runners.runGit(repo.root, args), runners.runGitProcess(repo.root, args)]);
        assert.deepEqual(viaProcess, viaSimpleGit, args.join(' '));
      }
      const bad = await runGitProcess(repo.root, ['rev-list', '--end-of-options', 'no-such-ref', '--']);
      assert.equal(!bad.ok && bad.kind, 'bad-revision');
    });

    it('classifies a missing folder, a folder outside a repository and a missing git like findRepositoryRoot', async () => {
      const missing = await findRepositoryRoot(join(scratchDir(), 'missing'), runGitProcess);
      assert.equal(!missing.ok && missing.kind, 'not-a-repository');
      assert.match(!missing.ok ? missing.message : '', /does not exist/);
      const outside = await findRepositoryRoot(scratchDir(), runGitProcess);
      assert.equal(!outside.ok && outside.kind, 'not-a-repository');
      const repo = TestRepo.init();
      const savedPath = process.env.PATH;
      process.env.PATH = scratchDir('rh-empty-path-');
      try {
        const result = await findRepositoryRoot(repo.root, runGitProcess);
        assert.equal(!result.ok && result.kind, 'git-not-found');
      } finally {
        process.env.PATH = savedPath;
      }
    });

    it('is cancelled by its signal', async () => {
      const repo = TestRepo.init();
      repo.commit('feat: one\n');
      const controller = new AbortController();
      controller.abort();
      assert.deepEqual(await runGitProcess(repo.root, ['log'], controller.signal), { ok: false, kind: 'cancelled', message: 'cancelled' });
    });
  });

  describe('isShallowRepository', () => {
    it('tells a shallow clone from a full one', async () => {
      const origin = TestRepo.init();
      origin.commit('feat: one\n');
      origin.commit('feat: two\n');
      origin.commit('feat: three\n');
      const clone = join(scratchDir(), 'clone');
      origin.git('clone', '--quiet', '--depth', '1', `file://${origin.root}`, clone);
      assert.equal(value(await isShallowRepository(clone)), true);
      assert.equal(value(await isShallowRepository(origin.root)), false);
      assert.equal(value(await findRepositoryRoot(clone)).shallow, true);
      // the shallow clone lists only what it has
      assert.equal(value(await listCommitMessages(clone)).commits.length, 1);
    });
  });

  describe('readCommentChar', () => {
    it('defaults to # and reads core.commentChar; auto means #', async () => {
      const repo = TestRepo.init();
      assert.equal(value(await readCommentChar(repo.root)), '#');
      repo.git('config', 'core.commentChar', ';');
      assert.equal(value(await readCommentChar(repo.root)), ';');
      repo.git('config', 'core.commentChar', 'auto');
      assert.equal(value(await readCommentChar(repo.root)), '#');
    });
  });

  describe('listCommitMessages', () => {
    it('returns raw messages, hashes and parents newest first, byte for byte', async () => {
      const repo = TestRepo.init();
      const messages = [
        'feat(api): first\n\nbody line\n\nRefs: #1\n',
        'fix: no trailing newline',
        'docs: tricky \x1f unit \x1e record separators and a | pipe\n',
        'chore: crlf\r\n\r\nbody\r\n',
        'feat: ünïcödé ✓ 🚀\n',
        '',
      ];
      const hashes = messages.map((message) => repo.commit(message));
      const list = value(await listCommitMessages(repo.root));
      assert.equal(list.emptyRepository, false);
      assert.deepEqual(
        list.commits.map((c) => c.message),
        [...messages].reverse(),
      );
      assert.deepEqual(
        list.commits.map((c) => c.hash),
        [...hashes].reverse(),
      );
      assert.deepEqual(list.commits.at(-1)!.parents, []);
      assert.deepEqual(list.commits[0]!.parents, [hashes.at(-2)]);
    });

    it('lists from..to like commitlint --from/--to, and honours maxCount', async () => {
      const repo = TestRepo.init();
      const [a, b, c, d] = ['feat: a\n', 'feat: b\n', 'feat: c\n', 'feat: d\n'].map((m) => repo.commit(m));
      const range = value(await listCommitMessages(repo.root, { from: a, to: c }));
      assert.deepEqual(range.commits.map((x) => x.hash), [c, b]);
      const fromOnly = value(await listCommitMessages(repo.root, { from: b }));
      assert.deepEqual(fromOnly.commits.map((x) => x.hash), [d, c]);
      const limited = value(await listCommitMessages(repo.root, { maxCount: 2 }));
      assert.deepEqual(limited.commits.map((x) => x.hash), [d, c]);
      const empty = value(await listCommitMessages(repo.root, { from: d, to: d }));
      assert.deepEqual(empty.commits, []);
      assert.equal(empty.emptyRepository, false);
    });

    it('reports merge commits with both parents', async () => {
      const repo = TestRepo.init();
      repo.commit('feat: base\n');
      repo.git('switch', '--quiet', '-c', 'topic');
      const topic = repo.commit('feat: topic\n', 'topic.txt');
      repo.git('switch', '--quiet', 'main');
      const main = repo.commit('fix: main\n', 'main.txt');
      repo.git('-c', 'commit.gpgSign=false', 'merge', '--quiet', '--no-ff', '--no-edit', 'topic');
      const list = value(await listCommitMessages(repo.root));
      assert.deepEqual(list.commits[0]!.parents, [main, topic]);
      assert.match(list.commits[0]!.message, /^Merge branch 'topic'/);
    });

    it('reports an empty repository as empty, not as an error', async () => {
      const repo = TestRepo.init();
      const list = value(await listCommitMessages(repo.root));
      assert.deepEqual(list, { commits: [], emptyRepository: true });
    });

    it('reports unknown revisions as bad-revision', async () => {
      const repo = TestRepo.init();
      repo.commit('feat: a\n');
      const result = await listCommitMessages(repo.root, { from: 'no-such-ref' });
      assert.equal(!result.ok && result.kind, 'bad-revision');
      assert.match(!result.ok ? result.message : '', /no-such-ref/);
    });

    it('refuses revisions that would be read as options, without running them', async () => {
      const repo = TestRepo.init();
      repo.commit('feat: a\n');
      const target = join(scratchDir(), 'written-by-git');
      const result = await listCommitMessages(repo.root, { to: `--output=${target}` });
      assert.equal(!result.ok && result.kind, 'bad-revision');
      const spaced = await listCommitMessages(repo.root, { from: 'HEAD HEAD' });
      assert.equal(!spaced.ok && spaced.kind, 'bad-revision');
    });

    it('reports not-a-repository outside a repository', async () => {
      const result = await listCommitMessages(scratchDir());
      assert.equal(!result.ok && result.kind, 'not-a-repository');
    });
  });

  describe('parseLogBytes', () => {
    it('splits NUL-terminated records and keeps separators inside messages', () => {
      const out = Buffer.from('aaa\x1f\x1ffeat: a\x1fb\n\0\nbbb\x1fp1 p2\x1fMerge x\n\0');
      assert.deepEqual(parseLogBytes(out), [
        { hash: 'aaa', parents: [], message: 'feat: a\x1fb\n' },
        { hash: 'bbb', parents: ['p1', 'p2'], message: 'Merge x\n' },
      ]);
      assert.deepEqual(parseLogBytes(Buffer.alloc(0)), []);
    });
  });

  describe('collectScopes', () => {
    it('ranks the scopes of the history and caches them until HEAD moves', async () => {
      const repo = TestRepo.init();
      repo.commit('feat(api): a\n');
      repo.commit('fix(ui): b\n');
      repo.commit('fix(api): c\n');
      const first = value(await collectScopes(repo.root, { maxCount: 100 }));
      assert.deepEqual(first.map((s) => s.scope), ['api', 'ui']);
      assert.equal(first[0]!.count, 2);
      const second = value(await collectScopes(repo.root, { maxCount: 100 }));
      assert.equal(second, first, 'same HEAD: the cached ranking is returned');
      repo.commit('feat(cli): d\n');
      const third = value(await collectScopes(repo.root, { maxCount: 100 }));
      assert.notEqual(third, first);
      assert.ok(third.some((s) => s.scope === 'cli'));
    });

    it('reads only the newest maxCount commits', async () => {
      const repo = TestRepo.init();
      repo.commit('feat(old): a\n');
      repo.commit('feat(new): b\n');
      const scopes = value(await collectScopes(repo.root, { maxCount: 1 }));
      assert.deepEqual(scopes.map((s) => s.scope), ['new']);
    });

    it('has no scopes in an empty repository', async () => {
      const repo = TestRepo.init();
      assert.deepEqual(value(await collectScopes(repo.root, { maxCount: 10 })), []);
    });

    it('fails with not-a-repository outside a repository', async () => {
      const result = await collectScopes(scratchDir(), { maxCount: 10 });
      assert.equal(!result.ok && result.kind, 'not-a-repository');
    });
  });
});
