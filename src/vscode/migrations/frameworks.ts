// Pure helpers of the migrations editor (no vscode import, unit-tested): which framework a path belongs to
// (until the engine's detectFramework decides with the text too), each framework's line comment, and the
// suppression comment the quick fix inserts.
import type { MigrationFramework } from '../../core/migrations';

/** Framework of a migration file by its workspace-relative path (forward slashes) and, for JS/TS, its text. */
export function frameworkForPath(path: string, text = ''): MigrationFramework {
  const lower = path.toLowerCase();
  if (/(^|\/)db\/migrate\/[^/]+\.rb$/.test(lower)) return 'rails';
  if (/(^|\/)migrations\/[^/]+\/migration\.sql$/.test(lower)) return 'prisma';
  if (/\.php$/.test(lower)) return 'laravel';
  if (/\.cs$/.test(lower)) return 'efcore';
  if (/\.exs$/.test(lower)) return 'ecto';
  if (/\.(xml|ya?ml)$/.test(lower)) return 'liquibase';
  if (/\.sql$/.test(lower)) {
    if (/^\s*--liquibase formatted sql/m.test(text)) return 'liquibase';
    if (/(^|\/)drizzle\//.test(lower) || text.includes('--> statement-breakpoint')) return 'drizzle';
    return 'sql';
  }
  if (/\.py$/.test(lower)) {
    if (/(^|\/)versions\/[^/]+\.py$/.test(lower) || /^\s*from alembic import|^\s*import alembic/m.test(text)) return 'alembic';
    return 'django';
  }
  if (/\.(c|m)?(j|t)s$/.test(lower)) {
    if (/MigrationInterface|QueryRunner/.test(text)) return 'typeorm';
    if (/queryInterface|QueryInterface|Sequelize/.test(text)) return 'sequelize';
    if (/\bknex\b|Knex/.test(text)) return 'knex';
    if (/-[A-Z]\w*\.ts$/.test(path)) return 'typeorm';
    return 'knex';
  }
  return 'sql';
}

/** How a line comment starts in a framework's migration files; XML needs a closing `-->`. */
export function lineComment(framework: MigrationFramework, path: string): { readonly open: string; readonly close: string } {
  switch (framework) {
    case 'rails':
    case 'django':
    case 'alembic':
    case 'ecto':
      return { open: '# ', close: '' };
    case 'knex':
    case 'typeorm':
    case 'sequelize':
    case 'laravel':
    case 'efcore':
      return { open: '// ', close: '' };
    case 'liquibase':
      if (/\.xml$/i.test(path)) return { open: '<!-- ', close: ' -->' };
      if (/\.ya?ml$/i.test(path)) return { open: '# ', close: '' };
      return { open: '-- ', close: '' };
    default:
      return { open: '-- ', close: '' };
  }
}

/** Escapes text for a snippet body (`$`, `}` and `\` are special). */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * The suppression comment line for `ruleId`, as a snippet with the reason as its placeholder, indented like the
 * statement it precedes: `-- release-hygiene-ignore drop-column: ${1:reason}`.
 */
export function suppressionSnippet(framework: MigrationFramework, path: string, ruleId: string, indent: string): string {
  const { open, close } = lineComment(framework, path);
  return `${escapeSnippet(indent)}${escapeSnippet(open)}release-hygiene-ignore ${ruleId}: \${1:reason}${escapeSnippet(close)}\n`;
}

/** The recipe's steps: a new step starts at "Release …", "Step …", "1." or a bullet; other lines continue one. */
export function recipeSteps(recipe: string): string[] {
  const steps: string[] = [];
  for (const raw of recipe.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (steps.length === 0 || /^(Release\b|Step\b|\d+[.)]\s|[-*•]\s)/.test(line)) steps.push(line.replace(/^[-*•]\s+/, ''));
    else steps[steps.length - 1] += ` ${line}`;
  }
  return steps;
}
