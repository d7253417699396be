// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, the rules that fired, one result per
// finding. Suppressed findings are results with an in-source suppression, as code scanning expects.
import { fingerprints } from './fingerprint';
import type { ReportFinding, ToolInfo } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base the artifact URIs are relative to: the repository root (GitHub code scanning resolves it). */
export const SARIF_ROOT_BASE_ID = '%SRCROOT%';

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [SarifRun];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly columnKind: 'utf16CodeUnits';
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
  readonly results: readonly SarifResult[];
}

export interface SarifDriver extends ToolInfo {
  readonly rules: readonly SarifRule[];
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription?: { readonly text: string };
  readonly helpUri?: string;
  readonly properties: { readonly capability: string };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations?: readonly SarifLocation[];
  readonly partialFingerprints: { readonly 'releaseHygiene/v1': string };
  readonly suppressions?: ReadonlyArray<{ readonly kind: 'inSource'; readonly justification: string }>;
  readonly properties: { readonly capability: string; readonly commit?: string };
}

export type SarifLocation =
  | {
      readonly physicalLocation: {
        readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
        readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
      };
    }
  | { readonly logicalLocations: ReadonlyArray<{ readonly fullyQualifiedName: string; readonly kind: string }> };

/** A path as a relative URI reference: each segment percent-encoded, '/' kept. */
function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * The SARIF log of `findings`. `rootUri` (a `file:///…/` URI of the repository root, ending in '/') fills
 * `originalUriBaseIds` when given; the artifact URIs stay relative either way.
 */
export function sarifLog(findings: readonly ReportFinding[], tool: ToolInfo, rootUri?: string): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push({
      id: finding.ruleId,
      ...(finding.ruleTitle !== undefined ? { shortDescription: { text: finding.ruleTitle } } : {}),
      ...(finding.helpUri !== undefined ? { helpUri: finding.helpUri } : {}),
      properties: { capability: finding.capability },
    });
  }
  const prints = fingerprints(findings);
  const results = findings.map((finding, index): SarifResult => {
    const location: SarifLocation = finding.file !== undefined
      ? { physicalLocation: { artifactLocation: { uri: relativeUri(finding.file), uriBaseId: SARIF_ROOT_BASE_ID }, region: { ...finding.region } } }
      : { logicalLocations: [{ fullyQualifiedName: finding.commit ?? finding.subject, kind: finding.commit !== undefined ? 'commit' : 'message' }] };
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: finding.severity === 'information' ? 'note' : finding.severity,
      message: { text: finding.commit !== undefined ? `${finding.commit.slice(0, 7)}: ${finding.message}` : finding.message },
      locations: [location],
      partialFingerprints: { 'releaseHygiene/v1': prints[index]! },
      ...(finding.suppressed ? { suppressions: [{ kind: 'inSource' as const, justification: finding.suppressed.reason }] } : {}),
      properties: { capability: finding.capability, ...(finding.commit !== undefined ? { commit: finding.commit } : {}) },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules } },
      columnKind: 'utf16CodeUnits',
      ...(rootUri !== undefined ? { originalUriBaseIds: { [SARIF_ROOT_BASE_ID]: { uri: rootUri } } } : {}),
      results,
    }],
  };
}
