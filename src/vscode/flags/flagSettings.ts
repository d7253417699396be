import * as vscode from 'vscode';
import { enabledWith, flagDaysWith } from '../../core/config/editorConfig';
import type { FlagCallPattern } from '../../core/flags/types';
import { productConfigFor } from '../productConfig';
import { toCallPattern } from './callPatterns';

/** `releaseHygiene.flags.*` with `.release-hygiene.yaml` flags over them, read per workspace folder. */
export interface FlagSettings {
  readonly enabled: boolean;
  readonly expireDays: number;
  readonly staleDays: number;
  readonly staleSeverity: 'error' | 'warning';
  readonly patterns: readonly FlagCallPattern[];
  /** Repository-relative registry path; '' = the engine's default places. */
  readonly registryFile: string;
  /** Our excludes plus the `files.exclude` / `search.exclude` globs that are on. */
  readonly exclude: readonly string[];
  /** '' = no Unleash server. */
  readonly unleashUrl: string;
  /** Changes whenever a setting that affects the scan or the evaluation changes. */
  readonly key: string;
}

function enabledGlobs(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export function readFlagSettings(scope: vscode.Uri | undefined): FlagSettings {
  const section = vscode.workspace.getConfiguration('releaseHygiene.flags', scope);
  const product = productConfigFor(scope);
  const fromSettings = Math.max(1, Math.floor(section.get<number>('expireDays', 30)));
  const { expireDays, staleDays } = flagDaysWith({ expireDays: fromSettings, staleDays: Math.max(fromSettings, Math.floor(section.get<number>('staleDays', 60))) }, product);
  const rawPatterns = section.get<unknown>('customPatterns', []);
  const patterns = Array.isArray(rawPatterns) ? rawPatterns.map(toCallPattern).filter((p): p is FlagCallPattern => p !== undefined) : [];
  const ours = section.get<unknown>('exclude', []);
  const exclude = [
    ...(Array.isArray(ours) ? ours.filter((glob): glob is string => typeof glob === 'string' && glob.length > 0) : []),
    ...enabledGlobs(vscode.workspace.getConfiguration('files', scope).get('exclude')),
    ...enabledGlobs(vscode.workspace.getConfiguration('search', scope).get('exclude')),
  ];
  const severity = section.get<string>('staleSeverity', 'error');
  const settings = {
    enabled: enabledWith(section.get<boolean>('enabled', true), product, 'flags'),
    expireDays,
    staleDays,
    staleSeverity: severity === 'warning' ? ('warning' as const) : ('error' as const),
    patterns,
    registryFile: (section.get<string>('registryFile', '') ?? '').trim(),
    exclude: [...new Set(exclude)],
    unleashUrl: (section.get<string>('unleash.url', '') ?? '').trim(),
  };
  return { ...settings, key: JSON.stringify(settings) };
}
