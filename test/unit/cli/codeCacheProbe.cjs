// Preloaded (node --require) by codeCache.test.ts into the built CLI: records what happened to each bundle's code
// cache (src/cli/codeCache.ts hands every compiled bundle to this hook) and writes it to RH_CODE_CACHE_PROBE at exit.
'use strict';
const { writeFileSync } = require('node:fs');
const { basename } = require('node:path');

const outcomes = {};
globalThis[Symbol.for('release-hygiene.codeCache.collect')] = (cacheFile, _header, _script, outcome) => {
  outcomes[basename(cacheFile).replace(/\.cache$/, '.js')] = outcome;
};
process.on('exit', () => writeFileSync(process.env.RH_CODE_CACHE_PROBE, JSON.stringify(outcomes)));
