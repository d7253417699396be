// Which files are migrations, of which tool, in which order, in which SQL dialect. Pure: the caller lists paths.
import type { MigrationFile, MigrationFramework, SqlDialect } from './types';

/** Workspace-relative globs of migration files, by convention of each tool. */
export const DEFAULT_MIGRATION_GLOBS: readonly string[] = [
  '**/db/migrate/*.rb',
  '**/migrations/*.py',
  '**/versions/*.py',
  '**/migrations/*/migration.sql',
  '**/migrations/*.sql',
  '**/migration/*.sql',
  '**/db/migration/*.sql',
  '**/drizzle/*.sql',
  '**/migrations/*.{js,ts,cjs,mjs}',
  '**/migration/*.{js,ts,cjs,mjs}',
  '**/db/changelog/**/*.{xml,yaml,yml}',
  '**/*changelog*.{xml,yaml,yml}',
  '**/database/migrations/*.php',
  '**/Migrations/*.cs',
  '**/priv/*/migrations/*.exs',
];

/** Never migrations: dependencies, build output, down/undo scripts, package markers. */
const EXCLUDED = /(^|\/)(node_modules|\.git|dist|build|out|vendor|\.venv|venv|site-packages|__pycache__)\/|\.down\.sql$|(^|\/)U\d[^/]*__[^/]*\.sql$|(^|\/)__init__\.py$|\.d\.ts$|\.(test|spec)\.[jt]s$|\.Designer\.cs$|ModelSnapshot\.cs$/;

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = close;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * False for files that are never forward migrations whatever the globs say: dependencies and build output, down
 * and undo scripts (`*.down.sql`, Flyway `U2__x.sql`), EF Core's `*.Designer.cs` and `*ModelSnapshot.cs`, …
 */
export function isMigrationCandidate(path: string): boolean {
  return !EXCLUDED.test(path.replace(/\\/g, '/'));
}

/** Compiled globs: a workspace check tests every file of the workspace against every glob. */
const compiledGlobs = new Map<string, RegExp>();

function compiledGlob(glob: string): RegExp {
  let re = compiledGlobs.get(glob);
  if (re === undefined) {
    re = globToRegExp(glob);
    // Bounded: globs come from settings and configuration, a handful per workspace.
    if (compiledGlobs.size < 1000) compiledGlobs.set(glob, re);
  }
  return re;
}

export function matchesMigrationGlobs(path: string, globs: readonly string[] = DEFAULT_MIGRATION_GLOBS): boolean {
  if (EXCLUDED.test(path)) return false;
  return globs.some((glob) => compiledGlob(glob).test(path));
}

