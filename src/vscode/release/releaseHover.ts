import type * as vscode from 'vscode';
import { nextVersionWith, type PendingCommit } from '../../core/release';
import { repositoryRootOf } from '../commitDocuments';
import type { ReleaseService } from './ReleaseService';

/**
 * The commit box hover's release line: what the message being typed would make the next version, from the cached
 * plan of its repository (the engine's own rules via nextVersionWith). Without a cached plan: undefined, and the
 * computation starts so the next hover has it.
 */
export function releaseLineFor(service: ReleaseService, document: vscode.TextDocument, commit: PendingCommit): string | undefined {
  const folder = repositoryRootOf(document);
  const root = folder !== undefined ? service.rootOf(folder) : service.activeRoot();
  if (root === undefined) return undefined;
  const outcome = service.cached(root);
  if (!outcome?.ok) {
    if (!service.isComputing(root)) void service.plan(root).catch(() => undefined);
    return undefined;
  }
  const { plan, options } = outcome.context;
  const withCommit = nextVersionWith(plan, commit, options);
  const from = plan.currentTag ?? plan.current;
  const to = withCommit.nextTag ?? withCommit.next;
  const code = (text: string): string => `\`${text.replace(/`/g, '')}\``;
  if (to === null) return from !== null ? `No release: nothing since ${code(from)} releases` : 'No release yet: nothing in the history releases';
  const range = plan.firstRelease || from === null ? `→ ${code(to)} (first release)` : `${code(from)} → ${code(to)}`;
  if (plan.forced !== null) return `Next release: ${range} (forced by Release-As)`;
  if (withCommit.bump === 'none') return `No release by itself; the next release stays ${range}`;
  const already = withCommit.releaseBump !== withCommit.bump ? ` (the commits since ${from !== null ? code(from) : 'the start'} already make it **${withCommit.releaseBump}**)` : '';
  return `With this commit: **${withCommit.releaseBump}** release, ${range}${already}`;
}
