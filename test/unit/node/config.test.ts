import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommitLintConfig, loadCommitLintConfigFile, type LoadedCommitLintConfig } from '../../../src/node';
import { removeScratch, scratchDir } from './gitFixture';

function folderWith(files: Record<string, string>): string {
  const dir = scratchDir('rh-config-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function onlyLayer(loaded: LoadedCommitLintConfig): { config: unknown; source: string } {
  assert.deepEqual(loaded.problems, [], 'no problems expected');
  assert.equal(loaded.layers.length, 1);
  return loaded.layers[0]!;
}

function onlyProblem(loaded: LoadedCommitLintConfig): { severity: string; message: string; source?: string } {
  assert.deepEqual(loaded.layers, [], 'falls back to the defaults: no layers');
  assert.equal(loaded.problems.length, 1, JSON.stringify(loaded.problems));
  return loaded.problems[0]!;
}

const trusted = { trusted: true } as const;
const untrusted = { trusted: false } as const;

describe('loadCommitLintConfig', () => {
  after(removeScratch);

  it('has no layers and no problems without a config', async () => {
    const dir = folderWith({ 'package.json': '{"name":"x"}' });
    assert.deepEqual(await loadCommitLintConfig(dir, trusted), { layers: [], problems: [] });
  });

  it('reads .commitlintrc.json and names the file as the source', async () => {
    const dir = folderWith({ '.commitlintrc.json': '{"extends":["@commitlint/config-conventional"],"rules":{"header-max-length":[2,"always",72]}}' });
    const layer = onlyLayer(await loadCommitLintConfig(dir, untrusted));
    assert.deepEqual(layer.config, { extends: ['@commitlint/config-conventional'], rules: { 'header-max-length': [2, 'always', 72] } });
    assert.equal(layer.source, join(dir, '.commitlintrc.json'));
  });

  it('reads .commitlintrc as YAML or JSON, and .commitlintrc.yml', async () => {
    const yaml = folderWith({ '.commitlintrc': 'extends:\n  - "@commitlint/config-conventional"\nrules:\n  scope-case: [2, always, kebab-case]\n' });
    assert.deepEqual(onlyLayer(await loadCommitLintConfig(yaml, untrusted)).config, {
      extends: ['@commitlint/config-conventional'],
      rules: { 'scope-case': [2, 'always', 'kebab-case'] },
    });
    const json = folderWith({ '.commitlintrc': '{ "rules": { "body-leading-blank": [1, "always"] } }' });
    assert.deepEqual(onlyLayer(await loadCommitLintConfig(json, untrusted)).config, { rules: { 'body-leading-blank': [1, 'always'] } });
    const yml = folderWith({ '.commitlintrc.yml': 'rules: { type-enum: [2, always, [feat, fix]] }\n' });
    assert.deepEqual(onlyLayer(await loadCommitLintConfig(yml, untrusted)).config, { rules: { 'type-enum': [2, 'always', ['feat', 'fix']] } });
  });

  it('takes package.json#commitlint first, and skips a package.json without the key', async () => {
    const withKey = folderWith({
      'package.json': '{"name":"x","commitlint":{"rules":{"a":[0]}}}',
      '.commitlintrc.json': '{"rules":{"b":[0]}}',
    });
    const layer = onlyLayer(await loadCommitLintConfig(withKey, untrusted));
    assert.deepEqual(layer.config, { rules: { a: [0] } });
    assert.equal(layer.source, join(withKey, 'package.json'));
    const withoutKey = folderWith({ 'package.json': '{"name":"x"}', '.commitlintrc.json': '{"rules":{"b":[0]}}' });
    assert.deepEqual(onlyLayer(await loadCommitLintConfig(withoutKey, untrusted)).config, { rules: { b: [0] } });
  });

  it('follows commitlint search order: .commitlintrc.json before commitlint.config.js', async () => {
    const dir = folderWith({ 'commitlint.config.js': 'module.exports = { rules: { js: [0] } };', '.commitlintrc.json': '{"rules":{"json":[0]}}' });
    assert.deepEqual(onlyLayer(await loadCommitLintConfig(dir, trusted)).config, { rules: { json: [0] } });
  });

  it('skips an empty config file, as cosmiconfig does', async () => {
    const dir = folderWith({ '.commitlintrc': '', '.commitlintrc.yaml': 'rules: {}\n' });
    assert.equal(onlyLayer(await loadCommitLintConfig(dir, untrusted)).source, join(dir, '.commitlintrc.yaml'));
  });

  it('reports invalid JSON once, naming the file and the error, and falls back', async () => {
    const dir = folderWith({ '.commitlintrc.json': '{ "rules": { ' });
    const problem = onlyProblem(await loadCommitLintConfig(dir, trusted));
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /^\.commitlintrc\.json: invalid JSON: .+; using the built-in defaults$/);
    assert.equal(problem.source, join(dir, '.commitlintrc.json'));
  });

  it('reports invalid YAML and a non-object config', async () => {
    const bad = folderWith({ '.commitlintrc.yaml': 'rules: [unclosed\n' });
    assert.match(onlyProblem(await loadCommitLintConfig(bad, trusted)).message, /\.commitlintrc\.yaml: invalid YAML/);
    const list = folderWith({ '.commitlintrc.yml': '- a\n- b\n' });
    assert.match(onlyProblem(await loadCommitLintConfig(list, trusted)).message, /must be an object, found an array/);
  });

  it('reports a broken package.json instead of throwing', async () => {
    const dir = folderWith({ 'package.json': '{ nope' });
    assert.match(onlyProblem(await loadCommitLintConfig(dir, trusted)).message, /^package\.json: cannot parse/);
  });

  describe('JavaScript and TypeScript configs', () => {
    it('never executes them untrusted: one warning, built-in defaults', async () => {
      const dir = scratchDir('rh-config-');
      const marker = join(dir, 'executed');
      writeFileSync(join(dir, 'commitlint.config.cjs'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`);
      const problem = onlyProblem(await loadCommitLintConfig(dir, untrusted));
      assert.equal(problem.severity, 'warning');
      assert.equal(problem.message, 'commitlint.config.cjs is JavaScript and is not executed in an untrusted workspace; using the built-in defaults');
      assert.equal(existsSync(marker), false);
      const reason = await loadCommitLintConfig(dir, { trusted: false, untrustedReason: 'with --no-js-config' });
      assert.match(reason.problems[0]!.message, /not executed with --no-js-config/);
    });

    it('reads a data-only module.exports statically when trusted', async () => {
      const dir = folderWith({
        '.commitlintrc.js': "// config\nmodule.exports = {\n  extends: ['@commitlint/config-conventional'],\n  rules: { 'subject-case': [0], },\n};\n",
      });
      assert.deepEqual(onlyLayer(await loadCommitLintConfig(dir, trusted)).config, {
        extends: ['@commitlint/config-conventional'],
        rules: { 'subject-case': [0] },
      });
    });

    it('reads the usual TypeScript shape statically (no TypeScript runtime needed)', async () => {
      const dir = folderWith({
        'commitlint.config.ts': [
          "import type { UserConfig } from '@commitlint/types';",
          "import { RuleConfigSeverity } from '@commitlint/types';",
          '',
          'const Configuration: UserConfig = {',
          "  extends: ['@commitlint/config-conventional'],",
          "  rules: { 'type-enum': [RuleConfigSeverity.Error, 'always', ['feat', 'fix']] as const },",
          '};',
          '',
          'export default Configuration;',
        ].join('\n'),
      });
      assert.deepEqual(onlyLayer(await loadCommitLintConfig(dir, trusted)).config, {
        extends: ['@commitlint/config-conventional'],
        rules: { 'type-enum': [2, 'always', ['feat', 'fix']] },
      });
    });

    it('imports a config with functions when trusted, keeping the functions', async () => {
      const dir = folderWith({
        'commitlint.config.cjs': "module.exports = { rules: { 'a': [0] }, ignores: [(message) => message.startsWith('WIP')] };",
      });
      const layer = onlyLayer(await loadCommitLintConfig(dir, trusted));
      const config = layer.config as { ignores: ((m: string) => boolean)[]; rules: unknown };
      assert.deepEqual(config.rules, { a: [0] });
      assert.equal(config.ignores[0]!('WIP: x'), true);
      assert.equal(config.ignores[0]!('feat: x'), false);
    });

    it('imports an ES module config with computed values when trusted', async () => {
      const dir = folderWith({
        'commitlint.config.mjs': "const types = ['feat', 'fix'].map((t) => t);\nexport default { rules: { 'type-enum': [2, 'always', types] } };\n",
      });
      assert.deepEqual(onlyLayer(await loadCommitLintConfig(dir, trusted)).config, { rules: { 'type-enum': [2, 'always', ['feat', 'fix']] } });
    });

    it('reports a config that throws, naming the file and the error', async () => {
      const dir = folderWith({ 'commitlint.config.cjs': "throw new Error('boom from config');" });
      const problem = onlyProblem(await loadCommitLintConfig(dir, trusted));
      assert.match(problem.message, /^commitlint\.config\.cjs: cannot load: boom from config; using the built-in defaults$/);
    });

    it('gives up on a config that never finishes loading', async () => {
      const dir = folderWith({ 'commitlint.config.mjs': 'await new Promise(() => {});\nexport default {};\n' });
      const problem = onlyProblem(await loadCommitLintConfig(dir, { trusted: true, timeoutMs: 300 }));
      assert.match(problem.message, /did not finish loading within 300 ms/);
    });

    it('gives up on a config stuck in a synchronous loop without freezing this thread', async () => {
      const dir = folderWith({ 'commitlint.config.cjs': 'for (;;) {}\nmodule.exports = { rules: {} };\n' });
      const problem = onlyProblem(await loadCommitLintConfig(dir, { trusted: true, timeoutMs: 300 }));
      assert.match(problem.message, /^commitlint\.config\.cjs: cannot load: did not finish loading within 300 ms/);
    });

    it('reports a TypeScript config that needs running when Node cannot run TypeScript', async function () {
      if ((process.features as { typescript?: unknown }).typescript) this.skip();
      const dir = folderWith({ 'commitlint.config.ts': "const types: string[] = ['feat'].map((t) => t);\nexport default { rules: { 'type-enum': [2, 'always', types] } };\n" });
      const problem = onlyProblem(await loadCommitLintConfig(dir, trusted));
      assert.match(problem.message, /^commitlint\.config\.ts: TypeScript config could not be read statically \(.+\) and Node\.js v[\d.]+ cannot run TypeScript/);
    });
  });

  describe('loadCommitLintConfigFile', () => {
    it('reads an explicit file by its extension', async () => {
      const dir = folderWith({ 'ci/lint.yaml': 'rules:\n  header-max-length: [2, always, 50]\n' });
      assert.deepEqual(onlyLayer(await loadCommitLintConfigFile(join(dir, 'ci/lint.yaml'), untrusted)).config, {
        rules: { 'header-max-length': [2, 'always', 50] },
      });
    });

    it('reports a missing file', async () => {
      const file = join(scratchDir(), 'missing.json');
      assert.match(onlyProblem(await loadCommitLintConfigFile(file, trusted)).message, /^missing\.json: cannot read: no such file/);
    });
  });
});
