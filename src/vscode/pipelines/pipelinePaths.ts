import * as path from 'node:path';
import type * as vscode from 'vscode';

/**
 * Where pipeline definitions live. Matched by path, never by language: the language id is `yaml` with a YAML
 * grammar installed (code-server has one built in) and `plaintext` without one.
 */
export const PIPELINE_ROOT_GLOB = '{**/.gitlab-ci.yml,**/.gitlab-ci.yaml,**/.github/workflows/*.yml,**/.github/workflows/*.yaml}';
/** Every YAML file: local GitLab includes can be anywhere in the repository. */
export const YAML_FILES_GLOB = '**/*.{yml,yaml}';
/** The documents the hover and code action providers answer for (they check membership themselves). */
export const PIPELINE_DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: YAML_FILES_GLOB }];

/** A pipeline root: the file GitLab or GitHub reads first, and the folder its repository-relative paths start at. */
export interface PipelineRoot {
  readonly fsPath: string;
  /** The repository folder: `.gitlab-ci.yml`'s folder, or the folder holding `.github/`. */
  readonly base: string;
  /** `fsPath` relative to `base`, '/'-separated (`.gitlab-ci.yml`, `.github/workflows/ci.yml`). */
  readonly rel: string;
}

/** The root a file is by its path alone (`.gitlab-ci.yml`, `.github/workflows/*.yml|yaml`; as the engine's pipelineKind), else undefined. */
export function pipelineRootOf(fsPath: string): PipelineRoot | undefined {
  const name = path.basename(fsPath);
  const dir = path.dirname(fsPath);
  if (name === '.gitlab-ci.yml' || name === '.gitlab-ci.yaml') return { fsPath, base: dir, rel: name };
  if (/\.ya?ml$/.test(name) && path.basename(dir) === 'workflows' && path.basename(path.dirname(dir)) === '.github') {
    return { fsPath, base: path.dirname(path.dirname(dir)), rel: `.github/workflows/${name}` };
  }
  return undefined;
}

/** A repository-relative reference (`/ci/deploy.yml`, `./ci/deploy.yml`, `ci/deploy.yml`) as a clean relative path. */
export function normalizeReference(reference: string): string | undefined {
  const cleaned = path.posix.normalize(reference.trim().replace(/\\/g, '/').replace(/^\.?\/+/, ''));
  if (cleaned === '' || cleaned === '.' || cleaned.startsWith('../') || cleaned === '..') return undefined;
  return cleaned;
}

export function isGlob(reference: string): boolean {
  return /[*?[{]/.test(reference);
}

/** `rel` (a normalized repository-relative path) under `base`, as a file system path. */
export function resolveUnder(base: string, rel: string): string {
  return path.join(base, ...rel.split('/'));
}

/** `fsPath` relative to `base`, '/'-separated, or undefined when it lies outside `base`. */
export function relativeTo(base: string, fsPath: string): string | undefined {
  const rel = path.relative(base, fsPath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
