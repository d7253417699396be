// The product configuration file for CLI commands: loaded once per run, its warnings on stderr.
import type { ProductConfig } from '../core/config/productConfig';
import { loadProductConfig } from '../node/productConfig';
import { write, type CliIo } from './io';

/** Loads `.release-hygiene.yaml|yml|json` from `root` and prints its warnings. */
export async function loadProductConfigFor(root: string, io: CliIo): Promise<ProductConfig> {
  const loaded = await loadProductConfig(root);
  await writeProductConfigWarnings(loaded.warnings, io);
  return loaded.config;
}

/** The configuration file's warnings, as `loadProductConfigFor` prints them. */
export async function writeProductConfigWarnings(warnings: readonly string[], io: CliIo): Promise<void> {
  for (const warning of warnings) await write(io.stderr, `release-hygiene: warning: ${warning}\n`);
}
