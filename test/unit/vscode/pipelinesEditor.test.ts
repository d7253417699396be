// The pure parts of the pipelines editor (no vscode import at run time): which files are pipeline roots and the
// folder their repository-relative paths start at, and how include references become paths under that folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pipelineKind } from '../../../src/core/pipelines';
import { isGlob, normalizeReference, pipelineRootOf, relativeTo, resolveUnder } from '../../../src/vscode/pipelines/pipelinePaths';

const repo = path.join(path.sep, 'work', 'acme');

describe('pipelines editor: roots and references', () => {
  it('finds GitLab and GitHub roots by path, with the repository folder they are relative to', () => {
    assert.deepEqual(pipelineRootOf(path.join(repo, '.gitlab-ci.yml')), { fsPath: path.join(repo, '.gitlab-ci.yml'), base: repo, rel: '.gitlab-ci.yml' });
    assert.deepEqual(pipelineRootOf(path.join(repo, '.github', 'workflows', 'release.yaml')), {
      fsPath: path.join(repo, '.github', 'workflows', 'release.yaml'),
      base: repo,
      rel: '.github/workflows/release.yaml',
    });
    // A nested project's pipeline is relative to its own folder.
    assert.equal(pipelineRootOf(path.join(repo, 'services', 'api', '.gitlab-ci.yml'))?.base, path.join(repo, 'services', 'api'));
  });

  it('agrees with the engine on what is a pipeline root', () => {
    const candidates = [
      '.gitlab-ci.yml', '.gitlab-ci.yaml', 'sub/.gitlab-ci.yml', '.github/workflows/ci.yml', '.github/workflows/ci.yaml',
      '.github/workflows/nested/ci.yml', '.github/ci.yml', 'workflows/ci.yml', 'gitlab-ci.yml', 'ci/deploy.yml',
      '.github/workflows/README.md', 'x/.github/workflows/deploy.yml',
    ];
    for (const candidate of candidates) {
      const root = pipelineRootOf(path.join(repo, ...candidate.split('/')));
      assert.equal(root !== undefined, pipelineKind(candidate) !== undefined, candidate);
    }
  });

  it('cleans include references into paths under the repository folder, refusing ones that leave it', () => {
    assert.equal(normalizeReference('/ci/deploy.yml'), 'ci/deploy.yml');
    assert.equal(normalizeReference('./ci/deploy.yml'), 'ci/deploy.yml');
    assert.equal(normalizeReference('ci//jobs/../deploy.yml'), 'ci/deploy.yml');
    assert.equal(normalizeReference(' ci\\deploy.yml '), 'ci/deploy.yml');
    assert.equal(normalizeReference('../other/.gitlab-ci.yml'), undefined);
    assert.equal(normalizeReference('ci/../../x.yml'), undefined);
    assert.equal(normalizeReference('/'), undefined);
    assert.equal(resolveUnder(repo, 'ci/deploy.yml'), path.join(repo, 'ci', 'deploy.yml'));
    assert.equal(relativeTo(repo, path.join(repo, 'ci', 'deploy.yml')), 'ci/deploy.yml');
    assert.equal(relativeTo(repo, path.join(path.sep, 'work', 'other', 'x.yml')), undefined);
    assert.equal(relativeTo(repo, repo), undefined);
  });

  it('tells globs from plain paths', () => {
    assert.equal(isGlob('ci/*.yml'), true);
    assert.equal(isGlob('ci/**/jobs.yml'), true);
    assert.equal(isGlob('ci/{a,b}.yml'), true);
    assert.equal(isGlob('ci/deploy.yml'), false);
  });
});
