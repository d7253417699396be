// Preloaded (node --require) by v8FlagsPreload.test.ts into the built CLI: writes to $RH_FLAG_PROBE_OUT, at exit, the
// Node modules loaded after the CLI last set its V8 flags (V8 then rejects their built-in code caches), whether it
// set one at all, and every Node module loaded.
'use strict';
const v8 = require('node:v8');
const { writeFileSync } = require('node:fs');
const setFlags = v8.setFlagsFromString;
let atFlag = null;
v8.setFlagsFromString = function (flags) {
  atFlag = new Set(process.moduleLoadList);
  return setFlags.call(this, flags);
};
process.on('exit', () => {
  const late = atFlag === null ? [] : process.moduleLoadList.filter((name) => !atFlag.has(name) && name.startsWith('NativeModule '));
  const loaded = process.moduleLoadList.filter((name) => name.startsWith('NativeModule '));
  writeFileSync(process.env.RH_FLAG_PROBE_OUT, JSON.stringify({ flagSet: atFlag !== null, late, loaded }));
});
