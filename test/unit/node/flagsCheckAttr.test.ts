// The history pass asks `git check-attr --all` which source files are converted on checkout (filter,
// working-tree-encoding) and which have a plain diff (allAttributeSets). Its reference, checkAttributeSets
// (checkAttrReference.ts), reads the three attributes asked by name, comparing runs of paths without any of them
// whole and the others record by record; its sets must be the record reader's (no paths asked: every record read),
// on real check-attr output: attributes set on some paths, paths with blanks, quotes, tabs and non-ASCII letters,
// and an asked list that does not line up with git's answer.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { allAttributeSets } from '../../../src/node/flags/workspace';
import { checkAttributeSets } from './checkAttrReference';
import { TestRepo, useIsolatedGit } from './gitFixture';
import { seededRandom } from '../seededRandom';

const next = seededRandom(11);
const random = (n: number): number => Math.floor(next() * n);

function checkAttr(root: string, paths: readonly string[]): string {
  return execFileSync('git', ['check-attr', '-z', '--stdin', 'filter', 'working-tree-encoding', 'diff'], { cwd: root, input: `${paths.join('\0')}\0`, encoding: 'utf8' });
}

function checkAllAttr(root: string, paths: readonly string[]): string {
  return execFileSync('git', ['check-attr', '-z', '--stdin', '--all'], { cwd: root, input: `${paths.join('\0')}\0`, encoding: 'utf8' });
}

function sorted(sets: { converted: Set<string>; plainDiff: Set<string> }): { converted: string[]; plainDiff: string[] } {
  return { converted: [...sets.converted].sort(), plainDiff: [...sets.plainDiff].sort() };
}

describe('flags (node): check-attr output read in runs gives the record reader\'s sets', function () {
  this.timeout(60_000);
  useIsolatedGit();

  it('on generated paths and attribute files', () => {
    const repo = TestRepo.init();
    const names = ['a.ts', 'with space.ts', 'quo"te.ts', 'tab\there.ts', 'é/ü.ts', 'deep/x/y.js', 'diff', 'filter.py', 'unset.go'];
    const rules = ['*.go diff=golang', 'deep/** -diff', 'filter.py filter=lfs', 'é/** working-tree-encoding=UTF-16', 'a.ts -filter', 'unset.go !diff', 'x*.ts diff'];
    for (let round = 0; round < 40; round++) {
      const count = 1 + random(400);
      const paths = Array.from({ length: count }, (_, i) => `${i % 7 === 0 ? 'deep/' : ''}${names[random(names.length)]!.replace('.', `${i}.`)}`);
      const attributes = rules.filter(() => random(3) === 0);
      repo.write('.gitattributes', `${attributes.join('\n')}\n`);
      const fields = checkAttr(repo.root, paths);
      const expected = sorted(checkAttributeSets(fields, []));
      assert.deepEqual(sorted(checkAttributeSets(fields, paths)), expected, `round ${round}: ${attributes.join(', ')}`);
      // An asked list that does not line up: shifted, shortened, another order.
      assert.deepEqual(sorted(checkAttributeSets(fields, paths.slice(1))), expected, `round ${round}, shifted`);
      assert.deepEqual(sorted(checkAttributeSets(fields, [...paths].reverse())), expected, `round ${round}, reversed`);
      assert.deepEqual(sorted(checkAttributeSets(fields.slice(0, fields.length - 5), paths)), sorted(checkAttributeSets(fields.slice(0, fields.length - 5), [])), `round ${round}, cut short`);
      if (attributes.length === 0) assert.equal(expected.plainDiff.length, new Set(paths).size, 'every path plain without attributes');
    }
  });

  it('`check-attr --all` gives the sets of the three attributes asked by name (macros, unset, `!`, values)', () => {
    const repo = TestRepo.init();
    const names = ['a.ts', 'with space.ts', 'quo"te.ts', 'tab\there.ts', 'é/ü.ts', 'deep/x/y.js', 'diff', 'filter.py', 'unset.go', 'bin.ts', 'm.js'];
    const rules = [
      '*.go diff=golang', 'deep/** -diff', 'filter.py filter=lfs', 'é/** working-tree-encoding=UTF-16', 'a.ts -filter', 'unset.go !diff',
      'x*.ts diff', 'bin*.ts binary', '[attr]nodiff -diff filter', 'm*.js nodiff', '*.js text eol=crlf', '* linguist-generated', '*.py !filter',
      'a*.ts filter', '*.ts working-tree-encoding', 'deep/** -working-tree-encoding', '*.ts diff=unspecified',
    ];
    for (let round = 0; round < 40; round++) {
      const count = 1 + random(300);
      const paths = [...new Set(Array.from({ length: count }, (_, i) => `${i % 7 === 0 ? 'deep/' : ''}${names[random(names.length)]!.replace('.', `${i}.`)}`))];
      const attributes = rules.filter(() => random(3) === 0);
      repo.write('.gitattributes', `${attributes.join('\n')}\n`);
      const expected = sorted(checkAttributeSets(checkAttr(repo.root, paths), []));
      assert.deepEqual(sorted(allAttributeSets(checkAllAttr(repo.root, paths), paths)), expected, `round ${round}: ${attributes.join(', ')}`);
    }
  });
});
