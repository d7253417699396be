// Everything the CLI needs in one call: repository root, scan, registry, ages in one history pass, evaluation.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateFlags, parseFlagRegistry, resolvePolicy } from '../../core/flags';
import type { RegistryParse, WorkspaceFlagScan } from '../../core/flags/types';
import { findRepositoryRoot, gitAllowed, runGitProcess, walkUpForGit } from '../git';
import { computeFlagAges, hasCachedFlagAges, startHistoryEarly } from './ages';
import type { EarlyHistory } from './ages';
import type { AnalyzeFlagsOptions, FlagReportResult } from './types';
import { scanWorkspaceFlags, takeWorkTreeSnapshot } from './workspace';

/** Registry files, first found wins (repository-relative). */
export const FLAG_REGISTRY_FILES = ['.release-hygiene/flags.yaml', '.release-hygiene/flags.yml', '.release-hygiene/flags.json'] as const;

/** The repository's flag registry (see docs/flags.md); no file → no entries, no errors. Never rejects. */
export async function loadFlagRegistry(root: string): Promise<RegistryParse & { readonly file?: string }> {
  for (const file of FLAG_REGISTRY_FILES) {
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch {
      continue;
    }
    const parsed = parseFlagRegistry(text, file.endsWith('.json') ? 'json' : 'yaml');
    return { ...parsed, errors: parsed.errors.map((e) => `${file}: ${e}`), file };
  }
  return { entries: [], errors: [] };
}

/** What the analysis reads at the root before the history: the scan, the registry, the caller's policy. */
interface AtRoot {
  readonly scan: WorkspaceFlagScan;
  readonly registry: RegistryParse & { readonly file?: string };
  readonly policy: AnalyzeFlagsOptions['policy'];
}

/**
 * Scan + registry + ages + policy for the folder `cwd` (its repository root when inside one).
 *
 * The root is git's (`rev-parse --show-toplevel`, which also tells a shallow clone), but the command does not wait
 * for git to name it: where the file system settles the root (`walkUpForGit`, as lint-message's config lookup),
 * the scan, the registry and the policy are read there while git answers, and read again at git's root in the
 * rare case the two differ (git missing or failing, a root the walk could not know). The results are those of
 * asking git first; a repository without flags costs no git process in sequence (issue #16).
 */
export async function analyzeWorkspaceFlags(cwd: string, options: AnalyzeFlagsOptions = {}): Promise<FlagReportResult> {
  // The history pass's first processes start once the search names a file that may hold a call (never in a
  // repository without flags), while the scan reads and lexes; stopped when the pass does not run there.
  const asked = findRepositoryRoot(cwd, runGitProcess, { head: true });
  const early = new Map<string, EarlyHistory>();
  let stopped = false; // a guess's scan read in vain may still run: it starts nothing once the pass is decided
  // HEAD comes with the root (one rev-parse): the early pass at git's root starts no process of its own for it.
  const headAt = (root: string): Promise<string | undefined> => asked.then((repo) => (repo.ok && repo.value.root === root ? repo.value.head : undefined));
  const startEarly = (root: string) => (): void => {
    options.onCallNameFound?.();
    if (!stopped && !early.has(root) && !options.storageDir && !hasCachedFlagAges(root) && gitAllowed()) early.set(root, startHistoryEarly(root, options.signal, headAt(root)));
  };
  const stopEarly = (except?: string): void => {
    stopped = true;
    for (const [root, started] of early) if (root !== except) started.cancel();
  };
  const atRoot = async (root: string, inRepository: boolean): Promise<AtRoot> => {
    // The bytes read stay for the history pass: blobs unchanged in the work tree need no reading from git.
    const [scan, registry, policy] = await Promise.all([
      scanWorkspaceFlags(root, { ...options, keepWorkTreeBytes: inRepository, ...(inRepository ? { onCallNameFound: startEarly(root) } : {}) }),
      loadFlagRegistry(root),
      options.policyAt ? options.policyAt(root) : options.policy,
    ]);
    return { scan, registry, policy };
  };
  const walked = walkUpForGit(cwd, process.env);
  const guess = walked === 'ask-git' ? undefined : { root: walked ?? cwd, inRepository: walked !== undefined };
  const guessed = guess ? atRoot(guess.root, guess.inRepository) : undefined;
  // Settled either way, so that a guess read in vain never rejects unobserved.
  void guessed?.catch(() => undefined);
  const repo = await asked;
  const warnings: string[] = [];
  if (!repo.ok && repo.kind !== 'not-a-repository') warnings.push(`no flag ages: ${repo.message}`);
  if (!repo.ok && repo.kind === 'not-a-repository') warnings.push('not a git repository: flag ages are unknown');
  const root = repo.ok ? repo.value.root : cwd;
  if (repo.ok && repo.value.shallow) warnings.push('shallow clone: flags may look younger than they are (fetch the full history)');

  const { scan, registry, policy } = guessed && guess!.root === root && guess!.inRepository === repo.ok ? await guessed : await atRoot(root, repo.ok);
  const workTree = takeWorkTreeSnapshot(scan);
  if (options.signal?.aborted) {
    stopEarly();
    workTree?.stop?.();
    return { ok: false, kind: 'cancelled', message: 'cancelled' };
  }
  warnings.push(...registry.errors);

  const callSites = Object.values(scan.files).flatMap((f) => f.callSites);
  const annotations = Object.values(scan.files).flatMap((f) => f.annotations);
  const aliases: Record<string, string[]> = {};
  for (const site of callSites) {
    if (site.keyReference && !(aliases[site.key] ??= []).includes(site.keyReference)) aliases[site.key]!.push(site.keyReference);
  }
  let ages = {};
  // Without a call site there is nothing to date: history is not read (it is complete, trivially).
  let history = repo.ok && callSites.length === 0;
  const started = repo.ok && callSites.length > 0 ? early.get(root) : undefined;
  stopEarly(started ? root : undefined);
  if (!repo.ok || callSites.length === 0) workTree?.stop?.();
  if (repo.ok && callSites.length > 0) {
    const result = await computeFlagAges(root, {
      keys: [...new Set(callSites.map((s) => s.key))],
      aliases,
      ...(options.patterns ? { patterns: options.patterns } : {}),
      ...(options.storageDir ? { storageDir: options.storageDir } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(workTree ? { workTree } : {}),
      ...(started ? { early: started } : {}),
    });
    workTree?.stop?.();
    if (result.ok) {
      ages = result.ages;
      history = true;
    } else if (result.kind === 'cancelled') return { ok: false, kind: 'cancelled', message: 'cancelled' };
    else warnings.push(`no flag ages: ${result.message}`);
  }
  const resolvedPolicy = resolvePolicy({ ...(policy ?? {}), registry: registry.entries });
  const flags = evaluateFlags({
    callSites,
    annotations,
    ages,
    policy: resolvedPolicy,
    ...(options.remote ? { remote: options.remote } : {}),
    now: options.now ?? new Date().toISOString(),
  });
  return { ok: true, value: { root, scan, flags, registry, history, warnings } };
}
