// The npm package as a user gets it, for the tests that run it (npmPackage.test.ts, npmPackageNodeLines.test.ts):
// `npm pack` makes the tarball from the built dist/, `npm install <tarball>` puts it into an empty folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { scratchDir } from '../node/gitFixture';
import { ensureBuilt, PROJECT_ROOT } from './cliHarness';

export interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string }[];
}

export interface InstalledPackage {
  /** What `npm pack --json` said about the tarball. */
  readonly pack: PackResult;
  /** The folder the tarball was installed into (nothing else is installed there). */
  readonly project: string;
  /** The installed bin's script: `<project>/node_modules/release-hygiene/dist/cli.js`. */
  readonly cli: string;
  /** The link npm made for the bin: `<project>/node_modules/.bin/release-hygiene`. */
  readonly bin: string;
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

export function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Builds dist/ when needed, packs it and installs the tarball into a new empty scratch folder. No network is
 * needed: the package has no dependencies.
 */
export function packAndInstall(env: NodeJS.ProcessEnv): InstalledPackage {
  ensureBuilt();
  const packDir = scratchDir('rh-pack-');
  // --ignore-scripts: pack the bundle already built (prepack's production build is for publishing).
  const out = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], PROJECT_ROOT, env);
  const results = JSON.parse(out.slice(out.indexOf('['))) as PackResult[];
  assert.equal(results.length, 1);
  const pack = results[0]!;
  const project = scratchDir('rh-empty-project-');
  npm(['install', join(packDir, pack.filename), ...NPM_QUIET], project, env);
  return {
    pack,
    project,
    cli: join(project, 'node_modules', 'release-hygiene', 'dist', 'cli.js'),
    bin: join(project, 'node_modules', '.bin', 'release-hygiene'),
  };
}
