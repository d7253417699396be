// Fixture tables: for every rule, cases that must report it and cases that must not, for GitLab CI and
// GitHub Actions. Each case lists the exact set of active findings as `rule@job` (file-level: `rule@-`,
// other files: `rule@job@file`), and optionally the source text each finding must point at.
import assert from 'node:assert/strict';
import { lintPipelineRepository, lintPipelineText, type PipelineFinding, type PipelineOptions } from '../../../../src/core/pipelines';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly expect: readonly string[];
  /** rule@job → the exact text of the file between start and end. */
  readonly at?: Record<string, string>;
  /** rule@job → the severity it must have, where it differs from the rule's default. */
  readonly severity?: Record<string, string>;
  readonly options?: Partial<PipelineOptions>;
  readonly suppressed?: readonly string[];
}

const GL = '.gitlab-ci.yml';
const WF = '.github/workflows/ci.yml';

function key(f: PipelineFinding, root: string): string {
  return `${f.ruleId}@${f.job ?? '-'}${f.file === root ? '' : `@${f.file}`}`;
}

function check(c: Case): void {
  const files = new Map(Object.entries(c.files));
  const root = Object.keys(c.files)[0]!;
  const result = lintPipelineRepository(files, c.options);
  assert.deepEqual(result.findings.map((f) => key(f, root)).sort(), [...c.expect].sort(), JSON.stringify(result.findings.map((f) => [key(f, root), f.message]), null, 1));
  for (const [k, text] of Object.entries(c.at ?? {})) {
    const f = result.findings.find((x) => key(x, root) === k);
    assert.ok(f, `no finding ${k}`);
    assert.equal(files.get(f.file)!.slice(f.start, f.end), text, `${k} points at the wrong text`);
  }
  for (const [k, severity] of Object.entries(c.severity ?? {})) {
    assert.equal(result.findings.find((x) => key(x, root) === k)?.severity, severity, `${k} severity`);
  }
  assert.deepEqual(result.suppressed.map((f) => key(f, root)).sort(), [...(c.suppressed ?? [])].sort());
}

/** Applies a finding's preferred fix to its file and lints again: the finding must be gone. */
function fixAndRecheck(files: Record<string, string>, rule: string): void {
  const map = new Map(Object.entries(files));
  const before = lintPipelineRepository(map).findings.filter((f) => f.ruleId === rule);
  assert.ok(before.length > 0, `${rule} not reported before the fix`);
  const f = before[0]!;
  const fix = f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
  assert.ok(fix, `${rule} has no fix`);
  let text = map.get(f.file)!;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  map.set(f.file, text);
  const after = lintPipelineRepository(map);
  assert.deepEqual(after.findings.filter((x) => x.ruleId === rule || x.ruleId === 'invalid-yaml').map((x) => x.message), [], `after the fix:\n${text}`);
}

// ---------- GitLab ----------

const glTests = `unit-tests:
  stage: test
  script: [npm test]
`;
const glProd = (body: string, name = 'deploy-production'): string => `${name}:
  stage: deploy
  environment: production
  script: [./deploy.sh]
${body}`;
const manualGate = '  when: manual\n  allow_failure: false\n';
/** A production deploy written as a trigger job (no script): `trigger:` followed by `body`. */
const glTrigger = (body: string, sep = '\n'): string => `deploy-production:\n  stage: deploy\n  environment: production\n  when: manual\n  allow_failure: false\n  trigger:${sep}${body}`;

