// The JavaScript of `changelog --from <ref> --format json` after git, phase by phase, in one fresh process (issue
// #13): the log (read once, up front, not timed) fed to the reader in 64 KiB pieces as a pipe gives it, the plan's
// reading of every commit, the plan, the rendering, and the JSON in pieces with its UTF-8 encoding. Each phase ends
// with `os.loadavg()`, so callgrind can cut its count there (`--dump-before=uv_loadavg`: one part per phase);
// run alone it prints the milliseconds of each phase. Bundle it first (the CLI runs a bundle, not tsx):
//
//   npx esbuild bench/changelogPhases.ts --bundle --platform=node --outfile=/tmp/phases.js
//   valgrind --tool=callgrind --dump-before=uv_loadavg --callgrind-out-file=/tmp/phases.cg \
//     node /tmp/phases.js /tmp/vite-replay-packed <root hash>
//   for f in /tmp/phases.cg*; do grep -m1 '^part:' $f; grep -m1 '^summary:' $f; done
//
// Parts: 1 Node's start, loading and the reader; 2 the reading for the plan; 3 the plan; 4 the rendering; 5 the JSON
// and its encoding; 6 the exit. Same V8 flag as the CLI (src/cli/main.ts). Where the scavenges fall moves a part's
// count by up to ~10 M from run to run; `node --min-semi-space-size=128 --max-semi-space-size=128 /tmp/phases.js …`
// under callgrind makes no scavenge at all, so parts 2–5 count the JavaScript alone, the same to ±0.2 M per run.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { nextVersionJson } from '../src/cli/commands/nextVersion';
import { jsonPieces, JsonStringPieces } from '../src/cli/jsonPieces';
import { computeReleasePlan, parseRemoteUrl, prepareReleaseCommit, renderChangelogPieces, resolveReleaseOptions, selectionFromRef, type PreparedCommit, type RawCommit } from '../src/core/release';
import { logRecordReader } from '../src/node/git';

setFlagsFromString('--interrupt-budget=1048576');
const [repo, from] = process.argv.slice(2);
if (repo === undefined || from === undefined) throw new Error('usage: node phases.js <repository> <from hash>');
const bytes = execFileSync('git', ['-C', repo, 'log', '-z', '--format=%H%x1f%P%x1f%B', '--end-of-options', `${from}..HEAD`, '--'], { maxBuffer: 1 << 30 });
const remote = execFileSync('git', ['-C', repo, 'config', '--get-regexp', '^remote\\..*\\.url$']).toString().split('\n')[0]?.split(' ')[1] ?? '';

const marks = [performance.now()];
const mark = (): void => {
  loadavg();
  marks.push(performance.now());
};
const options = resolveReleaseOptions({});
const commits: RawCommit[] = [];
const reader = logRecordReader((commit) => commits.push(commit));
for (let at = 0; at < bytes.length; at += 65536) reader.push(bytes.subarray(at, at + 65536));
reader.end();
mark();
// PHASES_INLINE=1: no commit read ahead (as the CLI's early log): the plan reads them itself, in part 3.
const prepared: (PreparedCommit | undefined)[] = [];
for (let index = 0; index < commits.length && process.env['PHASES_INLINE'] !== '1'; index++) {
  const commit = commits[index] as RawCommit;
  prepared.push(commit.parents.length > 1 ? undefined : prepareReleaseCommit(commit, options));
}
mark();
const plan = computeReleasePlan({ selection: selectionFromRef(from, from, options.tagFormat), commits, head: commits[0]?.hash ?? null, options, warnings: [] }, prepared);
mark();
const changelog = renderChangelogPieces(plan, { date: '2026-12-07', host: parseRemoteUrl(remote) });
mark();
// As the CLI (src/cli/commands/changelog.ts): the markdown stays in pieces.
const pieces = jsonPieces({ ...changelog.changelog, markdown: new JsonStringPieces(changelog.markdown), plan: nextVersionJson(plan, false) });
let length = 0;
for (const piece of pieces) length += piece.length;
const buffer = Buffer.allocUnsafe(length * 3);
let written = 0;
for (const piece of pieces) written += buffer.write(piece, written, 'utf8');
mark();
const names = ['reader', 'reading', 'plan', 'rendering', 'JSON'];
console.log(names.map((name, index) => `${name} ${((marks[index + 1] as number) - (marks[index] as number)).toFixed(1)} ms`).join(', '), `(${written} bytes)`);