/** The tool a migration file belongs to, from its path and (when given) its text. Null: not a migration. */
export function detectFramework(path: string, text = ''): MigrationFramework | null {
  const p = path.replace(/\\/g, '/');
  if (EXCLUDED.test(p)) return null;
  if (/\.rb$/.test(p)) return /(^|\/)db\/migrate\//.test(p) || /ActiveRecord::Migration/.test(text) ? 'rails' : null;
  if (/\.py$/.test(p)) {
    if (/from\s+alembic\s+import|import\s+alembic|\bop\.\w+\(/.test(text) || (/(^|\/)versions\//.test(p) && text === '')) return 'alembic';
    if (/(^|\/)migrations\//.test(p)) return 'django';
    return null;
  }
  if (/\.sql$/i.test(p)) {
    if (/(^|\/)migrations\/[^/]+\/migration\.sql$/.test(p)) return 'prisma';
    if (/-->\s*statement-breakpoint/.test(text) || /(^|\/)drizzle\//.test(p)) return 'drizzle';
    return 'sql';
  }
  if (/\.(c|m)?[jt]s$/.test(p)) {
    if (/\bqueryRunner\b|MigrationInterface/.test(text)) return 'typeorm';
    if (/\bqueryInterface\b|\bSequelize\b/.test(text)) return 'sequelize';
    return 'knex';
  }
  if (/\.(xml|ya?ml)$/.test(p) && /databaseChangeLog/.test(text)) return 'liquibase';
  if (/\.cs$/.test(p)) return /\bMigrationBuilder\b/.test(text) || (text === '' && /(^|\/)Migrations\//.test(p)) ? 'efcore' : null;
  if (/\.exs$/.test(p)) return /(^|\/)priv\/[^/]+\/migrations\//.test(p) || /\bEcto\.Migration\b/.test(text) ? 'ecto' : null;
  if (/\.php$/.test(p)) return /(^|\/)database\/migrations\//.test(p) || /Illuminate\\Database\\Migrations|extends\s+Migration\b/.test(text) ? 'laravel' : null;
  return null;
}

/**
 * How application code may spell a column or table name: as written, camelCase and PascalCase (EF Core entities
 * and DbSets name `Email`/`Users` what the migration lower-cases here).
 */
export function referenceSpellings(name: string): string[] {
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const pascal = camel.charAt(0).toUpperCase() + camel.slice(1);
  return [...new Set([name, camel, pascal])];
}

/** Pads every number in a name so that string order is numeric order: V2__a < V10__b, 9_x < 10_x. */
function padNumbers(name: string): string {
  return name.replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0'));
}

/** The key that sorts one tool's files in the order the tool applies them (see sortMigrationFiles for Alembic). */
export function orderKeyFor(path: string, framework: MigrationFramework): string {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? path;
  // Prisma: the folder (<timestamp>_<name>) orders; Flyway: V<version>__ with _ or . separators.
  if (framework === 'prisma') return padNumbers(parts[parts.length - 2] ?? base);
  if (/^V\d/.test(base)) return padNumbers(base.replace(/^V/, '').split('__')[0]!.replace(/_/g, '.'));
  // Flyway repeatable migrations (R__name.sql) run after every versioned one, by name: `~` sorts after digits.
  if (/^R__/.test(base)) return `~R__${base.slice(3)}`;
  if (framework === 'django') return `${parts.slice(0, -1).join('/')}/${padNumbers(base)}`;
  return padNumbers(base);
}

/**
 * Sorts files as their tools apply them: by framework, then by order key. Alembic orders by its revision graph
 * (`down_revision`), not by file name: a file's key is its depth in the chain.
 */
export function sortMigrationFiles(files: readonly MigrationFile[]): MigrationFile[] {
  const alembic = files.filter((f) => f.framework === 'alembic');
  const depth = new Map<string, number>();
  if (alembic.length > 0) {
    const revisionOf = new Map<string, { file: MigrationFile; down: string[] }>();
    for (const file of alembic) {
      const rev = /^revision\s*(?::\s*\w+\s*)?=\s*['"]([^'"]+)['"]/m.exec(file.text)?.[1];
      const downLine = /^down_revision\s*(?::[^=]*)?=\s*(.*)$/m.exec(file.text)?.[1] ?? '';
      if (rev) revisionOf.set(rev, { file, down: [...downLine.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]!) });
    }
    const depthOf = (rev: string, seen: Set<string>): number => {
      const entry = revisionOf.get(rev);
      if (!entry || seen.has(rev)) return 0;
      seen.add(rev);
      return 1 + Math.max(0, ...entry.down.map((d) => depthOf(d, seen)));
    };
    for (const [rev, entry] of revisionOf) depth.set(entry.file.path, depthOf(rev, new Set()));
  }
  // Each file's key made once (the comparator runs n log n times).
  const keys = new Map<MigrationFile, string>();
  for (const f of files) keys.set(f, depth.has(f.path) ? String(depth.get(f.path)).padStart(8, '0') + f.orderKey : f.orderKey);
  return [...files].sort((a, b) => {
    if (a.framework !== b.framework) return a.framework < b.framework ? -1 : 1;
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka < kb ? -1 : ka > kb ? 1 : a.path < b.path ? -1 : 1;
  });
}

/** The dialect a SQL text (or a Prisma schema / config) reveals, or null. */
export function detectDialect(text: string): SqlDialect | null {
  const provider = /provider\s*=\s*"(postgresql|postgres|mysql|sqlite|cockroachdb)"/.exec(text)?.[1];
  if (provider) return provider === 'mysql' ? 'mysql' : provider === 'sqlite' ? 'sqlite' : 'postgres';
  // `^[^\S\n\r\u2028\u2029]*`, not `^\s*`: that one ran over every following line break from every line start
  // (quadratic on a file of blank lines); a keyword after blank lines starts a line of its own anyway.
  if (/ENGINE\s*=\s*InnoDB|AUTO_INCREMENT|`\w+`|^[^\S\n\r\u2028\u2029]*DELIMITER\s/im.test(text)) return 'mysql';
  if (/\bAUTOINCREMENT\b|^[^\S\n\r\u2028\u2029]*PRAGMA\s/im.test(text)) return 'sqlite';
  if (/\$\$|\bSERIAL\b|::\w|\bJSONB\b|\bTIMESTAMPTZ\b|ALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b/i.test(text)) return 'postgres';
  return null;
}
