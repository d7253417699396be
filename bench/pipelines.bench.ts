// Pipeline linting speed on generated configurations.
//
//   node --import=tsx bench/pipelines.bench.ts
//   RH_BENCH_QUICK=1 node --import=tsx bench/pipelines.bench.ts   (fewer repetitions)
//
// 1. GitLab: a .gitlab-ci.yml of 500 jobs spread over 10 local includes, every job built from YAML anchors
//    (merge keys), half of them through `extends:` of hidden templates, with !reference scripts; linted as a
//    repository (lintPipelineRepository) and as you type (lintPipelineText on the root, includes resolved).
// 2. GitHub: 100 workflow files of 6 jobs each (test, lint, scan, build, deploy-staging, deploy-production),
//    10 of them calling a local reusable workflow; linted as a repository and one file as you type.
// Each measurement: warm-up, then repetitions; median and p95 wall ms, and the median CPU ms (user + system). The CLI end to end over the same files is
// timed too (node dist/cli.js pipelines, which includes reading the files from disk).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintPipelineRepository, lintPipelineText } from '../src/core/pipelines';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.RH_BENCH_QUICK === '1';
const REPS = QUICK ? 5 : 30;

function gitlabFiles(jobs: number, includes: number): Map<string, string> {
  const files = new Map<string, string>();
  let root = `include:\n${Array.from({ length: includes }, (_, i) => `  - local: ci/part-${i}.yml\n`).join('')}`;
  root += 'stages: [build, test, deploy-staging, verify, deploy-production]\nvariables:\n  GIT_DEPTH: "0"\n';
  root += '.defaults: &defaults\n  image: registry.example.com/ci:1.4\n  retry: 1\n  interruptible: true\n';
  root += '.scripts:\n  setup:\n    - npm ci\n    - echo ready\n';
  root += '.deploy:\n  <<: *defaults\n  stage: deploy-production\n  when: manual\n  allow_failure: false\n';
  const perFile = Math.ceil(jobs / (includes + 1));
  let n = 0;
  const job = (i: number): string => {
    const kind = i % 5;
    if (kind === 0) return `build-${i}:\n  <<: *defaults\n  stage: build\n  script:\n    - !reference [.scripts, setup]\n    - docker build -t app:$CI_COMMIT_SHA .\n`;
    if (kind === 1) return `unit-tests-${i}:\n  <<: *defaults\n  stage: test\n  script:\n    - !reference [.scripts, setup]\n    - npm test\n`;
    if (kind === 2) return `deploy-staging-${i}:\n  <<: *defaults\n  stage: deploy-staging\n  environment: { name: staging }\n  script: [kubectl set image deployment/app app=registry.example.com/app:$CI_COMMIT_SHA -n staging]\n`;
    if (kind === 3) return `smoke-${i}:\n  <<: *defaults\n  stage: verify\n  script: [curl --fail https://staging.example.com/health]\n`;
    return `deploy-production-${i}:\n  extends: .deploy\n  environment:\n    name: production\n  script: [kubectl set image deployment/app app=registry.example.com/app:$CI_COMMIT_SHA --namespace=production]\n`;
  };
  // Anchors must be defined in the file that uses them: each include carries its own.
  for (let f = 0; f < includes; f++) {
    let text = '.defaults: &defaults\n  image: registry.example.com/ci:1.4\n  retry: 1\n';
    for (let k = 0; k < perFile && n < jobs; k++) text += job(n++);
    files.set(`ci/part-${f}.yml`, text);
  }
  while (n < jobs) root += job(n++);
  files.set('.gitlab-ci.yml', root);
  return files;
}

