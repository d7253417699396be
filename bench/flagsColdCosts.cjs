// Two cold costs of the flags command's history pass, alone in a fresh process, for callgrind (issue #16,
// docs/benchmarks.md "Flags: the checkout row … session 6"). Run under the CLI's V8 flag as the CLI sets it:
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node bench/flagsColdCosts.cjs crypto cli|back
//     node:crypto required after the CLI's interrupt budget (cli), or after it was set back to V8's default (back)
//   node --interrupt-budget=1048576 bench/flagsColdCosts.cjs entries destructured|indexed <checkout>
//     one pass over a commit's entries as step 3 makes it (every tracked path of <checkout>, 1 in 21 wanted)
'use strict';
const { setFlagsFromString } = require('node:v8');
const [what, mode, checkout] = process.argv.slice(2);
if (what === 'crypto') {
  setFlagsFromString('--interrupt-budget=1048576');
  if (mode === 'back') setFlagsFromString('--interrupt-budget=67584');
  const start = process.hrtime.bigint();
  require('node:crypto');
  console.log(`crypto ${mode}: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(2)} ms`);
} else if (what === 'entries') {
  const files = require('node:child_process').execFileSync('git', ['ls-files', '-z'], { cwd: checkout, maxBuffer: 1 << 28 }).toString('latin1').split('\0').filter(Boolean);
  const entries = files.map((file, i) => [file, ((i * 2654435761) >>> 0).toString(16).padStart(40, '0'), true]);
  const paths = new Set(files.filter((_, i) => i % 21 === 0));
  const bytes = new Map();
  for (const entry of entries) if (paths.has(entry[0])) bytes.set(entry[1], Buffer.alloc(9000, 97));
  const start = process.hrtime.bigint();
  const kept = [];
  if (mode === 'destructured') {
    for (const [path, blob, added] of entries) {
      if (!paths.has(path)) continue;
      kept.push([path, bytes.get(blob).subarray(0, 8000).indexOf(0) >= 0, added]);
    }
  } else {
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const path = entry[0];
      if (!paths.has(path)) continue;
      const nul = bytes.get(entry[1]).indexOf(0);
      kept.push([path, nul >= 0 && nul < 8000, entry[2]]);
    }
  }
  console.log(`entries ${mode}: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(2)} ms, ${kept.length} kept of ${entries.length}`);
} else {
  console.error('usage: flagsColdCosts.cjs crypto cli|back | entries destructured|indexed <checkout>');
  process.exitCode = 2;
}
