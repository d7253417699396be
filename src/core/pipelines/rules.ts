// Rule descriptions (docs/pipelines.md mirrors them, one anchor per rule) and the options.
import type { PipelineOptions, PipelineRuleId, PipelineRuleInfo } from './types';
import type { Severity } from '../findings';
import type { Invocation } from './commands';
import { deployTarget } from './scripts';
import { escapeRegExp as escapeRe } from '../regexp';

export const PIPELINES_DOC_URL = 'https://example.invalid/release-hygiene/blob/main/docs/pipelines.md';

export function pipelineHelpUrl(ruleId: PipelineRuleId): string {
  return `${PIPELINES_DOC_URL}#${ruleId}`;
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  productionEnvironments: ['production', 'prod', 'live'],
  stagingEnvironments: ['staging', 'stage', 'stg', 'preprod', 'pre-production', 'uat', 'qa'],
  gateJobPatterns: ['test', 'tests', 'lint', 'scan', 'trivy', 'coverage', 'smoke', 'sast', 'dast', 'audit', 'check', 'verify', 'quality', 'e2e'],
  disabledRules: [],
};

export function resolvePipelineOptions(partial: Partial<PipelineOptions> = {}): PipelineOptions {
  const pick = <K extends keyof PipelineOptions>(key: K): PipelineOptions[K] => partial[key] ?? DEFAULT_PIPELINE_OPTIONS[key];
  return {
    productionEnvironments: pick('productionEnvironments'),
    stagingEnvironments: pick('stagingEnvironments'),
    gateJobPatterns: pick('gateJobPatterns'),
    disabledRules: pick('disabledRules'),
  };
}

function rule(id: PipelineRuleId, severity: Severity, title: string, explanation: string, fix: string): PipelineRuleInfo {
  return { id, severity, title, explanation, fix, helpUrl: pipelineHelpUrl(id) };
}

export const PIPELINE_RULES: Readonly<Record<PipelineRuleId, PipelineRuleInfo>> = {
  'invalid-yaml': rule('invalid-yaml', 'error', 'The pipeline file is not valid YAML',
    'The CI system rejects a file that does not parse, and none of its gates can be checked. The first syntax error is reported at its position.',
    'Fix the YAML syntax at the reported position.'),
  'include-not-followed': rule('include-not-followed', 'information', 'An include or reusable workflow was not read',
    'Remote, project, template and component includes, reusable workflows of other repositories, and local files that do not exist are not read, so jobs they define or change are not checked.',
    'Check the included configuration separately, or suppress with the reason.'),
  'invalid-suppression': rule('invalid-suppression', 'warning', 'A suppression comment without a reason or with an unknown rule',
    'A skipped gate must say why: `# release-hygiene-ignore <rule>: <reason>` needs a known rule name and a reason after the colon, otherwise it suppresses nothing.',
    'Write `# release-hygiene-ignore <rule>: <why this is safe>`.'),
  'deploy-allow-failure': rule('deploy-allow-failure', 'error', 'A production deploy is allowed to fail',
    'A production deploy with `allow_failure: true` lets the pipeline go green while production is broken, and lets later jobs run past it. GitLab also defaults a job made manual by a job-level `when: manual` to `allow_failure: true`, so the pipeline does not wait for the deploy decision; a `when: manual` inside `rules:` defaults to `allow_failure: false`, and a `rules:` entry can set it either way. A GitLab deploy written as a `trigger:` job (a child or another project\'s pipeline) passes as soon as the downstream pipeline is created, unless `strategy: depend` (or `mirror`, GitLab 18.2+) makes it take the downstream result.',
    'Set `allow_failure: false` on the job (or on the `rules:` entry); give a `trigger:` `strategy: depend` (or `mirror`).'),
  'deploy-continue-on-error': rule('deploy-continue-on-error', 'error', 'A production deploy job or step continues on error',
    '`continue-on-error: true` (or an expression that can be true) on a GitHub Actions production job or deploy step turns a failed deploy into a green run, so nobody is paged and dependent jobs proceed as if production were healthy.',
    'Remove `continue-on-error` from the job or step.'),
  'gate-allow-failure': rule('gate-allow-failure', 'warning', 'A test, scan or quality gate may fail without stopping the pipeline',
    'A test, lint, scan or coverage job that is allowed to fail (`allow_failure: true`, a job-level `when: manual` or a `trigger:` without `strategy: depend` in GitLab, `continue-on-error` in GitHub Actions) is a suggestion, not a gate: a red result no longer blocks the deploy behind it.',
    'Set `allow_failure: false` / remove `continue-on-error`, or move the job out of the gate path deliberately with a suppression and its reason.'),
  'deploy-without-gates': rule('deploy-without-gates', 'error', 'A production deploy does not wait for the tests and scans',
    'A production deploy must depend on the test and scan jobs: through `needs:` (GitLab, GitHub) or through stage order (GitLab, without `needs:`). A GitHub job without `needs:` starts immediately; `needs: []` or a `needs:` list that leaves out a gate of an earlier stage starts the deploy before that gate finishes; `when: always` or `if: always()` deploys even when a gate failed.',
    'List the test and scan jobs in `needs:` (or drop `needs:` so stage order applies), and do not run the deploy `always`.'),
  'shallow-clone-release': rule('shallow-clone-release', 'error', 'A version or changelog is computed from a shallow clone',
    'git-cliff, standard-version, commit-and-tag-version, conventional-changelog, `git describe` and `release-hygiene next-version|changelog|lint-commits` read tags and commits from the local history (a tool counts only where a script runs it, not where its name appears; an ambiguous run, such as through a variable, is a warning). `actions/checkout` fetches one commit by default and GitLab fetches 20 (`GIT_DEPTH`), so the tool sees no previous tag and computes the wrong version or an empty changelog. semantic-release deepens the clone itself, which fails when the credentials of the job cannot fetch from the remote, so it is reported as a warning; release-please reads history through the GitHub API and is not reported.',
    'Use `actions/checkout` with `fetch-depth: 0`, or set `GIT_DEPTH: "0"` on the GitLab job.'),
  'deploy-latest-tag': rule('deploy-latest-tag', 'error', 'A production deploy uses the `latest` tag or no tag',
    'An image referenced as `:latest` or without a tag (or digest) is whatever was pushed last: production may get an untested build, and a rollback cannot name the previous version. This covers the job image, `docker run`/`docker pull`, `kubectl set image` and `helm --set image.tag=latest`, as commands that run.',
    'Reference the image by an immutable tag (e.g. the commit SHA) or a digest.'),
  'rebuild-per-environment': rule('rebuild-per-environment', 'warning', 'A deploy job builds the artifact again',
    'A staging or production deploy that runs `docker build`, `npm run build`, `mvn package`, `gradle build`, `go build`, … ships an artifact that was never tested: what reaches production is not the build that passed staging. Build once, then promote the same artifact.',
    'Build in a build job, pass the artifact (or image digest) on, and only deploy it here.'),
  'deploy-without-approval': rule('deploy-without-approval', 'information', 'A production deploy has no manual gate',
    'Nothing stops a green pipeline from reaching production: GitLab has no `when: manual` (with `allow_failure: false`) on the job, and a GitHub job has no `environment:`, where required reviewers are configured. Protected environments can add approvals outside the file, so this is information only.',
    'Add `when: manual` with `allow_failure: false` (GitLab) or `environment: production` with required reviewers (GitHub).'),
};

