import * as vscode from 'vscode';
import { enabledWith } from '../../core/config/editorConfig';
import type { ReleaseOptions } from '../../core/release';
import { productConfigFor } from '../productConfig';

/** `releaseHygiene.release.*`, read per repository folder. */
export interface ReleaseSettings {
  readonly statusBar: boolean;
  readonly useRepositoryConfig: boolean;
  /** Only the settings the user set explicitly: they win over the repository's release configuration. */
  readonly options: Partial<ReleaseOptions>;
  /** Changes whenever a setting that affects the plan changes (part of the plan cache key). */
  readonly key: string;
}

const SECTION = 'releaseHygiene.release';

/** A value the user set in any scope, else undefined (so the repository's configuration and the engine's defaults apply). */
function explicit<T>(section: vscode.WorkspaceConfiguration, name: string): T | undefined {
  const inspected = section.inspect<T>(name);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export function readReleaseSettings(scope: vscode.Uri | undefined): ReleaseSettings {
  const section = vscode.workspace.getConfiguration(SECTION, scope);
  const options: { -readonly [K in keyof ReleaseOptions]?: ReleaseOptions[K] } = {};
  const tagFormat = explicit<string>(section, 'tagFormat');
  if (typeof tagFormat === 'string' && tagFormat.includes('${version}')) options.tagFormat = tagFormat;
  const initialVersion = explicit<string>(section, 'initialVersion');
  if (initialVersion === '0.1.0' || initialVersion === '1.0.0') options.initialVersion = initialVersion;
  const minor = explicit<boolean>(section, 'bumpMinorPreMajor');
  if (typeof minor === 'boolean') options.bumpMinorPreMajor = minor;
  const patch = explicit<boolean>(section, 'bumpPatchForMinorPreMajor');
  if (typeof patch === 'boolean') options.bumpPatchForMinorPreMajor = patch;
  const prerelease = explicit<string | null>(section, 'prerelease');
  if (prerelease === null || prerelease === '') {
    if (prerelease === '') options.prerelease = null;
  } else if (typeof prerelease === 'string' && /^[0-9A-Za-z-]+$/.test(prerelease)) options.prerelease = prerelease;
  const firstParent = explicit<boolean>(section, 'firstParent');
  if (typeof firstParent === 'boolean') options.firstParent = firstParent;
  const useRepositoryConfig = section.get<boolean>('useRepositoryConfig', true);
  return {
    // `.release-hygiene.yaml` release.enabled: false hides it; the preview command stays (asked for, like --only).
    statusBar: enabledWith(section.get<boolean>('statusBar', true), productConfigFor(scope), 'release'),
    useRepositoryConfig,
    options,
    key: JSON.stringify({ options, useRepositoryConfig }),
  };
}
