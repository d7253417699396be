// The real-world migrations corpus: its history replayed into a real git repository, and the key of a finding.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationFinding } from '../../../src/core/migrations';
import { TestRepo } from './gitFixture';

export const MIGRATIONS_CORPUS = join(import.meta.dirname, '..', '..', 'fixtures', 'real-world', 'migrations');

interface ReleasesFile {
  readonly head: string;
  readonly tagged: boolean;
  readonly files: Record<string, { commit: string | null; date: string | null; release: string | null }>;
  /**
   * Earlier versions of files the check reads (Rails models whose ignored_columns changed), stored under
   * `history/<commit>/<path>`: replayed in their release, the snapshot's version restored after the last one.
   */
  readonly history?: ReadonlyArray<{ path: string; commit: string; date: string; release: string; copy: string }>;
}

/** A git repository holding the corpus folder, committed and tagged release by release as recorded. */
export function replayHistory(folder: string): TestRepo {
  const recorded = JSON.parse(readFileSync(join(folder, 'releases.json'), 'utf8')) as ReleasesFile;
  const repo = TestRepo.init();
  // Releases in the order they first shipped a file; files without a recorded addition go with the first.
  const byRelease = new Map<string, { date: string; files: Array<{ path: string; from: string }> }>();
  const place = (release: string | null, date: string, path: string, from: string): void => {
    const key = release ?? 'unreleased';
    const group = byRelease.get(key) ?? { date, files: [] };
    if (date < group.date) group.date = date;
    group.files.push({ path, from });
    byRelease.set(key, group);
  };
  const paths = Object.keys(recorded.files).sort();
  for (const path of paths) {
    const r = recorded.files[path]!;
    if (r.commit === null || r.date === null) continue;
    place(r.release, r.date, path, path);
  }
  // Older versions go after the file's first version of the same release (sorted by date below, stable).
  for (const h of [...(recorded.history ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) place(h.release, h.date, h.path, h.copy);
  const order = [...byRelease.entries()].sort((a, b) => (a[0] === 'unreleased' ? 1 : b[0] === 'unreleased' ? -1 : a[1].date < b[1].date ? -1 : a[1].date > b[1].date ? 1 : 0));
  const first = new Set(paths.filter((p) => recorded.files[p]!.commit === null || recorded.files[p]!.date === null));
  const everyFile = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
    .filter((f) => !f.startsWith('history/') && f !== 'releases.json');
  for (const f of everyFile) if (!(f in recorded.files)) first.add(f);
  const copy = (path: string, from = path): void => cpSync(join(folder, from), join(repo.root, path));
  for (const f of first) copy(f);
  repo.commitAllAt('chore: the files the recorded history does not place', `${order[0]?.[1].date ?? '2020-01-01'}T00:00:00Z`);
  let last = order[0]?.[1].date ?? '2020-01-01';
  order.forEach(([release, group], index) => {
    for (const f of group.files) copy(f.path, f.from);
    repo.commitAllAt(`chore: files first released in ${release}`, `${group.date}T12:00:00Z`);
    if (release !== 'unreleased') repo.git('tag', `v1.${index}.0`);
    if (group.date > last) last = group.date;
  });
  if ((recorded.history ?? []).length > 0) {
    for (const path of new Set(recorded.history!.map((h) => h.path))) copy(path);
    if (repo.git('status', '--porcelain').trim() !== '') repo.commitAllAt('chore: the snapshot versions of the files the history replaced', `${last}T23:00:00Z`);
  }
  return repo;
}

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function findingKey(f: MigrationFinding, text: string): string {
  return `${f.severity} ${f.ruleId} ${f.file}:${lineAt(text, f.start)} ${f.table}${f.columnName !== undefined ? `.${f.columnName}` : ''}`;
}

