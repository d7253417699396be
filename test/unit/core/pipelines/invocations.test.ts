// Issue 15: a tool's name in a script is not a run of the tool. The reduced cases of git-cliff's own workflows
// and their siblings, for every rule that reads scripts; each case lists the exact active findings as
// `rule@job:severity` and, where it matters, the text a finding points at.
import assert from 'node:assert/strict';
import { lintPipelineRepository } from '../../../../src/core/pipelines';

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly expect: readonly string[];
  readonly at?: Record<string, string>;
  /** Each finding whose key is here must have a message matching the pattern. */
  readonly message?: Record<string, RegExp>;
}

const GL = '.gitlab-ci.yml';
const WF = '.github/workflows/release.yml';

function check(c: Case): void {
  const files = new Map(Object.entries(c.files));
  const result = lintPipelineRepository(files);
  const key = (f: (typeof result.findings)[number]): string => `${f.ruleId}@${f.job ?? '-'}:${f.severity}`;
  assert.deepEqual(result.findings.map(key).sort(), [...c.expect].sort(), JSON.stringify(result.findings.map((f) => [key(f), f.message]), null, 1));
  for (const [k, text] of Object.entries(c.at ?? {})) {
    const f = result.findings.find((x) => key(x) === k);
    assert.ok(f, `no finding ${k}`);
    assert.equal(files.get(f.file)!.slice(f.start, f.end), text, `${k} points at the wrong text`);
  }
  for (const [k, pattern] of Object.entries(c.message ?? {})) {
    const f = result.findings.find((x) => key(x) === k);
    assert.match(f?.message ?? '', pattern);
  }
}

/** A job on a default (one-commit) checkout whose steps are `steps` (YAML at step-list indentation). */
const shallowJob = (steps: string, env = ''): string => `on: push
jobs:
  job:
    runs-on: ubuntu-22.04
${env}    steps:
      - uses: actions/checkout@v6
${steps}`;
const run = (script: string): string => `      - run: |\n${script.split('\n').map((l) => `          ${l}`).join('\n')}\n`;
const wf = (steps: string, env = ''): Record<string, string> => ({ [WF]: shallowJob(steps, env) });
const ERROR = 'shallow-clone-release@job:error';
const WARNING = 'shallow-clone-release@job:warning';

const notRuns: Case[] = [
  { name: 'git-cliff msrv: package names in a for list', files: wf(run('for package in "git-cliff" "git-cliff-core"; do\n  printf "Checking MSRV for $package..."\n  cargo msrv --output-format json --path "$package" verify | tail -n 1 | jq --exit-status \'.success\'\ndone')), expect: [] },
  { name: 'git-cliff publish-binaries: another binary, artifact names', files: wf(run('cargo run --release --bin git-cliff-completions\ntar -czvf git-cliff-${{ env.RELEASE_VERSION }}.tar.gz git-cliff-${{ env.RELEASE_VERSION }}/')), expect: [] },
  { name: 'git-cliff publish-deb: package flags and manifest paths', files: wf(run('sed "/readme = (.*)/d" -E -i git-cliff/Cargo.toml\ncargo build --release --locked -p git-cliff\nOUT_DIR=man cargo run --bin git-cliff-mangen\ncargo-deb --strip -p git-cliff -v -o git-cliff-${{ env.RELEASE_VERSION }}.deb')), expect: [] },
  { name: 'git-cliff publish-crates-io: a URL and a manifest path', files: wf(run('cargo publish --allow-dirty --manifest-path git-cliff-core/Cargo.toml --locked\ncrate_status="https://raw.githubusercontent.com/rust-lang/crates.io-index/master/gi/t-/git-cliff-core"\nuntil curl -s "$crate_status" | grep -q x; do sleep 5; done')), expect: [] },
  { name: 'a binary copied, quoted and echoed', files: wf(run('for bin in \'git-cliff\' \'git-cliff-completions\'; do\n  cp "target/release/${bin}" release/\ndone\necho "git-cliff built"\nbin="git-cliff"')), expect: [] },
  { name: 'installing is not running', files: wf(run('cargo install git-cliff\ncargo binstall -y git-cliff\nnpm install -g git-cliff standard-version\npip install git-cliff\nbrew install git-cliff\ncommand -v git-cliff')), expect: [] },
  { name: 'building and pushing the image is not running it', files: wf(run('docker build -t orhunp/git-cliff .\ndocker push orhunp/git-cliff:latest')), expect: [] },
  { name: 'a comment and a here-document', files: wf(run('# git-cliff --bump runs in the release job\ncat <<EOF > notes.md\ngit-cliff --bump\ngit describe --tags\nEOF')), expect: [] },
  { name: 'a case label', files: wf(run('case "$TOOL" in\n  git-cliff) echo "cliff" ;;\n  *) echo other ;;\nesac')), expect: [] },
  { name: 'a substring of a word or a path', files: wf(run('./scripts/run-git-cliff-tests\nls dist/git-cliff-x86_64/\nmy-standard-version-check')), expect: [] },
  { name: 'git describe as a quoted argument', files: wf(run('echo "use git describe --tags to see the version"')), expect: [] },
  { name: 'semantic-release installed, named, or a plugin', files: wf(run('npm i -D semantic-release @semantic-release/git\necho "semantic-release runs in release.yml"')), expect: [] },
  { name: 'printing the version or the help after an install', files: wf(run('cargo install git-cliff\ngit-cliff --version\ngit-cliff --init\nnpx standard-version --help\nnpx semantic-release -h')), expect: [] },
  { name: 'a run: in Python is not shell commands', files: wf('      - shell: python\n        run: |\n          import subprocess\n          git-cliff = 1\n'), expect: [] },
  { name: 'the tool after git fetch --unshallow in the same script', files: wf(run('git fetch --unshallow --tags && git-cliff --bump')), expect: [] },
];

