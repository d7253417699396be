// Optional Unleash Admin API client: flag metadata (type, createdAt, stale, lastSeenAt). Never required: every
// failure resolves to { ok: false, message } and the message never contains the token.
import type { RemoteFlagInfo } from '../../core/flags/types';
import type { UnleashFetchOptions, UnleashFetchResult } from './types';

interface UnleashFeature {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly createdAt?: unknown;
  readonly stale?: unknown;
  readonly lastSeenAt?: unknown;
}

/** Base URL without a trailing `/` or `/api`. */
function baseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/api$/, '');
}

export async function fetchUnleashFlags(options: UnleashFetchOptions): Promise<UnleashFetchResult> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let base: string;
  try {
    base = new URL(baseUrl(options.url)).toString().replace(/\/+$/, '');
  } catch {
    return { ok: false, message: 'the Unleash URL is not a valid URL' };
  }
  const path = options.project ? `/api/admin/projects/${encodeURIComponent(options.project)}/features` : '/api/admin/features';
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const redact = (text: string): string => (options.token ? text.split(options.token).join('***') : text);
  try {
    const response = await doFetch(`${base}${path}`, {
      headers: { Authorization: options.token, Accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      return { ok: false, message: `HTTP ${response.status}${response.status === 401 || response.status === 403 ? ' (check the admin token)' : ''}` };
    }
    const body = (await response.json()) as { features?: unknown };
    if (!Array.isArray(body.features)) return { ok: false, message: 'unexpected response: no "features" list' };
    const flags: RemoteFlagInfo[] = [];
    for (const feature of body.features as UnleashFeature[]) {
      if (typeof feature?.name !== 'string') continue;
      flags.push({
        key: feature.name,
        ...(typeof feature.type === 'string' ? { type: feature.type } : {}),
        ...(typeof feature.createdAt === 'string' ? { createdAt: feature.createdAt } : {}),
        ...(typeof feature.stale === 'boolean' ? { stale: feature.stale } : {}),
        ...(typeof feature.lastSeenAt === 'string' || feature.lastSeenAt === null ? { lastSeenAt: feature.lastSeenAt as string | null } : {}),
      });
    }
    return { ok: true, flags };
  } catch (error) {
    if (timeout.aborted) return { ok: false, message: `no answer within ${options.timeoutMs ?? 5000} ms` };
    if (options.signal?.aborted) return { ok: false, message: 'cancelled' };
    return { ok: false, message: redact(error instanceof Error ? error.message : String(error)) };
  }
}
