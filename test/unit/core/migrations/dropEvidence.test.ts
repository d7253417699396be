// The drop evidence from the tables' indexes (lintMigrations' default) against the scan of every earlier operation
// of the table (useIndexedDropEvidence(false), the reference): whole lint results compared on every fixture and
// real-world corpus project as one workspace, and on generated workspaces of SQL and Django migrations (adds,
// backfills reading one or two columns, data migrations of unknown tables, drops, renames, renames onto a dropped
// name, state-only removals, names differing only in case), each with and without references and releases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectFramework, lintMigrations, loadSqlParsers, orderKeyFor, type CodeReference, type LintContext, type MigrationFile, type MigrationLintResult } from '../../../../src/core/migrations';
import { useIndexedDropEvidence } from '../../../../src/core/migrations/analyse';
import { seededRandom as random } from '../../seededRandom';
import { filesUnder, fixtures } from './referenceCheck';

function migrationFile(path: string, text: string): MigrationFile | null {
  const framework = detectFramework(path, text);
  return framework ? { path, framework, text, orderKey: orderKeyFor(path, framework) } : null;
}

/** Fresh file objects each time: lintMigrations keeps analyses by file object, never findings. */
function lintBoth(files: readonly MigrationFile[], context: LintContext): { indexed: MigrationLintResult; scanned: MigrationLintResult } {
  try {
    useIndexedDropEvidence(true);
    const indexed = lintMigrations(files.map((f) => ({ ...f })), context);
    useIndexedDropEvidence(false);
    const scanned = lintMigrations(files.map((f) => ({ ...f })), context);
    return { indexed, scanned };
  } finally {
    useIndexedDropEvidence(true);
  }
}

