// The pipeline engine's public types (pure, JSON-serialisable): what the CLI prints and the editor renders.
//
// Exported by src/core/pipelines/index.ts (the only module the CLI, src/node and src/vscode import):
//
//   pipelineKind(path: string): PipelineKind | undefined
//     'gitlab' for `.gitlab-ci.yml` (any folder), 'github-workflow' for `.github/workflows/*.yml|yaml`;
//     undefined otherwise (an included file is linted through `input.root`). Paths are repository-relative, '/'-separated.
//
//   lintPipelineText(path: string, text: string, input?: LintPipelineTextInput): PipelineTextResult
//     As you type: lints one file. Includes / reusable workflows are read through `input.resolveInclude`
//     (synchronous; return undefined when missing). Only findings located in `path` are returned, so
//     every offset is an offset into `text`. Never throws: invalid YAML is one `invalid-yaml` finding.
//
//   pipelineLocalReferences(path: string, text: string): string[]
//     The repository-relative paths a file includes locally (GitLab `include:` local/string forms,
//     GitHub `uses: ./…` reusable workflows, and `action.yml`/`action.yaml` of local actions), so an editor can prefetch them asynchronously and then
//     answer `resolveInclude` from a map. Globs (`local: 'ci/*.yml'`) are returned as written.
//
//   lintPipelineRepository(files: ReadonlyMap<string, string>, options?: Partial<PipelineOptions>): PipelineRepositoryResult
//     Whole repository: `files` maps repository-relative path → text for every pipeline root
//     (`.gitlab-ci.yml`, `.github/workflows/*`) and every local include / reusable workflow.
//     Findings of every file, each with its `file`; a file included twice is reported once.
//
//   PIPELINE_RULES: Readonly<Record<PipelineRuleId, PipelineRuleInfo>>   names, severities, explanations, fixes
//   DEFAULT_PIPELINE_OPTIONS: PipelineOptions
//   resolvePipelineOptions(partial?: Partial<PipelineOptions>): PipelineOptions
//   pipelineHelpUrl(ruleId: PipelineRuleId): string          docs/pipelines.md#<rule-id>
//   lineColumn(text: string, offset: number): { line: number; column: number }   both 1-based, UTF-16 columns
import type { Finding, Severity } from '../findings';

export type { Finding, Fix, Severity, TextEdit } from '../findings';

/** The rules. The first three are about reading the files, the rest are the gates of issue 6. */
export type PipelineRuleId =
  /** The YAML does not parse (reported once, at the first error). */
  | 'invalid-yaml'
  /** A remote / project / template / component include, or a reusable workflow in another repository: not read. */
  | 'include-not-followed'
  /** `# release-hygiene-ignore <rule>` without a reason, or naming an unknown rule. */
  | 'invalid-suppression'
  | 'deploy-allow-failure'
  | 'deploy-continue-on-error'
  | 'gate-allow-failure'
  | 'deploy-without-gates'
  | 'shallow-clone-release'
  | 'deploy-latest-tag'
  | 'rebuild-per-environment'
  | 'deploy-without-approval';

export type PipelineKind = 'gitlab' | 'github-workflow';

/** What a job was recognised as (see docs/pipelines.md#classification). */
export type JobRole = 'production-deploy' | 'staging-deploy' | 'gate' | 'other';

/** A finding in a pipeline file. `start`/`end` are UTF-16 offsets into the text of `file`. */
export interface PipelineFinding extends Finding {
  readonly ruleId: PipelineRuleId;
  /** Repository-relative, '/'-separated path of the file the offsets point into. */
  readonly file: string;
  /** GitLab job name or GitHub `<workflow file>` job id; absent for file-level findings (invalid YAML, includes). */
  readonly job?: string;
  /**
   * Present when a `# release-hygiene-ignore <rule>: <reason>` comment (same line or the line above the
   * finding's start, or above the job's key) suppresses it. Suppressed findings are listed, never counted.
   */
  readonly suppressed?: { readonly reason: string };
}

/** The rule's description, as docs/pipelines.md shows it and the editor's hover renders it. */
export interface PipelineRuleInfo {
  readonly id: PipelineRuleId;
  readonly severity: Severity;
  /** One line. */
  readonly title: string;
  /** One paragraph: why a skippable gate here is an incident waiting. */
  readonly explanation: string;
  /** One line: the fix. */
  readonly fix: string;
  /** docs/pipelines.md#<id> */
  readonly helpUrl: string;
}

/**
 * Options. Names are matched case-insensitively as whole words inside environment names
 * (`production`, `prod/eu-west`, `live-eu` match `production`/`prod`/`live`; `productivity` does not).
 */
export interface PipelineOptions {
  /** Default ['production', 'prod', 'live']. */
  readonly productionEnvironments: readonly string[];
  /** Default ['staging', 'stage', 'stg', 'preprod', 'pre-production', 'uat', 'qa']. */
  readonly stagingEnvironments: readonly string[];
  /**
   * Words that make a job a test/scan/quality gate when they appear in its name or its GitLab stage.
   * Default ['test', 'tests', 'lint', 'scan', 'trivy', 'coverage', 'smoke', 'sast', 'dast', 'audit', 'check', 'verify', 'quality', 'e2e'].
   */
  readonly gateJobPatterns: readonly string[];
  /** Rules turned off (their findings are not produced at all). Default none. */
  readonly disabledRules: readonly PipelineRuleId[];
}

/**
 * Reads a local include / reusable workflow. `path` is repository-relative, '/'-separated, without a
 * leading slash. Return undefined when the file does not exist (reported as a finding, never thrown).
 */
export type PipelineIncludeResolver = (path: string) => string | undefined;

export interface LintPipelineTextInput {
  readonly resolveInclude?: PipelineIncludeResolver;
  /**
   * When `path` is not a pipeline root but a file the root includes (GitLab `include: local:`, a reusable
   * workflow): the root to lint (read through resolveInclude), with `text` standing in for `path`.
   */
  readonly root?: string;
  readonly options?: Partial<PipelineOptions>;
}

/** One job as the engine understood it (for hovers, code lenses, tests). */
export interface PipelineJobSummary {
  readonly name: string;
  readonly file: string;
  /** Offsets of the job's key in `file`. */
  readonly start: number;
  readonly end: number;
  readonly role: JobRole;
  /** Why it got that role, e.g. `environment "production"` or `name contains "deploy" and "prod"`. */
  readonly reason: string;
  /** GitLab stage (after `default`, `extends`); undefined for GitHub. */
  readonly stage?: string;
  readonly environment?: string;
}

export interface PipelineTextResult {
  /** undefined: not a pipeline file; the result is then empty. */
  readonly kind: PipelineKind | undefined;
  /** Active findings located in the linted file, sorted by offset. */
  readonly findings: readonly PipelineFinding[];
  /** Suppressed findings located in the linted file. */
  readonly suppressed: readonly PipelineFinding[];
  readonly jobs: readonly PipelineJobSummary[];
}

export interface PipelineRepositoryResult {
  /** The pipeline roots that were linted (sorted). */
  readonly roots: readonly string[];
  /** Active findings of every file, sorted by file then offset. */
  readonly findings: readonly PipelineFinding[];
  readonly suppressed: readonly PipelineFinding[];
  readonly jobs: readonly PipelineJobSummary[];
}
