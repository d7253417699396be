// Entry of dist/cliRelease.js: `next-version` and `changelog` alone (issue #13), so a release run loads the release
// engine and its libraries (semver, the commit parser, yaml for .releaserc.yaml) without the linter, the flag
// scanners and the pipeline checks that dist/cliCommands.js carries: about 40% less code to load.
export { changelogCommand } from './commands/changelog';
export { nextVersionCommand } from './commands/nextVersion';
