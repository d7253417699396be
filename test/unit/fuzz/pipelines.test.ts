// Properties of the GitLab and GitHub pipeline readers and rules (docs/reliability.md, "Property and fuzz tests").
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintPipelineRepository, lintPipelineText, pipelineLocalReferences, type PipelineFinding, type PipelineTextResult } from '../../../src/core/pipelines';
import { parseYaml } from '../../../src/core/pipelines/yamlTree';
import { ADVERSARIAL_UNITS, applyEdits, assertRangeInside, bounded, canonical, fixtureTexts, hostileString, longRuns, mutated, property } from './harness';

const GL = '.gitlab-ci.yml';
const WF = '.github/workflows/ci.yml';
const FIXTURES = fixtureTexts('pipelines').map(([path, text]) => [path.replace(/^[^/]+\//, ''), text] as const);
const fixturesOf = (gitlab: boolean): string[] => FIXTURES.filter(([path]) => path.endsWith('.gitlab-ci.yml') === gitlab && !path.startsWith('ci/')).map(([, text]) => text);

/** Real GitLab jobs, written with anchors, aliases, merge keys, `extends`, `!reference` and includes. */
const GITLAB_JOBS = [
  '.deploy: &deploy\n  stage: deploy\n  environment: production\n  script: [./deploy.sh]\n',
  'deploy-prod:\n  <<: *deploy\n  allow_failure: true\n',
  'deploy-live:\n  extends: .deploy\n  image: registry/app:latest\n  when: manual\n',
  'test:\n  stage: test\n  script:\n    - npm test\n  allow_failure: true\n',
  'release:\n  variables:\n    GIT_DEPTH: "1"\n  script: npx semantic-release\n',
  'scan:\n  script: !reference [.deploy, script]\n  rules:\n    - if: $CI_COMMIT_TAG\n',
  'variables:\n  GIT_DEPTH: 10\n',
  'include:\n  - local: ci/templates.yml\n  - remote: https://example.invalid/ci.yml\n  - template: Jobs/SAST.gitlab-ci.yml\n',
  'stages: [build, test, deploy]\n',
  '# release-hygiene-ignore deploy-allow-failure: the canary may fail\ncanary:\n  environment: {name: prod/eu}\n  allow_failure: {exit_codes: [1]}\n  script: kubectl apply --namespace=production\n',
  'build:\n  script: docker build -t app:$CI_COMMIT_SHA .\n  needs: [test]\n',
  'a: &a [*a]\n',
  'b: &b {x: *b}\n',
  'spec:\n  inputs:\n    env: {default: prod}\n---\n',
];
const GITHUB_JOBS = [
  'on: [push]\n',
  'jobs:\n',
  '  test:\n    runs-on: ubuntu-latest\n    continue-on-error: true\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
  '  deploy:\n    needs: [build]\n    environment: production\n    continue-on-error: true\n    steps:\n      - uses: actions/checkout@v4\n        with: {fetch-depth: 1}\n      - run: npx semantic-release\n',
  '  reuse:\n    uses: ./.github/workflows/deploy.yml\n  other:\n    uses: org/repo/.github/workflows/x.yml@main\n',
  '  release:\n    steps:\n      - run: docker push app:latest\n',
  '  matrix:\n    strategy:\n      matrix: {env: [staging, production]}\n    environment: ${{ matrix.env }}\n',
];
const YAML_NOISE = ['&x ', '*x', '<<: *x\n', '!reference ', '!!str ', '!custom ', '? ', '- ', ': ', '---\n', '...\n', '"', "'", '|\n', '>-\n', '{', '}', '[', ']', '#', '\t', '\n', '\r\n', '\r', '  ', '%YAML 1.2\n', '\ufeff'];

const gitlabText = fc.oneof(
  { weight: 3, arbitrary: mutated(fc.array(fc.constantFrom(...GITLAB_JOBS), { minLength: 1, maxLength: 6 }).map((jobs) => jobs.join('')), fc.constantFrom(...YAML_NOISE)) },
  { weight: 2, arbitrary: mutated(fc.constantFrom(...fixturesOf(true)), fc.constantFrom(...YAML_NOISE)) },
  { weight: 1, arbitrary: hostileString(200) },
);
const githubText = fc.oneof(
  { weight: 3, arbitrary: mutated(fc.array(fc.constantFrom(...GITHUB_JOBS), { minLength: 1, maxLength: 6 }).map((jobs) => jobs.join('')), fc.constantFrom(...YAML_NOISE)) },
  { weight: 2, arbitrary: mutated(fc.constantFrom(...fixturesOf(false)), fc.constantFrom(...YAML_NOISE)) },
  { weight: 1, arbitrary: hostileString(200) },
);
const TEMPLATES = FIXTURES.find(([path]) => path === 'ci/templates.yml')?.[1] ?? '';

function checkFindings(text: string, findings: readonly PipelineFinding[]): void {
  for (const f of findings) {
    assertRangeInside(text, f, `${f.ruleId} finding`);
    // The reader catches its own exceptions as this finding: for the fuzz it is a defect.
    assert.doesNotMatch(f.message, /^Could not read this pipeline: /, `the reader threw: ${f.message}`);
    for (const fix of f.fixes ?? []) for (const edit of fix.edits) assertRangeInside(text, edit, `${f.ruleId} fix "${fix.title}"`);
  }
}

function lint(path: string, text: string): PipelineTextResult {
  const result = lintPipelineText(path, text, { resolveInclude: (p) => (p === 'ci/templates.yml' ? TEMPLATES : undefined) });
  checkFindings(text, result.findings);
  checkFindings(text, result.suppressed);
  for (const job of result.jobs) assertRangeInside(text, job, `job ${job.name}`);
  return result;
}

/** Findings that are the same one after an edit: the rule and the job (offsets move). */
const identity = (f: PipelineFinding): string => `${f.ruleId}\u0000${f.job ?? ''}`;

describe('fuzz: pipelines', () => {
  for (const [kind, path, texts] of [['GitLab', GL, gitlabText], ['GitHub', WF, githubText]] as const) {
    describe(kind, () => {
      property('lint never throws and every range lies inside the text', texts, (text) => {
        lint(path, text);
        pipelineLocalReferences(path, text);
      });

      property('lint is deterministic and unchanged by a no-op edit', fc.tuple(texts, fc.nat()), ([text, at]) => {
        const first = canonical(lint(path, text));
        assert.equal(canonical(lint(path, text)), first);
        const cut = text.length === 0 ? 0 : at % (text.length + 1);
        const edited = `${text.slice(0, cut)}x${text.slice(cut)}`;
        assert.equal(canonical(lint(path, edited.slice(0, cut) + edited.slice(cut + 1))), first);
      });

      property('every offered fix clears the finding it fixes', texts, (text) => {
        const before = lint(path, text).findings;
        for (const finding of before) {
          for (const fix of finding.fixes ?? []) {
            const fixed = applyEdits(text, fix.edits);
            const count = (findings: readonly PipelineFinding[]): number => findings.filter((f) => identity(f) === identity(finding)).length;
            const after = lint(path, fixed).findings;
            assert.ok(count(after) < count(before), `fix "${fix.title}" of ${finding.ruleId} left it reported: ${JSON.stringify(text)} → ${JSON.stringify(fixed)}`);
          }
        }
      });
    });
  }

  property('the repository lint never throws and every finding lies inside its own file', fc.tuple(gitlabText, githubText, fc.boolean()), ([gitlab, github, withTemplates]) => {
    const files = new Map<string, string>([[GL, gitlab], [WF, github], ...(withTemplates ? [['ci/templates.yml', TEMPLATES] as const] : [])]);
    const result = lintPipelineRepository(files);
    for (const f of [...result.findings, ...result.suppressed]) checkFindings(files.get(f.file) ?? '', [f]);
  }, { runs: 0.5 });

  describe('adversarial sizes finish within the per-case budget', () => {
    const prefixes = ['job:\n  script: ', 'a: ', 'jobs:\n  x:\n    steps:\n      - run: '];
    for (const text of longRuns(prefixes, ADVERSARIAL_UNITS, 20_000)) {
      it(`${JSON.stringify(text.slice(0, 24))}… (${text.length} code units)`, function () {
        this.timeout(0);
        bounded('GitLab', () => lint(GL, text));
        bounded('GitHub', () => lint(WF, text));
        bounded('parseYaml', () => parseYaml(GL, text));
      });
    }
  });
});
