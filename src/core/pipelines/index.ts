// The pipeline engine's public surface (pure): the CLI, src/node and the editor import from here only.
// Signatures are documented in ./types.ts. (Bodies land in the following commits; these stubs keep the
// editor half compiling meanwhile and return empty results.)
import type {
  LintPipelineTextInput,
  PipelineKind,
  PipelineOptions,
  PipelineRepositoryResult,
  PipelineRuleId,
  PipelineTextResult,
} from './types';

export type * from './types';

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = {
  productionEnvironments: ['production', 'prod', 'live'],
  stagingEnvironments: ['staging', 'stage', 'stg', 'preprod', 'pre-production', 'uat', 'qa'],
  gateJobPatterns: ['test', 'tests', 'lint', 'scan', 'trivy', 'coverage', 'smoke', 'sast', 'dast', 'audit', 'check', 'verify', 'quality', 'e2e'],
  disabledRules: [],
};

export function resolvePipelineOptions(partial: Partial<PipelineOptions> = {}): PipelineOptions {
  return { ...DEFAULT_PIPELINE_OPTIONS, ...partial };
}

export const PIPELINES_DOC_URL = 'https://example.invalid/release-hygiene/blob/main/docs/pipelines.md';

export function pipelineHelpUrl(ruleId: PipelineRuleId): string {
  return `${PIPELINES_DOC_URL}#${ruleId}`;
}

export function pipelineKind(path: string): PipelineKind | undefined {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(p)) return 'gitlab';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github-workflow';
  return undefined;
}

export function lintPipelineText(path: string, _text: string, _input: LintPipelineTextInput = {}): PipelineTextResult {
  return { kind: pipelineKind(path), findings: [], suppressed: [], jobs: [] };
}

export function pipelineLocalReferences(_path: string, _text: string): string[] {
  return [];
}

export function lintPipelineRepository(_files: ReadonlyMap<string, string>, _options: Partial<PipelineOptions> = {}): PipelineRepositoryResult {
  return { roots: [], findings: [], suppressed: [], jobs: [] };
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
