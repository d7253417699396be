// GitHub Actions: an `environment:` given by an expression is a production deploy when any value it can take is
// production (input defaults and options, matrix values, the literals of the expression), and says why (issue #14).
import assert from 'node:assert/strict';
import { checkCase, type PipelineCase } from './pipelineCase';

const WF = '.github/workflows/deploy.yml';
const tests = '  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
const deploy = (environment: string, extra = ''): string =>
  `  deploy:\n    runs-on: ubuntu-latest\n    environment: ${environment}\n${extra}    steps:\n      - run: ./deploy.sh\n`;

const cases: PipelineCase[] = [
  {
    name: 'the default of a workflow_dispatch input (in a workflow that also runs on push)',
    files: { [WF]: `on:\n  push:\n  workflow_dispatch:\n    inputs:\n      environment:\n        type: environment\n        default: production\njobs:\n${tests}${deploy('${{ inputs.environment }}', '    continue-on-error: true\n    needs: test\n')}` },
    expect: ['deploy-continue-on-error@deploy'],
    says: { 'deploy-continue-on-error@deploy': 'environment "${{ inputs.environment }}" can be "production" (the default of the workflow_dispatch input "environment")' },
  },
  {
    name: 'an option of a choice input',
    files: { [WF]: `on:\n  push:\n  workflow_dispatch:\n    inputs:\n      target:\n        type: choice\n        options: [staging, prod]\njobs:\n${tests}${deploy('${{ github.event.inputs.target }}')}` },
    expect: ['deploy-without-gates@deploy'],
    says: { 'deploy-without-gates@deploy': '"prod" (an option of the workflow_dispatch input "target")' },
  },
  {
    name: 'a matrix value',
    files: { [WF]: `on: push\njobs:\n${tests}${deploy('${{ matrix.env }}', '    needs: test\n    continue-on-error: true\n    strategy:\n      matrix:\n        env: [staging, production]\n')}` },
    expect: ['deploy-continue-on-error@deploy'],
    says: { 'deploy-continue-on-error@deploy': '"production" (a value of matrix.env)' },
  },
  {
    name: 'a matrix include: entry, in the name: form',
    files: { [WF]: `on: push\njobs:\n${tests}${deploy('\n      name: ${{ matrix.target }}', '    needs: test\n    continue-on-error: true\n    strategy:\n      matrix:\n        include:\n          - target: live\n')}` },
    expect: ['deploy-continue-on-error@deploy'],
  },
  {
    name: "github.ref == 'refs/heads/main' && 'production' || 'staging'",
    files: { [WF]: `on: push\njobs:\n${tests}${deploy("${{ github.ref == 'refs/heads/main' && 'production' || 'staging' }}", '    continue-on-error: true\n    needs: test\n')}` },
    expect: ['deploy-continue-on-error@deploy'],
    says: { 'deploy-continue-on-error@deploy': '"production" (a value the expression can give)' },
  },
  {
    name: 'text around the expression: production-${{ matrix.region }}',
    files: { [WF]: `on: push\njobs:\n${tests}${deploy('production-${{ matrix.region }}', '    continue-on-error: true\n    needs: test\n')}` },
    expect: ['deploy-continue-on-error@deploy'],
  },
  {
    name: 'must not fire: every value the expression can take is staging or review',
    files: { [WF]: `on:\n  push:\n  workflow_dispatch:\n    inputs:\n      environment:\n        default: staging\n        options: [staging, qa]\njobs:\n${deploy("${{ github.ref == 'refs/heads/production' && inputs.environment || 'review' }}", '    continue-on-error: true\n')}` },
    expect: [],
  },
  {
    name: 'must not fire: a value known only at run time (vars, fromJSON)',
    files: { [WF]: `on: push\njobs:\n${deploy('${{ vars.DEPLOY_ENV }}', '    continue-on-error: true\n')}${deploy('${{ fromJSON(needs.plan.outputs.env) }}', '    continue-on-error: true\n').replace('  deploy:', '  deploy2:')}` },
    expect: [],
  },
  {
    name: 'a workflow that only runs by hand and has no gate at all: a warning, not an error',
    files: { [WF]: `on:\n  workflow_dispatch:\n    inputs:\n      environment:\n        default: production\njobs:\n${deploy('${{ inputs.environment }}')}` },
    expect: ['deploy-without-gates@deploy'],
    severity: { 'deploy-without-gates@deploy': 'warning' },
    says: { 'deploy-without-gates@deploy': 'only runs when started by hand' },
  },
  {
    name: 'a workflow that only runs by hand but skips its own gate: still an error',
    files: { [WF]: `on: workflow_dispatch\njobs:\n${tests}${deploy('production')}` },
    expect: ['deploy-without-gates@deploy'],
    severity: { 'deploy-without-gates@deploy': 'error' },
  },
];

describe('pipelines: GitHub environment given by an expression', () => {
  for (const c of cases) it(c.name, () => checkCase(c));

  it('the job summary gives the reasoning', () => {
    const result = checkCase(cases[4]!);
    const job = result.jobs.find((j) => j.name === 'deploy');
    assert.equal(job?.role, 'production-deploy');
    assert.match(job?.reason ?? '', /can be "production"/);
  });
});
