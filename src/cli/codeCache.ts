// Loads the CLI's command bundles (dist/cliFlags.js, …) with V8's code cache: `dist/<bundle>.cache`, written at
// build time by a training run (tools/codeCacheTraining.mjs), holds the bytecode of the functions that run, so a
// command starts by deserialising instead of parsing and compiling (issue #13/#16; docs/benchmarks.md, "Code cache
// and the flags start"). Node 20 has no module.enableCompileCache: this is v8-compile-cache's technique, vm.Script
// with `cachedData`, for these files only, and nothing is ever written at run time.
//
// V8 checks only its version, its flags and the source's LENGTH before trusting a cache: a cache someone else can
// write is code execution, and a stale one of the same length runs old code. So a cache is used only when
//   - it is no more writable than its bundle (same owner; no group/other write bit the bundle lacks): whoever can
//     change it can change the bundle anyway;
//   - its header names this V8, platform and architecture, and the CRC-32 of the bundle's bytes as they are now
//     (a bundle patched after install, or from another build of the same length, does not match; timestamps
//     cannot tell: npm writes every file of a package at install time, the cache before its bundle);
// and V8 may still reject it (another Node, other flags). Missing, untrusted, stale or rejected: the bundle is
// compiled from its source as usual, silently. Only the CLI's own bundles come here, never a user's code.
import { closeSync, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** What happened to a bundle's cache (tests and the training run read it). */
export type CodeCacheOutcome = 'accepted' | 'rejected' | 'missing' | 'untrusted' | 'stale' | 'already-loaded';

/**
 * Node 22.1+ has a compile cache of its own (`module.enableCompileCache`, which npm's CLI turns on the same way;
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off). The shipped caches are made by the build's Node (20), so on a newer
 * Node they never match: there the bundle goes through Node's loader with Node's cache instead of being compiled
 * from source every run. Turned on once, at the first bundle that needs it; undefined on Node 20.
 */
let nodeCompileCacheOn: boolean | undefined;
function useNodeCompileCache(): boolean {
  if (nodeCompileCacheOn === undefined) {
    const enable = (Module as unknown as { enableCompileCache?: () => unknown }).enableCompileCache;
    nodeCompileCacheOn = false;
    if (typeof enable === 'function') {
      try {
        enable.call(Module);
        nodeCompileCacheOn = true;
      } catch {
        // A cache folder that cannot be made: compile from source, as without one.
      }
    }
  }
  return nodeCompileCacheOn;
}

/** The wrapper Node puts around a CommonJS module, on its own line (lineOffset -1: stack lines stay exact). */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __codeCacheHost) {\n';
const WRAPPER_TAIL = '\n})';

/** The first line of a cache file up to the bundle's checksum: what this process can use. */
const HEADER_PREFIX = `release-hygiene code cache 2 ${process.versions.v8} ${process.platform} ${process.arch} `;

/** The bundle's checksum as the header writes it: CRC-32 of its bytes (native; ~0.1 ms for 250 KB). */
export function bundleChecksum(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(8, '0');
}

/** The first line of a cache file for a bundle with these bytes; the V8 data follows it. */
export function cacheHeader(bundleBytes: Uint8Array): string {
  return `${HEADER_PREFIX}${bundleChecksum(bundleBytes)}\n`;
}

/** The cache file of a bundle: dist/cliFlags.js → dist/cliFlags.cache. */
export function cacheFileOf(bundle: string): string {
  return bundle.replace(/\.js$/, '.cache');
}

/**
 * What bundle code compiled here gets instead of what vm.Script lacks: `import()` (a vm.Script has none of its own
 * in Node 20; src/node/dynamicImport.ts's stand-in in the CLI bundles calls this one).
 */
const host = { import: (specifier: string): Promise<Record<string, unknown>> => import(specifier) };

/**
 * Set by the build's training run only (tools/codeCacheCollector.cjs, a --require preload; the tests' probe too):
 * it receives each script compiled here and writes its cache when the process exits. Absent in every ordinary run.
 */
const COLLECTOR = Symbol.for('release-hygiene.codeCache.collect');
interface Collector {
  (cacheFile: string, header: string, script: Script, outcome: CodeCacheOutcome): void;
  /**
   * The name to compile a bundle under. V8 11 (Node 20) keeps the name a cache was MADE under (stack traces show
   * it, with the right line and column), not the one given when it is used: the training run compiles under
   * `release-hygiene/dist/<bundle>`, not the build machine's path.
   */
  readonly scriptName?: (bundle: string) => string;
}

function readWithStats(file: string): { bytes: Buffer; stats: Stats } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    // fstat of the descriptor read: the file checked is the file used, whatever a path swap does meanwhile.
    return { stats: fstatSync(fd), bytes: readFileSync(fd) };
  } finally {
    closeSync(fd);
  }
}

