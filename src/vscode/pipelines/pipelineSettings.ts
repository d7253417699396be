import * as vscode from 'vscode';
import { enabledWith, pipelineOptionsWith } from '../../core/config/editorConfig';
import type { RuleLevel } from '../../core/config/productConfig';
import type { PipelineOptions, PipelineRuleId } from '../../core/pipelines';
import { productConfigFor } from '../productConfig';

/** `releaseHygiene.pipelines.*` with `.release-hygiene.yaml` pipelines over them, read per pipeline file. */
export interface PipelineSettings {
  readonly enabled: boolean;
  /** The file's lists, else the ones the user set (in any scope) to something usable; the engine's defaults fill the rest. */
  readonly options: Partial<PipelineOptions>;
  /** The file's rule levels (relevelFindings), as `check` applies them. */
  readonly rules: Readonly<Partial<Record<PipelineRuleId, RuleLevel>>> | undefined;
  /** Changes whenever a setting that affects the findings changes (part of the lint cache key). */
  readonly key: string;
}

export const PIPELINE_SETTINGS_SECTION = 'releaseHygiene.pipelines';

function words(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
  return list.length > 0 ? list : undefined;
}

/** A value the user set in any scope, else undefined (so the engine's defaults apply, not a copy of them). */
function explicit(section: vscode.WorkspaceConfiguration, name: string): unknown {
  const inspected = section.inspect<unknown>(name);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export function readPipelineSettings(scope: vscode.Uri | undefined): PipelineSettings {
  const section = vscode.workspace.getConfiguration(PIPELINE_SETTINGS_SECTION, scope);
  const options: { -readonly [K in keyof PipelineOptions]?: PipelineOptions[K] } = {};
  const production = words(explicit(section, 'productionEnvironments'));
  if (production) options.productionEnvironments = production;
  const staging = words(explicit(section, 'stagingEnvironments'));
  if (staging) options.stagingEnvironments = staging;
  const gates = words(explicit(section, 'gateJobPatterns'));
  if (gates) options.gateJobPatterns = gates;
  const product = productConfigFor(scope);
  const enabled = enabledWith(section.get<boolean>('enabled', true) !== false, product, 'pipelines');
  const merged = pipelineOptionsWith(options, product);
  return { enabled, options: merged.options, rules: merged.rules, key: JSON.stringify({ enabled, ...merged }) };
}