const runs: Case[] = [
  { name: 'the command word', files: wf(run('git-cliff --bump -o CHANGELOG.md')), expect: [ERROR] },
  { name: 'through npx with a version', files: wf(run('npx -y git-cliff@2.8.0 --latest')), expect: [ERROR], message: { [ERROR]: /"npx -y git-cliff@2\.8\.0"/ } },
  { name: 'through pnpm dlx, yarn dlx, bunx, uvx, pipx run', files: { [WF]: `on: push\njobs:\n${['pnpm dlx standard-version', 'yarn dlx commit-and-tag-version', 'bunx conventional-changelog -p angular', 'uvx git-cliff --bump', 'pipx run git-cliff'].map((cmd, i) => `  j${i}:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${cmd}\n`).join('')}` }, expect: ['shallow-clone-release@j0:error', 'shallow-clone-release@j1:error', 'shallow-clone-release@j2:error', 'shallow-clone-release@j3:error', 'shallow-clone-release@j4:error'] },
  { name: 'cargo run --bin git-cliff', files: wf(run('cargo run --release --bin git-cliff -- --bump')), expect: [ERROR] },
  { name: 'docker run of the git-cliff image', files: wf(run('docker run -t -v "$(pwd)":/app/ orhunp/git-cliff:2.8.0 --bump')), expect: [ERROR] },
  { name: 'docker run of the git-cliff image with another entrypoint: a warning', files: wf(run('docker run --entrypoint sh orhunp/git-cliff -c "ls"')), expect: [WARNING], message: { [WARNING]: /entrypoint replaced/ } },
  { name: 'the git-cliff image as a docker:// step', files: wf('      - uses: docker://orhunp/git-cliff:latest\n        with:\n          args: --bump\n'), expect: [ERROR] },
  { name: 'git cliff, the git subcommand form', files: wf(run('git cliff --unreleased')), expect: [ERROR] },
  { name: 'a path to the binary', files: wf(run('./target/release/git-cliff -o CHANGELOG.md')), expect: [ERROR] },
  { name: 'inside a command substitution', files: wf(run('VERSION=$(git-cliff --bumped-version)\necho "$VERSION"')), expect: [ERROR] },
  { name: 'git describe inside a command substitution', files: wf(run('echo "version=$(git describe --tags --abbrev=0)" >> "$GITHUB_OUTPUT"')), expect: [ERROR] },
  { name: 'bash -c', files: wf(run(`bash -c 'git-cliff --bump'`)), expect: [ERROR] },
  { name: 'sh -c with an expansion in its string', files: wf(run('sh -c "git-cliff --tag $TAG -o CHANGELOG.md"')), expect: [ERROR] },
  { name: 'after a line continuation and a pipe', files: wf(run('cat x | \\\n  git-cliff --bump')), expect: [ERROR] },
  { name: 'an npm script whose body runs it', files: { ...wf(run('npm ci\nnpm run release')), 'package.json': JSON.stringify({ scripts: { release: 'standard-version --sign' } }) }, expect: [ERROR], message: { [ERROR]: /"npm run release" \(a package script that runs standard-version\)/ } },
  { name: 'an npm script whose body runs another script that runs it', files: { ...wf(run('yarn changelog')), 'package.json': JSON.stringify({ scripts: { changelog: 'yarn cl:write', 'cl:write': 'conventional-changelog -p angular -i CHANGELOG.md -s' } }) }, expect: [ERROR] },
  { name: 'the tool first, the unshallow after it', files: wf(run('git-cliff --bump\ngit fetch --unshallow')), expect: [ERROR] },
];