/** The cache's V8 data when it may be handed to V8, else why not. */
function trustedCache(bundle: string, bundleStats: Stats, bundleBytes: Buffer): Buffer | 'missing' | 'untrusted' | 'stale' {
  const cache = readWithStats(cacheFileOf(bundle));
  if (cache === undefined) return 'missing';
  const { stats, bytes } = cache;
  if (!stats.isFile() || stats.uid !== bundleStats.uid || (stats.mode & 0o022 & ~bundleStats.mode) !== 0) return 'untrusted';
  // Another Node or machine first (cheap): the checksum is computed only for a cache this process could use.
  if (bytes.toString('latin1', 0, HEADER_PREFIX.length) !== HEADER_PREFIX) return 'stale';
  const header = cacheHeader(bundleBytes);
  if (bytes.length <= header.length || bytes.toString('latin1', 0, header.length) !== header) return 'stale';
  return bytes.subarray(header.length);
}

/** `node --enable-source-maps`, on the command line or in NODE_OPTIONS. */
function sourceMapsAsked(): boolean {
  return [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].includes('--enable-source-maps');
}

/**
 * `require(bundle)` for one of the CLI's own bundles, through its code cache when there is a trustworthy one.
 * Same module semantics as Node's loader: `module`, `exports`, `require` (relative to the bundle), `__filename`,
 * `__dirname`, one instance in require.cache.
 */
export function requireBundle(bundle: string): unknown {
  return loadBundle(bundle).exports;
}

export interface LoadedBundle {
  readonly exports: unknown;
  /** What became of the shipped cache. */
  readonly cache: CodeCacheOutcome;
  /** Loaded by Node's loader with Node's own compile cache (Node 22.1+, the shipped cache unusable). */
  readonly nodeCompileCache?: true;
}

export function loadBundle(bundle: string): LoadedBundle {
  const requireFromBundle = createRequire(bundle);
  // Node's one module cache (every require function shares it): a bundle loaded either way is loaded once.
  const modules = requireFromBundle.cache as Record<string, NodeJS.Module | undefined>;
  const cached = modules[bundle];
  if (cached) return { exports: cached.exports, cache: 'already-loaded' };
  const read = readWithStats(bundle);
  // An unreadable bundle: Node's own loader says why, as before. With --enable-source-maps (someone debugging),
  // Node's loader too: it maps stack traces through the bundle's source map, which it does not for a vm.Script.
  if (read === undefined || sourceMapsAsked()) return { exports: requireFromBundle(bundle), cache: 'missing' };
  const source = read.bytes.toString('utf8');
  const cachedData = trustedCache(bundle, read.stats, read.bytes);
  const collector = (globalThis as Record<symbol, Collector | undefined>)[COLLECTOR];
  if (typeof cachedData !== 'object' && collector === undefined && useNodeCompileCache()) {
    return { exports: requireFromBundle(bundle), cache: cachedData, nodeCompileCache: true };
  }
  const script = new Script(WRAPPER_HEAD + (source.startsWith('#!') ? `//${source.slice(2)}` : source) + WRAPPER_TAIL, {
    filename: collector?.scriptName?.(bundle) ?? bundle,
    lineOffset: -1,
    ...(typeof cachedData === 'object' ? { cachedData } : {}),
  });
  const outcome: CodeCacheOutcome = typeof cachedData === 'object' ? (script.cachedDataRejected === true ? 'rejected' : 'accepted') : cachedData;
  collector?.(cacheFileOf(bundle), cacheHeader(read.bytes), script, outcome);

  const module = new Module(bundle);
  module.filename = bundle;
  module.paths = []; // the bundles require only node: builtins and files beside them, by absolute path
  modules[bundle] = module;
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  try {
    wrapper.call(module.exports, module.exports, requireFromBundle, module, bundle, dirname(bundle), host);
  } catch (error) {
    delete modules[bundle];
    throw error;
  }
  module.loaded = true;
  return { exports: module.exports, cache: outcome };
}
