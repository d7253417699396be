// Outside a work tree checkMigrations answers the code-reference search without building it (referencesOutsideGit):
// held here to the former path, searchReferences over every spelling of every drop with a git that fails, on the
// operations of every fixture and corpus folder and on generated drops whose names are or are not searchable
// (ASCII identifiers, digits first, punctuation, and letters that upper-case into ASCII: ß → SS, ﬀ → FF).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { migrationOperations, type MigrationFile, type MigrationOperation } from '../../../src/core/migrations';
import { droppedNames, findMigrationFiles, referencesOutsideGit, searchReferences } from '../../../src/node/migrations';
import { seededRandom } from '../seededRandom';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The former answer: every spelling of each dropped column, then of each dropped table, searched with a failing git. */
function reference(operationsByPath: ReadonlyMap<string, readonly MigrationOperation[]>): ReturnType<typeof searchReferences> {
  return searchReferences('/nonexistent', droppedNames(operationsByPath), () => false, () => Promise.resolve(null));
}

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
}

/** Names no spelling of which searchReferences searches. */
const UNSEARCHABLE = ['1a', '9', '', 'a-b', 'a b', 'é_x', 'x_é', '$x', 'a$'];
/** Any name: searchable ones, and letters whose upper case is ASCII (only their PascalCase spelling is searchable). */
const NAMES = [...UNSEARCHABLE, 'email', 'old_1', '_1', 'ßa', 'ﬀ', 'ǆ', 'Name', '_'];

function drop(kind: 'drop-column' | 'drop-table' | 'add-column', table: string, column?: string): MigrationOperation {
  return column === undefined ? { kind, table, start: 0, end: 0, statementStart: 0, statementEnd: 0 } : { kind, table, column, start: 0, end: 0, statementStart: 0, statementEnd: 0 };
}

describe('migrations outside git: the code-reference answer', () => {
  it('is the failing search\'s on every fixture and corpus folder', async () => {
    const roots = [...folders(join(FIXTURES, 'migrations')), ...folders(join(FIXTURES, 'real-world', 'migrations'))];
    assert.ok(roots.length > 20, `only ${roots.length} folders`);
    let withDrops = 0;
    for (const root of roots) {
      const workspace = listFiles(root);
      const { files } = await findMigrationFiles(root, { workspace });
      const operations = migrationOperations(files as MigrationFile[], { dialect: 'postgres' });
      const expected = await reference(operations);
      if (expected === undefined) withDrops++;
      assert.deepEqual(referencesOutsideGit(operations), expected, root);
    }
    assert.ok(withDrops > 10, `only ${withDrops} folders with a searchable drop`);
  });

  it('is the failing search\'s on generated drops, searchable or not', async () => {
    const random = seededRandom(1313);
    const pick = (): string => NAMES[Math.floor(random() * NAMES.length)]!;
    let undefinedAnswers = 0;
    let emptyAnswers = 0;
    for (let n = 0; n < 2000; n++) {
      const operations = new Map<string, MigrationOperation[]>();
      const fileCount = 1 + Math.floor(random() * 3);
      for (let f = 0; f < fileCount; f++) {
        const ops: MigrationOperation[] = [];
        const opCount = Math.floor(random() * 4);
        for (let k = 0; k < opCount; k++) {
          const r = random();
          // Unsearchable names mostly, so both answers occur; a drop-column without a column is skipped by both.
          const name = random() < 0.85 ? UNSEARCHABLE[Math.floor(random() * UNSEARCHABLE.length)]! : pick();
          ops.push(r < 0.4 ? drop('drop-column', pick(), name) : r < 0.6 ? drop('drop-column', name) : r < 0.8 ? drop('drop-table', name) : drop('add-column', 'email', 'email'));
        }
        operations.set(`m${f}.sql`, ops);
      }
      const expected = await reference(operations);
      if (expected === undefined) undefinedAnswers++;
      else emptyAnswers++;
      assert.deepEqual(referencesOutsideGit(operations), expected, JSON.stringify([...operations]));
    }
    assert.ok(undefinedAnswers > 100 && emptyAnswers > 100, `undefined ${undefinedAnswers}, empty ${emptyAnswers}`);
  });
});

/** The folder's files relative to it, as listWorkspaceFiles' walk lists them outside git. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return out;
}
