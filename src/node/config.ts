// Finds and reads a repository's commitlint configuration the way commitlint (cosmiconfig) does. Never throws:
// whatever goes wrong becomes one ConfigProblem naming the file, and the built-in defaults apply (no layers).
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { basename, dirname, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { ConfigProblem, RawCommitLintConfig, SharedConfigs } from '../core/commits';
import { yamlNestingProblem } from '../core/yamlNesting';
import { dynamicImport } from './dynamicImport';
import { readSharedConfigs } from './sharedConfigs';
import { readStaticConfig } from './staticConfig';
import { readTextFile } from './textFile';

export interface ConfigLayer {
  readonly config: RawCommitLintConfig;
  /** Absolute path of the file the layer came from. */
  readonly source: string;
  /** The shareable configs its `extends` names that are not built in, read as data (see sharedConfigs.ts). */
  readonly sharedConfigs?: SharedConfigs;
}

export interface LoadedCommitLintConfig {
  /** Zero layers (no config, or it could not be used) or one; pass to `resolveCommitLintConfig`. */
  readonly layers: readonly ConfigLayer[];
  readonly problems: readonly ConfigProblem[];
}

export interface LoadConfigOptions {
  /**
   * May JavaScript/TypeScript configs be executed? Data-only ones are still read statically first; only a config
   * that needs running (functions, computed values) is `import()`ed. False: JS/TS configs are not read at all.
   */
  readonly trusted: boolean;
  /** Words for why JS configs are refused, ending the sentence "… is not executed ___". Default "in an untrusted workspace". */
  readonly untrustedReason?: string;
  /** Milliseconds to wait for an executed config to load; default 5000. */
  readonly timeoutMs?: number;
  /**
   * Shareable configs named by `extends` are read only inside this folder (its node_modules or relative files).
   * Default: the searched folder, or for one chosen file the folder it is in.
   */
  readonly workspaceRoot?: string;
}

/** commitlint's search places, in its order (the nearest `package.json` counts only with a `commitlint` key). */
export const COMMITLINT_CONFIG_FILES: readonly string[] = [
  'package.json',
  '.commitlintrc',
  '.commitlintrc.json',
  '.commitlintrc.yaml',
  '.commitlintrc.yml',
  '.commitlintrc.js',
  '.commitlintrc.cjs',
  '.commitlintrc.mjs',
  'commitlint.config.js',
  'commitlint.config.cjs',
  'commitlint.config.mjs',
  '.commitlintrc.ts',
  '.commitlintrc.cts',
  'commitlint.config.ts',
  'commitlint.config.cts',
  '.commitlintrc.mts',
  'commitlint.config.mts',
];

const FALLBACK = 'using the built-in defaults';
const SCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts']);

function errorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0] ?? '';
  // What a parser's stack overflow on a file nested 100,000 deep means to the person who wrote the file.
  return /Maximum call stack size exceeded/.test(text) ? 'nested too deeply to read (Maximum call stack size exceeded)' : text;
}

function failed(file: string, what: string): LoadedCommitLintConfig {
  return { layers: [], problems: [{ severity: 'error', message: `${basename(file)}: ${what}; ${FALLBACK}`, source: file }] };
}

function asLayer(file: string, value: unknown, extra: readonly ConfigProblem[] = []): LoadedCommitLintConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return failed(file, `the configuration must be an object, found ${found}`);
  }
  return { layers: [{ config: value as RawCommitLintConfig, source: file }], problems: extra };
}

/**
 * Searches `dir` (the repository root) for a commitlint configuration: `package.json#commitlint`, `.commitlintrc`
 * (JSON or YAML), `.commitlintrc.{json,yaml,yml}`, and the JS/TS forms `.commitlintrc.*` / `commitlint.config.*`
 * (`js cjs mjs ts cts mts`). The first one found wins; empty files are skipped, as cosmiconfig does.
 */
export async function loadCommitLintConfig(dir: string, options: LoadConfigOptions): Promise<LoadedCommitLintConfig> {
  return withSharedConfigs(await findCommitLintConfig(dir, options), options.workspaceRoot ?? dir);
}

async function findCommitLintConfig(dir: string, options: LoadConfigOptions): Promise<LoadedCommitLintConfig> {
  for (const name of COMMITLINT_CONFIG_FILES) {
    const file = resolve(dir, name);
    if (name === 'package.json') {
      const read = await readTextFile(file);
      if (!read.ok) continue;
      let manifest: unknown;
      try {
        manifest = JSON.parse(read.text);
      } catch (error) {
        return failed(file, `cannot parse: ${errorText(error)}`);
      }
      if (manifest !== null && typeof manifest === 'object' && 'commitlint' in manifest) {
        return asLayer(file, (manifest as { commitlint: unknown }).commitlint);
      }
      continue;
    }
    const found = await isFile(file);
    if (found === 'missing') continue;
    if (found === 'empty') continue;
    return readCommitLintConfigFile(file, options);
  }
  return { layers: [], problems: [] };
}

async function isFile(file: string): Promise<'missing' | 'empty' | 'file'> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return 'missing';
    return info.size === 0 ? 'empty' : 'file';
  } catch {
    return 'missing';
  }
}

/**
 * Reads one config file chosen by the user (`--config FILE`): by extension JSON, YAML (also `.commitlintrc`
 * without one) or JS/TS (see `LoadConfigOptions.trusted`); `package.json` means its `commitlint` key.
 */
