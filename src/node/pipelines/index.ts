// Finds a repository's pipeline files and the local files they pull in (GitLab local includes, reusable
// workflows), for lintPipelineRepository. Never throws: unreadable files are left out and listed in problems.
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join, posix, relative, isAbsolute } from 'node:path';
import { pipelineLocalReferences } from '../../core/pipelines';

export interface PipelineFiles {
  /** Repository-relative '/'-separated path → text: roots first, then what they reference. */
  readonly files: ReadonlyMap<string, string>;
  /** Files that exist but could not be read (permission, not UTF-8, …), as `path: reason`. */
  readonly problems: readonly string[];
}

const MAX_FILES = 2000;
const MAX_BYTES = 5 * 1024 * 1024;

/** `path` normalised against the repository root, or undefined when it climbs out of it (`../x`, `a/../../x`). */
function insideRoot(path: string): string | undefined {
  const normal = posix.normalize(path.replace(/\\/g, '/').replace(/^\/+/, ''));
  return normal === '..' || normal.startsWith('../') ? undefined : normal;
}

async function readIfFile(root: string, realRoot: string, path: string, problems: string[]): Promise<string | undefined> {
  try {
    const file = join(root, ...path.split('/'));
    // A symlink may point anywhere: what it resolves to must still be inside the repository.
    const target = relative(realRoot, await realpath(file));
    if (target.startsWith('..') || isAbsolute(target)) {
      problems.push(`${path}: a symlink to outside the repository; refused, not read`);
      return undefined;
    }
    const buffer = await readFile(file);
    if (buffer.length > MAX_BYTES) {
      problems.push(`${path}: larger than ${MAX_BYTES} bytes, not read`);
      return undefined;
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(buffer).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') problems.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

async function listYaml(root: string, dir: string, recursive: boolean, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, ...dir.split('/').filter(Boolean)), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (out.length >= MAX_FILES) return;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(rel);
    else if (recursive && e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') await listYaml(root, rel, true, out);
  }
}

/** The pipeline roots of `root` (`.gitlab-ci.yml`, `.github/workflows/*.yml|yaml`) and their local references. */
export async function readPipelineFiles(root: string): Promise<PipelineFiles> {
  const files = new Map<string, string>();
  const problems: string[] = [];
  const queue: string[] = [];
  for (const name of ['.gitlab-ci.yml', '.gitlab-ci.yaml']) queue.push(name);
  const workflows: string[] = [];
  await listYaml(root, '.github/workflows', false, workflows);
  queue.push(...workflows);
  const tried = new Set<string>();
  /** Who referenced each path first: the chain that names an include cycle. */
  const includedBy = new Map<string, string>();
  const realRoot = await realpath(root).catch(() => root);
  const chainTo = (path: string): string[] => {
    const chain = [path];
    for (let at = includedBy.get(path); at !== undefined && !chain.includes(at); at = includedBy.get(at)) chain.unshift(at);
    return chain;
  };
  while (queue.length > 0 && files.size < MAX_FILES) {
    const path = queue.shift()!;
    if (tried.has(path)) continue;
    tried.add(path);
    if (/[*?[]/.test(path)) {
      const prefix = path.slice(0, path.search(/[*?[]/)).replace(/\/[^/]*$/, '');
      const found: string[] = [];
      await listYaml(root, prefix.replace(/^\/+/, ''), true, found);
      queue.push(...found);
      continue;
    }
    const text = await readIfFile(root, realRoot, path, problems);
    if (text === undefined) continue;
    files.set(path, text);
    let references: string[] = [];
    try {
      references = pipelineLocalReferences(path, text);
    } catch {
      // the engine never throws; this guard only keeps the promise of this module
    }
    for (const reference of references) {
      const inside = insideRoot(reference);
      if (inside === undefined) {
        problems.push(`${reference} (included by ${path}): outside the repository; refused, not read`);
        continue;
      }
      const chain = chainTo(path);
      if (chain.includes(inside)) {
        problems.push(`${inside} (included by ${path}): an include cycle (${[...chain.slice(chain.indexOf(inside)), inside].join(' → ')}); not followed again`);
        continue;
      }
      if (!includedBy.has(inside)) includedBy.set(inside, path);
      queue.push(inside);
    }
  }
  return { files, problems };
}
