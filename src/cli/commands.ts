// Entry of dist/cliCommands.js: the commands that need no SQL parser. dist/cli.js holds only the argument
// parsing and the help, so `--help` and `--version` start nothing else (issue #13). `next-version` and
// `changelog` are in dist/cliRelease.js (releaseCommands.ts).
export { demoCommand } from './commands/demo';
export { lintCommitsCommand } from './commands/lintCommits';
export { lintJsonlCommand } from './commands/lintJsonl';
export { lintMessageCommand } from './commands/lintMessage';
export { flagsCommand } from './commands/flags';
export { pipelinesCommand } from './commands/pipelines';
export { installHookCommand, uninstallHookCommand } from './commands/hooks';
