// Entry point of the `release-hygiene` bin (bundled to dist/cli.js). The only place that sets the exit code;
// nothing calls process.exit, so pending output is always flushed.
import { runCli } from './run';

void runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  ...(process.argv[1] !== undefined ? { script: process.argv[1] } : {}),
  execPath: process.execPath,
}).then((code) => {
  process.exitCode = code;
});

// `release-hygiene … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.stdout.destroy();
  else throw error;
});
