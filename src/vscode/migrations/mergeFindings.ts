// Pure (no vscode import, unit-tested): how the as-you-type analysis of a migration file and the last
// workspace-level lint of it combine into the findings the editor shows.
import type { MigrationAnalysis, MigrationFinding, MigrationOperation } from '../../core/migrations';

/** Rules the file alone cannot decide: the workspace lint (earlier migrations, code references, releases) does. */
export const WORKSPACE_RULES: ReadonlySet<string> = new Set(['drop-column', 'drop-table', 'expand-contract-same-release']);

/** The workspace lint's findings and operations for one version of the file. */
export interface WorkspaceResult {
  readonly version: number;
  readonly findings: readonly MigrationFinding[];
  readonly operations: readonly MigrationOperation[];
}

const keyOf = (finding: { ruleId: string; table: string; columnName?: string | undefined }): string =>
  `${finding.ruleId}\u0000${finding.table}\u0000${finding.columnName ?? ''}`;

/**
 * The findings to show for `analysis` (the current text): rules the file decides alone come from the analysis;
 * workspace rules come from the last workspace result, moved onto the current positions of the same change
 * (same rule, table and column) while that result is for an older version. A change the workspace judged safe
 * stays quiet while typing; a newly typed one shows the file's provisional finding until the workspace has spoken.
 */
export function merge(
  analysis: MigrationAnalysis,
  workspace: WorkspaceResult | undefined,
  version: number,
  lineOf: (offset: number) => number,
): MigrationFinding[] {
  if (!workspace) return [...analysis.findings];
  const fresh = workspace.version === version;
  const own = new Map(analysis.findings.map((finding) => [keyOf(finding), finding]));
  const judged = new Set(workspace.operations.map((operation) => `${operation.table}\u0000${operation.column ?? ''}`));
  const out: MigrationFinding[] = analysis.findings.filter((finding) => {
    if (!WORKSPACE_RULES.has(finding.ruleId)) return true;
    if (fresh) return false;
    // Stale workspace result: keep the provisional finding only for a change the workspace has not judged yet.
    return !judged.has(`${finding.table}\u0000${finding.columnName ?? ''}`) && !workspace.findings.some((other) => keyOf(other) === keyOf(finding));
  });
  for (const finding of workspace.findings) {
    if (!WORKSPACE_RULES.has(finding.ruleId)) continue; // the analysis has the file's own rules
    if (fresh) {
      out.push(finding);
      continue;
    }
    const match = own.get(keyOf(finding));
    const operation = match
      ? undefined
      : analysis.operations.find((op) => op.table === finding.table && (op.column ?? '') === (finding.columnName ?? '') && op.kind !== 'add-column');
    const at = match ?? operation;
    // A suppression comment typed since then silences it at once (the fresh result will agree).
    const silenced = at && analysis.suppressions.some((s) => s.valid && s.ruleId === finding.ruleId && s.appliesToLine === lineOf(at.start));
    if (at && !silenced) out.push({ ...finding, start: at.start, end: at.end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * What the workspace lint's verdict on a file depends on from the file itself: its schema changes and which
 * suppressions apply to them (positions aside). Equal signatures: the last verdict stands.
 */
export function signatureOf(analysis: MigrationAnalysis, lineOf: (offset: number) => number): string {
  return JSON.stringify([
    analysis.dialect,
    analysis.operations.map((op) => [
      op.kind, op.schema, op.table, op.column, op.newName, op.notNull, op.hasDefault, op.writes, op.reads, op.procedural, op.stateOnly,
      analysis.suppressions.filter((s) => s.appliesToLine === lineOf(op.start) || s.appliesToLine === lineOf(op.statementStart)).map((s) => [s.ruleId, s.valid]),
    ]),
    analysis.suppressions.filter((s) => !s.valid).length,
  ]);
}
