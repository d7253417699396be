// The real-world corpus (test/fixtures/real-world/pipelines, provenance in its README.md): each repository's
// folder is read and linted as the CLI does (readPipelineFiles, then lintPipelineRepository). No finding may be
// an error, and the warnings must be exactly the reviewed table below (docs/compatibility.md has the same review).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lineColumn, lintPipelineRepository } from '../../../src/core/pipelines';
import { readPipelineFiles } from '../../../src/node/pipelines';

const CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'real-world', 'pipelines');

interface Reviewed {
  /** Workflow files linted as roots. */
  readonly roots: number;
  /** `rule file:line [job]` → why the warning is right, or why it is a known false positive. */
  readonly warnings: Record<string, string>;
}

const BY_HAND_RELEASE =
  'right as a warning (issue #14): environment: ${{ inputs.environment }} defaults to production, so the job is a production deploy, and the workflow has no test or scan job; it only runs when started by hand on a tag, so whether that tag passed CI is decided outside the file';

const REVIEWED: Record<string, Reviewed> = {
  'angular__angular-cli': { roots: 5, warnings: {} },
  'conventional-changelog__commitlint': {
    roots: 5,
    warnings: {
      'gate-allow-failure .github/workflows/audit.yml:20 [audit]':
        'right: the audit job has continue-on-error: true, so a failing audit never blocks; the file says it is deliberate, which a suppression with that reason would record',
    },
  },
  'googleapis__release-please': { roots: 1, warnings: {} },
  'orhun__git-cliff': { roots: 8, warnings: {} },
  'semantic-release__semantic-release': {
    roots: 3,
    warnings: {
      'shallow-clone-release .github/workflows/release.yml:22 [release]':
        'right as a warning: semantic-release runs after a one-commit checkout and deepens it itself with the persisted token; it works here, but only because the credentials allow the fetch',
    },
  },
  'vitejs__vite': { roots: 13, warnings: {} },
  'vuejs__core': { roots: 9, warnings: {} },
  // Release workflows of other ecosystems: Go, Python, Rust.
  'cli__cli': {
    roots: 8,
    warnings: {
      'deploy-without-gates .github/workflows/deployment.yml:31 [linux]': BY_HAND_RELEASE,
      'deploy-without-gates .github/workflows/deployment.yml:65 [macos]': BY_HAND_RELEASE,
      'deploy-without-gates .github/workflows/deployment.yml:136 [windows]': BY_HAND_RELEASE,
      'deploy-without-gates .github/workflows/deployment.yml:242 [release]': BY_HAND_RELEASE,
    },
  },
  'goreleaser__goreleaser': { roots: 16, warnings: {} },
  'commitizen-tools__commitizen': { roots: 9, warnings: {} },
  'python-semantic-release__python-semantic-release': { roots: 5, warnings: {} },
  'ratatui__ratatui': {
    roots: 5,
    warnings: {
      'gate-allow-failure .github/workflows/ci.yml:122 [lint-clippy]':
        'right: clippy on the beta toolchain may fail (continue-on-error: matrix.toolchain == beta), so that leg is advisory; the comment above the job says so',
    },
  },
};

describe('pipelines: the real-world corpus, linted as the CLI does', function () {
  this.timeout(30_000);

  it('every folder of the corpus has a reviewed entry, and every entry a folder', () => {
    const folders = readdirSync(CORPUS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(folders, Object.keys(REVIEWED).sort());
  });

  for (const [repository, reviewed] of Object.entries(REVIEWED)) {
    it(`${repository}: no error, and exactly the reviewed warnings`, async () => {
      const { files, problems } = await readPipelineFiles(join(CORPUS, repository));
      assert.deepEqual(problems, []);
      const result = lintPipelineRepository(files);
      assert.equal(result.roots.length, reviewed.roots, `roots: ${result.roots.join(', ')}`);
      const describe = (f: (typeof result.findings)[number]): string =>
        `${f.ruleId} ${f.file}:${lineColumn(files.get(f.file) ?? '', f.start).line} [${f.job ?? '-'}]`;
      const errors = result.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => `${describe(f)} ${f.message}`), []);
      const warnings = result.findings.filter((f) => f.severity === 'warning');
      assert.deepEqual(warnings.map(describe).sort(), Object.keys(reviewed.warnings).sort(), warnings.map((f) => `${describe(f)} ${f.message}`).join('\n'));
    });
  }
});
