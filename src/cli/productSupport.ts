// The product configuration file for CLI commands: loaded once per run, its warnings on stderr.
import type { ProductConfig } from '../core/config/productConfig';
import { findRepositoryRoot, loadProductConfig } from '../node';
import { write, type CliIo } from './io';

/** Loads `.release-hygiene.yaml|yml|json` from `root` and prints its warnings. */
export async function loadProductConfigFor(root: string, io: CliIo): Promise<ProductConfig> {
  const loaded = await loadProductConfig(root);
  for (const warning of loaded.warnings) await write(io.stderr, `release-hygiene: warning: ${warning}\n`);
  return loaded.config;
}

/** The repository root containing `dir`, else `dir` itself (where the configuration file is looked for). */
export async function configRoot(dir: string): Promise<string> {
  const repository = await findRepositoryRoot(dir);
  return repository.ok ? repository.value.root : dir;
}
