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
}

/** A git repository holding the corpus folder, committed and tagged release by release as recorded. */
export function replayHistory(folder: string): TestRepo {
  const recorded = JSON.parse(readFileSync(join(folder, 'releases.json'), 'utf8')) as ReleasesFile;
  const repo = TestRepo.init();
  // Releases in the order they first shipped a file; files without a recorded addition go with the first.
  const byRelease = new Map<string, { date: string; files: string[] }>();
  const paths = Object.keys(recorded.files).sort();
  for (const path of paths) {
    const r = recorded.files[path]!;
    if (r.commit === null || r.date === null) continue;
    const key = r.release ?? 'unreleased';
    const group = byRelease.get(key) ?? { date: r.date, files: [] };
    if (r.date < group.date) group.date = r.date;
    group.files.push(path);
    byRelease.set(key, group);
  }
  const order = [...byRelease.entries()].sort((a, b) => (a[0] === 'unreleased' ? 1 : b[0] === 'unreleased' ? -1 : a[1].date < b[1].date ? -1 : a[1].date > b[1].date ? 1 : 0));
  const first = new Set(paths.filter((p) => recorded.files[p]!.commit === null || recorded.files[p]!.date === null));
  const everyFile = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1));
  for (const f of everyFile) if (!(f in recorded.files)) first.add(f);
  const copy = (path: string): void => cpSync(join(folder, path), join(repo.root, path));
  for (const f of first) copy(f);
  repo.commitAllAt('chore: the files the recorded history does not place', `${order[0]?.[1].date ?? '2020-01-01'}T00:00:00Z`);
  order.forEach(([release, group], index) => {
    for (const f of group.files) copy(f);
    repo.commitAllAt(`chore: files first released in ${release}`, `${group.date}T12:00:00Z`);
    if (release !== 'unreleased') repo.git('tag', `v1.${index}.0`);
  });
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

