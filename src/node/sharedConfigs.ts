// Finds the shareable configs a commitlint configuration `extends` (other than the built-in presets) in the
// workspace's node_modules or as relative files, and reads them as data: JSON, YAML, or a JS/TS module that only
// exports a literal (see staticConfig.ts). Nothing is ever executed, and nothing outside the workspace root is
// read (symlinks included). What cannot be read is reported with the config's name and the reason.
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RawCommitLintConfig, SharedConfig, SharedConfigs } from '../core/commits';
import { builtInPreset } from '../core/commits/presets';
import { yamlNestingProblem } from '../core/yamlNesting';
import { readStaticConfig } from './staticConfig';
import { readTextFile } from './textFile';

/** commitlint's resolver tries these after the name as written (resolve-extends `specifierSuffixes`). */
const FILE_SUFFIXES = ['', '.js', '.json', '/index.js', '/index.json'];
/** Conditions of package.json `exports` that a config loaded by commitlint (an ESM `import`) matches. */
const EXPORT_CONDITIONS = new Set(['import', 'node', 'require', 'default']);
/** Bounds the work a hostile or broken chain can cause. */
const MAX_CONFIG_FILES = 64;

interface ReadContext {
  /** Real path of the workspace root: nothing outside it is read. */
  readonly root: string;
  /** Files read so far (the whole tree), for the bound. */
  count: number;
}

/**
 * What each non-built-in `extends` entry of `config` (read from `configFile`) resolves to, relative to that file. Undefined when every entry is built in (or there is no `extends`). Never throws.
 */
export async function readSharedConfigs(config: RawCommitLintConfig, configFile: string, workspaceRoot: string): Promise<SharedConfigs | undefined> {
  const root = await realOrResolved(workspaceRoot);
  // The file itself starts the chain: a config that extends itself is a cycle.
  return sharedConfigsOf(config, dirname(resolve(configFile)), { root, count: 0 }, [await realOrResolved(configFile)]);
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

function extendsEntries(config: RawCommitLintConfig): string[] {
  const value: unknown = (config as { extends?: unknown }).extends;
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [];
  return list.filter((name): name is string => typeof name === 'string' && builtInPreset(name) === undefined);
}

async function sharedConfigsOf(
  config: RawCommitLintConfig,
  fromDir: string,
  context: ReadContext,
  chain: readonly string[],
): Promise<SharedConfigs | undefined> {
  const names = extendsEntries(config);
  if (names.length === 0) return undefined;
  const out: Record<string, SharedConfig> = {};
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(out, name)) continue;
    out[name] = await readOne(name, fromDir, context, chain);
  }
  return out;
}

async function readOne(name: string, fromDir: string, context: ReadContext, chain: readonly string[]): Promise<SharedConfig> {
  const found = await locate(name, fromDir, context.root);
  if (!found.ok) return { kind: 'unreadable', reason: found.reason };
  const file = found.file;
  const shown = shownPath(file, context.root);
  if (chain.includes(file)) {
    const cycle = [...chain.slice(chain.indexOf(file)), file].map((f) => shownPath(f, context.root)).join(' → ');
    return { kind: 'unreadable', source: file, reason: `extends itself in a cycle (${cycle})` };
  }
  if (++context.count > MAX_CONFIG_FILES) {
    return { kind: 'unreadable', source: file, reason: `more than ${MAX_CONFIG_FILES} shareable config files; ${shown} is not read` };
  }
  const value = await readData(file);
  if (!value.ok) return { kind: 'unreadable', source: file, reason: `${shown} ${value.reason}` };
  if (value.value === null || typeof value.value !== 'object' || Array.isArray(value.value)) {
    const what = value.value === null ? 'null' : Array.isArray(value.value) ? 'an array' : typeof value.value;
    return { kind: 'unreadable', source: file, reason: `${shown} does not export an object (found ${what})` };
  }
  const config = value.value as RawCommitLintConfig;
  const nested = await sharedConfigsOf(config, dirname(file), context, [...chain, file]);
  return nested ? { kind: 'read', source: file, config, sharedConfigs: nested } : { kind: 'read', source: file, config };
}

function shownPath(file: string, root: string): string {
  const inside = relative(root, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : file;
}

type Located = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly reason: string };

/** The real path of the file an `extends` entry names, as commitlint's resolver finds it, within the root. */
async function locate(name: string, fromDir: string, root: string): Promise<Located> {
  if (name.trim() === '') return { ok: false, reason: 'is empty' };
  if (name.startsWith('.') || isAbsolute(name)) {
    const base = resolve(fromDir, name);
    const file = await firstFile(FILE_SUFFIXES.map((suffix) => base + suffix));
    if (!file) return { ok: false, reason: `no such file (looked for ${shownPath(base, root)})` };
    return insideRoot(file, root);
  }
  const candidates = packageIds(name);
  for (const id of candidates) {
    const { packageName, subpath } = splitSpecifier(id);
    if (!packageName) continue;
    for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
      const packageDir = join(dir, 'node_modules', packageName);
      if ((await kindOf(packageDir)) === 'directory') {
        const file = await entryOf(packageDir, subpath);
        if (!file) return { ok: false, reason: `${shownPath(packageDir, root)} has no entry file to read` };
        return insideRoot(file, root);
      }
      // Node walks up to the file-system root; only the workspace is read, so the walk stops at its root.
      if (relative(root, dir) === '' || dirname(dir) === dir || relative(root, dir).startsWith('..')) break;
    }
  }
  return { ok: false, reason: `is not installed in the workspace's node_modules (looked for ${candidates.join(', ')})` };
}

