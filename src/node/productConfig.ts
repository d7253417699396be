// Reads the product's configuration file from a repository root for the CLI and the extension.
import { readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseProductConfig, PRODUCT_CONFIG_FILES, type ProductConfig } from '../core/config/productConfig';

// node:fs's callbacks, not node:fs/promises: a `migrations` run outside git loads no other use of that module
// (19 of Node's own, ~7 M instructions; docs/benchmarks.md, "Migrations: the last 20 %"). Same errors.
const readFile = promisify(readFileCallback);
const stat = promisify(statCallback);

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
    // Looked up before it is read: readFile's first call loads a module of Node's own (its read context), after the
    // CLI's V8 flag and so compiled from source, for a file most folders do not have. Any other failure than a
    // missing file is left to readFile, whose error the warning quotes as before.
    if (!(await stat(join(root, file)).then(() => true, (error: NodeJS.ErrnoException) => !missing(error)))) continue;
    let text: string;
    try {
      text = await readFile(join(root, file), 'utf8');
    } catch (error) {
      if (missing(error as NodeJS.ErrnoException)) continue;
      return { config: {}, file, warnings: [`${file}: cannot be read (${(error as Error).message}); ignored`] };
    }
    const parsed = parseProductConfig(text.replace(/^\uFEFF/, ''), file.endsWith('.json') ? 'json' : 'yaml');
    return { config: parsed.config, file, warnings: parsed.warnings.map((warning) => `${file}: ${warning}`) };
  }
  return { config: {}, warnings: [] };
}

const missing = (error: NodeJS.ErrnoException): boolean => error.code === 'ENOENT' || error.code === 'ENOTDIR';

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
