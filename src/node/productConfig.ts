// Reads the product's configuration file from a repository root for the CLI and the extension.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseProductConfig, PRODUCT_CONFIG_FILES, type ProductConfig } from '../core/config/productConfig';

export interface LoadedProductConfig {
  readonly config: ProductConfig;
  /** The file read (repository-relative), absent when there is none. */
  readonly file?: string;
  /** Each prefixed with the file name. */
  readonly warnings: readonly string[];
}

/** The first of `.release-hygiene.yaml`, `.yml`, `.json` in `root`; none → an empty configuration. Never rejects. */
export async function loadProductConfig(root: string): Promise<LoadedProductConfig> {
  for (const file of PRODUCT_CONFIG_FILES) {
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      return { config: {}, file, warnings: [`${file}: cannot be read (${(error as Error).message}); ignored`] };
    }
    const parsed = parseProductConfig(text.replace(/^\uFEFF/, ''), file.endsWith('.json') ? 'json' : 'yaml');
    return { config: parsed.config, file, warnings: parsed.warnings.map((warning) => `${file}: ${warning}`) };
  }
  return { config: {}, warnings: [] };
}

/**
 * The repository root above `dir` found by its `.git` entry (folder or worktree file), else `dir`. Plain file
 * access, not git: the editor reads the file in Restricted Mode too, where no git process may run.
 */
export async function findConfigRootOnDisk(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    if (await stat(join(current, '.git')).then(() => true, () => false)) return current;
    if (dirname(current) === current) return dir;
  }
}
