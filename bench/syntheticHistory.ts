// A synthetic history of any size for the release benchmarks (issue #13: a 1,000,000-commit history), written with
// `git fast-import` as a stream, so memory stays flat whatever the size. Messages are drawn in a fixed pseudo-random
// order from the corpora of test/fixtures/corpora (real headers, bodies, footers, reverts and squash bodies);
// commits change no file (every commit has the empty tree: the release engine reads messages only), dates one minute
// apart; a merge of a one-commit side branch every `mergeEvery` commits; a lightweight version tag every `tagEvery`
// commits, none in the last `untaggedTail` commits (the range `next-version` reads).
//
//   node --import=tsx bench/syntheticHistory.ts <dir> [--commits 1000000] [--tag-every 5000] [--untagged-tail 20000]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { loadCorpus } from './replayCorpus';

export interface SyntheticOptions {
  readonly commits: number;
  readonly tagEvery: number;
  readonly untaggedTail: number;
  readonly mergeEvery: number;
  readonly seed: number;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = { commits: 1_000_000, tagEvery: 5_000, untaggedTail: 20_000, mergeEvery: 1_000, seed: 13 };

const CORPORA = ['conventional-changelog__commitlint', 'orhun__git-cliff', 'semantic-release__semantic-release', 'vitejs__vite'];

export interface SyntheticHistory {
  readonly dir: string;
  readonly commits: number;
  readonly tags: number;
  readonly lastTag: string | null;
  readonly buildMs: number;
}

/** Writes the history into `dir` (a new repository, branch `main`, checked out). */
export async function writeSyntheticHistory(dir: string, options: SyntheticOptions = DEFAULT_SYNTHETIC): Promise<SyntheticHistory> {
  const started = performance.now();
  const messages = CORPORA.flatMap((name) => loadCorpus(name).map((commit) => commit.message)).filter((message) => message.trim() !== '');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  const child = spawn('git', ['fast-import', '--quiet', '--force', '--done'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = once(child, 'close');
  let state = options.seed >>> 0;
  const nextRandom = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const identity = 'Synthetic <synthetic@example.invalid>';
  const start = 1_500_000_000;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  };
  const emit = async (text: string): Promise<void> => {
    pending.push(text);
    pendingBytes += text.length;
    if (pendingBytes > 1 << 20) await flush();
  };
  const commit = async (mark: number, from: number | null, merge: number | null, time: number, message: string): Promise<void> => {
    const data = Buffer.byteLength(message);
    await emit(
      `commit refs/heads/${merge === null && from !== null && from < 0 ? 'side' : 'main'}\nmark :${mark}\n` +
        `author ${identity} ${time} +0000\ncommitter ${identity} ${time} +0000\ndata ${data}\n${message}\n` +
        (from !== null && from > 0 ? `from :${from}\n` : '') +
        (merge !== null ? `merge :${merge}\n` : '') +
        '\n',
    );
  };
  let mark = 0;
  let mainHead = 0;
  let tags = 0;
  let lastTag: string | null = null;
  let minor = 0;
  const lastTagged = options.commits - options.untaggedTail;
  for (let i = 1; i <= options.commits; i++) {
    const message = messages[nextRandom() % messages.length] as string;
    const time = start + i * 60;
    if (options.mergeEvery > 0 && i % options.mergeEvery === 0 && mainHead > 0) {
      // A one-commit side branch off main, merged back: the merge is commit i.
      const side = ++mark;
      await emit(`reset refs/heads/side\nfrom :${mainHead}\n\n`);
      await commit(side, -1, null, time - 30, messages[nextRandom() % messages.length] as string);
      await emit(`reset refs/heads/side\nfrom :${side}\n\n`);
      const merged = ++mark;
      await emit(`commit refs/heads/main\nmark :${merged}\nauthor ${identity} ${time} +0000\ncommitter ${identity} ${time} +0000\ndata 20\nMerge branch 'side'\n\nfrom :${mainHead}\nmerge :${side}\n\n`);
      mainHead = merged;
    } else {
      const current = ++mark;
      await commit(current, mainHead > 0 ? mainHead : null, null, time, message);
      mainHead = current;
    }
    if (options.tagEvery > 0 && i % options.tagEvery === 0 && i <= lastTagged) {
      minor++;
      lastTag = `v1.${minor}.0`;
      await emit(`reset refs/tags/${lastTag}\nfrom :${mainHead}\n\n`);
      tags++;
    }
  }
  await emit('done\n');
  await flush();
  child.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  execFileSync('git', ['update-ref', '-d', 'refs/heads/side'], { cwd: dir, stdio: 'ignore' });
  execFileSync('git', ['reset', '--quiet', '--hard', 'main'], { cwd: dir });
  const commits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim());
  return { dir, commits, tags, lastTag, buildMs: performance.now() - started };
}

function numberFlag(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number, got ${JSON.stringify(args[at + 1])}`);
  return value;
}

export function syntheticOptionsFromArgs(args: readonly string[]): SyntheticOptions {
  return {
    commits: numberFlag(args, '--commits', DEFAULT_SYNTHETIC.commits),
    tagEvery: numberFlag(args, '--tag-every', DEFAULT_SYNTHETIC.tagEvery),
    untaggedTail: numberFlag(args, '--untagged-tail', DEFAULT_SYNTHETIC.untaggedTail),
    mergeEvery: numberFlag(args, '--merge-every', DEFAULT_SYNTHETIC.mergeEvery),
    seed: numberFlag(args, '--seed', DEFAULT_SYNTHETIC.seed),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, ...rest] = process.argv.slice(2);
  if (dir === undefined || dir.startsWith('--')) {
    console.error('usage: node --import=tsx bench/syntheticHistory.ts <dir> [--commits N] [--tag-every N] [--untagged-tail N] [--merge-every N]');
    process.exit(2);
  }
  const history = await writeSyntheticHistory(dir, syntheticOptionsFromArgs(rest));
  console.log(JSON.stringify(history));
}
