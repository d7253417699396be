// Release agreement replay over every corpus: our bump for each pair of consecutive stable releases against
// conventional-recommended-bump (conventionalcommits preset) and against the real release. See bench/releaseAgreement.ts.
//
//   npm run bench:release-agreement            (= node --import=tsx bench/releaseAgreement.bench.ts)
//   RH_CORPORA_DIR=/path/to/corpora npm run bench:release-agreement
//   node --import=tsx bench/releaseAgreement.bench.ts orhun__git-cliff     (one corpus)
//
// Prints Markdown tables (the ones in docs/compatibility.md) and every disagreement; the raw per-pair results go to
// bench/results/releaseAgreement-latest.json (gitignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SPECS, corpusAgreement, summarise, type CorpusAgreement } from './releaseAgreement';
import { CORPORA_DIR, corpusExists } from './replayCorpus';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const specs = CORPUS_SPECS.filter((spec) => (only.length === 0 || only.includes(spec.name)) && corpusExists(spec.name));
if (specs.length === 0) {
  console.error(`no corpora found in ${CORPORA_DIR} (set RH_CORPORA_DIR)`);
  process.exit(2);
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const results: (CorpusAgreement & { repo: string; summary: ReturnType<typeof summarise> })[] = [];
for (const spec of specs) {
  const result = await corpusAgreement(spec, { log: process.env['RH_VERBOSE'] ? (line) => console.error(line) : undefined });
  const summary = summarise(result.pairs);
  results.push({ ...result, summary });
  console.error(`${spec.name}: ${summary.pairs} pairs, ours=crb ${pct(summary.oursVsCrb, summary.pairs)}, ours=real ${pct(summary.oursVsReal, summary.pairs)} (replay ${result.replayMs.toFixed(0)} ms, compare ${(result.compareMs / 1000).toFixed(1)} s)`);
}

console.log('\n| corpus | commits | release pairs (0.x) | ours = crb | ours = real | crb = real | 0.x pairs, pre-major settings: ours = crb / ours = real |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const total = { pairs: 0, pre: 0, crb: 0, real: 0, crbReal: 0, preCrb: 0, preReal: 0 };
for (const { corpus, commits, summary: s } of results) {
  console.log(`| ${corpus} | ${commits} | ${s.pairs} (${s.preMajorPairs}) | ${s.oursVsCrb} (${pct(s.oursVsCrb, s.pairs)}) | ${s.oursVsReal} (${pct(s.oursVsReal, s.pairs)}) | ${s.crbVsReal} (${pct(s.crbVsReal, s.pairs)}) | ${s.preMajorPairs === 0 ? '–' : `${s.preMajorOursVsCrb} / ${s.preMajorOursVsReal} of ${s.preMajorPairs}`} |`);
  total.pairs += s.pairs;
  total.pre += s.preMajorPairs;
  total.crb += s.oursVsCrb;
  total.real += s.oursVsReal;
  total.crbReal += s.crbVsReal;
  total.preCrb += s.preMajorOursVsCrb;
  total.preReal += s.preMajorOursVsReal;
}
console.log(`| **all** | | ${total.pairs} (${total.pre}) | ${total.crb} (${pct(total.crb, total.pairs)}) | ${total.real} (${pct(total.real, total.pairs)}) | ${total.crbReal} (${pct(total.crbReal, total.pairs)}) | ${total.preCrb} / ${total.preReal} of ${total.pre} |`);

for (const { corpus, summary, notAncestor } of results) {
  console.log(`\n#### ${corpus}`);
  if (notAncestor.length > 0) console.log(`excluded (prev not an ancestor of next): ${notAncestor.join(', ')}`);
  console.log('ours vs crb:');
  for (const [cls, n] of Object.entries(summary.crbClasses).sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${cls}`);
  console.log('ours vs real:');
  for (const [cls, n] of Object.entries(summary.realClasses).sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${cls}`);
}

console.log('\n#### every disagreement');
for (const { corpus, pairs } of results) {
  for (const pair of pairs) {
    if (!pair.crbVsOurs.agree) console.log(`crb  ${corpus} ${pair.prev}..${pair.next} ours ${pair.ours} crb ${pair.crb}: ${pair.crbVsOurs.cls} — ${pair.crbVsOurs.detail}`);
    if (!pair.realVsOurs.agree) console.log(`real ${corpus} ${pair.prev}..${pair.next} ours ${pair.ours} real ${pair.real}: ${pair.realVsOurs.cls} — ${pair.realVsOurs.detail}`);
  }
}

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const out = { date: new Date().toISOString(), node: process.version, corpora: results.map(({ repo: _repo, ...rest }) => rest) };
writeFileSync(join(ROOT, 'bench', 'results', 'releaseAgreement-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log('\nresults: bench/results/releaseAgreement-latest.json');
