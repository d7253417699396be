// How long the flag search's worker thread takes to answer its first (empty) batch, from `new Worker`: run it as
// `node bench/workerStart.cjs dist/flagsSearchWorker.js` and as `node --interrupt-budget=1048576 …` (the CLI's V8
// flag, under which V8 rejects the code caches of Node's own modules; src/cli/v8Flags.ts).
'use strict';
const { Worker } = require('node:worker_threads');
const script = require('node:path').resolve(process.argv[2] || 'dist/flagsSearchWorker.js');
const started = performance.now();
const worker = new Worker(script, { workerData: { names: ['isEnabled'], maxBytes: 1 << 20, prefix: '/nonexistent/' } });
worker.postMessage({ id: 0, files: [] });
worker.once('message', () => {
  console.log(`first answer after ${(performance.now() - started).toFixed(1)} ms`);
  void worker.terminate();
});
