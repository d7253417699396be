// Expiry policy: ages + registry + annotations + type lifetimes (+ optional Unleash metadata) → status per flag.
import { parse as parseYaml } from 'yaml';
import { yamlErrorText } from '../yamlErrorText';
import { yamlNestingProblem } from '../yamlNesting';
import type { Finding } from '../findings';
import type {
  EvaluateFlagsInput,
  FlagAnnotation,
  FlagCallSite,
  FlagExpirySource,
  FlagInfo,
  FlagPolicy,
  FlagPolicyOptions,
  FlagReference,
  FlagRegistryEntry,
  FlagStatus,
  RegistryParse,
  RemoteFlagInfo,
  SourceScan,
} from './types';

const DAY = 86_400_000;

/** Unleash's default lifetimes per flag type (anchors §3.3); null = permanent. */
export const UNLEASH_TYPE_LIFETIMES: Readonly<Record<string, number | null>> = {
  release: 40,
  experiment: 40,
  operational: 7,
  'kill-switch': null,
  permission: null,
};

export const DEFAULT_FLAG_POLICY: FlagPolicy = {
  expireDays: 30,
  staleDays: 60,
  typeLifetimes: UNLEASH_TYPE_LIFETIMES,
  registry: [],
};

export function resolvePolicy(partial: Partial<FlagPolicyOptions> = {}): FlagPolicy {
  const expireDays = partial.expireDays ?? DEFAULT_FLAG_POLICY.expireDays;
  // A stale limit below the expiry would make "expired" unreachable: keep it at least the expiry.
  const staleDays = Math.max(partial.staleDays ?? DEFAULT_FLAG_POLICY.staleDays, expireDays);
  return {
    expireDays,
    staleDays,
    typeLifetimes: { ...UNLEASH_TYPE_LIFETIMES, ...(partial.typeLifetimes ?? {}) },
    registry: partial.registry ?? [],
  };
}

/** Whole days from `fromIso` to `toIso` (floor; negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / DAY);
}

/** "today", "1 day", "94 days", "3 months", "2 years" (for lenses). */
export function formatAge(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return '1 day ago';
  if (days < 90) return `${days} days ago`;
  if (days < 730) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

/** LaunchDarkly React's camelCase of a key (`express-checkout_v2` → `expressCheckoutV2`). */
export function camelCaseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
}

const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** `.release-hygiene/flags.yaml|json`: a list of entries, `{ flags: [...] }`, or a map key → entry. */
export function parseFlagRegistry(text: string, format: 'yaml' | 'json'): RegistryParse {
  let data: unknown;
  try {
    const deep = format === 'yaml' ? yamlNestingProblem(text) : undefined;
    if (deep) return { entries: [], errors: [`cannot parse the flag registry: ${deep.message}`] };
    data = format === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, prettyErrors: false }); // an alias bomb throws here
  } catch (error) {
    return { entries: [], errors: [`cannot parse the flag registry: ${yamlErrorText(error, text)}`] };
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'flags' in data) data = (data as { flags: unknown }).flags;
  const raw: Array<[string | undefined, unknown]> = Array.isArray(data)
    ? data.map((item) => [undefined, item])
    : data && typeof data === 'object'
      ? Object.entries(data)
      : [];
  if (data !== null && data !== undefined && raw.length === 0 && typeof data !== 'object') {
    return { entries: [], errors: ['the flag registry must be a list of flags or a map from key to flag'] };
  }
  const entries: FlagRegistryEntry[] = [];
  const errors: string[] = [];
  raw.forEach(([mapKey, item], index) => {
    const where = mapKey !== undefined ? `flag "${mapKey}"` : `entry ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      if (mapKey !== undefined && (item === null || item === undefined)) entries.push({ key: mapKey });
      else errors.push(`${where}: expected an object with key, owner, type, created, expires, permanent`);
      return;
    }
    const o = item as Record<string, unknown>;
    const key = typeof o.key === 'string' ? o.key : mapKey;
    if (!key) {
      errors.push(`${where}: missing "key"`);
      return;
    }
    const entry: { -readonly [K in keyof FlagRegistryEntry]: FlagRegistryEntry[K] } = { key };
    if (typeof o.owner === 'string') entry.owner = o.owner;
    if (typeof o.type === 'string') entry.type = o.type;
    if (typeof o.description === 'string') entry.description = o.description;
    for (const field of ['created', 'expires'] as const) {
      const value = o[field] instanceof Date ? (o[field] as Date).toISOString().slice(0, 10) : o[field];
      if (value === undefined || value === null) continue;
      if (isDate(value)) entry[field] = value;
      else errors.push(`${where}: "${field}" is not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
    }
    if (o.permanent !== undefined) {
      if (typeof o.permanent === 'boolean') entry.permanent = o.permanent;
      else errors.push(`${where}: "permanent" must be true or false`);
    }
    entries.push(entry);
  });
  return { entries, errors };
}

