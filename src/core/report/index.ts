// Output formats shared by the CLI and (later) the extension: one finding shape, five renderings.
export type * from './types';
export { CAPABILITIES, PRODUCT_URI } from './types';
export { LineIndex } from './region';
export { fingerprints } from './fingerprint';
export { escapeWorkflowData, escapeWorkflowProperty, githubAnnotations } from './github';
export { SARIF_ROOT_BASE_ID, SARIF_SCHEMA_URI, sarifLog, type SarifLog } from './sarif';
export { GITLAB_COMMIT_PATH, gitlabCodeQuality, type GitlabCodeQualityIssue } from './gitlab';
export { messageReportFindings, commitReportFindings, flagReportFindings, FLAG_POLICY_URL, migrationReportFindings, pipelineReportFindings, type LintedCommit } from './fromCapabilities';
export { REPORT_SCHEMA_VERSION, reportJson, type ReportJson, type CapabilitySummary } from './json';
