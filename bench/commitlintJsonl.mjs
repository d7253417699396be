// The peer of `release-hygiene lint-message --jsonl` as a whole process: @commitlint/lint in a loop over the same
// JSON Lines on stdin ({"id", "message"}), config-conventional's rules and the conventionalcommits parser options,
// one answer line per record ({"id", "valid", "errors": [rule names]}), written once at the end. Plain JavaScript,
// so no TypeScript loader is timed. Run by bench/cliProcess.bench.ts:  node bench/commitlintJsonl.mjs < input.jsonl
import { createInterface } from 'node:readline';
import lint from '@commitlint/lint';
import configConventional from '@commitlint/config-conventional';
import preset from 'conventional-changelog-conventionalcommits';

const { parser: parserOpts } = await preset();
const rules = configConventional.rules;
const options = { parserOpts, defaultIgnores: true };
const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  const { id, message } = JSON.parse(line);
  const result = await lint(message, rules, options);
  out.push(JSON.stringify({ id, valid: result.valid, errors: result.errors.map((error) => error.name) }));
}
process.stdout.write(`${out.join('\n')}\n`);