export const PIPELINE_RULE_IDS = Object.keys(PIPELINE_RULES) as PipelineRuleId[];

// ---- classification helpers ----

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** A configured name, matched as a whole word (names may contain '-'; staging names are tried first, so `pre-production` is staging). */
function nameMatcher(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  return new RegExp(`(?:^|[^a-z0-9])(?:${names.map((n) => escapeRe(n.toLowerCase())).join('|')})(?:$|[^a-z0-9])`);
}

export interface Classifier {
  environmentTier(name: string): 'production' | 'staging' | undefined;
  isGateName(name: string): boolean;
  /** Heuristic from the job name and the commands its scripts run when the environment does not tell. */
  heuristicTier(jobName: string, commands: readonly Invocation[]): { tier: 'production' | 'staging'; reason: string } | undefined;
}

export function classifier(options: PipelineOptions): Classifier {
  const prod = nameMatcher(options.productionEnvironments);
  const staging = nameMatcher(options.stagingEnvironments);
  const gateWords = new Set(options.gateJobPatterns.map((w) => w.toLowerCase()));
  const tierOf = (text: string): 'production' | 'staging' | undefined => {
    const t = ` ${text.toLowerCase().replace(/[_/.:]/g, ' ')} `;
    if (staging?.test(t)) return 'staging';
    if (prod?.test(t)) return 'production';
    return undefined;
  };
  return {
    environmentTier: tierOf,
    isGateName: (name) => words(name).some((w) => gateWords.has(w) || gateWords.has(w.replace(/(?:s|es|ing|ning|ers?|ners?)$/, ''))),
    heuristicTier(jobName, commands) {
      const w = words(jobName);
      const deployish = w.some((x) => /^(deploy|deployment|release|rollout|promote|ship|publish)$/.test(x));
      const tier = tierOf(jobName);
      if (deployish && tier) return { tier, reason: `the job name "${jobName}" says deploy to ${tier}` };
      for (const command of commands) {
        const target = deployTarget(command, tierOf);
        if (target) return { tier: target, reason: `its script deploys to ${target}: ${command.text.trim().slice(0, 80)}` };
      }
      return undefined;
    },
  };
}

// ---- what scripts run: see scripts.ts; actions and images here ----

export const BUILD_ACTION_RE = /^docker\/build-push-action@/i;

/** `repo/name`, `name:latest`: yes. `name:1.2`, `name@sha256:…`, `$IMAGE`, `${REG}/x:${TAG}`: no. */
export function untagged(ref: string): boolean {
  const r = ref.replace(/^["']|["']$/g, '');
  if (r === '' || r.includes('@')) return false;
  const last = r.slice(r.lastIndexOf('/') + 1);
  if (/^\$\{?\w+\}?$/.test(r)) return false; // the whole reference is a variable: unknown
  if (last.includes('$')) return /:latest$/i.test(last) ? true : !last.includes(':') && /^\$\{?\w+\}?$/.test(last) ? false : !last.includes(':') && !/\$/.test(last);
  const colon = last.indexOf(':');
  return colon === -1 || last.slice(colon + 1).toLowerCase() === 'latest';
}
