// Each capability's findings as ReportFindings. Callers pass the texts the offsets point into.
import type { Finding } from '../findings';
import type { FlagInfo } from '../flags/types';
import { MIGRATION_RULES, type MigrationFinding } from '../migrations';
import { PIPELINE_RULES, type PipelineFinding } from '../pipelines';
import { LineIndex } from './region';
import { PRODUCT_URI, type ReportFinding } from './types';

function indexer(texts: ReadonlyMap<string, string>): (file: string) => LineIndex {
  const cache = new Map<string, LineIndex>();
  return (file) => {
    let index = cache.get(file);
    if (!index) cache.set(file, (index = new LineIndex(texts.get(file) ?? '')));
    return index;
  };
}

export interface LintedCommit {
  readonly hash: string;
  readonly message: string;
  readonly findings: readonly Finding[];
}

/** Commit message findings: regions are positions in the message; no file. */
export function commitReportFindings(commits: readonly LintedCommit[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const commit of commits) {
    if (commit.findings.length === 0) continue;
    const lines = new LineIndex(commit.message);
    for (const finding of commit.findings) {
      out.push({
        capability: 'commits',
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        region: lines.region(finding.start, finding.end),
        commit: commit.hash,
        ...(finding.helpUrl !== undefined ? { helpUri: finding.helpUrl } : {}),
        subject: commit.hash,
      });
    }
  }
  return out;
}

/**
 * One message's findings (lint-message): located in `file` (repository-relative; the offsets are into its
 * text), or, read from stdin, in no file at all.
 */
export function messageReportFindings(text: string, findings: readonly Finding[], file: string | undefined): ReportFinding[] {
  const lines = new LineIndex(text);
  return findings.map((finding) => ({
    capability: 'commits',
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(file !== undefined ? { file } : {}),
    region: lines.region(finding.start, finding.end),
    ...(finding.helpUrl !== undefined ? { helpUri: finding.helpUrl } : {}),
    subject: file ?? '<stdin>',
  }));
}

/** Active and suppressed pipeline findings; `files` maps each path to its text. */
export function pipelineReportFindings(findings: readonly PipelineFinding[], suppressed: readonly PipelineFinding[], files: ReadonlyMap<string, string>): ReportFinding[] {
  const lines = indexer(files);
  return [...findings, ...suppressed].map((finding) => ({
    capability: 'pipelines',
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.job !== undefined ? `${finding.job}: ${finding.message}` : finding.message,
    file: finding.file,
    region: lines(finding.file).region(finding.start, finding.end),
    helpUri: finding.helpUrl ?? PIPELINE_RULES[finding.ruleId].helpUrl,
    ruleTitle: PIPELINE_RULES[finding.ruleId].title,
    subject: `${finding.job ?? ''}\u0000${finding.message}`,
    ...(finding.suppressed ? { suppressed: { reason: finding.suppressed.reason } } : {}),
  }));
}

/** Active and suppressed migration findings (safe drops are `information`); `texts` maps path → text. */
export function migrationReportFindings(findings: readonly MigrationFinding[], suppressed: readonly MigrationFinding[], texts: ReadonlyMap<string, string>): ReportFinding[] {
  const lines = indexer(texts);
  return [...findings, ...suppressed].map((finding) => ({
    capability: 'migrations',
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    region: lines(finding.file).region(finding.start, finding.end),
    ...(finding.helpUrl !== undefined ? { helpUri: finding.helpUrl } : {}),
    ruleTitle: MIGRATION_RULES[finding.ruleId].title,
    subject: `${finding.table}.${finding.columnName ?? ''}`,
    ...(finding.suppressed ? { suppressed: { reason: finding.suppressed.reason } } : {}),
  }));
}

export const FLAG_POLICY_URL = `${PRODUCT_URI}/blob/main/docs/flags.md#4-expiry-policy`;

const FLAG_RULES = {
  stale: { ruleId: 'flag-stale', severity: 'error', title: 'Feature flag past its stale limit' },
  expired: { ruleId: 'flag-expired', severity: 'warning', title: 'Feature flag past its expiry' },
} as const;

/**
 * Stale flags (errors) and expired flags (warnings), one finding per call site. Call sites hold the key on one
 * line, so the region ends `end - start` columns after it starts.
 */
export function flagReportFindings(flags: readonly FlagInfo[], explain: (flag: FlagInfo) => string): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const flag of flags) {
    if (flag.status !== 'stale' && flag.status !== 'expired') continue;
    const rule = FLAG_RULES[flag.status];
    const message = `Feature flag "${flag.key}" is ${flag.status}: ${explain(flag)}.`;
    for (const reference of flag.references) {
      out.push({
        capability: 'flags',
        ruleId: rule.ruleId,
        severity: rule.severity,
        message,
        file: reference.file,
        region: { startLine: reference.line, startColumn: reference.column, endLine: reference.line, endColumn: reference.column + Math.max(0, reference.end - reference.start) },
        helpUri: FLAG_POLICY_URL,
        ruleTitle: rule.title,
        subject: flag.key,
      });
    }
  }
  return out;
}
