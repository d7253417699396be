// Entry of dist/cliLintJsonl.js: `lint-message --jsonl` alone (issue #13), so a batch of messages compiles the
// commit rules and the config loading, not every other command's code and libraries.
export { lintJsonlCommand } from './commands/lintJsonl';
