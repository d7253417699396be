// The pure parts of the pipelines editor (no vscode import at run time): which files are pipeline roots and the
// folder their repository-relative paths start at, and how include references become paths under that folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pipelineKind } from '../../../src/core/pipelines';
import { isGlob, normalizeReference, pipelineRootOf, relativeTo, resolveUnder } from '../../../src/vscode/pipelines/pipelinePaths';
import { lineCharacters } from '../../../src/vscode/textPositions';

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

describe('positions in a file that is not open (workspace-wide diagnostics)', () => {
  it('counts lines as a TextDocument does: \\n, \\r\\n and a lone \\r', () => {
    const text = 'a: 1\r\nb: 2\rc: 3\n\nd: é😀x';
    const at = lineCharacters(text);
    assert.deepEqual(at(0), { line: 0, character: 0 });
    assert.deepEqual(at(text.indexOf('b')), { line: 1, character: 0 });
    assert.deepEqual(at(text.indexOf('c')), { line: 2, character: 0 });
    assert.deepEqual(at(text.indexOf('3') + 1), { line: 2, character: 4 });
    assert.deepEqual(at(text.indexOf('d')), { line: 4, character: 0 });
    // UTF-16 code units, as a Finding's offsets: the emoji is two.
    assert.deepEqual(at(text.indexOf('x')), { line: 4, character: 6 });
  });

  it('clamps an offset inside a \\r\\n to the line end, and one past the text to its end', () => {
    const text = 'ab\r\ncd';
    const at = lineCharacters(text);
    assert.deepEqual(at(3), { line: 0, character: 2 });
    assert.deepEqual(at(99), { line: 1, character: 2 });
    assert.deepEqual(at(-5), { line: 0, character: 0 });
    assert.deepEqual(lineCharacters('')(0), { line: 0, character: 0 });
    assert.deepEqual(lineCharacters('x\n')(2), { line: 1, character: 0 });
  });
});