const ambiguous: Case[] = [
  { name: 'a program held in a variable: a warning, saying why', files: wf(run('$CLIFF --bump'), '    env:\n      CLIFF: git-cliff\n'), expect: [WARNING], message: { [WARNING]: /variable \$CLIFF/ } },
  { name: 'a variable set in the script itself', files: wf(run('CLIFF=git-cliff\n"$CLIFF" -o CHANGELOG.md')), expect: [WARNING] },
  { name: 'a variable that is not known: nothing', files: wf(run('$TOOL --bump')), expect: [] },
  { name: 'an npm script named after the tool, package.json not read', files: wf(run('npm run git-cliff')), expect: [WARNING], message: { [WARNING]: /cannot be read/ } },
  { name: 'a wrapper script named after the tool', files: wf(run('./scripts/git-cliff.sh --bump')), expect: [WARNING], message: { [WARNING]: /body is not read/ } },
  { name: 'an npm script in another folder: package.json of the root does not apply', files: { [WF]: shallowJob('      - run: npm run release\n        working-directory: docs\n'), 'package.json': JSON.stringify({ scripts: { release: 'git-cliff' } }) }, expect: [] },
  { name: 'a certain run wins over an uncertain one before it', files: wf(run('npm run git-cliff\ngit-cliff --bump')), expect: [ERROR] },
];

const gitlab: Case[] = [
  { name: 'gl: the git-cliff for list and artifact names', files: { [GL]: 'msrv:\n  stage: test\n  script:\n    - |\n      for package in "git-cliff" "git-cliff-core"; do\n        cargo msrv --path "$package" verify\n      done\n    - tar -czvf git-cliff-$CI_COMMIT_TAG.tar.gz git-cliff-$CI_COMMIT_TAG/\n' }, expect: [] },
  { name: 'gl: a job image of the tool whose script does not visibly run it: a warning', files: { [GL]: 'changelog:\n  stage: build\n  image:\n    name: orhunp/git-cliff:2.8.0\n    entrypoint: [""]\n  script: [./make-notes.sh]\n' }, expect: ['shallow-clone-release@changelog:warning'], at: { 'shallow-clone-release@changelog:warning': 'orhunp/git-cliff:2.8.0' }, message: { 'shallow-clone-release@changelog:warning': /GitLab runs the script/ } },
  { name: 'gl: a job image of the tool whose script runs it: an error at the run', files: { [GL]: 'changelog:\n  stage: build\n  image:\n    name: orhunp/git-cliff:2.8.0\n    entrypoint: [""]\n  script: [git-cliff -o CHANGELOG.md]\n' }, expect: ['shallow-clone-release@changelog:error'], at: { 'shallow-clone-release@changelog:error': 'git-cliff' } },
  { name: 'gl: the tool in a multi-line item after a here-document', files: { [GL]: 'release:\n  stage: deploy\n  script:\n    - |\n      cat <<EOF > x\n      not git-cliff\n      EOF\n      git-cliff --bump\n' }, expect: ['shallow-clone-release@release:error'], at: { 'shallow-clone-release@release:error': 'git-cliff' } },
  { name: 'gl: points at the occurrence that runs, not the first mention', files: { [GL]: 'release:\n  stage: deploy\n  script:\n    - echo "git-cliff next" && git-cliff --bump\n' }, expect: ['shallow-clone-release@release:error'] },
];

