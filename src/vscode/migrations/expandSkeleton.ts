// The expand-phase migration skeleton of the "Create expand migration" quick fix (pure, unit-tested): a new
// migration file next to the unsafe one, named by the framework's convention, that adds the replacement column
// and backfills it from the old one. Returned as a snippet: the new column's name and type are linked
// placeholders, so typing the name once renames every use of it.
import type { MigrationFramework } from '../../core/migrations';
import { escapeSnippet } from './frameworks';

export interface SkeletonRequest {
  readonly framework: MigrationFramework;
  /** Workspace-relative path of the migration with the unsafe change (forward slashes). */
  readonly path: string;
  /** Its text (Rails' migration version, Alembic's revision). */
  readonly text: string;
  /** Names of the files (and, for Prisma, folders) beside it, to pick the next number. */
  readonly siblings: readonly string[];
  readonly table: string;
  readonly column: string;
  /** Renames: the new name (the replacement column's default name). */
  readonly newName?: string;
  readonly now: Date;
  /** Alembic revision id (12 hex digits); random when absent. */
  readonly revision?: string;
  /** drizzle: the text of meta/_journal.json beside the migrations, when there is one. */
  readonly journal?: string;
  /** Alembic: the texts of the other revisions beside it, to chain the new one on the head. */
  readonly siblingTexts?: readonly string[];
}

/** A file written with the skeleton: created when absent, or (`replace`) rewritten, like drizzle's journal. */
export interface CompanionFile {
  /** Workspace-relative path. */
  readonly path: string;
  readonly content: string;
  readonly replace: boolean;
}

export interface Skeleton {
  /** Workspace-relative path of the new file. */
  readonly path: string;
  /** The file's content as a snippet. */
  readonly snippet: string;
  /** Other files the tool needs: golang-migrate's `.down.sql`, drizzle's updated `meta/_journal.json`. */
  readonly companions?: readonly CompanionFile[];
}

interface JournalEntry {
  readonly idx: number;
  readonly version?: string;
  readonly when?: number;
  readonly tag: string;
  readonly breakpoints?: boolean;
}

/**
 * drizzle-kit's meta/_journal.json with an entry for `tag` appended (idx after the largest, the version and
 * breakpoints of the last entry), or null when the journal is not one.
 */
export function drizzleJournalWith(journal: string, tag: string, now: Date): { text: string; idx: number } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(journal);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { entries?: unknown }).entries)) return null;
  const document = parsed as { version?: string; entries: JournalEntry[] };
  const last = document.entries[document.entries.length - 1];
  const idx = document.entries.reduce((max, entry) => (typeof entry.idx === 'number' && entry.idx > max ? entry.idx : max), -1) + 1;
  const entry: JournalEntry = { idx, version: last?.version ?? document.version ?? '7', when: now.getTime(), tag, breakpoints: last?.breakpoints ?? true };
  const indent = /^\{\r?\n([ \t]+)/.exec(journal)?.[1] ?? '  ';
  return { text: `${JSON.stringify({ ...document, entries: [...document.entries, entry] }, null, indent)}\n`, idx };
}

const ALEMBIC_REVISION = /^\s*revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]/m;
const ALEMBIC_DOWN = /^\s*down_revision\s*(?::[^=]*)?=\s*(.*)$/m;

/**
 * The revision a new Alembic migration revises: the head of the chain (the one revision no other revises). The
 * migration with the unsafe change is often the head; when a later revision already revises it, chaining on it
 * would make a second head, and `alembic upgrade head` refuses to run with two. With several heads (a branch the
 * user has not merged), the migration's own revision stays the choice.
 */
