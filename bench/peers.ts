// Peer tools that ship a prebuilt binary per platform (git-cliff, squawk) are installed on demand into
// bench/.peers, never into the root package: the registry this project installs from serves only this
// platform's binary package, and a lockfile without the others makes `npm ci` fail.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const PEERS = join(ROOT, 'bench', '.peers');

/** Installs `name@version` into bench/.peers/<name> unless present; returns the absolute path of `relativeBin` in it. */
export function installPeer(name: string, version: string, relativeBin: string): string {
  // One folder per peer: an install into a shared folder would prune the other peers.
  const prefix = join(PEERS, name);
  const bin = join(prefix, 'node_modules', relativeBin);
  if (!existsSync(bin)) {
    execFileSync(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `${name}@${version}`],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  if (!existsSync(bin)) throw new Error(`${name}@${version} installed, but ${bin} is missing`);
  return bin;
}

const platformPackage = `${process.platform}-${process.arch}`;

/** git-cliff's binary for this platform. */
export const gitCliffBinary = (): string =>
  installPeer('git-cliff', '2.14.2', join(`git-cliff-${platformPackage}`, 'bin', 'git-cliff'));

/** squawk's binary for this platform. */
export const squawkBinary = (): string =>
  installPeer('squawk-cli', '2.66.0', join('@squawk-cli', platformPackage, 'bin', 'squawk'));