const STATUS_RANK: Record<FlagStatus, number> = { stale: 0, expired: 1, ok: 2, permanent: 3 };

/** Groups call sites by key and decides each flag's status. Sorted most stale first. */
export function evaluateFlags(input: EvaluateFlagsInput): FlagInfo[] {
  const { policy, now } = input;
  const nowMs = Date.parse(now);
  const registry = new Map(policy.registry.map((entry) => [entry.key, entry]));
  const remote = new Map((input.remote ?? []).map((flag) => [flag.key, flag]));

  // useFlags() camelCased properties → the kebab key they alias, when that key is known anywhere.
  const camel = new Map<string, string>();
  const known = [...input.callSites.filter((s) => !s.camelCase).map((s) => s.key), ...registry.keys(), ...remote.keys(), ...Object.keys(input.ages)];
  for (const key of known) {
    const c = camelCaseKey(key);
    if (c !== key && !camel.has(c)) camel.set(c, key);
  }
  const canonical = (site: FlagCallSite): string => (site.camelCase ? (camel.get(site.key) ?? site.key) : site.key);

  const sites = new Map<string, FlagCallSite[]>();
  for (const site of input.callSites) {
    const key = canonical(site);
    const list = sites.get(key);
    if (list) list.push(site);
    else sites.set(key, [site]);
  }
  const annotations = new Map<string, FlagAnnotation[]>();
  for (const a of input.annotations ?? []) {
    if (a.key === undefined) continue;
    const key = camel.get(a.key) ?? a.key;
    annotations.set(key, [...(annotations.get(key) ?? []), a]);
  }

  const flags: FlagInfo[] = [];
  for (const [key, list] of sites) {
    list.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.start - b.start);
    const references: FlagReference[] = list.map((s) => ({ file: s.file ?? '', line: s.line, column: s.column, start: s.start, end: s.end, sdkCall: s.sdkCall }));
    const entry = registry.get(key);
    const server = remote.get(key);
    const notes = annotations.get(key) ?? [];
    const age = input.ages[key] ?? (list[0]!.camelCase ? input.ages[list[0]!.key] : undefined);

    const introducedAt = entry?.created ?? server?.createdAt ?? age?.introducedAt ?? null;
    const introducedBy = age?.introducedBy ?? entry?.owner ?? null;
    const type = notes.find((a) => a.kind === 'type')?.value ?? entry?.type ?? server?.type;
    const owner = notes.find((a) => a.kind === 'owner')?.value ?? entry?.owner;
    const annotatedExpiry = notes.find((a) => a.kind === 'expires')?.value;
    const lifetime = type !== undefined && type in policy.typeLifetimes ? policy.typeLifetimes[type] : undefined;
    const permanent = notes.some((a) => a.kind === 'permanent') || entry?.permanent === true || lifetime === null;
    const grace = (policy.staleDays - policy.expireDays) * DAY;
    const introducedMs = introducedAt !== null ? Date.parse(introducedAt) : NaN;

    let expiresMs = NaN;
    let source: FlagExpirySource = 'policy';
    if (annotatedExpiry !== undefined) {
      expiresMs = Date.parse(annotatedExpiry);
      source = 'annotation';
    } else if (entry?.expires !== undefined) {
      expiresMs = Date.parse(entry.expires);
      source = 'registry';
    } else if (typeof lifetime === 'number' && !Number.isNaN(introducedMs)) {
      expiresMs = introducedMs + lifetime * DAY;
      source = 'type';
    } else if (!Number.isNaN(introducedMs)) {
      expiresMs = introducedMs + policy.expireDays * DAY;
    }
    if (permanent) source = notes.some((a) => a.kind === 'permanent') ? 'annotation' : entry?.permanent ? 'registry' : 'type';
    const staleMs = expiresMs + grace;

    let status: FlagStatus = 'ok';
    if (permanent) status = 'permanent';
    else if (server?.stale === true) {
      status = 'stale';
      source = 'remote';
    } else if (!Number.isNaN(expiresMs)) status = nowMs >= staleMs ? 'stale' : nowMs >= expiresMs ? 'expired' : 'ok';

    const hints: string[] = [];
    if (references.length === 1) hints.push('referenced in one place only: looks ready to remove');
    else if (list.every((s) => s.branch && s.file === list[0]!.file && s.branch.start === list[0]!.branch!.start)) {
      hints.push('every reference is in the condition of one if: looks ready to remove');
    }

    flags.push({
      key,
      provider: list[0]!.provider,
      references,
      introducedAt,
      introducedBy,
      commit: age?.commit ?? null,
      ageDays: Number.isNaN(introducedMs) ? null : Math.floor((nowMs - introducedMs) / DAY),
      status,
      expiresAt: permanent || Number.isNaN(expiresMs) ? null : dateOnly(expiresMs),
      staleAt: permanent || Number.isNaN(expiresMs) ? null : dateOnly(staleMs),
      expirySource: source,
      ...(type !== undefined ? { type } : {}),
      ...(owner !== undefined ? { owner } : {}),
      hints,
      ...(server ? { remote: server } : {}),
    });
  }
  flags.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (b.ageDays ?? -1) - (a.ageDays ?? -1) || a.key.localeCompare(b.key));
  return flags;
}

