// Where git would find a work tree, from the file system alone: plain `node:fs` and `node:path`, so the CLI's bin
// (src/cli/main.ts) can ask before it loads any command, and src/node/git.ts (findWorkTreeRoot) without a process.
import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Git's environment variables that change where it finds the repository: with any set, only git can tell. */
const DISCOVERY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_CEILING_DIRECTORIES', 'GIT_DISCOVERY_ACROSS_FILESYSTEM'];

/**
 * The work tree's top level containing `dir` as the file system settles it: a root, undefined (no `.git` up to `/`),
 * or 'ask-git' where only git can tell (the variables above, a file system boundary, ownership git would refuse,
 * core.worktree or bare in the config). No git process.
 */
export function walkUpForGitOnDisk(dir: string, env: NodeJS.ProcessEnv): string | undefined | 'ask-git' {
  if (DISCOVERY_VARIABLES.some((name) => env[name] !== undefined)) return 'ask-git';
  let current: string;
  try {
    current = realpathSync(dir); // git names the top level by its real path
  } catch {
    return 'ask-git';
  }
  // Inside a .git folder git answers "not a work tree" (or finds a bare repository): its call.
  if (current.split(sep).includes('.git')) return 'ask-git';
  const uid = process.getuid?.();
  let device: number | undefined;
  for (;;) {
    let folder: Stats;
    try {
      folder = statSync(current);
    } catch {
      return 'ask-git';
    }
    if (device !== undefined && folder.dev !== device) return 'ask-git'; // git stops at a mount point
    device = folder.dev;
    const dotGit = join(current, '.git');
    let entry: Stats | undefined;
    try {
      entry = lstatSync(dotGit);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return 'ask-git';
    }
    if (entry !== undefined) {
      // safe.directory: git refuses a repository another user owns, so the answer would be "not a repository".
      if (uid !== undefined && (folder.uid !== uid || entry.uid !== uid)) return 'ask-git';
      return plainWorkTree(dotGit, entry) ? current : 'ask-git';
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** `.git` is an ordinary repository folder, or a `gitdir:` file (worktree, submodule), with no config moving the work tree. */
function plainWorkTree(dotGit: string, entry: Stats): boolean {
  try {
    let gitDir = dotGit;
    if (entry.isFile()) {
      const pointer = /^gitdir: (.+?)\r?\n?$/.exec(readFileSync(dotGit, 'utf8'));
      if (!pointer) return false;
      gitDir = resolve(dirname(dotGit), pointer[1]!);
    } else if (!entry.isDirectory() || !statSync(join(dotGit, 'objects')).isDirectory()) {
      return false; // git passes over a .git folder that is not a repository: its call where it goes on
    }
    if (!statSync(join(gitDir, 'HEAD')).isFile()) return false;
    const configs = [join(gitDir, 'config'), join(gitDir, 'config.worktree')];
    try {
      configs.push(join(resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()), 'config'));
    } catch {
      // not a linked worktree
    }
    for (const config of configs) {
      let text: string;
      try {
        text = readFileSync(config, 'utf8');
      } catch {
        continue;
      }
      // core.worktree moves the top level; core.bare and includes (which could set either) are git's to read.
      if (/^\s*worktree\s*=|^\s*\[\s*include/im.test(text)) return false;
      if (/^\s*bare\b(?!\s*=\s*(?:false|no|off|0)\s*$)/im.test(text)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
