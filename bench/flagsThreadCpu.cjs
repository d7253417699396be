// Preloaded (node --require bench/flagsThreadCpu.cjs dist/cli.js flags …) by hand: appends to $THR_OUT (default
// flags-threads.txt in the working folder), at exit, the main thread's CPU (utime + stime of
// /proc/self/task/<pid>/stat, ms), the node process's CPU (every thread, no children), when the search worker was
// constructed and how long until its first answer, and the wall time at exit, labelled $THR_LABEL. Linux only.
'use strict';
const { appendFileSync, readFileSync } = require('node:fs');
const workerThreads = require('node:worker_threads');
const Worker = workerThreads.Worker;
let started = 0;
let answered = 0;
workerThreads.Worker = class extends Worker {
  constructor(...args) {
    super(...args);
    started = performance.now();
    this.once('message', () => (answered = performance.now()));
  }
};
process.on('exit', () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const usage = process.resourceUsage();
  const main = (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  const proc = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  const worker = started ? `wstart ${started.toFixed(0)} wready ${answered ? (answered - started).toFixed(0) : '-'}` : 'wstart -';
  appendFileSync(process.env.THR_OUT || 'flags-threads.txt', `${process.env.THR_LABEL || 'run'} main ${main} proc ${proc} ${worker} exit ${performance.now().toFixed(0)}\n`);
});