export function alembicDownRevision(text: string, siblingTexts: readonly string[]): string | undefined {
  const own = ALEMBIC_REVISION.exec(text)?.[1];
  const revisions = new Set<string>();
  const revised = new Set<string>();
  for (const file of [text, ...siblingTexts]) {
    const revision = ALEMBIC_REVISION.exec(file)?.[1];
    if (!revision) continue;
    revisions.add(revision);
    // down_revision = "a" | ("a", "b") (a merge) | None
    for (const match of (ALEMBIC_DOWN.exec(file)?.[1] ?? '').matchAll(/['"]([^'"]+)['"]/g)) revised.add(match[1]!);
  }
  const heads = [...revisions].filter((revision) => !revised.has(revision));
  if (own !== undefined && heads.includes(own)) return own;
  return heads.length === 1 ? heads[0] : own;
}

const stamp = (now: Date): string => now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
const ident = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'column';
const camel = (name: string): string => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The next number after the largest `<digits><sep>` prefix among the siblings, padded like them. */
function nextNumber(siblings: readonly string[], pattern: RegExp): { next: string; width: number; found: boolean } {
  let max = -1;
  let width = 0;
  for (const name of siblings) {
    const match = pattern.exec(name);
    if (!match?.[1]) continue;
    const value = Number(match[1].split(/[._]/)[0]);
    if (value > max) max = value;
    width = Math.max(width, match[1].split(/[._]/)[0]!.length);
  }
  const next = String(max + 1);
  return { next: next.padStart(width, '0'), width, found: max >= 0 };
}