function githubFiles(count: number): Map<string, string> {
  const files = new Map<string, string>();
  files.set('.github/workflows/reusable-deploy.yml', 'on:\n  workflow_call:\n    inputs:\n      environment: { type: string }\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: ${{ inputs.environment }}\n    steps:\n      - run: ./deploy.sh\n');
  for (let i = 0; i < count - 1; i++) {
    const call = i % 10 === 0;
    files.set(`.github/workflows/service-${i}.yml`, `name: service-${i}
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm run lint
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: aquasecurity/trivy-action@0.28.0
  build:
    needs: [test, lint, scan]
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - run: npx semantic-release --dry-run
      - uses: docker/build-push-action@v6
  deploy-staging:
    needs: build
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - run: kubectl set image deployment/app app=ghcr.io/acme/s${i}:\${{ github.sha }} -n staging
  deploy-production:
    needs: deploy-staging
${call ? '    uses: ./.github/workflows/reusable-deploy.yml\n    with:\n      environment: production\n' : `    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: kubectl set image deployment/app app=ghcr.io/acme/s${i}:\${{ github.sha }} --namespace=production
`}`);
  }
  return files;
}

/** Wall and CPU time (user + system of this process: on a loaded machine the wall time mostly measures the load). */
function measure(label: string, fn: () => unknown): { label: string; median: number; p95: number; cpu: number } {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { label, median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!, cpu: cpu[Math.floor(cpu.length / 2)]! };
}

const gitlab = gitlabFiles(500, 10);
const github = githubFiles(100);
const gitlabBytes = [...gitlab.values()].reduce((s, t) => s + t.length, 0);
const githubBytes = [...github.values()].reduce((s, t) => s + t.length, 0);
const gl = lintPipelineRepository(gitlab);
const gh = lintPipelineRepository(github);
const glJobs = gl.jobs.length;
const rows = [
  measure(`GitLab repository: 500 jobs, 10 includes (${(gitlabBytes / 1024).toFixed(0)} KiB)`, () => lintPipelineRepository(gitlab)),
  measure('GitLab as you type: .gitlab-ci.yml with its includes resolved', () => lintPipelineText('.gitlab-ci.yml', gitlab.get('.gitlab-ci.yml')!, { resolveInclude: (p) => gitlab.get(p) })),
  measure(`GitHub repository: 100 workflow files (${(githubBytes / 1024).toFixed(0)} KiB)`, () => lintPipelineRepository(github)),
  measure('GitHub as you type: one workflow (calls the reusable one)', () => lintPipelineText('.github/workflows/service-0.yml', github.get('.github/workflows/service-0.yml')!, { resolveInclude: (p) => github.get(p) })),
];

// CLI end to end
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'ignore' });
const dir = mkdtempSync(join(tmpdir(), 'rh-pipelines-bench-'));
for (const [p, t] of [...gitlab, ...github]) {
  mkdirSync(dirname(join(dir, p)), { recursive: true });
  writeFileSync(join(dir, p), t);
}
const cli: number[] = [];
const cliCpu: number[] = [];
for (let i = 0; i < (QUICK ? 3 : 10); i++) {
  const t = process.hrtime.bigint();
  // GNU time for the CPU time of the child (user + system): wall time on a loaded machine says little.
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, join(ROOT, 'dist', 'cli.js'), 'pipelines', '--cwd', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  cli.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  const [user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  cliCpu.push((user! + sys!) * 1000);
}
cliCpu.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });
cli.sort((a, b) => a - b);

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`GitLab: ${glJobs} jobs read, ${gl.findings.length} findings (${[...new Set(gl.findings.map((f) => f.ruleId))].join(', ') || 'none'}); GitHub: ${gh.jobs.length} jobs, ${gh.findings.length} findings (${[...new Set(gh.findings.map((f) => f.ruleId))].join(', ') || 'none'})`);
console.log(`\n| what | median ms (wall) | p95 ms (wall) | median CPU ms |\n| --- | ---: | ---: | ---: |`);
for (const r of rows) console.log(`| ${r.label} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.cpu.toFixed(1)} |`);
console.log(`| CLI \`pipelines --format json\` over both (${gitlab.size + github.size} files, process start included) | ${cli[Math.floor(cli.length / 2)]!.toFixed(0)} | ${cli[cli.length - 1]!.toFixed(0)} (max) | ${cliCpu[Math.floor(cliCpu.length / 2)]!.toFixed(0)} |`);
const t0 = process.hrtime.bigint();
spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--version']);
console.log(`(\`node dist/cli.js --version\`, the process floor, once: ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms wall)`);
