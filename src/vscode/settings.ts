import * as vscode from 'vscode';
import { enabledWith } from '../core/config/editorConfig';
import type { RawCommitLintConfig } from '../core/commits';
import { productConfigFor } from './productConfig';

/** `releaseHygiene.commits.*`, read per resource so multi-root workspaces can differ. */
export interface CommitSettings {
  readonly enabled: boolean;
  readonly useRepositoryConfig: boolean;
  readonly rules: RawCommitLintConfig['rules'];
  readonly scopesFromHistory: boolean;
  readonly historyDepth: number;
  readonly showReleaseEffect: boolean;
}

export function readCommitSettings(scope: vscode.Uri | undefined): CommitSettings {
  const section = vscode.workspace.getConfiguration('releaseHygiene.commits', scope);
  const rules = section.get<unknown>('rules');
  return {
    // `.release-hygiene.yaml` commits.enabled: false turns it off too; its rules are a layer (CommitLintService).
    enabled: enabledWith(section.get<boolean>('enabled', true), productConfigFor(scope), 'commits'),
    useRepositoryConfig: section.get<boolean>('useRepositoryConfig', true),
    rules: rules !== null && typeof rules === 'object' && !Array.isArray(rules) ? (rules as Record<string, unknown>) : {},
    scopesFromHistory: section.get<boolean>('scopesFromHistory', true),
    historyDepth: Math.max(0, section.get<number>('historyDepth', 2000)),
    showReleaseEffect: section.get<boolean>('showReleaseEffect', true),
  };
}