export function expandSkeleton(request: SkeletonRequest): Skeleton {
  const table = request.table;
  const old = request.column;
  const slug = `expand_${ident(table)}_${ident(old)}`;
  const dir = dirOf(request.path);
  const fileName = request.path.slice(dir.length === 0 ? 0 : dir.length + 1);
  const newColumn = `\${1:${escapeSnippet(request.newName ?? `${old}_new`)}}`;
  const type = '${2:text}';
  const note = (comment: string) =>
    [
      `${comment} Expand phase of ${table}.${old}: add the replacement column and backfill it. Ship it in a release`,
      `${comment} before the contract step; dual-write both columns, switch reads, and drop ${old} in a later release.`,
    ].join('\n');
  const sqlBody = [
    note('--'),
    `ALTER TABLE ${table} ADD COLUMN ${newColumn} ${type};`,
    '',
    '-- Backfill (in batches on large tables).',
    `UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL;`,
    '$0',
  ].join('\n');

  switch (request.framework) {
    case 'prisma': {
      // prisma/migrations/<timestamp>_<name>/migration.sql
      const migrations = dirOf(dir);
      return { path: join(migrations, `${stamp(request.now)}_${slug}/migration.sql`), snippet: sqlBody };
    }
    case 'drizzle': {
      // drizzle-kit applies what meta/_journal.json lists: the new file gets the journal's next idx and an entry.
      const { next } = nextNumber(request.siblings, /^(\d+)_/);
      const snippet = sqlBody.replace(';\n\n-- Backfill', ';\n--> statement-breakpoint\n-- Backfill');
      const fromFiles = `${next.padStart(4, '0')}_${slug}`;
      const planned = request.journal === undefined ? null : drizzleJournalWith(request.journal, fromFiles, request.now);
      if (!planned) return { path: join(dir, `${fromFiles}.sql`), snippet };
      const tag = `${String(planned.idx).padStart(4, '0')}_${slug}`;
      const journal = tag === fromFiles ? planned : drizzleJournalWith(request.journal!, tag, request.now)!;
      return { path: join(dir, `${tag}.sql`), snippet, companions: [{ path: join(dir, 'meta/_journal.json'), content: journal.text, replace: true }] };
    }
    case 'rails': {
      const version = /ActiveRecord::Migration\[(\d+\.\d+)\]/.exec(request.text)?.[1] ?? '7.1';
      return {
        path: join(dir, `${stamp(request.now)}_${slug}.rb`),
        snippet: [
          note('#'),
          `class ${camel(slug)} < ActiveRecord::Migration[${version}]`,
          '  def up',
          `    add_column :${table}, :${newColumn}, :\${2:string}`,
          `    execute "UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL"`,
          '  end',
          '',
          '  def down',
          `    remove_column :${table}, :$1`,
          '  end',
          'end',
          '$0',
        ].join('\n'),
      };
    }
    case 'django': {
      const { next } = nextNumber(request.siblings, /^(\d+)_.*\.py$/);
      const latest = [...request.siblings].filter((name) => /^\d+_.*\.py$/.test(name)).sort().pop()?.replace(/\.py$/, '');
      const app = dirOf(dir).split('/').pop() || 'app';
      // The engine names the database table (`<app>_<model>` by Django's default); get_model wants the model.
      const model = table.startsWith(`${app.toLowerCase()}_`) ? table.slice(app.length + 1) : table;
      return {
        path: join(dir, `${next.padStart(4, '0')}_${slug}.py`),
        snippet: [
          note('#'),
          'from django.db import migrations, models',
          '',
          '',
          'def backfill(apps, schema_editor):',
          `    Model = apps.get_model("${app}", "${model}")`,
          `    Model.objects.filter($1__isnull=True).update($1=models.F("${old}"))`,
          '',
          '',
          'class Migration(migrations.Migration):',
          `    dependencies = [("${app}", "${latest ?? fileName.replace(/\.py$/, '')}")]`,
          '',
          '    operations = [',
          `        migrations.AddField("${model}", "${newColumn}", models.\${2:TextField}(null=True)),`,
          '        migrations.RunPython(backfill, migrations.RunPython.noop),',
          '    ]',
          '$0',
        ].join('\n'),
      };
    }
    case 'alembic': {
      const revision = request.revision ?? Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
      const down = alembicDownRevision(request.text, request.siblingTexts ?? []);
      return {
        path: join(dir, `${revision}_${slug}.py`),
        snippet: [
          `"""${slug.replace(/_/g, ' ')}`,
          '',
          `Revision ID: ${revision}`,
          `Revises: ${down ?? ''}`,
          '"""',
          note('#'),
          'import sqlalchemy as sa',
          'from alembic import op',
          '',
          `revision = "${revision}"`,
          `down_revision = ${down ? `"${down}"` : 'None'}`,
          '',
          '',
          'def upgrade():',
          `    op.add_column("${table}", sa.Column("${newColumn}", sa.\${2:Text}(), nullable=True))`,
          `    op.execute("UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL")`,
          '',
          '',
          'def downgrade():',
          `    op.drop_column("${table}", "$1")`,
          '$0',
        ].join('\n'),
      };
    }
    case 'knex': {
      const ext = /\.([cm]?[jt]s)$/.exec(fileName)?.[1] ?? 'js';
      const esm = ext === 'mjs' || ext === 'ts' || /^\s*export\s/m.test(request.text);
      const up = esm ? 'export async function up(knex) {' : 'exports.up = async function (knex) {';
      const down = esm ? 'export async function down(knex) {' : 'exports.down = async function (knex) {';
      const close = esm ? '}' : '};';
      return {
        path: join(dir, `${stamp(request.now)}_${slug}.${ext}`),
        snippet: [
          note('//'),
          up,
          `  await knex.schema.alterTable('${table}', (table) => {`,
          `    table.\${2:text}('${newColumn}');`,
          '  });',
          `  await knex('${table}').whereNull('$1').update({ $1: knex.ref('${old}') });`,
          close,
          '',
          down,
          `  await knex.schema.alterTable('${table}', (table) => table.dropColumn('$1'));`,
          close,
          '$0',
        ].join('\n'),
      };
    }
    case 'typeorm': {
      const millis = String(request.now.getTime());
      const name = `${camel(slug)}${millis}`;
      return {
        path: join(dir, `${millis}-${camel(slug)}.ts`),
        snippet: [
          note('//'),
          "import type { MigrationInterface, QueryRunner } from 'typeorm';",
          '',
          `export class ${name} implements MigrationInterface {`,
          `  name = '${name}';`,
          '',
          '  public async up(queryRunner: QueryRunner): Promise<void> {',
          `    await queryRunner.query(\`ALTER TABLE "${table}" ADD COLUMN "${newColumn}" ${type}\`);`,
          `    await queryRunner.query(\`UPDATE "${table}" SET "$1" = "${old}" WHERE "$1" IS NULL\`);`,
          '  }',
          '',
          '  public async down(queryRunner: QueryRunner): Promise<void> {',
          `    await queryRunner.query(\`ALTER TABLE "${table}" DROP COLUMN "$1"\`);`,
          '  }',
          '}',
          '$0',
        ].join('\n'),
      };
    }
    case 'sequelize': {
      const ext = /\.([cm]?[jt]s)$/.exec(fileName)?.[1] ?? 'js';
      return {
        path: join(dir, `${stamp(request.now)}-${slug.replace(/_/g, '-')}.${ext}`),
        snippet: [
          note('//'),
          "'use strict';",
          '',
          'module.exports = {',
          '  async up(queryInterface, Sequelize) {',
          `    await queryInterface.addColumn('${table}', '${newColumn}', { type: Sequelize.\${2:TEXT}, allowNull: true });`,
          `    await queryInterface.sequelize.query('UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL');`,
          '  },',
          '',
          '  async down(queryInterface) {',
          `    await queryInterface.removeColumn('${table}', '$1');`,
          '  },',
          '};',
          '$0',
        ].join('\n'),
      };
    }
    case 'laravel': {
      // database/migrations/2024_01_31_120000_name.php, an anonymous class (Laravel 9+).
      const when = stamp(request.now);
      return {
        path: join(dir, `${when.slice(0, 4)}_${when.slice(4, 6)}_${when.slice(6, 8)}_${when.slice(8, 14)}_${slug}.php`),
        snippet: [
          '<?php',
          '',
          note('//'),
          '',
          escapeSnippet('use Illuminate\\Database\\Migrations\\Migration;'),
          escapeSnippet('use Illuminate\\Database\\Schema\\Blueprint;'),
          escapeSnippet('use Illuminate\\Support\\Facades\\DB;'),
          escapeSnippet('use Illuminate\\Support\\Facades\\Schema;'),
          '',
          'return new class extends Migration',
          '{',
          '    public function up(): void',
          '    {',
          `        Schema::table('${table}', function (Blueprint \\$table) {`,
          `            \\$table->\${2:text}('${newColumn}')->nullable();`,
          '        });',
          `        DB::statement('UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL');`,
          '    }',
          '',
          '    public function down(): void',
          '    {',
          `        Schema::table('${table}', fn (Blueprint \\$table) => \\$table->dropColumn('$1'));`,
          '    }',
          '};',
          '$0',
        ].join('\n'),
      };
    }
    case 'efcore': {
      // Migrations/<yyyyMMddHHmmss>_<Name>.cs; the attributes that the .Designer.cs file carries are on the class
      // itself, so EF Core finds the migration without a designer file (the DbContext is a placeholder).
      const id = `${stamp(request.now)}_${camel(slug)}`;
      const namespace = /^\s*namespace\s+([\w.]+)/m.exec(request.text)?.[1];
      const context = /\[DbContext\(typeof\((\w+)\)\)\]/.exec(request.text)?.[1] ?? 'AppDbContext';
      const indent = namespace ? '    ' : '';
      const body = [
        `[DbContext(typeof(\${3:${context}}))]`,
        `[Migration("${id}")]`,
        `public partial class ${camel(slug)} : Migration`,
        '{',
        '    protected override void Up(MigrationBuilder migrationBuilder)',
        '    {',
        '        migrationBuilder.AddColumn<\${2:string}>(',
        `            name: "${newColumn}",`,
        `            table: "${table}",`,
        '            nullable: true);',
        '',
        `        migrationBuilder.Sql("UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL");`,
        '    }',
        '',
        '    protected override void Down(MigrationBuilder migrationBuilder)',
        '    {',
        `        migrationBuilder.DropColumn(name: "$1", table: "${table}");`,
        '    }',
        '}',
      ].map((line) => (line === '' ? line : indent + line));
      return {
        path: join(dir, `${id}.cs`),
        snippet: [
          note('//'),
          'using Microsoft.EntityFrameworkCore.Infrastructure;',
          'using Microsoft.EntityFrameworkCore.Migrations;',
          '',
          ...(namespace ? [`namespace ${namespace}`, '{', ...body, '}'] : body),
          '$0',
        ].join('\n'),
      };
    }
    case 'ecto': {
      // priv/repo/migrations/<yyyyMMddHHmmss>_name.exs; the module is named after the app's Repo.
      const repoModule = /defmodule\s+([\w.]+?)\.Migrations\./.exec(request.text)?.[1] ?? 'MyApp.Repo';
      return {
        path: join(dir, `${stamp(request.now)}_${slug}.exs`),
        snippet: [
          note('#'),
          `defmodule ${repoModule}.Migrations.${camel(slug)} do`,
          '  use Ecto.Migration',
          '',
          '  def up do',
          `    alter table(:${table}) do`,
          `      add :${newColumn}, :\${2:text}`,
          '    end',
          '',
          '    flush()',
          `    execute "UPDATE ${table} SET $1 = ${old} WHERE $1 IS NULL"`,
          '  end',
          '',
          '  def down do',
          `    alter table(:${table}) do`,
          '      remove :$1',
          '    end',
          '  end',
          'end',
          '$0',
        ].join('\n'),
      };
    }
    case 'liquibase':
      return {
        path: join(dir, `${slug}.sql`),
        snippet: [
          '--liquibase formatted sql',
          `--changeset release-hygiene:${slug.replace(/_/g, '-')}`,
          '-- Include this file in the master changelog before the changeset that drops the column.',
          sqlBody,
        ].join('\n'),
      };
    case 'sql':
    default: {
      // Flyway V<n>__name.sql; golang-migrate <n>_name.up.sql; goose <n>_name.sql (-- +goose Up); else <name>.sql.
      if (/^V\d/.test(fileName)) {
        const { next } = nextNumber(request.siblings, /^V(\d+(?:[._]\d+)*)__/);
        return { path: join(dir, `V${next}__${slug}.sql`), snippet: sqlBody };
      }
      const numbered = /^(\d+)[_-]/.exec(fileName);
      const upDown = /\.up\.sql$/.test(fileName);
      const goose = /^\s*--\s*\+goose\s+Up/im.test(request.text);
      let prefix = '';
      if (numbered?.[1]) {
        prefix = numbered[1].length >= 12 ? stamp(request.now).slice(0, numbered[1].length) : nextNumber(request.siblings, /^(\d+)[_-]/).next;
        prefix = `${prefix}_`;
      }
      const snippet = goose
        ? ['-- +goose Up', sqlBody.replace(/\n\$0$/, ''), '', '-- +goose Down', `ALTER TABLE ${table} DROP COLUMN $1;`, '$0'].join('\n')
        : sqlBody;
      // golang-migrate needs both halves: the .down.sql removes the column the .up.sql adds.
      const companions: CompanionFile[] = upDown ? [{ path: join(dir, `${prefix}${slug}.down.sql`), content: `ALTER TABLE ${table} DROP COLUMN ${request.newName ?? `${old}_new`};\n`, replace: false }] : [];
      return { path: join(dir, `${prefix}${slug}${upDown ? '.up.sql' : '.sql'}`), snippet, ...(companions.length > 0 ? { companions } : {}) };
    }
  }
}
