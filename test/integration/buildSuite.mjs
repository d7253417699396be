// Bundles the extension-host suite (test/integration/suite/*.ts) into CommonJS under out/integration/suite/:
// index.cjs (the extensionTestsPath: exports run()) and one *.test.cjs per test file. `vscode` is provided by
// the extension host and `mocha` is the root devDependency (resolved from out/ at run time).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUITE_OUT = path.join(ROOT, 'out', 'integration', 'suite');
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index.cjs');

export async function buildSuite() {
  const srcDir = path.join(ROOT, 'test', 'integration', 'suite');
  const entryPoints = fs.readdirSync(srcDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(srcDir, f));
  // Overwrite in place (no rm -rf: a concurrent run may be loading these files); drop stale test bundles only.
  const wanted = new Set(entryPoints.map((f) => path.basename(f).replace(/\.ts$/, '.cjs')));
  if (fs.existsSync(SUITE_OUT)) {
    for (const f of fs.readdirSync(SUITE_OUT)) if (f.endsWith('.cjs') && !wanted.has(f)) fs.rmSync(path.join(SUITE_OUT, f), { force: true });
  }
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(ROOT, 'out', 'integration', 'package.json'), '{ "type": "commonjs" }\n');
  return SUITE_ENTRY;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite());
}
