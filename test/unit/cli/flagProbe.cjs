// Preloaded (node --require) by v8FlagsPreload.test.ts into the built CLI: writes to $RH_FLAG_PROBE_OUT, at exit, the
// Node modules loaded while a V8 flag the CLI set was in effect (V8 then rejects their built-in code caches; the
// flags command puts V8's default budget back for moments, src/cli/v8Flags.ts), whether it set one at all, and
// every Node module loaded.
'use strict';
const v8 = require('node:v8');
const { writeFileSync } = require('node:fs');
// V8's own tier-up settings as the CLI puts them back (CliTiering.defaults in v8Flags.ts, one call), from the test.
const DEFAULTS = process.env.RH_FLAG_PROBE_DEFAULTS;
const setFlags = v8.setFlagsFromString;
let flagSet = false;
let flaggedFrom = null; // index in process.moduleLoadList where the flag last took effect; null under the defaults
const late = new Set();
function collectLate() {
  if (flaggedFrom === null) return;
  for (const name of process.moduleLoadList.slice(flaggedFrom)) if (name.startsWith('NativeModule ')) late.add(name);
  flaggedFrom = null;
}
v8.setFlagsFromString = function (flags) {
  flagSet = true;
  collectLate();
  if (flags !== DEFAULTS) flaggedFrom = process.moduleLoadList.length;
  return setFlags.call(this, flags);
};
process.on('exit', () => {
  collectLate();
  const loaded = process.moduleLoadList.filter((name) => name.startsWith('NativeModule '));
  writeFileSync(process.env.RH_FLAG_PROBE_OUT, JSON.stringify({ flagSet, late: [...late], loaded }));
});
