// semantic-release commit-analyzer `releaseRules`, applied as the analyzer applies them: for each commit, every
// matching rule is a candidate and the highest release wins (`false`, no release, counts as a decision); a commit
// no rule matches falls back to the default table. Globs are micromatch's (picomatch is its engine), so a rule
// behaves here as in the release job.
import picomatch from 'picomatch/posix.js';
import type { Bump, ReleaseRule } from './types';

/** The fields of a commit the rules look at. */
export interface RuleSubject {
  readonly type: string;
  readonly scope: string | null;
  readonly subject: string;
  readonly breaking: boolean;
  readonly revert: boolean;
}

export interface RuleDecision {
  readonly bump: Bump;
  /** The deciding rule as written, e.g. `{"type":"docs","scope":"README","release":"patch"}`. */
  readonly rule: string;
}

const RELEASES = ['major', 'minor', 'patch'] as const;
const matchers = new Map<string, (text: string) => boolean>();

function globMatches(glob: string, text: string): boolean {
  let matcher = matchers.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
    matchers.set(glob, matcher);
  }
  return matcher(text);
}

function fieldMatches(pattern: string | undefined, value: string | null): boolean {
  if (pattern === undefined) return true;
  return value !== null && globMatches(pattern, value);
}

function ruleMatches(rule: ReleaseRule, commit: RuleSubject): boolean {
  if (rule.breaking && !commit.breaking) return false;
  if (rule.revert && !commit.revert) return false;
  return fieldMatches(rule.type, commit.type) && fieldMatches(rule.scope, commit.scope) && fieldMatches(rule.subject, commit.subject);
}

/** The rules' decision for one commit, or undefined when none matches (the default table then applies). */
export function decideByRules(rules: readonly ReleaseRule[], commit: RuleSubject): RuleDecision | undefined {
  let best: ReleaseRule | undefined;
  for (const rule of rules) {
    if (!ruleMatches(rule, commit)) continue;
    if (best === undefined || rank(rule.release) < rank(best.release)) best = rule;
    if (best.release === 'major') break;
  }
  if (best === undefined) return undefined;
  return { bump: best.release === false ? 'none' : best.release, rule: JSON.stringify(best) };
}

/** major < minor < patch < false: the analyzer keeps the first rule of the highest release. */
function rank(release: ReleaseRule['release']): number {
  return release === false ? RELEASES.length : RELEASES.indexOf(release);
}

/**
 * Reads a commit-analyzer `releaseRules` value from a configuration file. Rules that are not objects with a valid
 * `release` are dropped with a problem each; a string (a module path) cannot be read without running it.
 */
export function readReleaseRules(value: unknown): { readonly rules: ReleaseRule[] | null; readonly problems: string[] } {
  if (typeof value === 'string') return { rules: null, problems: [`releaseRules ${JSON.stringify(value)} is a module path, which is not run; the default rules apply`] };
  if (!Array.isArray(value)) return { rules: null, problems: ['releaseRules is not a list of rules; the default rules apply'] };
  const rules: ReleaseRule[] = [];
  const problems: string[] = [];
  value.forEach((raw: unknown, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`releaseRules[${index}] is not an object; ignored`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const release = entry['release'];
    if (release !== false && !RELEASES.includes(release as (typeof RELEASES)[number])) {
      problems.push(`releaseRules[${index}] has release ${JSON.stringify(release)} (major, minor, patch or false); ignored`);
      return;
    }
    // Conditions first and `release` last, as rules are usually written (the explanation quotes the rule).
    const conditions: { type?: string; scope?: string; subject?: string; breaking?: boolean; revert?: boolean } = {};
    for (const key of ['type', 'scope', 'subject'] as const) {
      const field = entry[key];
      if (typeof field === 'string') conditions[key] = field;
      else if (field !== undefined) problems.push(`releaseRules[${index}].${key} is not a string; that condition is ignored`);
    }
    if (entry['breaking'] === true) conditions.breaking = true;
    if (entry['revert'] === true) conditions.revert = true;
    const rule: ReleaseRule = { ...conditions, release: release as ReleaseRule['release'] };
    const unknown = Object.keys(entry).filter((key) => !['type', 'scope', 'subject', 'breaking', 'revert', 'release'].includes(key));
    if (unknown.length > 0) problems.push(`releaseRules[${index}] matches on ${unknown.join(', ')}, which this preview does not read; those conditions are ignored`);
    rules.push(rule);
  });
  return { rules, problems };
}
