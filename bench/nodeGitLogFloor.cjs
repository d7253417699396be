// The least a Node process does to read a history (issue #13): start, spawn `git` with the arguments given and take
// its output as it comes, counting the bytes: no parsing, no plan, no report. The changelog row compares the CLI
// with `git log` alone; this process says how much of that ratio is Node's start and the pipe, not the work.
//   node bench/nodeGitLogFloor.cjs log -z --format=%H%x1f%P%x1f%B     (from inside the repository)
'use strict';
const { spawn } = require('node:child_process');

// GIT_FLUSH=0 as the CLI sets it: git writes its output in stdio-buffer-sized pieces, not a flush per commit.
const child = spawn('git', process.argv.slice(2), { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, GIT_FLUSH: '0' } });
let bytes = 0;
child.stdout.on('data', (chunk) => {
  bytes += chunk.length;
});
child.on('close', (code) => {
  process.stdout.write(`${bytes} bytes\n`);
  process.exitCode = code ?? 1;
});
