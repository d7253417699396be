// loadProductConfig: which file is read, and its warnings carry the file name; findConfigRootOnDisk: where.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigRootOnDisk, loadProductConfig } from '../../../src/node';
import { removeScratch, scratchDir } from './gitFixture';

describe('loadProductConfig', () => {
  after(removeScratch);

  it('no file: an empty configuration, no warnings', async () => {
    assert.deepEqual(await loadProductConfig(scratchDir()), { config: {}, warnings: [] });
  });

  it('.json alone is read; .yaml wins over .yml and .json; warnings name the file', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, '.release-hygiene.json'), '{ "flags": { "staleDays": 90 }, "typo": 1 }');
    const json = await loadProductConfig(dir);
    assert.equal(json.file, '.release-hygiene.json');
    assert.deepEqual(json.config, { flags: { staleDays: 90 } });
    assert.deepEqual(json.warnings, ['.release-hygiene.json: unknown key "typo" (known: commits, release, flags, migrations, pipelines); ignored']);
    writeFileSync(join(dir, '.release-hygiene.yml'), 'flags: { staleDays: 70 }\n');
    writeFileSync(join(dir, '.release-hygiene.yaml'), '\uFEFFflags: { staleDays: 80 }\n');
    const yaml = await loadProductConfig(dir);
    assert.equal(yaml.file, '.release-hygiene.yaml');
    assert.deepEqual(yaml.config, { flags: { staleDays: 80 } });
  });

  it('the root is the nearest folder above with a .git folder or worktree file, else the folder itself', async () => {
    const repo = scratchDir();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'api', 'db'), { recursive: true });
    assert.equal(await findConfigRootOnDisk(join(repo, 'api', 'db')), repo);
    assert.equal(await findConfigRootOnDisk(repo), repo);
    // A worktree: `.git` is a file naming the real git folder; the nested worktree is its own root.
    writeFileSync(join(repo, 'api', '.git'), 'gitdir: /elsewhere\n');
    assert.equal(await findConfigRootOnDisk(join(repo, 'api', 'db')), join(repo, 'api'));
    const plain = scratchDir();
    mkdirSync(join(plain, 'sub'));
    assert.equal(await findConfigRootOnDisk(join(plain, 'sub')), join(plain, 'sub'));
  });
});
