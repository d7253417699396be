// A fresh clone runs its tests with nothing beside it: no test, benchmark, tool, CI step or npm script may read a
// path outside the repository (a user's clone has nothing beside it). This scans for the ways such a path is
// written: an absolute path into the workplace, a folder named beside the repository, and a relative path anchored at
// the file's own location that climbs above the repository root.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const SCANNED_FOLDERS = ['test', 'bench', 'tools', '.ci'];
const SKIPPED = /(^|\/)(node_modules|fixtures|\.vscode-test|out|dist)(\/|$)/;
const SCANNED_FILE = /\.(ts|tsx|js|mjs|cjs|sh|json)$|^run$|^code-wrapper$/;

/** The folder names of the workplace around the repository; split so that this file does not match itself. */
const OUTSIDE_NAMES = ['sha' + 'red', '.lib' + 'rary', 'mir' + 'ror'];
const absoluteWorkplace = new RegExp(['/wo', 'rk/'].join(''));
const besideTheRepository = new RegExp(`\\.\\./(${OUTSIDE_NAMES.map((name) => name.replace('.', '\\.')).join('|')})\\b|['"]\\.\\.['"]\\s*,\\s*['"](${OUTSIDE_NAMES.join('|')})['"]`);
/** `join(import.meta.dirname, '..', 'x')`, `resolve(dirname(fileURLToPath(import.meta.url)), '../..')` and the like. */
const anchoredAtThisFile = /(?:import\.meta\.dirname|dirname\(fileURLToPath\(import\.meta\.url\)\)|\$\(dirname "\$0"\)|HERE)\s*(?:,\s*|\/)((?:['"][^'"\n]*['"]\s*,?\s*)+|[.\/]+)/g;

export function pathsLeavingRepository(file: string, text: string, repositoryRoot = root): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${relative(repositoryRoot, file)}:${index + 1}`;
    if (absoluteWorkplace.test(line)) found.push(`${where}: absolute workplace path: ${line.trim()}`);
    if (besideTheRepository.test(line)) found.push(`${where}: a folder beside the repository: ${line.trim()}`);
    for (const match of line.matchAll(anchoredAtThisFile)) {
      const segments = [...match[1]!.matchAll(/['"]([^'"]*)['"]/g)].map((m) => m[1]!);
      const target = resolve(dirname(file), ...(segments.length > 0 ? segments : [match[1]!]));
      if (target !== repositoryRoot && !target.startsWith(repositoryRoot + sep)) {
        found.push(`${where}: climbs out of the repository to ${target}: ${line.trim()}`);
      }
    }
  });
  return found;
}

function scannedFiles(): string[] {
  return SCANNED_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && SCANNED_FILE.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !SKIPPED.test(relative(root, file).split(sep).join('/'))),
  );
}

describe('the repository is self-contained', () => {
  it('the scanner finds each way of leaving the repository (self-check)', () => {
    const file = join(root, 'test', 'unit', 'example.test.ts');
    const outside = OUTSIDE_NAMES[0]!;
    const samples = [
      `const dir = '${['/wo', 'rk/'].join('')}${outside}/corpora';`,
      `const dir = resolve(repoRoot, '../${outside}/corpora');`,
      `const dir = join(ROOT, '..', '${outside}', 'corpora');`,
      `const dir = join(import.meta.dirname, ${"'..', ".repeat(3)}'elsewhere');`,
      `const dir = resolve(dirname(fileURLToPath(import.meta.url)), '${'../'.repeat(4)}');`,
    ];
    for (const sample of samples) assert.equal(pathsLeavingRepository(file, sample).length, 1, sample);
    const inside = [
      `const dir = join(import.meta.dirname, '..', '..');`,
      `const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../..', 'fixtures');`,
      `mkdirSync(join(dir, name, '..'), { recursive: true });`,
    ];
    for (const sample of inside) assert.deepEqual(pathsLeavingRepository(file, sample), [], sample);
  });

  it(`no file in ${SCANNED_FOLDERS.join(', ')} reads a path outside the repository`, () => {
    const files = scannedFiles();
    assert.ok(files.length > 50, `expected the project's test and bench files, found ${files.length}`);
    const leaks = files.flatMap((file) => pathsLeavingRepository(file, readFileSync(file, 'utf8')));
    assert.deepEqual(leaks, []);
  });

  it('no npm script reads a path outside the repository', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const leaks = Object.entries(manifest.scripts).flatMap(([name, command]) =>
      pathsLeavingRepository(join(root, 'package.json'), command).map((leak) => `scripts.${name}: ${leak}`),
    );
    const climbing = Object.entries(manifest.scripts).filter(([, command]) => /(^|[\s=])\.\.\//.test(command));
    assert.deepEqual([...leaks, ...climbing.map(([name, command]) => `scripts.${name}: ${command}`)], []);
  });
});
