// The semantic-release reader with YAML (`.releaserc`, `.releaserc.yaml|yml`), and the other readers of the
// repository's release-tool configuration (toolConfig.ts). Pure. The release run itself reads through
// toolConfig.ts and loads this module only for a configuration that is YAML (src/node/release.ts), so the yaml
// package is not loaded otherwise (issue #13: start-up time).
import { parse as parseYaml } from 'yaml';
import { yamlErrorText } from '../yamlErrorText';
import { yamlNestingProblem } from '../yamlNesting';
import { readSemanticReleaseConfigWith } from './toolConfig';
import type { ReleaseConfigReading } from './types';

export { readReleasePleaseConfig, readCliffConfig, readTomlSubset, toolDisagreements } from './toolConfig';

/** A YAML configuration's value with the yaml package: nesting bounded, aliases bounded, errors in one line. */
export function readReleaseYaml(text: string): { value: unknown } | { error: string } {
  try {
    const deep = yamlNestingProblem(text);
    if (deep) return { error: deep.message };
    return { value: parseYaml(text, { maxAliasCount: 100, prettyErrors: false }) as unknown }; // an alias bomb throws here
  } catch (yamlError) {
    return { error: yamlErrorText(yamlError, text) };
  }
}

/**
 * semantic-release configuration: `.releaserc` (JSON or YAML), `.releaserc.json|yaml|yml`, or `package.json`
 * (its `release` key). Reads `branches`, `tagFormat` and the commit-analyzer's `preset` (default `angular`).
 * JS configs (`release.config.*`) are not executed and not read.
 */
export function readSemanticReleaseConfig(text: string, source: string): ReleaseConfigReading | null {
  return readSemanticReleaseConfigWith(text, source, readReleaseYaml);
}