const gitlab: Case[] = [
  // deploy-allow-failure
  // An environment name that variables: or a rules: entry's variables: set.
  { name: 'gl: environment $DEPLOY_ENV that a rules: entry sets to production', files: { [GL]: glTests + 'deploy:\n  stage: deploy\n  environment:\n    name: $DEPLOY_ENV\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: true\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables:\n        DEPLOY_ENV: production\n      when: manual\n      allow_failure: true\n' }, expect: ['deploy-allow-failure@deploy'], at: { 'deploy-allow-failure@deploy': 'true' } },
  { name: 'gl: environment ${DEPLOY_ENV} from the job\'s variables:', files: { [GL]: glTests + 'deploy:\n  stage: deploy\n  variables:\n    DEPLOY_ENV: production\n  environment: ${DEPLOY_ENV}\n  script: [./deploy.sh]\n  allow_failure: true\n' }, expect: ['deploy-allow-failure@deploy', 'deploy-without-approval@deploy'] },
  { name: 'gl: environment from rules: staging on branches, production on tags: only the tag entry counts', files: { [GL]: glTests + 'deploy:\n  stage: deploy\n  environment: $DEPLOY_ENV\n  script: [./deploy.sh]\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      variables: { DEPLOY_ENV: staging }\n      allow_failure: true\n    - if: $CI_COMMIT_TAG\n      variables: { DEPLOY_ENV: production }\n      when: manual\n      allow_failure: false\n' }, expect: [] },
  { name: 'gl: environment from rules: the production entry allows failure', files: { [GL]: glTests + 'deploy:\n  stage: deploy\n  environment: $DEPLOY_ENV\n  script: [./deploy.sh]\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      variables: { DEPLOY_ENV: staging }\n    - if: $CI_COMMIT_TAG\n      variables: { DEPLOY_ENV: production }\n      when: manual\n      allow_failure: true\n' }, expect: ['deploy-allow-failure@deploy'] },
  { name: 'gl: environment $DEPLOY_ENV that workflow: rules: set to production on tags', files: { [GL]: 'workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables: { DEPLOY_ENV: production }\n    - if: $CI_COMMIT_BRANCH\n      variables: { DEPLOY_ENV: staging }\n' + glTests + 'deploy:\n  stage: deploy\n  environment: $DEPLOY_ENV\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: true\n' }, expect: ['deploy-allow-failure@deploy'], at: { 'deploy-allow-failure@deploy': 'true' } },
  { name: 'gl: an environment variable no file sets stays unknown', files: { [GL]: glTests + 'review:\n  stage: deploy\n  environment: review/$CI_COMMIT_REF_SLUG\n  script: [./preview.sh]\n  allow_failure: true\n' }, expect: [] },
  { name: 'gl: explicit allow_failure: true', files: { [GL]: glTests + glProd('  when: manual\n  allow_failure: true\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'true' } },
  { name: 'gl: job-level when: manual defaults allow_failure to true', files: { [GL]: glTests + glProd('  when: manual\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'manual' } },
  { name: 'gl: when: manual with allow_failure: false', files: { [GL]: glTests + glProd(manualGate) }, expect: [] },
  { name: 'gl: when: manual inside rules: defaults to false', files: { [GL]: glTests + glProd('  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      when: manual\n') }, expect: [] },
  { name: 'gl: a rules: entry sets allow_failure: true', files: { [GL]: glTests + glProd('  rules:\n    - if: $CI_COMMIT_TAG\n      when: manual\n      allow_failure: true\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'true' } },
  { name: 'gl: a rules: entry sets allow_failure: false over a job-level true', files: { [GL]: glTests + glProd('  allow_failure: true\n  rules:\n    - when: manual\n      allow_failure: false\n') }, expect: [] },
  { name: 'gl: job-level allow_failure: true applies to rules entries that do not set it', files: { [GL]: glTests + glProd('  allow_failure: true\n  rules:\n    - when: manual\n') }, expect: ['deploy-allow-failure@deploy-production'] },
  { name: 'gl: job-level when: manual with rules: that do not set when keeps the true default', files: { [GL]: glTests + glProd('  when: manual\n  rules:\n    - if: $CI_COMMIT_TAG\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'manual' } },
  { name: 'gl: job-level when: manual, rules: entry with its own when: manual', files: { [GL]: glTests + glProd('  when: manual\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: manual\n') }, expect: [] },
  { name: 'gl: job-level when: manual + allow_failure: false with rules:', files: { [GL]: glTests + glProd('  when: manual\n  allow_failure: false\n  rules:\n    - if: $CI_COMMIT_TAG\n') }, expect: [] },
  { name: 'gl: when: never entries do not count', files: { [GL]: glTests + glProd('  rules:\n    - if: $NIGHTLY\n      when: never\n      allow_failure: true\n    - when: manual\n') }, expect: [] },
  { name: 'gl: allow_failure exit_codes', files: { [GL]: glTests + glProd('  when: manual\n  allow_failure:\n    exit_codes: [137]\n') }, expect: ['deploy-allow-failure@deploy-production'] },
  { name: 'gl: multi-level extends brings allow_failure: true', files: { [GL]: `${glTests}.base:\n  allow_failure: true\n.deploy:\n  extends: .base\n  when: manual\n${glProd('  extends: .deploy\n')}` }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'true' } },
  { name: 'gl: extends array, the last one wins', files: { [GL]: `${glTests}.a:\n  allow_failure: true\n.b:\n  allow_failure: false\n${glProd('  when: manual\n  extends: [.a, .b]\n')}` }, expect: [] },
  { name: 'gl: the job overrides what it extends', files: { [GL]: `${glTests}.base:\n  when: manual\n  allow_failure: true\n${glProd('  extends: .base\n  allow_failure: false\n')}` }, expect: [] },
  { name: 'gl: anchor and merge key', files: { [GL]: `${glTests}.tpl: &tpl\n  when: manual\n  allow_failure: true\n${glProd('  <<: *tpl\n')}` }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'true' } },
  { name: 'gl: an alias takes the last anchor of its name before it', files: { [GL]: `${glTests}.a: &tpl\n  when: manual\n  allow_failure: true\n.b: &tpl\n  when: manual\n  allow_failure: false\n${glProd('  <<: *tpl\n')}.c: &tpl\n  when: manual\n` }, expect: [] },
  { name: 'gl: merge of a list of anchors, the first wins', files: { [GL]: `${glTests}.a: &a\n  allow_failure: true\n.b: &b\n  allow_failure: false\n  when: manual\n${glProd('  <<: [*a, *b]\n')}` }, expect: ['deploy-allow-failure@deploy-production'] },
  { name: 'gl: merge key overridden by an explicit key', files: { [GL]: `${glTests}.tpl: &tpl\n  when: manual\n  allow_failure: true\n${glProd('  allow_failure: false\n  <<: *tpl\n')}` }, expect: [] },
  { name: 'gl: production deploy in a local include', files: { [GL]: `include:\n  - local: ci/deploy.yml\n${glTests}`, 'ci/deploy.yml': glProd('  when: manual\n') }, expect: ['deploy-allow-failure@deploy-production@ci/deploy.yml'] },
  { name: 'gl: include string form and a template from it', files: { [GL]: `include: '/ci/templates.yml'\n${glTests}${glProd('  extends: .manual\n')}`, 'ci/templates.yml': '.manual:\n  when: manual\n' }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'deploy-production' } },
  { name: 'gl: nested includes with a glob', files: { [GL]: `include:\n  - local: ci/*.yml\n${glTests}`, 'ci/a.yml': 'include: ci/nested/b.yml\n', 'ci/nested/b.yml': glProd('  allow_failure: true\n') }, expect: ['deploy-allow-failure@deploy-production@ci/nested/b.yml', 'deploy-without-approval@deploy-production@ci/nested/b.yml'] },
  { name: 'gl: the main file overrides an include', files: { [GL]: `include: ci/deploy.yml\n${glTests}deploy-production:\n  allow_failure: false\n`, 'ci/deploy.yml': glProd('  when: manual\n') }, expect: [] },
  { name: 'gl: remote, project and template includes are not followed; a missing local include is reported', files: { [GL]: `include:\n  - remote: https://example.com/ci.yml\n  - project: group/ci\n    file: deploy.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - local: missing.yml\n${glTests}` }, expect: ['include-not-followed@-', 'include-not-followed@-', 'include-not-followed@-', 'include-not-followed@-'] },
  { name: 'gl: environment stop action is not a deploy', files: { [GL]: glTests + 'stop-production:\n  stage: deploy\n  environment:\n    name: production\n    action: stop\n  allow_failure: true\n  script: [./stop.sh]\n' }, expect: [] },
  { name: 'gl: classification by name and kubectl namespace', files: { [GL]: glTests + 'deploy-prod:\n  stage: deploy\n  allow_failure: true\n  when: manual\n  script: [./go]\nrollout:\n  stage: deploy\n  when: manual\n  script: [kubectl apply -f k8s/ --namespace=production]\n' }, expect: ['deploy-allow-failure@deploy-prod', 'deploy-allow-failure@rollout'] },
  { name: 'gl: configurable production names', options: { productionEnvironments: ['prd'] }, files: { [GL]: glTests + 'ship:\n  stage: deploy\n  environment: eu-prd\n  when: manual\n  script: [./go]\nother:\n  stage: deploy\n  environment: production\n  when: manual\n  script: [./go]\n' }, expect: ['deploy-allow-failure@ship'] },
  { name: 'gl: staging is not production', files: { [GL]: glTests + 'deploy-staging:\n  stage: deploy\n  environment: pre-production\n  when: manual\n  script: [./go]\n' }, expect: [] },
  // deploy-allow-failure: a trigger job takes the downstream result only with strategy: depend or mirror
  { name: 'gl: a production deploy that triggers a pipeline without strategy', files: { [GL]: glTests + glTrigger('    project: ops/deploy\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'trigger' } },
  { name: 'gl: a production trigger with strategy: depend', files: { [GL]: glTests + glTrigger('    project: ops/deploy\n    strategy: depend\n') }, expect: [] },
  { name: 'gl: a production trigger with strategy: mirror (GitLab 18.2+)', files: { [GL]: glTests + glTrigger('    include: ci/deploy-child.yml\n    strategy: mirror\n') }, expect: [] },
  { name: 'gl: a production trigger in the short form', files: { [GL]: glTests + glTrigger(' ops/deploy\n', '') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'ops/deploy' } },
  { name: 'gl: a production trigger with an unknown strategy', files: { [GL]: glTests + glTrigger('    project: ops/deploy\n    strategy: wait\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'wait' } },
  { name: 'gl: a production trigger whose template sets strategy: depend', files: { [GL]: `${glTests}.downstream:\n  trigger:\n    strategy: depend\n${glTrigger('    project: ops/deploy\n').replace('  environment:', '  extends: .downstream\n  environment:')}` }, expect: [] },
  { name: 'gl: a staging trigger without strategy is not a production deploy', files: { [GL]: glTests + glTrigger('    project: ops/deploy\n').replace(/production/g, 'staging') }, expect: [] },
  { name: 'gl: a test gate written as a child pipeline without strategy', files: { [GL]: `unit-tests:\n  stage: test\n  trigger:\n    include: ci/tests.yml\n${glProd(manualGate)}` }, expect: ['gate-allow-failure@unit-tests'], at: { 'gate-allow-failure@unit-tests': 'trigger' } },
  { name: 'gl: a test gate written as a child pipeline with strategy: depend', files: { [GL]: `unit-tests:\n  stage: test\n  trigger:\n    include: ci/tests.yml\n    strategy: depend\n${glProd(manualGate)}` }, expect: [] },
  { name: 'gl: a trigger job that is neither deploy nor gate is not reported', files: { [GL]: `${glTests}docs-site:\n  stage: build\n  trigger:\n    project: web/docs\n${glProd(manualGate)}` }, expect: [] },
  // gate-allow-failure
  { name: 'gl: test job allowed to fail', files: { [GL]: 'unit-tests:\n  stage: test\n  allow_failure: true\n  script: [npm test]\n' + glProd(manualGate) }, expect: ['gate-allow-failure@unit-tests'], at: { 'gate-allow-failure@unit-tests': 'true' } },
  { name: 'gl: manual scan job defaults to allow_failure: true', files: { [GL]: glTests + 'trivy:\n  stage: test\n  when: manual\n  script: [trivy fs .]\n' + glProd(manualGate) }, expect: ['gate-allow-failure@trivy'] },
  { name: 'gl: gate recognised by its stage', files: { [GL]: 'stages: [build, quality, deploy]\nsonar:\n  stage: quality\n  allow_failure: true\n  script: [sonar-scanner]\n' + glProd(manualGate) }, expect: ['gate-allow-failure@sonar'] },
  { name: 'gl: gate words inflected: dependency_scanning, linter, smoke-tests', files: { [GL]: 'stages: [build, checks, deploy]\ndependency_scanning:\n  stage: build\n  allow_failure: true\n  script: [scan]\nlinter:\n  stage: build\n  allow_failure: true\n  script: [lint]\nsmoke-tests:\n  stage: build\n  allow_failure: true\n  script: [smoke]\n' + glProd(manualGate) }, expect: ['gate-allow-failure@dependency_scanning', 'gate-allow-failure@linter', 'gate-allow-failure@smoke-tests'] },
  { name: 'gl: build job allowed to fail is not a gate', files: { [GL]: glTests + 'docs:\n  stage: build\n  allow_failure: true\n  script: [make docs]\n' + glProd(manualGate) }, expect: [] },
  // deploy-without-gates
  { name: 'gl: no test job before the deploy', files: { [GL]: 'build:\n  stage: build\n  script: [make]\n' + glProd(manualGate) }, expect: ['deploy-without-gates@deploy-production'] },
  { name: 'gl: needs: [] skips the stages', files: { [GL]: glTests + glProd(manualGate + '  needs: []\n') }, expect: ['deploy-without-gates@deploy-production'], at: { 'deploy-without-gates@deploy-production': '[]' } },
  { name: 'gl: needs leaves a gate out', files: { [GL]: glTests + 'lint:\n  stage: test\n  script: [npm run lint]\n' + glProd(manualGate + '  needs: [unit-tests]\n') }, expect: ['deploy-without-gates@deploy-production'] },
  { name: 'gl: needs through a job that waits for the test stage', files: { [GL]: glTests + 'package:\n  stage: deploy\n  script: [make]\n' + glProd(manualGate + '  needs:\n    - job: package\n') }, expect: [] },
  { name: 'gl: when: always runs past failed gates', files: { [GL]: glTests + glProd('  when: always\n') }, expect: ['deploy-without-gates@deploy-production', 'deploy-without-approval@deploy-production'], at: { 'deploy-without-gates@deploy-production': 'always' } },
  { name: 'gl: gate in the same stage does not gate', files: { [GL]: 'smoke:\n  stage: deploy\n  script: [./smoke]\n' + glProd(manualGate) }, expect: ['deploy-without-gates@deploy-production'] },
  // shallow-clone-release
  { name: 'gl: git-cliff with GIT_DEPTH unset', files: { [GL]: 'release:\n  stage: deploy\n  script:\n    - git-cliff --bump -o CHANGELOG.md\n' }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': 'git-cliff' } },
  { name: 'gl: semantic-release deepens the clone itself: a warning, not an error', files: { [GL]: 'release:\n  stage: deploy\n  script:\n    - npm ci\n    - npx semantic-release\n' }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': 'npx semantic-release' }, severity: { 'shallow-clone-release@release': 'warning' } },
  { name: 'gl: installing semantic-release plugins is not running it', files: { [GL]: 'release:\n  stage: deploy\n  variables: { GIT_DEPTH: "0" }\n  script:\n    - npm i -D semantic-release @semantic-release/git\n' }, expect: [] },
  { name: 'gl: git-cliff on a shallow clone is an error', files: { [GL]: 'release:\n  stage: deploy\n  script: [git-cliff --bump]\n' }, expect: ['shallow-clone-release@release'], severity: { 'shallow-clone-release@release': 'error' } },
  { name: 'gl: GIT_DEPTH "0" globally', files: { [GL]: 'variables:\n  GIT_DEPTH: "0"\nrelease:\n  stage: deploy\n  script: [npx semantic-release]\n' }, expect: [] },
  // rules: variables: override the job's for the pipelines each entry decides.
  { name: 'gl: GIT_DEPTH "0" set by the only rules: entry', files: { [GL]: 'release:\n  stage: deploy\n  script: [git-cliff --bump]\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      variables:\n        GIT_DEPTH: "0"\n' }, expect: [] },
  { name: 'gl: GIT_DEPTH "0" on one rules: entry, 5 on the other', files: { [GL]: 'release:\n  stage: deploy\n  script: [git-cliff --bump]\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n      variables: { GIT_DEPTH: "0" }\n    - if: $CI_COMMIT_TAG\n      variables: { GIT_DEPTH: "5" }\n' }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': '"5"' } },
  { name: 'gl: a rules: entry sets GIT_DEPTH 1 over the job\'s "0"', files: { [GL]: 'release:\n  stage: deploy\n  variables:\n    GIT_DEPTH: "0"\n  script: [git-cliff --bump]\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables:\n        GIT_DEPTH: "1"\n' }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': '"1"' } },
  { name: 'gl: a rules: entry that never runs the job does not count', files: { [GL]: 'release:\n  stage: deploy\n  script: [git-cliff --bump]\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n      variables: { GIT_DEPTH: "1" }\n    - when: on_success\n      variables: { GIT_DEPTH: "0" }\n' }, expect: [] },
  { name: 'gl: GIT_STRATEGY none from a rules: entry', files: { [GL]: 'release:\n  stage: deploy\n  script: [git-cliff --bump]\n  rules:\n    - when: on_success\n      variables: { GIT_STRATEGY: none }\n' }, expect: [] },
  { name: 'gl: GIT_DEPTH "0" from workflow: rules: variables:', files: { [GL]: 'workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables: { GIT_DEPTH: "0" }\n    - when: always\n      variables: { GIT_DEPTH: "0" }\nrelease:\n  stage: deploy\n  script: [git-cliff --bump]\n' }, expect: [] },
  { name: 'gl: the job\'s GIT_DEPTH overrides the workflow entry\'s', files: { [GL]: 'workflow:\n  rules:\n    - when: always\n      variables: { GIT_DEPTH: "0" }\nrelease:\n  stage: deploy\n  variables:\n    GIT_DEPTH: 3\n  script: [git-cliff --bump]\n' }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': '3' } },
  { name: 'gl: inherit: variables: false drops the workflow entry\'s GIT_DEPTH', files: { [GL]: 'workflow:\n  rules:\n    - when: always\n      variables: { GIT_DEPTH: "0" }\nrelease:\n  stage: deploy\n  inherit:\n    variables: false\n  script: [git-cliff --bump]\n' }, expect: ['shallow-clone-release@release'] },
  { name: 'gl: GIT_DEPTH 10 on the job', files: { [GL]: 'changelog:\n  stage: build\n  variables:\n    GIT_DEPTH: 10\n  script: [git-cliff -o CHANGELOG.md]\n' }, expect: ['shallow-clone-release@changelog'], at: { 'shallow-clone-release@changelog': '10' } },
  { name: 'gl: GIT_DEPTH 0 as a number on the job', files: { [GL]: 'changelog:\n  stage: build\n  variables: { GIT_DEPTH: 0 }\n  script: [git-cliff -o CHANGELOG.md]\n' }, expect: [] },
  { name: 'gl: git fetch --unshallow first', files: { [GL]: 'version:\n  stage: build\n  script:\n    - git fetch --unshallow\n    - git describe --tags\n' }, expect: [] },
  { name: 'gl: our own CLI via !reference', files: { [GL]: '.release:\n  script:\n    - npx release-hygiene next-version\nversion:\n  stage: build\n  script:\n    - echo start\n    - !reference [.release, script]\n' }, expect: ['shallow-clone-release@version'], at: { 'shallow-clone-release@version': 'release-hygiene next-version' } },
  { name: 'gl: standard-version with inherit variables false', files: { [GL]: 'variables:\n  GIT_DEPTH: 0\nbump:\n  stage: build\n  inherit:\n    variables: false\n  script: [npx commit-and-tag-version]\n' }, expect: ['shallow-clone-release@bump'] },
  // deploy-latest-tag
  { name: 'gl: image :latest and untagged on production', files: { [GL]: glTests + glProd(manualGate + '  image: registry.example.com/deployer:latest\n') + glProd(manualGate + '  image:\n    name: bitnami/kubectl\n', 'deploy-prod-2') }, expect: ['deploy-latest-tag@deploy-production', 'deploy-latest-tag@deploy-prod-2'], at: { 'deploy-latest-tag@deploy-prod-2': 'bitnami/kubectl' } },
  { name: 'gl: image from default:', files: { [GL]: 'default:\n  image: alpine\n' + glTests + glProd(manualGate) }, expect: ['deploy-latest-tag@deploy-production'], at: { 'deploy-latest-tag@deploy-production': 'alpine' } },
  { name: 'gl: the legacy top-level image and two merge keys (Auto DevOps style)', files: { [GL]: 'image: alpine:latest\nstages: [test, production, rollout]\n' + glTests + '.production: &production_template\n  stage: production\n  environment:\n    name: production\n  script: [deploy]\n.timed: &timed\n  when: delayed\n  start_in: 5 minutes\n  stage: rollout\nproduction:\n  <<: *production_template\n  only: [main]\nrollout 100%:\n  <<: *timed\n  <<: *production_template\n' }, expect: ['deploy-latest-tag@production', 'deploy-without-approval@production', 'deploy-latest-tag@rollout 100%', 'deploy-without-approval@rollout 100%'], at: { 'deploy-latest-tag@production': 'alpine:latest' } },
  { name: 'gl: scripts with docker pull, kubectl set image and helm', files: { [GL]: glTests + 'deploy-production:\n  stage: deploy\n  image: alpine/helm:3.16.2\n  environment: production\n' + manualGate + '  script:\n    - docker pull registry.example.com/app:latest\n    - kubectl set image deployment/app app=registry.example.com/app\n    - helm upgrade app ./chart --set image.tag=latest\n    - kubectl set image deployment/app app=registry.example.com/app:$CI_COMMIT_SHA\n    - docker run --rm -e X=1 registry.example.com/tool:1.2 run\n' }, expect: ['deploy-latest-tag@deploy-production', 'deploy-latest-tag@deploy-production', 'deploy-latest-tag@deploy-production'] },
  { name: 'gl: tagged and digest images are fine; staging may use latest', files: { [GL]: glTests + glProd(manualGate + '  image: registry.example.com/deployer@sha256:abc\n') + 'deploy-staging:\n  stage: deploy\n  environment: staging\n  image: alpine:latest\n  script: [./go]\n' }, expect: [] },
  // rebuild-per-environment
  { name: 'gl: staging and production deploys rebuild', files: { [GL]: glTests + 'deploy-staging:\n  stage: deploy\n  image: docker:27\n  environment: staging\n  script:\n    - docker build -t app .\n' + glProd(manualGate + '  image: node:20\n  before_script: [npm run build]\n') }, expect: ['rebuild-per-environment@deploy-staging', 'rebuild-per-environment@deploy-production'], at: { 'rebuild-per-environment@deploy-staging': 'docker build' } },
  { name: 'gl: mvn, gradle and go builds in a staging deploy, one finding per line', files: { [GL]: 'deploy-stg:\n  stage: deploy\n  environment: stg\n  script:\n    - ./mvnw -B -DskipTests package\n    - gradle build\n    - go build ./cmd/app\n    - ./deploy.sh\n' }, expect: ['rebuild-per-environment@deploy-stg', 'rebuild-per-environment@deploy-stg', 'rebuild-per-environment@deploy-stg'] },
  { name: 'gl: the build job builds; a test job runs mvn package', files: { [GL]: 'build:\n  stage: build\n  script: [docker build -t app ., mvn package, go build ./...]\n' + glTests + glProd(manualGate + '  image: x:1\n') }, expect: [] },
  // deploy-without-approval
  { name: 'gl: automatic production deploy', files: { [GL]: glTests + glProd('') }, expect: ['deploy-without-approval@deploy-production'], at: { 'deploy-without-approval@deploy-production': 'deploy-production' } },
  // suppression and invalid YAML
  { name: 'gl: suppression with a reason, on the line above', files: { [GL]: glTests + glProd('  when: manual\n  # release-hygiene-ignore deploy-allow-failure: canary job, the real deploy is gated\n  allow_failure: true\n') }, expect: [], suppressed: ['deploy-allow-failure@deploy-production'] },
  { name: 'gl: suppression on the job key covers the job', files: { [GL]: glTests + '# release-hygiene-ignore deploy-without-approval: continuous deployment by design\n' + glProd('') }, expect: [], suppressed: ['deploy-without-approval@deploy-production'] },
  { name: 'gl: suppression without a reason does not suppress', files: { [GL]: glTests + glProd('  when: manual\n  allow_failure: true # release-hygiene-ignore deploy-allow-failure\n') }, expect: ['deploy-allow-failure@deploy-production', 'invalid-suppression@-'] },
  { name: 'gl: suppression naming another rule', files: { [GL]: glTests + glProd('  when: manual\n  allow_failure: true # release-hygiene-ignore gate-allow-failure: wrong rule\n') }, expect: ['deploy-allow-failure@deploy-production'] },
  { name: 'gl: UTF-16 offsets after astral characters', files: { [GL]: '# 🚀 déploiement — production 🚀\n' + glTests + glProd('  when: manual # 🙈\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'manual' } },
  { name: 'gl: invalid YAML is one finding at its position', files: { [GL]: 'build:\n  script: [make\nother: {\n' }, expect: ['invalid-yaml@-'], at: { 'invalid-yaml@-': 'o' } },
  { name: 'gl: invalid included file', files: { [GL]: 'include: ci/bad.yml\n' + glTests, 'ci/bad.yml': 'a: [\n' }, expect: ['invalid-yaml@-@ci/bad.yml'] },
  { name: "gl: a spec: header document before ---", files: { [GL]: 'spec:\n  inputs:\n    env: { default: production }\n---\n' + glTests + glProd('  when: manual\n') }, expect: ['deploy-allow-failure@deploy-production'], at: { 'deploy-allow-failure@deploy-production': 'manual' } },
  { name: 'gl: two configuration documents are invalid', files: { [GL]: glTests + '---\n' + glTests }, expect: ['invalid-yaml@-'] },
  { name: 'gl: an empty file', files: { [GL]: '' }, expect: [] },
  { name: 'gl: not a mapping, empty file, scalar jobs', files: { [GL]: '- just\n- a list\n' }, expect: [] },
];

// ---------- GitHub Actions ----------

const ghTest = `  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;
const wf = (jobs: string, on = 'push'): string => `name: ci\non: ${on}\njobs:\n${jobs}`;
const ghProd = (extra: string, steps = '      - run: ./deploy.sh\n'): string => `  deploy:
    runs-on: ubuntu-latest
    environment: production
${extra}    steps:
${steps}`;

const github: Case[] = [
  // deploy-continue-on-error
  { name: 'gh: production job continue-on-error: true', files: { [WF]: wf(ghTest + ghProd('    needs: test\n    continue-on-error: true\n')) }, expect: ['deploy-continue-on-error@deploy'], at: { 'deploy-continue-on-error@deploy': 'true' } },
  { name: 'gh: continue-on-error expression that can be true', files: { [WF]: wf(ghTest + ghProd("    needs: test\n    continue-on-error: ${{ github.event_name == 'workflow_dispatch' }}\n")) }, expect: ['deploy-continue-on-error@deploy'] },
  { name: 'gh: continue-on-error false or ${{ false }}', files: { [WF]: wf(ghTest + ghProd('    needs: test\n    continue-on-error: ${{ false }}\n') + ghProd('    needs: test\n    continue-on-error: false\n').replace('  deploy:', '  deploy2:')) }, expect: [] },
  { name: 'gh: deploy step continues on error; a notification step may', files: { [WF]: wf(ghTest + ghProd('    needs: test\n', '      - name: Deploy\n        run: kubectl apply -f k8s/\n        continue-on-error: true\n      - name: Notify\n        run: curl -X POST $SLACK\n        continue-on-error: true\n')) }, expect: ['deploy-continue-on-error@deploy'] },
  { name: 'gh: production step in another job', files: { [WF]: wf(ghTest + '  ops:\n    runs-on: ubuntu-latest\n    needs: test\n    steps:\n      - name: deploy to production\n        run: ./deploy.sh prod\n        continue-on-error: true\n') }, expect: ['deploy-continue-on-error@ops', 'deploy-without-approval@ops'] },
  // gate-allow-failure
  { name: 'gh: test job continue-on-error', files: { [WF]: wf('  test:\n    runs-on: ubuntu-latest\n    continue-on-error: true\n    steps:\n      - run: npm test\n' + ghProd('    needs: test\n')) }, expect: ['gate-allow-failure@test'] },
  { name: 'gh: test step continue-on-error; a cache step may', files: { [WF]: wf('  checks:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n        continue-on-error: true\n      - run: npm run lint\n        continue-on-error: true\n' + ghProd('    needs: checks\n')) }, expect: ['gate-allow-failure@checks'] },
  { name: 'gh: matrix experimental expression on a test job', files: { [WF]: wf('  unit:\n    runs-on: ubuntu-latest\n    continue-on-error: ${{ matrix.experimental }}\n    steps:\n      - run: go test ./...\n' + ghProd('    needs: unit\n')) }, expect: ['gate-allow-failure@unit'] },
  // deploy-without-gates
  { name: 'gh: production job without needs', files: { [WF]: wf(ghTest + ghProd('')) }, expect: ['deploy-without-gates@deploy'], at: { 'deploy-without-gates@deploy': 'deploy' } },
  { name: 'gh: needs through a build job that needs the tests', files: { [WF]: wf(ghTest + '  build:\n    runs-on: ubuntu-latest\n    needs: [test]\n    steps:\n      - run: make\n' + ghProd('    needs: [build]\n')) }, expect: [] },
  { name: 'gh: needs leaves the lint job out', files: { [WF]: wf(ghTest + '  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n' + ghProd('    needs: test\n')) }, expect: ['deploy-without-gates@deploy'], at: { 'deploy-without-gates@deploy': 'test' } },
  { name: 'gh: if: always() deploys past failed tests', files: { [WF]: wf(ghTest + ghProd('    needs: test\n    if: always()\n')) }, expect: ['deploy-without-gates@deploy'], at: { 'deploy-without-gates@deploy': 'always()' } },
  { name: "gh: if: success() && github.ref == 'refs/heads/main'", files: { [WF]: wf(ghTest + ghProd("    needs: test\n    if: success() && github.ref == 'refs/heads/main'\n")) }, expect: [] },
  { name: 'gh: post-deploy smoke test does not have to precede', files: { [WF]: wf(ghTest + ghProd('    needs: test\n') + '  smoke:\n    needs: deploy\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./smoke.sh\n') }, expect: [] },
  { name: 'gh: workflow_run after CI success', files: { [WF]: wf(ghProd("    if: github.event.workflow_run.conclusion == 'success'\n"), '\n  workflow_run:\n    workflows: [ci]\n    types: [completed]') }, expect: [] },
  // shallow-clone-release
  { name: 'gh: commit-and-tag-version after checkout with fetch-depth: 1', files: { [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 1\n      - run: npx commit-and-tag-version\n') }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': '1' } },
  { name: 'gh: semantic-release on a default checkout: a warning (it deepens the clone itself)', files: { [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx semantic-release\n') }, expect: ['shallow-clone-release@release'], at: { 'shallow-clone-release@release': 'actions/checkout@v4' }, severity: { 'shallow-clone-release@release': 'warning' } },
  { name: 'gh: the semantic-release action on a default checkout: a warning', files: { [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: cycjimmy/semantic-release-action@v4\n') }, expect: ['shallow-clone-release@release'], severity: { 'shallow-clone-release@release': 'warning' } },
  { name: 'gh: release-please reads history through the API: not reported', files: { [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: googleapis/release-please-action@v4\n') }, expect: [] },
  { name: 'gh: git-cliff action after a default checkout', files: { [WF]: wf('  changelog:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - uses: orhun/git-cliff-action@v4\n') }, expect: ['shallow-clone-release@changelog'], at: { 'shallow-clone-release@changelog': 'actions/checkout@v4' } },
  { name: 'gh: conventional-changelog after git fetch --unshallow', files: { [WF]: wf('  changelog:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: git fetch --unshallow --tags\n      - run: npx conventional-changelog -p angular -i CHANGELOG.md -s\n') }, expect: [] },
  { name: 'gh: fetch-depth from an input expression is not judged', files: { [WF]: wf('  v:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          fetch-depth: ${{ inputs.depth }}\n      - run: git describe --tags\n') }, expect: [] },
  { name: 'gh: our own CLI on a shallow checkout', files: { [WF]: wf('  commits:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          npm ci\n          npx release-hygiene lint-commits --from $BASE --format github\n') }, expect: ['shallow-clone-release@commits'] },
  // deploy-latest-tag
  { name: 'gh: container latest and docker run untagged', files: { [WF]: wf(ghTest + ghProd('    needs: test\n    container: ghcr.io/acme/deployer:latest\n', '      - run: docker run --rm -v $PWD:/w ghcr.io/acme/migrate up\n      - run: docker run --rm ghcr.io/acme/migrate:${{ github.sha }} up\n')) }, expect: ['deploy-latest-tag@deploy', 'deploy-latest-tag@deploy'], at: {} },
  // rebuild-per-environment
  { name: 'gh: production deploy builds the image again', files: { [WF]: wf(ghTest + ghProd('    needs: test\n', '      - uses: docker/build-push-action@v6\n      - run: npm run build && ./deploy.sh\n')) }, expect: ['rebuild-per-environment@deploy', 'rebuild-per-environment@deploy'] },
  // deploy-without-approval and classification
  { name: 'gh: production by name without environment', files: { [WF]: wf(ghTest + '  deploy-prod:\n    needs: test\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n') }, expect: ['deploy-without-approval@deploy-prod'] },
  { name: 'gh: environment name: map form, staging', files: { [WF]: wf('  deploy:\n    runs-on: ubuntu-latest\n    environment:\n      name: staging\n      url: https://staging.example.com\n    continue-on-error: true\n    steps:\n      - run: ./deploy.sh\n') }, expect: [] },
  // reusable workflows
  { name: 'gh: a local reusable workflow called for production without needs', files: {
    [WF]: wf(ghTest + '  deploy:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      environment: production\n'),
    '.github/workflows/deploy.yml': 'on:\n  workflow_call:\n    inputs:\n      environment: { type: string }\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: ${{ inputs.environment }}\n    steps:\n      - run: ./deploy.sh\n',
  }, expect: ['deploy-without-gates@deploy'] },
  { name: 'gh: the called workflow deploys to production and continues on error', files: {
    [WF]: wf(ghTest + '  deploy:\n    needs: test\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n'),
    '.github/workflows/deploy.yml': 'on: workflow_call\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    environment: production\n    continue-on-error: true\n    steps:\n      - run: ./deploy.sh\n',
  }, expect: ['deploy-continue-on-error@ship@.github/workflows/deploy.yml'] },
  { name: 'gh: reusable workflow of another repository; a missing local one', files: { [WF]: wf('  a:\n    uses: acme/ci/.github/workflows/deploy.yml@v1\n  b:\n    uses: ./.github/workflows/nope.yml\n') }, expect: ['include-not-followed@a', 'include-not-followed@b'] },
  { name: 'gh: invalid YAML', files: { [WF]: 'on: push\njobs:\n  a:\n    steps: [\n' }, expect: ['invalid-yaml@-'] },
  { name: 'gh: suppression on the same line', files: { [WF]: wf(ghTest + ghProd('    needs: test\n    continue-on-error: true # release-hygiene-ignore deploy-continue-on-error: dry-run job\n')) }, expect: [], suppressed: ['deploy-continue-on-error@deploy'] },
];

describe('pipelines: rule fixture tables', () => {
  describe('GitLab CI', () => {
    for (const c of gitlab) it(c.name, () => check(c));
  });
  describe('GitHub Actions', () => {
    for (const c of github) it(c.name, () => check(c));
  });
});

describe('pipelines: fixes', () => {
  it('gl: adds allow_failure: false after a job-level when: manual', () => fixAndRecheck({ [GL]: glTests + glProd('  when: manual\n') }, 'deploy-allow-failure'));
  it('gl: sets allow_failure: true to false', () => fixAndRecheck({ [GL]: glTests + glProd('  when: manual\n  allow_failure: true\n') }, 'deploy-allow-failure'));
  it('gl: sets allow_failure: false on the job when the manual template is in an include', () =>
    fixAndRecheck({ [GL]: `include: ci/t.yml\n${glTests}${glProd('  extends: .manual\n')}`, 'ci/t.yml': '.manual:\n  when: manual\n' }, 'deploy-allow-failure'));
  it('gl: sets a rules: entry\'s GIT_DEPTH to "0"', () => fixAndRecheck({ [GL]: 'release:\n  stage: deploy\n  variables:\n    GIT_DEPTH: "0"\n  script: [git-cliff --bump]\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables:\n        GIT_DEPTH: "1"\n' }, 'shallow-clone-release'));
  it('gl: adds strategy: depend to a trigger', () => fixAndRecheck({ [GL]: glTests + glTrigger('    project: ops/deploy\n    branch: main\n') }, 'deploy-allow-failure'));
  it('gl: turns a short-form trigger into one with strategy: depend', () => fixAndRecheck({ [GL]: glTests + glTrigger(' ops/deploy\n', '') }, 'deploy-allow-failure'));
  it('gl: sets an unknown trigger strategy to depend (CRLF file)', () => fixAndRecheck({ [GL]: (glTests + glTrigger('    project: ops/deploy\n    strategy: wait\n')).replace(/\n/g, '\r\n') }, 'deploy-allow-failure'));
  it('gl: adds strategy: depend to a gate written as a child pipeline', () => fixAndRecheck({ [GL]: `unit-tests:\n  stage: test\n  trigger:\n    include: ci/tests.yml\n${glProd(manualGate)}` }, 'gate-allow-failure'));
  it('gl: adds GIT_DEPTH: "0" to the job', () => fixAndRecheck({ [GL]: 'release:\n  stage: deploy\n  script:\n    - npx standard-version\n' }, 'shallow-clone-release'));
  it('gl: adds GIT_DEPTH: "0" into existing job variables', () => fixAndRecheck({ [GL]: 'release:\n  stage: deploy\n  variables:\n    NODE_ENV: ci\n  script:\n    - npx standard-version\n' }, 'shallow-clone-release'));
  it('gl: sets GIT_DEPTH to "0"', () => fixAndRecheck({ [GL]: 'release:\n  variables:\n    GIT_DEPTH: 5\n  script: [npx standard-version]\n' }, 'shallow-clone-release'));
  it('gh: adds fetch-depth: 0 (with: missing)', () => fixAndRecheck({ [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx standard-version\n') }, 'shallow-clone-release'));
  it('gh: adds fetch-depth: 0 into with:', () => fixAndRecheck({ [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: x\n      - run: npx standard-version\n') }, 'shallow-clone-release'));
  it('gh: removes continue-on-error (CRLF file)', () => fixAndRecheck({ [WF]: wf(ghTest + ghProd('    needs: test\n    continue-on-error: true\n')).replace(/\n/g, '\r\n') }, 'deploy-continue-on-error'));
  it('gh: sets continue-on-error: false when it starts a sequence item', () =>
    fixAndRecheck({ [WF]: wf(ghTest + ghProd('    needs: test\n', '      - continue-on-error: true\n        run: kubectl apply -f k8s\n')) }, 'deploy-continue-on-error'));
});

describe('pipelines: as you type', () => {
  it('returns only the findings of the edited file, with offsets into its text', () => {
    const files: Record<string, string> = { [GL]: `include: ci/deploy.yml\n${glTests}`, 'ci/deploy.yml': glProd('  when: manual\n') };
    const root = lintPipelineText(GL, files[GL]!, { resolveInclude: (p) => files[p] });
    assert.deepEqual(root.findings, []);
    const text = glProd('  when: manual\n');
    const included = lintPipelineText('ci/deploy.yml', text, { root: GL, resolveInclude: (p) => files[p] });
    assert.deepEqual(included.findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['deploy-allow-failure', 'manual']]);
  });
  it('is empty for a file that is not a pipeline', () => {
    assert.deepEqual(lintPipelineText('src/app.yml', 'deploy-prod:\n  allow_failure: true\n'), { kind: undefined, findings: [], suppressed: [], jobs: [] });
  });
  it('never throws on odd input', () => {
    for (const text of ['', '\u0000', '*a', '&a [*a]', 'a: &x\n  b: *x\n', '%YAML 9\n---\n', 'jobs: 3', 'jobs:\n  x: [1]\n', '---\na: 1\n---\nb: 2\n', 'a: !reference [.x, y]\n', 'include: [{local: 5}, 7, null]\nx: {extends: [null, .y]}\n']) {
      for (const path of [GL, WF]) {
        const r = lintPipelineText(path, text);
        assert.ok(r.findings.every((f) => f.start >= 0 && f.end <= text.length), `${path}: ${JSON.stringify(text)}`);
      }
    }
  });
  it('reports an extends cycle without hanging', () => {
    const r = lintPipelineRepository(new Map([[GL, `.a:\n  extends: .b\n.b:\n  extends: .a\n${glProd('  extends: .a\n')}`]]));
    assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['deploy-without-approval', 'deploy-without-gates']);
  });
});
