// GitHub Actions: local composite actions (`uses: ./.github/actions/x`) are read and their steps followed, with
// findings reported at the calling step and the position in the action named in the message (issue #14).
import assert from 'node:assert/strict';
import { pipelineLocalReferences } from '../../../../src/core/pipelines';
import { checkCase, type PipelineCase } from './pipelineCase';

const WF = '.github/workflows/ci.yml';
const wf = (jobs: string): string => `name: ci\non: push\njobs:\n${jobs}`;
const tests = '  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
const composite = (steps: string, using = 'composite'): string => `name: x\ndescription: x\nruns:\n  using: ${using}\n  steps:\n${steps}`;

const cases: PipelineCase[] = [
  {
    name: 'a deploy step of a composite action continues on error in a production job',
    files: {
      [WF]: wf(tests + '  deploy:\n    needs: test\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - name: Ship\n        uses: ./.github/actions/deploy\n'),
      '.github/actions/deploy/action.yml': composite('    - name: Deploy\n      shell: bash\n      run: kubectl apply -f k8s/\n      continue-on-error: true\n'),
    },
    expect: ['deploy-continue-on-error@deploy'],
    at: { 'deploy-continue-on-error@deploy': './.github/actions/deploy' },
    says: { 'deploy-continue-on-error@deploy': 'in .github/actions/deploy/action.yml line 9' },
  },
  {
    name: 'continue-on-error on the calling step of an action that deploys',
    files: {
      [WF]: wf(tests + '  deploy:\n    needs: test\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: ./.github/actions/deploy\n        continue-on-error: true\n'),
      '.github/actions/deploy/action.yaml': composite('    - shell: bash\n      run: helm upgrade --install app chart/ -f values-prod.yaml\n'),
    },
    expect: ['deploy-continue-on-error@deploy'],
    at: { 'deploy-continue-on-error@deploy': 'true' },
    says: { 'deploy-continue-on-error@deploy': 'every step of the composite action' },
  },
  {
    name: 'must not fire: the action that continues on error only notifies',
    files: {
      [WF]: wf(tests + '  deploy:\n    needs: test\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: ./deploy.sh\n      - uses: ./.github/actions/notify\n        continue-on-error: true\n'),
      '.github/actions/notify/action.yml': composite('    - shell: bash\n      run: curl -X POST "$SLACK_URL"\n'),
    },
    expect: [],
  },
  {
    name: 'a release tool in a composite action after a shallow checkout in the workflow',
    files: {
      [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/changelog\n'),
      '.github/actions/changelog/action.yml': composite('    - shell: bash\n      run: npx git-cliff --bump -o CHANGELOG.md\n'),
    },
    expect: ['shallow-clone-release@release'],
    at: { 'shallow-clone-release@release': 'actions/checkout@v4' },
    says: { 'shallow-clone-release@release': 'in .github/actions/changelog/action.yml line 6' },
  },
  {
    name: 'a shallow checkout inside a composite action, reported at the calling step',
    files: {
      [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - run: npx standard-version\n'),
      '.github/actions/setup/action.yml': composite('    - uses: actions/checkout@v4\n      with:\n        fetch-depth: 1\n'),
    },
    expect: ['shallow-clone-release@release'],
    at: { 'shallow-clone-release@release': './.github/actions/setup' },
    says: { 'shallow-clone-release@release': 'in .github/actions/setup/action.yml line 8' },
  },
  {
    name: 'must not fire: the composite action checks out with fetch-depth: 0',
    files: {
      [WF]: wf('  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - run: npx standard-version\n'),
      '.github/actions/setup/action.yml': composite('    - uses: actions/checkout@v4\n      with:\n        fetch-depth: 0\n'),
    },
    expect: [],
  },
  {
    name: 'must not fire: the tool runs in a repository the action creates with git init (git-cliff fixtures)',
    files: {
      [WF]: wf('  fixtures:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/run-fixture\n        with:\n          dir: fixtures/a\n'),
      '.github/actions/run-fixture/action.yml': composite('    - working-directory: ${{ inputs.dir }}\n      shell: bash\n      run: |\n        git init\n        ./commit.sh\n    - working-directory: ${{ inputs.dir }}\n      shell: bash\n      run: git cliff --config cliff.toml > output.md\n'),
    },
    expect: [],
  },
  {
    name: 'nested composite actions, a latest image in the inner one',
    files: {
      [WF]: wf(tests + '  deploy:\n    needs: test\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: ./.github/actions/outer\n'),
      '.github/actions/outer/action.yml': composite('    - uses: ./.github/actions/inner\n'),
      '.github/actions/inner/action.yml': composite('    - shell: bash\n      run: docker run --rm ghcr.io/acme/migrate:latest up\n'),
    },
    expect: ['deploy-latest-tag@deploy'],
    at: { 'deploy-latest-tag@deploy': './.github/actions/outer' },
    says: { 'deploy-latest-tag@deploy': 'in .github/actions/inner/action.yml line 7' },
  },
  {
    name: 'an action that calls itself is read once; a JavaScript action has no steps; a missing one is reported',
    files: {
      [WF]: wf('  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/loop\n      - uses: ./.github/actions/js\n      - uses: ./.github/actions/gone\n'),
      '.github/actions/loop/action.yml': composite('    - uses: ./.github/actions/loop\n'),
      '.github/actions/js/action.yml': 'name: js\nruns:\n  using: node20\n  main: index.js\n',
    },
    expect: ['include-not-followed@a'],
    says: { 'include-not-followed@a': '"./.github/actions/gone" has no action.yml or action.yaml' },
  },
];

describe('pipelines: GitHub local composite actions', () => {
  for (const c of cases) it(c.name, () => checkCase(c));

  it('pipelineLocalReferences names the action files of local actions, of workflows and of actions', () => {
    assert.deepEqual(pipelineLocalReferences(WF, wf('  a:\n    steps:\n      - uses: ./.github/actions/x\n      - uses: ./\n      - uses: actions/checkout@v4\n')),
      ['.github/actions/x/action.yml', '.github/actions/x/action.yaml', 'action.yml', 'action.yaml']);
    assert.deepEqual(pipelineLocalReferences('.github/actions/x/action.yml', composite('    - uses: ./.github/actions/y/\n')),
      ['.github/actions/y/action.yml', '.github/actions/y/action.yaml']);
  });
});
