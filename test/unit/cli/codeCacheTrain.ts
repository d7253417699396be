// Run by codeCache.test.ts in a process of its own (node --import=tsx codeCacheTrain.ts BUNDLE): makes BUNDLE's cache
// the way the build's training run does (load through the loader, run, createCachedData, the loader's header). Its
// own process, because V8 keeps compiled scripts in memory: a test process that compiled the source itself would
// reuse that, cache or not.
import { writeFileSync } from 'node:fs';
import type { Script } from 'node:vm';
import { cacheFileOf, loadBundle } from '../../../src/cli/codeCache';

const bundle = process.argv[2]!;
let made: { header: string; script: Script } | undefined;
(globalThis as Record<symbol, unknown>)[Symbol.for('release-hygiene.codeCache.collect')] = (_cacheFile: string, header: string, script: Script) => {
  made = { header, script };
};
(loadBundle(bundle).exports as { sum: (values: number[]) => number }).sum([1, 2, 3]);
if (!made) throw new Error('the loader did not hand the script to the collector');
writeFileSync(cacheFileOf(bundle), Buffer.concat([Buffer.from(made.header, 'latin1'), made.script.createCachedData()]), { mode: 0o444 });