// Other rules that read scripts: the same care.
const prodGh = (script: string): Record<string, string> => ({
  '.github/workflows/deploy.yml': `on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: npm test\n  deploy:\n    needs: test\n    runs-on: x\n    environment: production\n    steps:\n${run(script)}`,
});
const glTests = 'unit-tests:\n  stage: test\n  script: [npm test]\n';
const glJob = (name: string, script: string, extra = ''): string => `${name}:\n  stage: deploy\n${extra}  script:\n    - |\n${script.split('\n').map((l) => `      ${l}`).join('\n')}\n`;

const otherRules: Case[] = [
  { name: 'deploy-latest-tag: an image in a here-document or an echo is not pulled', files: prodGh('cat <<EOF > compose.yml\ndocker pull registry.example.com/app:latest\nEOF\necho "docker run registry.example.com/app"'), expect: [] },
  { name: 'deploy-latest-tag: through sudo, and after && ', files: prodGh('sudo docker pull registry.example.com/app\ndocker pull app:1.2 && docker run --rm app:latest'), expect: ['deploy-latest-tag@deploy:error', 'deploy-latest-tag@deploy:error'] },
  { name: 'deploy-latest-tag: helm --set with several values', files: prodGh('helm upgrade app ./chart --set replicas=2,image.tag=latest'), expect: ['deploy-latest-tag@deploy:error'] },
  { name: 'rebuild-per-environment: a build in an echo, a comment or a here-document is not a build', files: prodGh('echo "go build is done in the build job"\n# docker build -t app .\ncat <<EOF\nnpm run build\nEOF'), expect: [] },
  { name: 'rebuild-per-environment: a build script with a suffix, as before', files: prodGh('npm run build:prod\nmake build-image'), expect: ['rebuild-per-environment@deploy:warning', 'rebuild-per-environment@deploy:warning'] },
  { name: 'rebuild-per-environment: a build behind sudo and a continuation', files: prodGh('sudo docker \\\n  build -t app .'), expect: ['rebuild-per-environment@deploy:warning'] },
  { name: 'production by kubectl only when kubectl runs with the namespace', files: { [GL]: glTests + glJob('notes', 'echo "next: kubectl apply -f k8s/ --namespace=production"', '  when: manual\n') + glJob('rollout', 'kubectl apply -f k8s/ --namespace=production', '  when: manual\n') }, expect: ['deploy-allow-failure@rollout:error'] },
  { name: 'production by helm arguments, by a deploy script argument, by make deploy ENV=', files: { [GL]: glTests + glJob('a', 'helm upgrade --install app ./chart -f values-prod.yaml', '  when: manual\n') + glJob('b', './scripts/deploy.sh "production"', '  when: manual\n') + glJob('c', 'make deploy ENV=production', '  when: manual\n') + glJob('d', 'echo deploy to production', '  when: manual\n') }, expect: ['deploy-allow-failure@a:error', 'deploy-allow-failure@b:error', 'deploy-allow-failure@c:error'] },
];

describe('pipelines: a tool is recognised only where it runs (issue 15)', () => {
  describe('a name that is not a run', () => {
    for (const c of notRuns) it(c.name, () => check(c));
  });
  describe('a run, however it is written', () => {
    for (const c of runs) it(c.name, () => check(c));
  });
  describe('an ambiguous reading is a warning at most', () => {
    for (const c of ambiguous) it(c.name, () => check(c));
  });
  describe('GitLab', () => {
    for (const c of gitlab) it(c.name, () => check(c));
  });
  describe('the other rules that read scripts', () => {
    for (const c of otherRules) it(c.name, () => check(c));
  });
  it('a finding points at the occurrence that runs, not at an earlier mention of the name', () => {
    const text = 'release:\n  stage: deploy\n  script:\n    - echo "git-cliff next" && git-cliff --bump\n';
    const [finding] = lintPipelineRepository(new Map([[GL, text]])).findings;
    assert.equal(finding?.start, text.indexOf('git-cliff --bump'));
    assert.equal(text.slice(finding.start, finding.end), 'git-cliff');
  });
});