/** The contexts each workspace is linted in: bare; no references, one release per file; one reference per name. */
function contexts(files: readonly MigrationFile[], seed: number): LintContext[] {
  const names = new Set<string>();
  for (const f of files) for (const m of f.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(m[0].toLowerCase());
  const none = new Map<string, CodeReference[]>([...names].map((n) => [n, []]));
  const some = new Map<string, CodeReference[]>([...names].map((n, i) => [n, (i + seed) % 3 === 0 ? [{ name: n, file: 'app/code.ts', line: i + 1, column: 1, text: n }] : []]));
  const tags = ['v1.0.0', 'v1.1.0', null];
  const releases = new Map(files.map((f, i) => [f.path, { commit: `c${i}`, tag: tags[Math.floor((i * 3) / Math.max(files.length, 1)) % 3] ?? null }]));
  return [{}, { references: none, releases, codeChanges: new Map() }, { references: some }, { references: none, releases }];
}


const SQL_TABLES = ['shop_customer', '"Shop_Customer"', 'shop_order', 'public.shop_customer', '"public"."shop_order"'];
const COLUMNS = ['a', 'b', 'old', 'new', '"Old"', 'email', 'x'];
const DJANGO_COLUMNS = ['a', 'b', 'old', 'new', 'email', 'x'];

function sqlStatement(pick: <T>(list: readonly T[]) => T): string {
  const t = pick(SQL_TABLES);
  const c = pick(COLUMNS);
  const d = pick(COLUMNS);
  switch (pick(['add', 'add', 'update', 'update2', 'drop', 'drop', 'rename', 'addnn'] as const)) {
    case 'add':
      return `ALTER TABLE ${t} ADD COLUMN ${c} text;`;
    case 'addnn':
      return `ALTER TABLE ${t} ADD COLUMN ${c} integer NOT NULL;`;
    case 'update':
      return `UPDATE ${t} SET ${c} = ${d} WHERE ${c} IS NULL;`;
    case 'update2':
      return `UPDATE ${t} SET ${c} = ${d} || ${pick(COLUMNS)}, ${pick(COLUMNS)} = ${d};`;
    case 'drop':
      return `ALTER TABLE ${t} DROP COLUMN ${c};`;
    case 'rename':
      return `ALTER TABLE ${t} RENAME COLUMN ${c} TO ${d};`;
  }
}

function djangoFile(pick: <T>(list: readonly T[]) => T, count: number): string {
  const operations: string[] = [];
  const updates: string[] = [];
  for (let k = 0; k < count; k++) {
    const model = pick(['customer', 'order']);
    const c = pick(DJANGO_COLUMNS);
    const d = pick(DJANGO_COLUMNS);
    switch (pick(['add', 'remove', 'rename', 'state', 'python'] as const)) {
      case 'add':
        operations.push(`migrations.AddField(model_name="${model}", name="${c}", field=models.TextField(null=True)),`);
        break;
      case 'remove':
        operations.push(`migrations.RemoveField(model_name="${model}", name="${c}"),`);
        break;
      case 'rename':
        operations.push(`migrations.RenameField(model_name="${model}", old_name="${c}", new_name="${d}"),`);
        break;
      case 'state':
        operations.push(`migrations.SeparateDatabaseAndState(state_operations=[migrations.RemoveField(model_name="${model}", name="${c}")], database_operations=[]),`);
        break;
      case 'python':
        updates.push(`    Model.objects.update(${c}=F("${d}"))`);
        break;
    }
  }
  const copy = updates.length > 0 ? `def copy(apps, schema_editor):\n    Model = apps.get_model("shop", "Customer")\n${updates.join('\n')}\n\n\n` : '';
  if (copy) operations.push('migrations.RunPython(copy),');
  return `from django.db import migrations, models\nfrom django.db.models import F\n\n\n${copy}class Migration(migrations.Migration):\n    operations = [\n${operations.map((o) => `        ${o}`).join('\n')}\n    ]\n`;
}

function generatedWorkspace(seed: number): MigrationFile[] {
  const next = random(seed);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const files: MigrationFile[] = [];
  const count = 1 + Math.floor(next() * 10);
  for (let i = 1; i <= count; i++) {
    const django = seed % 3 === 2 && next() < 0.6;
    const path = django ? `shop/migrations/${String(i).padStart(4, '0')}_step.py` : `db/migrations/${String(i).padStart(4, '0')}_step.sql`;
    const statements = 1 + Math.floor(next() * 6);
    const text = django ? djangoFile(pick, statements) : `${Array.from({ length: statements }, () => sqlStatement(pick)).join('\n')}\n`;
    const file = migrationFile(path, text);
    if (file) files.push({ ...file, dialect: 'postgres' });
  }
  return files;
}

const dropsOf = (result: MigrationLintResult): number => [...result.findings, ...result.suppressed].filter((f) => f.ruleId === 'drop-column' || f.ruleId === 'expand-contract-same-release').length;

describe('migrations: indexed drop evidence gives what the scan gives', function () {
  this.timeout(120000);
  before(async () => {
    await loadSqlParsers();
  });

  it('on every fixture and real-world corpus project as one workspace', () => {
    const projects = new Map<string, MigrationFile[]>();
    for (const root of [join(fixtures, 'migrations'), join(fixtures, 'real-world', 'migrations')]) {
      for (const path of filesUnder(root)) {
        const rel = relative(root, path).split('\\').join('/');
        const file = migrationFile(rel, readFileSync(path, 'utf8'));
        if (!file) continue;
        const group = `${root}:${rel.split('/')[0]}`;
        projects.set(group, [...(projects.get(group) ?? []), file]);
      }
    }
    let drops = 0;
    for (const [group, files] of projects) {
      for (const [k, context] of contexts(files, group.length).entries()) {
        const { indexed, scanned } = lintBoth(files, context);
        assert.deepStrictEqual(indexed, scanned, `${group}, context ${k}`);
        drops += dropsOf(indexed);
      }
    }
    assert.ok(projects.size >= 20, `projects: ${projects.size}`);
    assert.ok(drops > 100, `drops weighed: ${drops}`);
  });

  it('on 1,500 generated workspaces of SQL and Django migrations', () => {
    let drops = 0;
    let withReplacement = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const files = generatedWorkspace(seed);
      for (const [k, context] of contexts(files, seed).entries()) {
        const { indexed, scanned } = lintBoth(files, context);
        assert.deepStrictEqual(indexed, scanned, `seed ${seed}, context ${k}:\n${files.map((f) => `-- ${f.path}\n${f.text}`).join('')}`);
        drops += dropsOf(indexed);
        withReplacement += indexed.findings.filter((f) => f.evidence.some((e) => e.kind === 'expand-migration' && e.file !== undefined)).length;
      }
    }
    // The generator reaches the interesting cases, not only bare drops.
    assert.ok(drops > 5000, `drops weighed: ${drops}`);
    assert.ok(withReplacement > 100, `drops with a replacement found: ${withReplacement}`);
  });
});
