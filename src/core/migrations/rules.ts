// Rule registry: severity, title, help anchor and the safe recipe of each migration rule.
import type { MigrationRuleId, MigrationRuleInfo } from './types';

export const MIGRATIONS_DOC_URL = 'https://example.invalid/release-hygiene/blob/main/docs/migrations.md';

export const MIGRATION_RULES: Readonly<Record<MigrationRuleId, MigrationRuleInfo>> = {
  'drop-column': { id: 'drop-column', severity: 'error', title: 'Column dropped without an expand phase' },
  'rename-column': { id: 'rename-column', severity: 'error', title: 'Column renamed in place' },
  'change-column-type': { id: 'change-column-type', severity: 'error', title: 'Column type changed in place' },
  'drop-table': { id: 'drop-table', severity: 'error', title: 'Table dropped while still referenced' },
  'rename-table': { id: 'rename-table', severity: 'error', title: 'Table renamed in place' },
  'add-required-column-without-default': { id: 'add-required-column-without-default', severity: 'error', title: 'NOT NULL column added without a default' },
  'expand-contract-same-release': { id: 'expand-contract-same-release', severity: 'error', title: 'Expand and contract in the same release' },
  'invalid-suppression': { id: 'invalid-suppression', severity: 'warning', title: 'Suppression comment without a reason' },
};

/** Other spellings accepted in suppression comments (the names used by the brief and the house-style notes). */
export const RULE_ALIASES: Readonly<Record<string, MigrationRuleId>> = {
  'drop-column-without-expand': 'drop-column',
  'alter-column-type': 'change-column-type',
  'drop-table-still-referenced': 'drop-table',
  'add-not-null-without-default': 'add-required-column-without-default',
};

/** Each rule's URL made once: every finding carries it (a string per finding, copied by the scavenger and flattened by JSON). */
const helpUrls = new Map<MigrationRuleId, string>();

export function migrationHelpUrl(ruleId: MigrationRuleId): string {
  let url = helpUrls.get(ruleId);
  if (url === undefined) helpUrls.set(ruleId, (url = `${MIGRATIONS_DOC_URL}#${ruleId}`));
  return url;
}

export function recipeFor(ruleId: MigrationRuleId, subject: { table: string; column?: string; newName?: string }): string {
  const t = subject.table;
  const c = subject.column ?? 'old_column';
  const n = subject.newName ?? 'new_column';
  switch (ruleId) {
    case 'drop-column':
      return [
        `Release N: stop reading and writing ${t}.${c} in the application (Rails: self.ignored_columns += ["${c}"];`,
        `Django: SeparateDatabaseAndState with a state-only RemoveField; Prisma/TypeORM: remove the field), and ship it.`,
        `Release N+1: drop ${t}.${c} in a migration of its own, once no deployed code uses it.`,
      ].join('\n');
    case 'rename-column':
      return [
        `1. Add ${t}.${n} (nullable). 2. Write both ${c} and ${n} (application or trigger). 3. Backfill ${n} from ${c}.`,
        `4. Switch reads to ${n} and release. 5. Stop writing ${c}. 6. Drop ${c} in a later release.`,
      ].join('\n');
    case 'change-column-type':
      return [
        `Add a new column ${t}.${c}_new with the new type, dual-write, backfill with a cast, switch reads, release,`,
        `then drop ${c} later. Changing the type in place rewrites the table under a lock and breaks old code.`,
      ].join('\n');
    case 'drop-table':
      return `Remove every use of ${t} from the application and release that first; drop ${t} in a later release.`;
    case 'rename-table':
      return [
        `Create the new table (or a view named ${n} over ${t}), write both, backfill, switch reads, release,`,
        `then drop ${t} later. Renaming in place breaks every deployed query that names ${t}.`,
      ].join('\n');
    case 'add-required-column-without-default':
      return [
        `Add ${t}.${c} as nullable (or with a DEFAULT), backfill it, then add NOT NULL in a later migration`,
        `(Postgres: ADD CONSTRAINT … CHECK (${c} IS NOT NULL) NOT VALID, VALIDATE, then SET NOT NULL).`,
      ].join('\n');
    case 'expand-contract-same-release':
      return [
        `The expand step and this contract step ship together, so old application instances still running during`,
        `the deploy break. Release the expand step (and the code that stops using ${t}.${c}) first; move the drop`,
        `to a migration of the next release.`,
      ].join('\n');
    case 'invalid-suppression':
      return 'Write the reason after a colon: -- release-hygiene-ignore drop-column: removed from the app in v2.3';
  }
}
