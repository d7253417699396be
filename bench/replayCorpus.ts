// Replays a commit corpus of test/fixtures/corpora into a real git repository with `git fast-import`: the real
// messages, author and committer dates and merge structure (one tiny file change per commit), and optionally the
// tags at their target commits (original hashes mapped to the new commits through fast-import marks).
//
// Shared by the benchmarks (bench/lintMessages.bench.ts, bench/release.bench.ts), the release agreement replay
// (bench/releaseAgreement.ts) and its always-run test (test/unit/release-agreement/).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The corpora folder: $RH_CORPORA_DIR, else the copy the repository owns (test/fixtures/corpora, see its README). */
export const CORPORA_DIR = resolve(process.env['RH_CORPORA_DIR'] ?? join(ROOT, 'test', 'fixtures', 'corpora'));

export interface CorpusCommit {
  readonly hash: string;
  readonly parents: readonly string[];
  readonly first_parent?: boolean;
  readonly author_date: string;
  readonly committer_date: string;
  readonly message: string;
}

export interface CorpusTag {
  readonly name: string;
  /** The commit the tag points at (peeled). */
  readonly target: string;
  readonly annotated: boolean;
  /** Tagger date (annotated) or commit date (lightweight). */
  readonly date: string;
  readonly on_default_branch: boolean;
}

export function corpusExists(name: string, dir = CORPORA_DIR): boolean {
  return existsSync(join(dir, `${name}.commits.jsonl.gz`));
}

/** The commits of a corpus (`owner__repo`), newest first, as stored. */
export function loadCorpus(name: string, dir = CORPORA_DIR): CorpusCommit[] {
  const text = gunzipSync(readFileSync(join(dir, `${name}.commits.jsonl.gz`))).toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as CorpusCommit);
}

/**
 * Every message of every corpus in `dir`, corpus by corpus in name order, as the fast-path tests compare them. A
 * missing folder is an error, not an empty list: a comparison over nothing would pass.
 */
export function corpusMessages(dir = CORPORA_DIR): string[] {
  const out: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.commits.jsonl.gz')).sort()) {
    for (const line of gunzipSync(readFileSync(join(dir, file))).toString('utf8').split('\n')) {
      if (line !== '') out.push((JSON.parse(line) as { message: string }).message);
    }
  }
  return out;
}

/** The tags of a corpus (`owner__repo.tags.jsonl`), all of them (filter by name and `on_default_branch`). */
export function loadTags(name: string, dir = CORPORA_DIR): CorpusTag[] {
  const file = join(dir, `${name}.tags.jsonl`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as CorpusTag);
}

/** `2026-08-22T15:25:55+08:00` → `1787383555 +0800` (git's raw date format). */
export function rawDate(iso: string): string {
  const match = /([+-])(\d\d):(\d\d)$|Z$/.exec(iso);
  const offset = match && match[1] ? `${match[1]}${match[2]}${match[3]}` : '+0000';
  return `${Math.floor(Date.parse(iso) / 1000)} ${offset}`;
}