const SOURCE_TEXT: Record<FlagExpirySource, string> = {
  policy: 'the default policy',
  type: 'its flag type',
  registry: 'the flag registry',
  annotation: 'an inline annotation',
  remote: 'Unleash (marked stale)',
};

/** One sentence on where a flag's age and expiry come from (hovers, CLI text). */
export function explainFlag(flag: FlagInfo): string {
  const age = flag.introducedAt
    ? `added ${flag.ageDays !== null ? formatAge(flag.ageDays) : ''} (${flag.introducedAt.slice(0, 10)}${flag.introducedBy ? ` by ${flag.introducedBy}` : ''}${flag.commit ? `, ${flag.commit.slice(0, 8)}` : ''})`
    : 'age unknown (not committed yet)';
  if (flag.status === 'permanent') return `${age}; permanent per ${SOURCE_TEXT[flag.expirySource]}`;
  if (flag.expirySource === 'remote') return `${age}; ${SOURCE_TEXT.remote}`;
  if (!flag.expiresAt) return age;
  const typeNote = flag.type ? ` (type ${flag.type})` : '';
  return `${age}; expires ${flag.expiresAt}, stale from ${flag.staleAt} per ${SOURCE_TEXT[flag.expirySource]}${typeNote}`;
}

/** Findings for one file's call sites (offsets = key expressions). `flags` by key (canonical keys). */
export function flagFindings(scan: SourceScan, flags: ReadonlyMap<string, FlagInfo>): Finding[] {
  const findings: Finding[] = [];
  const byCamel = new Map<string, FlagInfo>();
  for (const flag of flags.values()) byCamel.set(camelCaseKey(flag.key), flag);
  for (const site of scan.callSites) {
    const flag = flags.get(site.key) ?? (site.camelCase ? byCamel.get(site.key) : undefined);
    if (flag?.status === 'stale' || flag?.status === 'expired') {
      findings.push({
        ruleId: `flags/${flag.status}`,
        severity: flag.status === 'stale' ? 'error' : 'warning',
        message: `Feature flag "${flag.key}" is ${flag.status}: ${explainFlag(flag)}.`,
        start: site.start,
        end: site.end,
      });
    }
    if (site.hasFallback === false) {
      findings.push({
        ruleId: 'flags/no-fallback',
        severity: 'information',
        message: `${site.sdkCall}("${site.key}") has no default value: pass one so an evaluation failure cannot break the application.`,
        start: site.start,
        end: site.end,
      });
    }
    if (flag && flag.hints.length && flag.status !== 'permanent') {
      findings.push({ ruleId: 'flags/ready-to-remove', severity: 'information', message: `Feature flag "${flag.key}": ${flag.hints[0]}.`, start: site.start, end: site.end });
    }
  }
  return findings;
}

export type { RemoteFlagInfo };
