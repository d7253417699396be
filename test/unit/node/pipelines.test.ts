import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPipelineRepository } from '../../../src/core/pipelines';
import { readPipelineFiles } from '../../../src/node/pipelines';
import { removeScratch, scratchDir } from './gitFixture';

function put(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, ...path.split('/').slice(0, -1)), { recursive: true });
  writeFileSync(join(dir, ...path.split('/')), text);
}

describe('node/pipelines: readPipelineFiles', () => {
  after(removeScratch);

  it('reads the roots and, transitively, local includes and reusable workflows; skips the rest', async () => {
    const dir = scratchDir('rh-pipe-files-');
    put(dir, '.gitlab-ci.yml', "include:\n  - local: /ci/a.yml\n  - 'ci/globbed/*.yml'\n  - remote: https://example.com/x.yml\n  - local: ci/missing.yml\n");
    put(dir, 'ci/a.yml', 'include: ci/b.yml\n');
    put(dir, 'ci/b.yml', 'b: {script: [x]}\n');
    put(dir, 'ci/globbed/one.yml', 'one: {script: [x]}\n');
    put(dir, 'ci/unrelated.yml', 'u: 1\n');
    put(dir, '.github/workflows/ci.yml', 'on: push\njobs:\n  d:\n    uses: ./.github/actions-wf/deploy.yml\n');
    put(dir, '.github/actions-wf/deploy.yml', 'on: workflow_call\njobs: {}\n');
    put(dir, '.github/workflows/notes.txt', 'not yaml');
    put(dir, '\uFEFFignored.yml', 'x');
    const { files, problems } = await readPipelineFiles(dir);
    assert.deepEqual([...files.keys()].sort(), ['.github/actions-wf/deploy.yml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'ci/a.yml', 'ci/b.yml', 'ci/globbed/one.yml']);
    assert.deepEqual(problems, []);
  });

  it('reads package.json when a script runs a package manager, for its scripts', async () => {
    const dir = scratchDir('rh-pipe-package-');
    put(dir, '.github/workflows/release.yml', 'on: push\njobs:\n  r:\n    steps:\n      - run: npm run release\n');
    put(dir, 'package.json', '{"scripts":{"release":"standard-version"}}');
    const { files } = await readPipelineFiles(dir);
    assert.deepEqual([...files.keys()].sort(), ['.github/workflows/release.yml', 'package.json']);
    const without = scratchDir('rh-pipe-no-package-');
    put(without, '.github/workflows/release.yml', 'on: push\njobs:\n  r:\n    steps:\n      - run: make release\n');
    put(without, 'package.json', '{}');
    assert.deepEqual([...(await readPipelineFiles(without)).files.keys()], ['.github/workflows/release.yml']);
  });

  it('reads the action.yml (or action.yaml) of local composite actions, and the actions they call', async () => {
    const dir = scratchDir('rh-pipe-actions-');
    put(dir, '.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    steps:\n      - uses: ./.github/actions/outer\n');
    put(dir, '.github/actions/outer/action.yml', 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n');
    put(dir, '.github/actions/inner/action.yaml', 'runs:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n');
    const { files, problems } = await readPipelineFiles(dir);
    assert.deepEqual([...files.keys()].sort(), ['.github/actions/inner/action.yaml', '.github/actions/outer/action.yml', '.github/workflows/ci.yml']);
    assert.deepEqual(problems, []);
  });

  it('gitlab-conditions fixture: include rules and inputs, workflow rules, !reference in rules, only:', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'pipelines', 'gitlab-conditions');
    const { files, problems } = await readPipelineFiles(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual([...files.keys()].sort(), ['.gitlab-ci.yml', 'ci/deploy.yml', 'ci/review.yml']);
    const result = lintPipelineRepository(files);
    const at = (f: { file: string; start: number; end: number }): string => files.get(f.file)!.slice(f.start, f.end);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}@${f.job}@${f.file} ${at(f)}`).sort(), [
      'deploy-allow-failure@deploy-production@ci/deploy.yml manual',
      'deploy-latest-tag@deploy-production@ci/deploy.yml $[[ inputs.image ]]',
      'gate-allow-failure@lint@.gitlab-ci.yml true',
    ]);
    const preview = result.jobs.find((j) => j.name === 'deploy-production-preview');
    assert.equal(preview?.role, 'production-deploy');
    assert.match(preview?.reason ?? '', /runs in no production pipeline/);
  });

  it('an empty folder or a missing one gives no files and no problems', async () => {
    assert.deepEqual(await readPipelineFiles(scratchDir('rh-pipe-empty-')), { files: new Map(), problems: [] });
    assert.deepEqual(await readPipelineFiles(join(scratchDir('rh-pipe-gone-'), 'nope')), { files: new Map(), problems: [] });
  });

  it('strips a UTF-8 BOM', async () => {
    const dir = scratchDir('rh-pipe-bom-');
    put(dir, '.gitlab-ci.yml', '\uFEFFa: 1\n');
    const { files } = await readPipelineFiles(dir);
    assert.equal(files.get('.gitlab-ci.yml'), 'a: 1\n');
  });
});
