import type { FlagAnnotation, FlagInfo, FlagRegistryEntry, FlagStatus } from '../../core/flags/types';

/** What the editor knows about where a flag's dates came from, for hovers and tooltips. */
export interface FlagOrigins {
  /** History was read (false: not a repository, or git failed). */
  readonly history: boolean;
  /** History is still being read. */
  readonly pending: boolean;
  /** The history pass was cancelled: ages were not computed (Date Feature Flags from History retries). */
  readonly cancelled?: boolean;
  readonly registryFile: string | undefined;
  readonly registry: readonly FlagRegistryEntry[];
  readonly annotations: readonly FlagAnnotation[];
  readonly policy: { readonly expireDays: number; readonly staleDays: number };
}

/** Sort rank in the view: the most urgent first. */
export const STATUS_RANK: Readonly<Record<FlagStatus, number>> = { stale: 0, expired: 1, ok: 2, permanent: 3 };

export function compareFlags(a: FlagInfo, b: FlagInfo): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.key.localeCompare(b.key);
}

export function daysAgo(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `express-checkout-v2 · added 94 days ago by A. Author · 3 references · stale` */
export function lensTitle(flag: FlagInfo, origins: Pick<FlagOrigins, 'history' | 'pending' | 'cancelled'>): string {
  const age =
    flag.ageDays !== null
      ? `added ${daysAgo(flag.ageDays)}${flag.introducedBy ? ` by ${flag.introducedBy}` : ''}`
      : origins.pending
        ? 'age: reading history…'
        : origins.cancelled
          ? 'age not computed (cancelled)'
          : origins.history
          ? 'not committed yet'
          : 'age unknown (no git history)';
  return `${flag.key} · ${age} · ${plural(flag.references.length, 'reference')} · ${flag.status}`;
}

/** Short text for the view's description: `94 days · stale · 3 refs`. */
export function viewDescription(flag: FlagInfo): string {
  const age = flag.ageDays !== null ? `${flag.ageDays} d` : 'new';
  return `${flag.status} · ${age} · ${plural(flag.references.length, 'ref')}`;
}

/** Escapes Markdown in text that comes from the repository (keys, authors, file names). */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const shortDate = (iso: string | null): string => (iso ?? '').slice(0, 10);

/** Markdown explaining where the flag's age and expiry came from (hover, view tooltip). */
export function explainFlag(flag: FlagInfo, origins: FlagOrigins): string {
  const lines: string[] = [];
  lines.push(`**Feature flag \`${flag.key.replace(/`/g, "'")}\`** (${md(flag.provider)}) · **${flag.status}**`, '');
  const entry = origins.registry.find((e) => e.key === flag.key);
  const registryName = md(origins.registryFile ?? 'the flag registry');
  // Age: registry `created`, else Unleash's createdAt, else the introducing commit.
  if (entry?.created && flag.introducedAt) {
    lines.push(`- **Age**: ${flag.ageDays ?? '?'} days, created ${shortDate(flag.introducedAt)} per its entry in ${registryName}.`);
  } else if (flag.remote?.createdAt && flag.introducedAt === flag.remote.createdAt) {
    lines.push(`- **Age**: ${flag.ageDays ?? '?'} days, created ${shortDate(flag.introducedAt)} per the Unleash server (createdAt).`);
  } else if (flag.commit && flag.introducedAt) {
    lines.push(
      `- **Age**: added ${daysAgo(flag.ageDays ?? 0)} (${shortDate(flag.introducedAt)})${flag.introducedBy ? ` by ${md(flag.introducedBy)}` : ''} in commit \`${flag.commit.slice(0, 7)}\`: the first commit in history where the key appears at a call site.`,
    );
  } else if (origins.pending) {
    lines.push('- **Age**: reading the repository history…');
  } else if (origins.cancelled) {
    lines.push('- **Age**: not computed: reading the history was cancelled. Run **Release Hygiene: Date Feature Flags from History** to read it again.');
  } else {
    lines.push(origins.history ? '- **Age**: not committed yet (no commit has this key at a call site).' : '- **Age**: unknown (no git history).');
  }
  const when = flag.expiresAt ? `expires ${flag.expiresAt}${flag.staleAt ? `, stale from ${flag.staleAt}` : ''}` : '';
  const annotation = origins.annotations.find((a) => a.key === flag.key && (a.kind === 'expires' || a.kind === 'permanent'));
  switch (flag.expirySource) {
    case 'annotation':
      lines.push(`- **Expiry**: ${flag.status === 'permanent' ? 'permanent' : when}, from the inline annotation \`flag: ${annotation?.kind ?? 'expires'}${annotation?.value ? ` ${annotation.value}` : ''}\`${annotation ? ` on line ${annotation.line}` : ''}.`);
      break;
    case 'registry':
      lines.push(`- **Expiry**: ${flag.status === 'permanent' ? 'permanent' : when}, from its entry in ${registryName}${entry?.owner ? ` (owner ${md(entry.owner)})` : ''}.`);
      break;
    case 'type':
      lines.push(`- **Expiry**: ${flag.status === 'permanent' ? 'permanent' : when}: Unleash flag type \`${md(flag.type ?? '?')}\`${flag.status === 'permanent' ? ' never expires' : ' and its expected lifetime'}.`);
      break;
    case 'remote':
      lines.push(`- **Expiry**: ${flag.remote?.stale ? 'marked stale on the Unleash server' : when || 'from the Unleash server'}.`);
      break;
    default:
      lines.push(
        when
          ? `- **Expiry**: ${when}: the defaults, expired after ${origins.policy.expireDays} days and stale after ${origins.policy.staleDays} (\`releaseHygiene.flags.expireDays\`, \`staleDays\`).`
          : `- **Expiry**: expired after ${origins.policy.expireDays} days, stale after ${origins.policy.staleDays}, counted from its first commit.`,
      );
  }
  if (flag.owner && !entry?.owner) lines.push(`- **Owner**: ${md(flag.owner)}`);
  if (flag.remote?.lastSeenAt) lines.push(`- **Last seen** by Unleash: ${shortDate(flag.remote.lastSeenAt)}`);
  for (const hint of flag.hints) lines.push(`- ${md(hint)}`);
  lines.push(`- **${plural(flag.references.length, 'reference')}**: ${flag.references.slice(0, 8).map((r) => `\`${r.file.replace(/`/g, "'")}:${r.line}\``).join(', ')}${flag.references.length > 8 ? ', …' : ''}`);
  return lines.join('\n');
}