/** commitlint's `getId` with its prefix `commitlint-config`, then the name as written. */
function packageIds(name: string): string[] {
  const ids: string[] = [];
  if (name.startsWith('@')) ids.push(name.includes('/') ? name : `${name}/commitlint-config`);
  else ids.push(`commitlint-config-${name}`);
  if (!ids.includes(name)) ids.push(name);
  return ids;
}

function splitSpecifier(id: string): { packageName: string; subpath: string } {
  const parts = id.split('/');
  const count = id.startsWith('@') ? 2 : 1;
  if (parts.length < count || parts.slice(0, count).some((p) => p === '' || p === '.' || p === '..')) return { packageName: '', subpath: '' };
  return { packageName: parts.slice(0, count).join('/'), subpath: parts.slice(count).join('/') };
}

/** package.json `exports` (for the subpath), else `main`, else index.js / index.json. */
async function entryOf(packageDir: string, subpath: string): Promise<string | undefined> {
  const manifest = await readManifest(packageDir);
  const exportsField = manifest?.exports;
  if (exportsField !== undefined && exportsField !== null) {
    const target = exportTarget(exportsField, subpath === '' ? '.' : `./${subpath}`);
    if (target !== undefined) return firstFile([resolve(packageDir, target)]);
  }
  if (subpath !== '') return firstFile(FILE_SUFFIXES.map((suffix) => join(packageDir, subpath) + suffix));
  const main = typeof manifest?.main === 'string' ? manifest.main : undefined;
  const candidates = main ? FILE_SUFFIXES.map((suffix) => resolve(packageDir, main) + suffix) : [];
  return firstFile([...candidates, join(packageDir, 'index.js'), join(packageDir, 'index.json')]);
}

async function readManifest(packageDir: string): Promise<{ exports?: unknown; main?: unknown } | undefined> {
  const read = await readTextFile(join(packageDir, 'package.json'));
  if (!read.ok) return undefined;
  try {
    const value: unknown = JSON.parse(read.text);
    return value !== null && typeof value === 'object' ? (value as { exports?: unknown; main?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Node's exports resolution for one subpath, without patterns: a string, a condition object, or a fallback list. */
function exportTarget(field: unknown, subpath: string): string | undefined {
  if (typeof field === 'string' || Array.isArray(field)) return subpath === '.' ? conditionTarget(field) : undefined;
  if (field === null || typeof field !== 'object') return undefined;
  const keys = Object.keys(field);
  const bySubpath = keys.some((key) => key.startsWith('.'));
  if (!bySubpath) return subpath === '.' ? conditionTarget(field) : undefined;
  return Object.prototype.hasOwnProperty.call(field, subpath) ? conditionTarget((field as Record<string, unknown>)[subpath]) : undefined;
}

function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value.startsWith('./') ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = conditionTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [condition, target] of Object.entries(value as Record<string, unknown>)) {
    if (EXPORT_CONDITIONS.has(condition)) return conditionTarget(target);
  }
  return undefined;
}

async function kindOf(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'missing';
  } catch {
    return 'missing';
  }
}

async function firstFile(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if ((await kindOf(path)) === 'file') return path;
  return undefined;
}

async function insideRoot(file: string, root: string): Promise<Located> {
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { ok: false, reason: `cannot resolve ${file}` };
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { ok: false, reason: `${real} is outside the workspace, so it is not read` };
  }
  return { ok: true, file: real };
}

type DataRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

async function readData(file: string): Promise<DataRead> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, reason: read.message.replace(/^cannot read [^:]*: /, 'cannot be read: ') };
  const extension = extname(file).toLowerCase();
  try {
    if (extension === '.json') return { ok: true, value: JSON.parse(read.text) };
    if (extension === '.yaml' || extension === '.yml') {
      const deep = yamlNestingProblem(read.text);
      if (deep) return { ok: false, reason: `is not valid YAML: ${deep.message}` };
      return { ok: true, value: parseYaml(read.text, { maxAliasCount: 100, prettyErrors: false }) };
    }
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { ok: false, reason: `is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${text}` };
  }
  const statically = readStaticConfig(read.text);
  if (statically.ok) return statically;
  return {
    ok: false,
    reason: `is not plain data and Release Hygiene never runs a shareable config: ${statically.reason}`,
  };
}
