// The layer rules of the brief, as a test that fails the build: only src/vscode may import 'vscode';
// src/core stays pure (no Node built-ins, no git, no child processes) so the CLI and the editor cannot disagree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { builtinModules } from 'node:module';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports, re-exports or requires (static and dynamic). */
export function importedModules(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const forbiddenInCore = (specifier: string): boolean =>
  specifier === 'vscode' || nodeBuiltins.has(specifier) || specifier.startsWith('node:') || specifier === 'simple-git';

describe('layer boundaries', () => {
  it('finds imports of every form (self-check of the scanner)', () => {
    const sample = `import * as vscode from 'vscode';\nimport type { A } from "./a";\nexport { b } from './b';\nimport './side';\nconst fs = require('fs');\nawait import('node:path');`;
    assert.deepEqual(importedModules(sample).sort(), ['./a', './b', './side', 'fs', 'node:path', 'vscode'].sort());
  });

  for (const layer of ['core', 'node', 'cli']) {
    it(`src/${layer} does not import vscode`, () => {
      const leaks = sourceFiles(join(root, 'src', layer)).filter((file) =>
        importedModules(readFileSync(file, 'utf8')).includes('vscode'),
      );
      assert.deepEqual(leaks.map((file) => relative(root, file)), []);
    });
  }

  it('src/core imports no Node built-ins, no git and no child processes', () => {
    const leaks = sourceFiles(join(root, 'src', 'core')).flatMap((file) =>
      importedModules(readFileSync(file, 'utf8'))
        .filter(forbiddenInCore)
        .map((specifier) => `${relative(root, file)}: ${specifier}`),
    );
    assert.deepEqual(leaks, []);
  });

  it('src/core and src/node never reach into the front ends', () => {
    const leaks = ['core', 'node'].flatMap((layer) =>
      sourceFiles(join(root, 'src', layer)).flatMap((file) =>
        importedModules(readFileSync(file, 'utf8'))
          .filter((specifier) => /(^|\/)(vscode|cli)(\/|$)/.test(specifier) && specifier.startsWith('.'))
          .map((specifier) => `${relative(root, file)}: ${specifier}`),
      ),
    );
    assert.deepEqual(leaks, []);
  });
});