export async function loadCommitLintConfigFile(path: string, options: LoadConfigOptions): Promise<LoadedCommitLintConfig> {
  return withSharedConfigs(await readCommitLintConfigFile(path, options), options.workspaceRoot ?? dirname(resolve(path)));
}

/** Reads the non-built-in configs the layer extends, relative to its file; nothing is added when there are none. */
async function withSharedConfigs(loaded: LoadedCommitLintConfig, workspaceRoot: string): Promise<LoadedCommitLintConfig> {
  const layers = await Promise.all(
    loaded.layers.map(async (layer) => {
      const sharedConfigs = await readSharedConfigs(layer.config, layer.source, workspaceRoot);
      return sharedConfigs ? { ...layer, sharedConfigs } : layer;
    }),
  );
  return { layers, problems: loaded.problems };
}

async function readCommitLintConfigFile(path: string, options: LoadConfigOptions): Promise<LoadedCommitLintConfig> {
  const file = resolve(path);
  const extension = extname(file).toLowerCase();
  if (SCRIPT_EXTENSIONS.has(extension)) return loadScriptConfig(file, options);
  const read = await readTextFile(file);
  if (!read.ok) return failed(file, read.message.replace(/^cannot read [^:]*: /, 'cannot read: '));
  const text = read.text;
  if (basename(file) === 'package.json') {
    try {
      const manifest = JSON.parse(text) as Record<string, unknown> | null;
      if (manifest === null || typeof manifest !== 'object' || !('commitlint' in manifest)) {
        return failed(file, 'has no "commitlint" key');
      }
      return asLayer(file, manifest.commitlint);
    } catch (error) {
      return failed(file, `cannot parse: ${errorText(error)}`);
    }
  }
  if (extension === '.json') {
    try {
      return asLayer(file, JSON.parse(text));
    } catch (error) {
      return failed(file, `invalid JSON: ${errorText(error)}`);
    }
  }
  // .yaml, .yml, and extension-less .commitlintrc (YAML is a superset of JSON, as cosmiconfig reads it)
  try {
    const deep = yamlNestingProblem(text);
    if (deep) return failed(file, `invalid YAML: ${deep.message}`);
    return asLayer(file, parseYaml(text, { maxAliasCount: 100, prettyErrors: false }));
  } catch (error) {
    return failed(file, `invalid YAML: ${errorText(error)}`);
  }
}

async function loadScriptConfig(file: string, options: LoadConfigOptions): Promise<LoadedCommitLintConfig> {
  const language = /\.[cm]?ts$/i.test(file) ? 'TypeScript' : 'JavaScript';
  if (!options.trusted) {
    const why = options.untrustedReason ?? 'in an untrusted workspace';
    return {
      layers: [],
      problems: [{ severity: 'warning', message: `${basename(file)} is ${language} and is not executed ${why}; ${FALLBACK}`, source: file }],
    };
  }
  const read = await readTextFile(file);
  if (!read.ok) return failed(file, read.message.replace(/^cannot read [^:]*: /, 'cannot read: '));
  const statically = readStaticConfig(read.text);
  if (statically.ok) return asLayer(file, statically.value);

  if (language === 'TypeScript' && !nodeRunsTypeScript()) {
    return failed(
      file,
      `TypeScript config could not be read statically (${statically.reason}) and Node.js ${process.version} cannot run TypeScript; ` +
        'write it as a plain object literal (export default { … }) or use .commitlintrc.json',
    );
  }
  const loaded = await importWithTimeout(file, options.timeoutMs ?? 5000);
  if (!loaded.ok) return failed(file, loaded.message);
  return asLayer(file, loaded.value);
}

function nodeRunsTypeScript(): boolean {
  return Boolean((process.features as { typescript?: unknown }).typescript);
}


const WORKER_PROBE = `const { workerData, parentPort } = require('node:worker_threads');
import(workerData).then(
  async (namespace) => {
    const value = 'default' in namespace ? namespace.default : namespace;
    if (value && typeof value.then === 'function') await value;
    parentPort.postMessage(null);
  },
  (error) => parentPort.postMessage(String((error && error.message) || error)),
);`;

/** Resolves undefined when the module loads in a worker within the time, else why not. */
function loadsInWorker(href: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_PROBE, { eval: true, workerData: href, stdout: true, stderr: true });
    } catch (error) {
      resolve(errorText(error));
      return;
    }
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(`did not finish loading within ${timeoutMs} ms`);
    }, timeoutMs);
    worker.once('message', (message: string | null) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message ?? undefined);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve(errorText(error));
    });
  });
}

async function importWithTimeout(file: string, timeoutMs: number): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish loading within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
  });
  try {
    // A CommonJS config is cached by require: drop it so an edited file is read again.
    try {
      const require = createRequire(file);
      delete require.cache[file];
    } catch {
      // not loaded before
    }
    const url = pathToFileURL(file);
    url.searchParams.set('mtime', String((await stat(file)).mtimeMs));
    // A config stuck in a synchronous loop would freeze this thread (the extension host) for good, and a
    // timer cannot interrupt it: load it in a worker first, which can be terminated, and only then here.
    const probe = await loadsInWorker(url.href, timeoutMs);
    if (probe !== undefined) return { ok: false, message: `cannot load: ${probe}` };
    const namespace = await Promise.race([dynamicImport(url.href), timeout]);
    let value: unknown = 'default' in namespace ? namespace.default : namespace;
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
      value = await Promise.race([value as Promise<unknown>, timeout]);
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `cannot load: ${errorText(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
