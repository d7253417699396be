/**
 * Shareable commitlint configs other than the built-in presets: found in a real node_modules folder (or as a
 * relative file), read as data, their own `extends` followed, and the ones that need running reported by name.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCommitLintConfig, type ConfigProblem } from '../../../src/core/commits';
import { loadCommitLintConfig, loadCommitLintConfigFile } from '../../../src/node';
import { removeScratch, scratchDir } from './gitFixture';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'shareable-configs');

function workspace(files: Record<string, string>): string {
  const dir = scratchDir('rh-shared-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Loads and resolves as the CLI does; all problems together. */
async function resolved(dir: string, trusted = false): Promise<{ rules: Record<string, readonly unknown[] | undefined>; problems: string[]; sources: readonly string[] }> {
  const loaded = await loadCommitLintConfig(dir, { trusted });
  const result = resolveCommitLintConfig(loaded.layers);
  const problems = [...loaded.problems, ...result.problems].map((p: ConfigProblem) => p.message);
  return { rules: result.config.rules as Record<string, readonly unknown[] | undefined>, problems, sources: result.config.sources };
}

describe('shareable configs from node_modules (read as data, never run)', () => {
  after(removeScratch);

  it('reads a scoped package through package.json main, and its own extends of a built-in preset', async () => {
    const dir = workspace({
      '.commitlintrc.json': json({ extends: ['@acme/commitlint-config'], rules: { 'header-max-length': [2, 'always', 80] } }),
      'node_modules/@acme/commitlint-config/package.json': json({ name: '@acme/commitlint-config', main: 'lib/config.js' }),
      'node_modules/@acme/commitlint-config/lib/config.js':
        "'use strict';\nmodule.exports = {\n  extends: ['@commitlint/config-conventional'],\n  rules: { 'scope-case': [2, 'always', 'kebab-case'], 'header-max-length': [2, 'always', 120] },\n};\n",
    });
    const { rules, problems, sources } = await resolved(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(rules['scope-case'], [2, 'always', 'kebab-case'], 'the shared config\'s own rule');
    assert.deepEqual(rules['type-enum']?.[0], 2, 'config-conventional, extended by the shared config');
    assert.deepEqual(rules['header-max-length'], [2, 'always', 80], 'the repository file overrides what it extends');
    assert.deepEqual(sources, [join(dir, 'node_modules/@acme/commitlint-config/lib/config.js'), join(dir, '.commitlintrc.json')]);
  });

  it('resolves commitlint\'s short names (`@scope` alone, `name` → commitlint-config-name) and exports conditions', async () => {
    const dir = workspace({
      '.commitlintrc.yml': 'extends:\n  - "@acme"\n  - short\n',
      'node_modules/@acme/commitlint-config/package.json': json({ exports: { '.': { types: './x.d.ts', import: './esm.mjs', require: './cjs.cjs' } } }),
      'node_modules/@acme/commitlint-config/esm.mjs': "import type { UserConfig } from '@commitlint/types';\nexport default { rules: { 'body-max-line-length': [1, 'always', 72] } } satisfies UserConfig;\n",
      'node_modules/commitlint-config-short/package.json': json({ name: 'commitlint-config-short' }),
      'node_modules/commitlint-config-short/index.json': json({ rules: { 'subject-empty': [2, 'never'] } }),
    });
    const { rules, problems } = await resolved(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(rules['body-max-line-length'], [1, 'always', 72]);
    assert.deepEqual(rules['subject-empty'], [2, 'never']);
  });

  it('follows a chain of relative files and packages, YAML included, later entries overriding earlier ones', async () => {
    const dir = workspace({
      'package.json': json({ name: 'app', commitlint: { extends: ['./commitlint/base.js', '@acme/strict'] } }),
      'commitlint/base.js': "export default { extends: ['./more.yaml'], rules: { 'header-max-length': [2, 'always', 60] } };\n",
      'commitlint/more.yaml': 'rules:\n  header-max-length: [2, always, 50]\n  body-leading-blank: [1, always]\n',
      'node_modules/@acme/strict/package.json': json({ main: 'index.json' }),
      'node_modules/@acme/strict/index.json': json({ rules: { 'body-leading-blank': [2, 'always'] } }),
    });
    const { rules, problems } = await resolved(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(rules['header-max-length'], [2, 'always', 60], 'base.js over the more.yaml it extends');
    assert.deepEqual(rules['body-leading-blank'], [2, 'always'], '@acme/strict comes after base.js');
  });

  it('finds node_modules of a parent folder inside the workspace (a config in a sub-folder)', async () => {
    const dir = workspace({
      'tools/commitlint.json': json({ extends: ['@acme/commitlint-config'] }),
      'node_modules/@acme/commitlint-config/index.js': "module.exports = { rules: { 'type-empty': [2, 'never'] } };\n",
    });
    const loaded = await loadCommitLintConfigFile(join(dir, 'tools/commitlint.json'), { trusted: false, workspaceRoot: dir });
    const result = resolveCommitLintConfig(loaded.layers);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.config.rules['type-empty'], [2, 'never']);
  });

  it('reports a cycle with the files in it and still applies the rest', async () => {
    const dir = workspace({
      '.commitlintrc.json': json({ extends: ['./a.json'], rules: { 'subject-empty': [2, 'never'] } }),
      'a.json': json({ extends: ['./b.json'], rules: { 'type-empty': [2, 'never'] } }),
      'b.json': json({ extends: ['./a.json'] }),
    });
    const { rules, problems } = await resolved(dir);
    assert.deepEqual(problems, ["extends './a.json': extends itself in a cycle (a.json → b.json → a.json); its rules are skipped"]);
    assert.deepEqual(rules['type-empty'], [2, 'never']);
    assert.deepEqual(rules['subject-empty'], [2, 'never']);
  });

  it('names a config that is not installed, and what was looked for', async () => {
    const dir = workspace({ '.commitlintrc.json': json({ extends: ['@acme/missing', 'gone'] }) });
    const { problems } = await resolved(dir);
    assert.deepEqual(problems, [
      "extends '@acme/missing': is not installed in the workspace's node_modules (looked for @acme/missing); its rules are skipped",
      "extends 'gone': is not installed in the workspace's node_modules (looked for commitlint-config-gone, gone); its rules are skipped",
    ]);
  });

  it('reports @commitlint/config-lerna-scopes (a function) by name and where, without running it', async () => {
    const dir = workspace({ '.commitlintrc.json': json({ extends: ['@commitlint/config-conventional', '@commitlint/config-lerna-scopes'] }) });
    cpSync(join(FIXTURES, 'config-lerna-scopes'), join(dir, 'node_modules/@commitlint/config-lerna-scopes'), { recursive: true });
    const { rules, problems } = await resolved(dir, true);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0]!,
      /^extends '@commitlint\/config-lerna-scopes': node_modules\/@commitlint\/config-lerna-scopes\/index\.js is not plain data and Release Hygiene never runs a shareable config: unknown name at utils\.getProjects .*; its rules are skipped$/,
    );
    assert.equal(rules['scope-enum'], undefined);
    assert.deepEqual(rules['type-enum']?.[0], 2, 'the built-in preset before it still applies');
  });

  it('reports @form8ion/commitlint-config (a computed value) naming the rule it could not read', async () => {
    const dir = workspace({ '.commitlintrc.json': json({ extends: ['@form8ion/commitlint-config'] }) });
    cpSync(join(FIXTURES, 'form8ion-commitlint-config'), join(dir, 'node_modules/@form8ion/commitlint-config'), { recursive: true });
    const { problems } = await resolved(dir);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /@form8ion\/commitlint-config\/index\.js is not plain data .*spread \(a computed value\) at rules\["type-enum"\]\[2\]\[0\]/);
  });

  it('never runs a shareable config that has code, and never reads one outside the workspace', async () => {
    const outside = scratchDir('rh-shared-outside-');
    writeFileSync(join(outside, 'index.json'), json({ rules: { 'type-empty': [2, 'never'] } }));
    const dir = workspace({
      '.commitlintrc.json': json({ extends: ['@acme/runs', '@acme/linked'] }),
      'node_modules/@acme/runs/index.js': `require('node:fs').writeFileSync(${json(join(outside, 'ran'))}, 'x');\nmodule.exports = { rules: {} };\n`,
    });
    mkdirSync(join(dir, 'node_modules/@acme/linked/..'), { recursive: true });
    symlinkSync(outside, join(dir, 'node_modules/@acme/linked'));
    const { rules, problems } = await resolved(dir, true);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /^extends '@acme\/runs': node_modules\/@acme\/runs\/index\.js is not plain data .*unsupported statement/);
    assert.match(problems[1]!, /^extends '@acme\/linked': .*index\.json is outside the workspace, so it is not read/);
    assert.equal(rules['type-empty'], undefined);
    assert.equal(existsSync(join(outside, 'ran')), false);
  });

  it('reports a package without an entry file, a non-object export and a broken JSON file', async () => {
    const dir = workspace({
      '.commitlintrc.json': json({ extends: ['@acme/empty', './list.json', './broken.json'] }),
      'node_modules/@acme/empty/package.json': json({ main: 'nope.js' }),
      'list.json': '[1, 2]',
      'broken.json': '{ "rules": ',
    });
    const { problems } = await resolved(dir);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0]!, /^extends '@acme\/empty': node_modules\/@acme\/empty has no entry file to read/);
    assert.match(problems[1]!, /^extends '.\/list\.json': list\.json does not export an object \(found an array\)/);
    assert.match(problems[2]!, /^extends '.\/broken\.json': broken\.json is not valid JSON: /);
  });

  it('adds nothing to a layer whose extends are all built in', async () => {
    const dir = workspace({ '.commitlintrc.json': json({ extends: ['@commitlint/config-conventional'] }) });
    const loaded = await loadCommitLintConfig(dir, { trusted: false });
    assert.equal(loaded.layers[0]?.sharedConfigs, undefined);
  });
});
