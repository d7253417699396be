import assert from 'node:assert/strict';
import { readStaticConfig } from '../../../src/node/staticConfig';

function read(source: string): unknown {
  const result = readStaticConfig(source);
  if (!result.ok) assert.fail(`expected a static read, got: ${result.reason}`);
  return result.value;
}

function refused(source: string): string {
  const result = readStaticConfig(source);
  assert.equal(result.ok, false, `expected a refusal for: ${source}`);
  return result.ok ? '' : result.reason;
}

describe('readStaticConfig (JS/TS config read without running it)', () => {
  it('reads module.exports and export default object literals', () => {
    assert.deepEqual(read("module.exports = { extends: ['@commitlint/config-conventional'] };"), { extends: ['@commitlint/config-conventional'] });
    assert.deepEqual(read('export default { rules: {} }'), { rules: {} });
  });

  it('accepts comments, trailing commas, quoted keys, directives and a shebang', () => {
    const source = `#!/usr/bin/env node
'use strict';
/* block */ module.exports = {
  // line comment
  "rules": { 'header-max-length': [2, "always", 100,], },
  helpUrl: 'https://example.invalid/help', // trailing
};`;
    assert.deepEqual(read(source), { rules: { 'header-max-length': [2, 'always', 100] }, helpUrl: 'https://example.invalid/help' });
  });

  it('reads every literal kind', () => {
    assert.deepEqual(
      read("export default { a: true, b: false, c: null, d: -1.5, e: 0x10, f: 1_000, g: `tpl\\n`, h: 'q\\'s\\u00e9\\x41', i: undefined, 2: 'num key' };"),
      { a: true, b: false, c: null, d: -1.5, e: 16, f: 1000, g: 'tpl\n', h: "q'séA", i: undefined, '2': 'num key' },
    );
  });

  it('resolves consts, shorthand properties, type annotations, as/satisfies and RuleConfigSeverity', () => {
    const source = `
import type { UserConfig } from '@commitlint/types';
import { RuleConfigSeverity } from '@commitlint/types';
const rules = { 'scope-enum': [RuleConfigSeverity.Warning, 'always', ['api'] as string[]] } as const;
const config: UserConfig = { extends: ['@commitlint/config-conventional'], rules };
export default config satisfies UserConfig;`;
    assert.deepEqual(read(source), { extends: ['@commitlint/config-conventional'], rules: { 'scope-enum': [1, 'always', ['api']] } });
  });

  it('reads the CommonJS TypeScript form with require of @commitlint/types', () => {
    const source = `const { RuleConfigSeverity } = require('@commitlint/types');
module.exports = { rules: { 'body-max-line-length': [RuleConfigSeverity.Disabled] } } satisfies UserConfig`;
    assert.deepEqual(read(source), { rules: { 'body-max-line-length': [0] } });
  });

  it('keeps a __proto__ key inert, as JSON.parse does', () => {
    const value = read("export default { __proto__: { polluted: true }, rules: {} };") as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  it('refuses anything that would need running', () => {
    assert.match(refused("module.exports = { ignores: [(c) => c.includes('WIP')] };"), /code|unsupported/);
    assert.match(refused('module.exports = { ignores: [function (c) { return true; }] };'), /code/);
    assert.match(refused("module.exports = require('./base');"), /code/);
    assert.match(refused('const base = {}; module.exports = { ...base };'), /unsupported property/);
    assert.match(refused('module.exports = { [key]: 1 };'), /unsupported property/);
    assert.match(refused('module.exports = { a: process.env.X };'), /member access/);
    assert.match(refused('module.exports = { a: `x${1}` };'), /template/);
    assert.match(refused("console.log('hi'); module.exports = {};"), /unsupported statement/);
    assert.match(refused('module.exports = { a: 1 + 2 };'), /expected "," or "}"/);
    assert.match(refused('const a = 1;'), /no `export default`/);
    assert.match(refused("module.exports = { a: 'unterminated };"), /unterminated string/);
    assert.match(refused('export default {} ; export default {}'), /second export/);
  });
});