/** Parents before children: an iterative DFS from the oldest commit on, so deep histories cannot overflow the stack. */
function topologicalOrder(commits: readonly CorpusCommit[]): CorpusCommit[] {
  const known = new Map(commits.map((commit) => [commit.hash, commit]));
  const order: CorpusCommit[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of [...commits].reverse()) {
    const stack: { commit: CorpusCommit; next: number }[] = [{ commit: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      if (state.get(top.commit.hash) === 'done') {
        stack.pop();
        continue;
      }
      state.set(top.commit.hash, 'visiting');
      const parent = top.commit.parents[top.next++];
      if (parent !== undefined) {
        const parentCommit = known.get(parent);
        if (parentCommit && !state.has(parent)) stack.push({ commit: parentCommit, next: 0 });
        continue;
      }
      state.set(top.commit.hash, 'done');
      order.push(top.commit);
      stack.pop();
    }
  }
  return order;
}

export interface ReplayOptions {
  /** Tags to create at their targets; tags whose target is not in the corpus are skipped (counted). */
  readonly tags?: readonly CorpusTag[];
  /** Folder to replay into (created by `git init`); default a new temporary folder. */
  readonly dir?: string;
  /** Environment for git (e.g. an isolated one in tests). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ReplayedRepository {
  readonly dir: string;
  /** Original hash → replayed hash. */
  readonly hashes: ReadonlyMap<string, string>;
  readonly tagsCreated: number;
  /** Tags not created because their target is not in the corpus (not reachable from the corpus HEAD). */
  readonly tagsSkipped: number;
}

/**
 * Replays `commits` (newest first, as stored) into a new repository on branch `main` with `git fast-import`, and
 * points `main` at the newest commit. Annotated tags become annotated tags (tagger date kept), lightweight tags
 * lightweight. Returns the folder and the original → replayed hash map.
 */
export function replayRepository(commits: readonly CorpusCommit[], options: ReplayOptions = {}): ReplayedRepository {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'rh-bench-replay-'));
  const env = options.env ?? process.env;
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  const order = topologicalOrder(commits);
  const marks = new Map<string, number>();
  const chunks: Buffer[] = [];
  order.forEach((commit, index) => {
    const mark = index + 1;
    marks.set(commit.hash, mark);
    const message = Buffer.from(commit.message, 'utf8');
    const content = Buffer.from(`${index}\n`);
    const parents = commit.parents.map((hash) => marks.get(hash)).filter((m): m is number => m !== undefined);
    // A root commit after the first one starts a new history: reset the branch so it gets no parent.
    let header = `${parents.length === 0 && index > 0 ? 'reset refs/heads/main\n\n' : ''}commit refs/heads/main\nmark :${mark}\n`;
    header += `author Replay <replay@example.invalid> ${rawDate(commit.author_date)}\n`;
    header += `committer Replay <replay@example.invalid> ${rawDate(commit.committer_date)}\n`;
    chunks.push(Buffer.from(`${header}data ${message.length}\n`), message, Buffer.from('\n'));
    if (parents.length > 0) chunks.push(Buffer.from(`from :${parents[0]}\n${parents.slice(1).map((p) => `merge :${p}\n`).join('')}`));
    chunks.push(Buffer.from(`M 644 inline f.txt\ndata ${content.length}\n`), content, Buffer.from('\n'));
  });
  // The newest commit of the corpus is its HEAD: point main at it.
  chunks.push(Buffer.from(`reset refs/heads/main\nfrom :${marks.get(commits[0]!.hash)}\n\n`));
  let tagsCreated = 0;
  let tagsSkipped = 0;
  for (const tag of options.tags ?? []) {
    const mark = marks.get(tag.target);
    if (mark === undefined) {
      tagsSkipped++;
      continue;
    }
    tagsCreated++;
    if (tag.annotated) {
      const text = Buffer.from(`${tag.name}\n`);
      chunks.push(Buffer.from(`tag ${tag.name}\nfrom :${mark}\ntagger Replay <replay@example.invalid> ${rawDate(tag.date)}\ndata ${text.length}\n`), text, Buffer.from('\n'));
    } else {
      chunks.push(Buffer.from(`reset refs/tags/${tag.name}\nfrom :${mark}\n\n`));
    }
  }
  const marksFile = join(dir, '.git', 'rh-replay-marks');
  execFileSync('git', ['fast-import', '--quiet', '--force', `--export-marks=${marksFile}`], { cwd: dir, env, input: Buffer.concat(chunks), maxBuffer: 64 * 1024 * 1024 });
  execFileSync('git', ['reset', '--quiet', '--hard', 'main'], { cwd: dir, env });
  const byMark = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const match = /^:(\d+) ([0-9a-f]+)$/.exec(line);
    if (match) byMark.set(Number(match[1]), match[2]!);
  }
  const hashes = new Map<string, string>();
  for (const [original, mark] of marks) hashes.set(original, byMark.get(mark)!);
  return { dir, hashes, tagsCreated, tagsSkipped };
}
