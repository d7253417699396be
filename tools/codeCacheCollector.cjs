// Preloaded (node --require) into the build's training runs of the CLI only (tools/codeCacheTraining.mjs), never
// shipped: src/cli/codeCache.ts hands it each bundle's vm.Script, and when the command has run, the script's cache
// (with the bytecode of every function that ran) is written beside the bundle, read-only. RH_CODE_CACHE_BUNDLES
// names the bundles this run trains; others it loads are left to the run that trains them.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { basename } = require('node:path');

const wanted = new Set((process.env.RH_CODE_CACHE_BUNDLES ?? '').split(',').filter(Boolean));
const scripts = new Map();
const collect = (cacheFile, header, script) => {
  if (header !== undefined && wanted.has(basename(cacheFile).replace(/\.cache$/, '.js'))) scripts.set(cacheFile, { header, script });
};
// V8 keeps the name a cache was made under (see src/cli/codeCache.ts): the package's, not this machine's path.
collect.scriptName = (bundle) => `release-hygiene/dist/${basename(bundle)}`;
globalThis[Symbol.for('release-hygiene.codeCache.collect')] = collect;
process.on('exit', () => {
  for (const [cacheFile, { header, script }] of scripts) {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]), { mode: 0o444 });
    renameSync(temporary, cacheFile);
  }
});
