// The versioned JSON report of `release-hygiene check` (documented in docs/ci.md#output-formats).
import { fingerprints } from './fingerprint';
import type { Capability, Region, ReportFinding, ToolInfo } from './types';

/** Bumped on any change that is not an added optional field. */
export const REPORT_SCHEMA_VERSION = 1;

export interface CapabilitySummary {
  readonly capability: Capability;
  /** ran: it ran (findings may exist); skipped: --skip/--only or the configuration; failed: it could not run. */
  readonly status: 'ran' | 'skipped' | 'failed';
  /** The summary line `check` prints for it. */
  readonly summary: string;
  readonly errors: number;
  readonly warnings: number;
  /** The exit code the capability alone gives (as its own command would). */
  readonly exitCode: number;
}

export interface ReportJsonFinding extends Region {
  readonly capability: Capability;
  readonly ruleId: string;
  readonly severity: ReportFinding['severity'];
  readonly message: string;
  readonly file: string | null;
  readonly commit: string | null;
  readonly helpUri: string | null;
  readonly fingerprint: string;
  readonly suppressed: { readonly reason: string } | null;
}

export interface ReportJson {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: ToolInfo;
  readonly exitCode: number;
  readonly capabilities: readonly CapabilitySummary[];
  readonly release: Readonly<Record<string, unknown>> | null;
  readonly findings: readonly ReportJsonFinding[];
}

export function reportJson(input: {
  readonly tool: ToolInfo;
  readonly exitCode: number;
  readonly capabilities: readonly CapabilitySummary[];
  readonly release: Readonly<Record<string, unknown>> | null;
  readonly findings: readonly ReportFinding[];
}): ReportJson {
  const prints = fingerprints(input.findings);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: input.tool,
    exitCode: input.exitCode,
    capabilities: input.capabilities,
    release: input.release,
    findings: input.findings.map((finding, index) => ({
      capability: finding.capability,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      file: finding.file ?? null,
      ...finding.region,
      commit: finding.commit ?? null,
      helpUri: finding.helpUri ?? null,
      fingerprint: prints[index]!,
      suppressed: finding.suppressed ?? null,
    })),
  };
}
