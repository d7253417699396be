// `releaseHygiene.flags.customPatterns` entries → the engine's call shapes (pure: unit-tested without VS Code).
import type { FlagCallPattern, FlagProvider } from '../../core/flags/types';

const PROVIDERS: ReadonlySet<string> = new Set<FlagProvider>([
  'unleash', 'launchdarkly', 'openfeature', 'flagsmith', 'growthbook', 'posthog', 'configcat', 'statsig', 'split', 'custom',
]);

/** `{ function, keyArgument, provider, fallbackArgument }` → the engine's call shape; malformed entries are dropped. */
export function toCallPattern(raw: unknown): FlagCallPattern | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const entry = raw as Record<string, unknown>;
  const name = typeof entry.function === 'string' ? entry.function.trim() : '';
  if (!name) return undefined;
  // `flags.isOn`: the engine matches the callee's last identifier; a receiver makes it a method-only pattern.
  const dot = name.lastIndexOf('.');
  const last = dot >= 0 ? name.slice(dot + 1) : name;
  if (!/^[A-Za-z_$][\w$]*$/.test(last)) return undefined;
  const keyArgument = typeof entry.keyArgument === 'number' && entry.keyArgument >= 0 ? Math.floor(entry.keyArgument) : 0;
  const provider = typeof entry.provider === 'string' && PROVIDERS.has(entry.provider) ? (entry.provider as FlagProvider) : 'custom';
  const fallback = typeof entry.fallbackArgument === 'number' && entry.fallbackArgument > 0 ? Math.floor(entry.fallbackArgument) : undefined;
  return { name: last, keyArgument, provider, ...(dot >= 0 ? { methodOnly: true } : {}), ...(fallback !== undefined ? { fallbackArgument: fallback } : {}) };
}
