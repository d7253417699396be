// The help of the commands that need the SQL parsers, apart from them: `--help` and the main bundle
// (dist/cli.js) print it without loading dist/cliSql.js.
import { SHARED_FORMATS_HELP } from '../report';

export const CHECK_HELP = `Usage: release-hygiene check [--from REF] [--to REF] [--only LIST] [--skip LIST]
                            [--format text|json|github|sarif|gitlab] [--cwd DIR] [--config FILE] [--no-js-config]

Runs every capability over the repository in one process, the one CI gate:
  commits     lints the commit messages of a range: since the last release tag (default); --from/--to;
              in a GitHub pull request (GITHUB_BASE_REF set) the PR's commits, merge-base(origin/$GITHUB_BASE_REF, HEAD)..HEAD
              (when origin/$GITHUB_BASE_REF was not fetched it says so and falls back to the last release tag)
  release     the next version (information, never fails the gate)
  flags       stale feature flags (errors) and expired ones (warnings)
  migrations  unsafe schema changes in migration files
  pipelines   skippable gates in CI configuration
One summary line per capability. A capability that cannot run says why in its line.
--only LIST / --skip LIST   comma-separated capabilities (commits, release, flags, migrations, pipelines)
The file .release-hygiene.yaml (or .yml/.json) turns capabilities off ("<capability>: { enabled: false }");
--only runs the listed ones even then.

--format text     the findings, then the summary lines (default)
--format json     {"schemaVersion": 1, "tool", "exitCode", "capabilities": [...], "release", "findings": [...]}
${SHARED_FORMATS_HELP}
With json, sarif and gitlab, stdout holds the report only; the summary lines go to stderr.

Exit codes: the highest of the capabilities' own codes: 0 no errors, 1 error findings, 2 invalid usage (bad
--from/--to, unreadable --config), 3 a capability could not run where its own command exits 3 (commits outside a
git repository, git failure, unreadable files).`;

export const MIGRATIONS_HELP = `Usage: release-hygiene migrations [PATH...] [--cwd DIR] [--dialect postgres|mysql|sqlite] [--format text|json|github|sarif|gitlab]

Checks database migrations for schema changes that break the running application: a column dropped without an
expand phase, renames, type changes in place, tables dropped while still referenced, NOT NULL columns added
without a default, and expand and contract shipped in the same release.

For every drop it reports the evidence it looked for: an earlier migration that added a replacement column and
backfilled or dual-wrote it; ORM ignore markers (Rails ignored_columns, Django SeparateDatabaseAndState, the
field gone from schema.prisma); references left in the code (git grep, outside the migrations); and release
boundaries from the repository's semver tags.

PATH: migration files or folders (relative to the current folder, else to --cwd). Without PATH the migrations
are found by convention: SQL (Flyway, golang-migrate, goose, Prisma, drizzle), Rails db/migrate, Django,
Alembic, Knex/TypeORM/Sequelize, Laravel database/migrations, EF Core Migrations, Ecto priv/repo/migrations,
Liquibase. The dialect comes from --dialect, then the project's configuration (schema.prisma provider,
database.yml, settings.py, alembic.ini, knexfile, mix.exs, the .csproj's EF Core provider, Laravel's
.env.example), then the SQL itself (default postgres).

Silence one finding with a comment on the line above (or at the end of the line), with a reason:
  -- release-hygiene-ignore drop-column: removed from the app in v2.3
  # release-hygiene-ignore rename-column: table is empty       (Ruby, Python, Elixir, PHP)
  // release-hygiene-ignore drop-column: …                       (JavaScript, TypeScript, PHP, C#)
Suppressed findings are listed. Rules: docs/migrations.md.

--format text   file:line:col severity rule message, the evidence, suppressed findings (default)
--format json   {"findings": [{rule, severity, file, line, column, table, columnName, message, evidence}],
                 "suppressed": [...], "notAnalysed": [{file, line, column, reason}]}
${SHARED_FORMATS_HELP}

Exit codes: 0 no error findings, 1 error findings, 2 invalid usage, 3 runtime failure.
`;
