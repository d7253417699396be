// GitLab Code Quality report (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
import { fingerprints } from './fingerprint';
import type { ReportFinding } from './types';

export interface GitlabCodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/** GitLab needs a path for every issue; a commit message has none, so its issues are placed at the root. */
export const GITLAB_COMMIT_PATH = '.';

const SEVERITY = { error: 'major', warning: 'minor', information: 'info' } as const;

/** Unsuppressed findings as Code Quality issues; fingerprints stay put when lines move. */
export function gitlabCodeQuality(findings: readonly ReportFinding[]): GitlabCodeQualityIssue[] {
  const active = findings.filter((finding) => !finding.suppressed);
  const prints = fingerprints(active);
  return active.map((finding, index) => ({
    description: finding.commit !== undefined ? `${finding.commit.slice(0, 7)}: ${finding.message}` : finding.message,
    check_name: finding.ruleId,
    fingerprint: prints[index]!,
    severity: SEVERITY[finding.severity],
    location: {
      path: finding.file ?? GITLAB_COMMIT_PATH,
      lines: { begin: finding.region.startLine, end: finding.region.endLine },
    },
  }));
}
