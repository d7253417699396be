#!/usr/bin/env node
// Exports one repository's history into the corpus format of test/fixtures/corpora (see its README):
//   node tools/corpora/export.mjs <clone> <owner/name> <out-dir>
// Messages are read byte-exact with `git cat-file --batch`; git is run with repository-configured commands off.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [clone, repo, outDir] = process.argv.slice(2);
if (!clone || !repo || !outDir || !repo.includes('/')) {
  console.error('usage: node tools/corpora/export.mjs <clone> <owner/name> <out-dir>');
  process.exit(2);
}
const git = (args, input) =>
  execFileSync('git', ['-c', 'core.fsmonitor=false', '--no-pager', '-C', clone, ...args], {
    input, maxBuffer: 1 << 30, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });

const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']).toString().trim();
const head = git(['rev-parse', 'HEAD']).toString().trim();
const firstParent = new Set(git(['rev-list', '--first-parent', 'HEAD']).toString().split('\n').filter(Boolean));
const rows = git(['log', '--format=%H%x00%P%x00%aI%x00%cI', 'HEAD']).toString().split('\n').filter(Boolean);
const hashes = rows.map((row) => row.split('\0')[0]);

// One cat-file pass for every message: "<hash> commit <size>\n<body>\n" per object.
const batch = git(['cat-file', '--batch'], hashes.join('\n') + '\n');
const messages = new Map();
let offset = 0;
while (offset < batch.length) {
  const lineEnd = batch.indexOf(0x0a, offset);
  const [hash, , size] = batch.subarray(offset, lineEnd).toString().split(' ');
  const body = batch.subarray(lineEnd + 1, lineEnd + 1 + Number(size));
  const split = body.indexOf('\n\n');
  const raw = split < 0 ? Buffer.alloc(0) : body.subarray(split + 2);
  const decoded = raw.toString('utf8');
  messages.set(hash, Buffer.from(decoded, 'utf8').equals(raw) ? { message: decoded } : { message: raw.toString('latin1'), message_decoded_as: 'latin1' });
  offset = lineEnd + 1 + Number(size) + 1;
}

let merges = 0;
const commits = rows.map((row) => {
  const [hash, parentList, author_date, committer_date] = row.split('\0');
  const parents = parentList ? parentList.split(' ') : [];
  if (parents.length > 1) merges += 1;
  return JSON.stringify({ repo, hash, parent_count: parents.length, parents, first_parent: firstParent.has(hash), author_date, committer_date, ...messages.get(hash) });
});

const tagRows = git(['for-each-ref', 'refs/tags', '--format=%(refname:short)%00%(objecttype)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(taggerdate:iso-strict)%00%(creatordate:iso-strict)'])
  .toString().split('\n').filter(Boolean);
const tags = tagRows.map((row) => {
  const [name, type, object, peeled, peeledType, taggerDate, creatorDate] = row.split('\0');
  const annotated = type === 'tag';
  const target = annotated ? peeled : object;
  return JSON.stringify({
    repo, name, annotated, tag_object: annotated ? object : null, target, target_type: annotated ? peeledType : type,
    tagger_date: taggerDate || null, date: creatorDate, on_default_branch: hashes.includes(target),
  });
});

const base = join(outDir, repo.replace('/', '__'));
writeFileSync(`${base}.commits.jsonl.gz`, gzipSync(commits.join('\n') + '\n'));
writeFileSync(`${base}.tags.jsonl`, tags.join('\n') + '\n');
writeFileSync(`${base}.manifest.json`, JSON.stringify({
  repo, default_branch: branch, snapshot_head: head,
  head_committer_date: rows[0]?.split('\0')[3], commits: rows.length, first_parent_commits: firstParent.size, merges,
  non_utf8_messages: [...messages.values()].filter((m) => m.message_decoded_as).length,
  tags: tags.length, tags_on_default_branch: tags.filter((t) => JSON.parse(t).on_default_branch).length,
}, null, 2) + '\n');
console.log(`${repo}: ${rows.length} commits, ${tags.length} tags at ${head} → ${base}.*`);
