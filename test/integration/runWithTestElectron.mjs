#!/usr/bin/env node
// The same extension-host suite through @vscode/test-electron's runTests(), as on a desktop machine:
//   node test/integration/runWithTestElectron.mjs
// downloads VS Code (VSCODE_VERSION, default 1.100.3) into .vscode-test/ and runs the suite in desktop VS Code
// (on Linux without a display, run it under xvfb-run -a). With
//   VSCODE_EXECUTABLE=tools/vscode-test/code-wrapper node test/integration/runWithTestElectron.mjs
// no download happens: runTests spawns the wrapper, which runs the suite in code-server (the harness).
// Env: RH_TEST_GREP=regex is passed to the extension host (extensionTestsEnv).
import path from 'node:path';
import fs from 'node:fs';
import testElectron from '@vscode/test-electron';
import { buildSuite, ROOT } from './buildSuite.mjs';
import { createFixtureRepo, removeFixtureRepo } from './fixture/createFixtureRepo.mjs';

const { runTests } = testElectron;
if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
  console.error('dist/extension.js is missing: run npm run build first');
  process.exit(1);
}
const extensionTestsPath = await buildSuite();
const fixture = createFixtureRepo();
const executable = process.env.VSCODE_EXECUTABLE ? path.resolve(process.env.VSCODE_EXECUTABLE) : undefined;
let code = 0;
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_VERSION || '1.100.3' }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [fixture, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: process.env.RH_TEST_GREP ? { RH_TEST_GREP: process.env.RH_TEST_GREP } : {},
  });
  console.log('runTests resolved: the suite passed');
} catch (error) {
  console.error('runTests rejected:', error instanceof Error ? error.message : error);
  code = 1;
} finally {
  removeFixtureRepo(fixture);
}
process.exit(code);
