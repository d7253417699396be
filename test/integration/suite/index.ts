// extensionTestsPath entry: VS Code's extension host requires the bundled index.cjs and awaits run().
// Runs every bundled *.test.cjs beside it with mocha (tdd UI) and prints a plain `N passed, N failed` line.
// Env (reaches the extension host through code-server / test-electron's extensionTestsEnv):
//   RH_TEST_GREP  only run tests whose full title matches this regular expression.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The extension host forwards console output without printf formatting: format mocha's '%s' lines here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000, slow: 5_000 });
  if (process.env.RH_TEST_GREP) mocha.grep(new RegExp(process.env.RH_TEST_GREP));
  const files = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.cjs')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const passed = stats?.passes ?? 0;
        console.log(`${passed} passed, ${failures} failed${stats?.pending ? `, ${stats.pending} pending` : ''}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      console.error(error);
      console.log('0 passed, 1 failed');
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
