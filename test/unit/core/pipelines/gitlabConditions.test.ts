// GitLab conditions (issue 14, section 2): include: rules:, workflow: rules:, only:/except:, spec: inputs with
// $[[ inputs.x ]], and !reference inside rules:. Each table case lists the exact set of active findings; a job
// that no production pipeline runs must not be reported as a production deploy, and a condition the files do
// not decide keeps the finding (and says so where it comes from an include).
import assert from 'node:assert/strict';
import { lintPipelineRepository } from '../../../../src/core/pipelines';
import { evaluateIf, evaluateRules, type PipelineKindName, type Tri } from '../../../../src/core/pipelines/gitlabConditions';
import { parseYaml } from '../../../../src/core/pipelines/yamlTree';
import { checkCase, type PipelineCase } from './pipelineCase';

const GL = '.gitlab-ci.yml';
const tests = 'unit-tests:\n  stage: test\n  script: [npm test]\n';
/** A production deploy that GitLab lets fail: deploy-allow-failure (and deploy-without-approval is not due). */
const failingDeploy = (extra = '', name = 'deploy-production'): string =>
  `${name}:\n  stage: deploy\n  environment: production\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: true\n${extra}`;

const includes: PipelineCase[] = [
  {
    name: 'include rules: applies only to merge request pipelines, so its deploy is no production deploy',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: [],
  },
  {
    name: 'include rules: that can never hold (a tag and a branch at once): not merged',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - if: $CI_COMMIT_TAG && $CI_COMMIT_BRANCH\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: [],
  },
  {
    name: 'include rules: on a project variable may apply: merged, and the finding says under which condition',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - if: $DEPLOY == "true"\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: ['deploy-allow-failure@deploy-production@ci/deploy.yml'],
    says: { 'deploy-allow-failure@deploy-production@ci/deploy.yml': 'only when ci/deploy.yml is included: rules: if: $DEPLOY == "true", which the files do not decide' },
  },
  {
    name: 'include rules: exists: a file that is read: applies without a condition in the message',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - exists: [ci/*.yml]\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: ['deploy-allow-failure@deploy-production@ci/deploy.yml'],
    says: { 'deploy-allow-failure@deploy-production@ci/deploy.yml': 'the pipeline passes when it fails' },
  },
  {
    name: 'include rules: exists: a file that is read, when: never: never applies, not merged',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - exists:\n          - ci/deploy.yml\n        when: never\n      - when: always\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: [],
  },
  {
    name: 'include rules: when: never for tags, then always: the deploy still runs on the default branch',
    files: { [GL]: `include:\n  - local: ci/deploy.yml\n    rules:\n      - if: $CI_COMMIT_TAG\n        when: never\n      - when: always\n${tests}`, 'ci/deploy.yml': failingDeploy() },
    expect: ['deploy-allow-failure@deploy-production@ci/deploy.yml'],
  },
  {
    name: 'nested include: the outer include\'s rules: hold for what it includes',
    files: {
      [GL]: `include:\n  - local: ci/mr.yml\n    rules:\n      - if: $CI_MERGE_REQUEST_IID\n${tests}`,
      'ci/mr.yml': 'include:\n  - local: ci/deploy.yml\n',
      'ci/deploy.yml': failingDeploy(),
    },
    expect: [],
  },
];

const workflow: PipelineCase[] = [
  {
    name: 'workflow: rules: only merge request pipelines; a deploy without rules runs in none of them',
    files: { [GL]: `workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n${tests}${failingDeploy()}` },
    expect: [],
  },
  {
    name: 'workflow: rules: never for tags; a deploy only: [tags] never runs',
    files: { [GL]: `workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - when: always\n${tests}${failingDeploy('  only: [tags]\n')}` },
    expect: [],
  },
  {
    name: 'workflow: rules: on the default branch by name: not decided, so the deploy is still reported',
    files: { [GL]: `workflow:\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n${tests}${failingDeploy()}` },
    expect: ['deploy-allow-failure@deploy-production'],
  },
  {
    name: 'workflow: rules: through !reference',
    files: { [GL]: `.mr_only:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\nworkflow:\n  rules:\n    - !reference [.mr_only, rules]\n${tests}${failingDeploy()}` },
    expect: [],
  },
];

const onlyExcept: PipelineCase[] = [
  {
    name: 'only: [merge_requests] deploy: no production pipeline runs it',
    files: { [GL]: tests + failingDeploy('  only: [merge_requests]\n') },
    expect: [],
  },
  {
    name: 'only: refs: branches, except: variables: $CI_COMMIT_BRANCH: excluded from every production pipeline',
    files: { [GL]: tests + failingDeploy('  only:\n    refs: [branches]\n  except:\n    variables:\n      - $CI_COMMIT_BRANCH\n') },
    expect: [],
  },
  {
    name: 'tests only: [merge_requests], deploy only: [tags]: the tag pipeline deploys without a gate',
    files: { [GL]: 'unit-tests:\n  stage: test\n  only: [merge_requests]\n  script: [npm test]\n' + 'deploy-production:\n  stage: deploy\n  environment: production\n  only: [tags]\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: false\n' },
    expect: ['deploy-without-gates@deploy-production'],
  },
  {
    name: 'tests only: [branches], deploy only: [main, tags]: ungated in tag pipelines only, and the message says so',
    files: { [GL]: 'unit-tests:\n  stage: test\n  only: [branches]\n  script: [npm test]\n' + 'deploy-production:\n  stage: deploy\n  environment: production\n  only: [main, tags]\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: false\n' },
    expect: ['deploy-without-gates@deploy-production'],
    says: { 'deploy-without-gates@deploy-production': '(in tag pipelines)' },
  },
  {
    name: 'only: [main]: the default branch\'s name is not in the files, so the deploy may run',
    files: { [GL]: tests + failingDeploy('  only: [main]\n') },
    expect: ['deploy-allow-failure@deploy-production'],
  },
  {
    name: 'except: [tags, branches, schedules]: no production pipeline left',
    files: { [GL]: tests + failingDeploy('  except: [tags, branches, schedules]\n') },
    expect: [],
  },
];

onlyExcept.push({
  name: 'rules: [] is not decided: the deploy is still reported',
  files: { [GL]: tests + failingDeploy('  rules: []\n') },
  expect: ['deploy-allow-failure@deploy-production'],
});

const inputs: PipelineCase[] = [
  {
    name: 'spec: inputs: include: inputs: name the job and environment and set allow_failure',
    files: {
      [GL]: `include:\n  - local: ci/deploy.yml\n    inputs:\n      environment: production\n      allow_failure: true\n${tests}`,
      'ci/deploy.yml': 'spec:\n  inputs:\n    environment:\n      default: staging\n    allow_failure:\n      type: boolean\n      default: false\n---\ndeploy-$[[ inputs.environment ]]:\n  stage: deploy\n  environment: $[[ inputs.environment ]]\n  script:\n    - ./deploy.sh $[[ inputs.environment ]]\n  when: manual\n  allow_failure: $[[ inputs.allow_failure ]]\n',
    },
    expect: ['deploy-allow-failure@deploy-production@ci/deploy.yml'],
    at: { 'deploy-allow-failure@deploy-production@ci/deploy.yml': '$[[ inputs.allow_failure ]]' },
  },
  {
    name: 'spec: inputs: defaults apply when the include passes none',
    files: {
      [GL]: `include:\n  - local: ci/deploy.yml\n${tests}`,
      'ci/deploy.yml': 'spec:\n  inputs:\n    tier:\n      default: production\n---\ndeploy:\n  stage: deploy\n  environment:\n    name: $[[ inputs.tier | truncate(0, 4) ]]\n  image: node:latest\n  script: [./deploy.sh]\n  when: manual\n  allow_failure: false\n',
    },
    expect: ['deploy-latest-tag@deploy@ci/deploy.yml'],
  },
];

const references: PipelineCase[] = [
  {
    name: '!reference in rules: the referenced rules make it a merge request job',
    files: { [GL]: `.mr_rules:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n${tests}${failingDeploy('  rules:\n    - !reference [.mr_rules, rules]\n')}` },
    expect: [],
  },
  {
    name: '!reference in rules: a rules entry for merge requests only is not a production entry',
    files: {
      [GL]: `.mr_rules:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\n      when: manual\n      allow_failure: true\n${tests}deploy-production:\n  stage: deploy\n  environment: production\n  script: [./deploy.sh]\n  rules:\n    - !reference [.mr_rules, rules]\n    - if: $CI_COMMIT_TAG\n      when: manual\n`,
    },
    expect: [],
  },
];

describe('pipelines: GitLab conditions', () => {
  describe('include: rules:', () => {
    for (const c of includes) it(c.name, () => checkCase(c));
  });
  describe('workflow: rules:', () => {
    for (const c of workflow) it(c.name, () => checkCase(c));
  });
  describe('only: / except:', () => {
    for (const c of onlyExcept) it(c.name, () => checkCase(c));
  });
  describe('spec: inputs and $[[ inputs.x ]]', () => {
    for (const c of inputs) it(c.name, () => checkCase(c));
  });
  describe('!reference in rules:', () => {
    for (const c of references) it(c.name, () => checkCase(c));
  });

  it('a job that never runs is listed with the reason, and is not a gate or a deploy', () => {
    const result = lintPipelineRepository(new Map([[GL, `workflow:\n  rules:\n    - if: $CI_MERGE_REQUEST_IID\n${tests}${failingDeploy()}`]]));
    const deploy = result.jobs.find((j) => j.name === 'deploy-production');
    assert.equal(deploy?.role, 'other');
    assert.match(deploy?.reason ?? '', /never runs/);
  });
});

describe('pipelines: rules:if expressions', () => {
  const table: [string, PipelineKindName, Tri][] = [
    ['$CI_COMMIT_TAG', 'tag', 'yes'],
    ['$CI_COMMIT_TAG', 'default', 'no'],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', 'default', 'yes'],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', 'branch', 'no'],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', 'tag', 'no'],
    ['$CI_COMMIT_BRANCH == "main"', 'default', 'maybe'],
    ['$CI_COMMIT_BRANCH == "main"', 'mr', 'no'],
    ['$CI_PIPELINE_SOURCE == "schedule"', 'default', 'no'],
    ['$CI_PIPELINE_SOURCE == "schedule"', 'schedule', 'yes'],
    ['$CI_PIPELINE_SOURCE == "push"', 'default', 'maybe'],
    ['$CI_PIPELINE_SOURCE != "merge_request_event"', 'tag', 'yes'],
    ['$CI_COMMIT_TAG =~ /^v\\d+/', 'tag', 'maybe'],
    ['$CI_COMMIT_TAG =~ /^v\\d+/', 'default', 'no'],
    ['$CI_COMMIT_TAG !~ /^v/', 'default', 'yes'],
    ['$CI_PIPELINE_SOURCE =~ /^(push|web)$/', 'schedule', 'no'],
    ['($CI_COMMIT_TAG || $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH) && $CI_PIPELINE_SOURCE != "merge_request_event"', 'default', 'yes'],
    ['$CI_COMMIT_TAG || $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', 'branch', 'no'],
    ['$DEPLOY == "true"', 'default', 'maybe'],
    ['$CI_MERGE_REQUEST_IID == null', 'tag', 'yes'],
    ['$CI_COMMIT_TAG && (', 'tag', 'maybe'],
    ['"unterminated', 'tag', 'maybe'],
    ['$X =~ $PATTERN', 'tag', 'maybe'],
  ];
  for (const [expression, kind, expected] of table) {
    it(`${expression} in a ${kind} pipeline: ${expected}`, () => assert.equal(evaluateIf(expression, kind), expected));
  }

  it('parentheses nested 5,000 deep are not decided, and do not overflow the stack', () => {
    assert.equal(evaluateIf(`${'('.repeat(5000)}$CI_COMMIT_TAG${')'.repeat(5000)}`, 'tag'), 'maybe');
    assert.equal(evaluateIf(`${'('.repeat(10)}$CI_COMMIT_TAG${')'.repeat(10)}`, 'tag'), 'yes');
    const result = lintPipelineRepository(new Map([[GL, `${tests}${failingDeploy(`  rules:\n    - if: '${'('.repeat(5000)}$CI_COMMIT_TAG${')'.repeat(5000)}'\n`)}`]]));
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['deploy-allow-failure']);
  });

  it('rules: the first entry that holds decides; when: never stops; no entry holding adds nothing', () => {
    const rules = parseYaml('x.yml', '- if: $CI_COMMIT_TAG\n  when: never\n- if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n  when: manual\n- if: $DEPLOY\n').root;
    assert.deepEqual(evaluateRules(rules, 'tag', {}), { runs: 'no', entries: [] });
    assert.deepEqual(evaluateRules(rules, 'default', {}), { runs: 'yes', entries: [1] });
    assert.deepEqual(evaluateRules(rules, 'branch', {}), { runs: 'maybe', entries: [2] });
    assert.deepEqual(evaluateRules(rules, 'mr', {}), { runs: 'maybe', entries: [2] });
  });
});
