// Entry of dist/cliFlags.js: `flags` alone, without the other commands' code and libraries (half of
// dist/cliCommands.js to compile on every run; issue #16).
export { flagsCommand } from './commands/flags';
