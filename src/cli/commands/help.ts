// Every command's help, apart from the commands: `--help` prints it from dist/cli.js alone, without loading
// the commands' bundles (dist/cliCommands.js, dist/cliSql.js, dist/cliMigrations.js) and the libraries they start.

export const SHARED_FORMATS_HELP = `--format github   GitHub Actions annotations: ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message
--format sarif    SARIF 2.1.0 (GitHub code scanning: upload with github/codeql-action/upload-sarif)
--format gitlab   GitLab Code Quality report (artifacts: reports: codequality)
Formats: docs/ci.md#output-formats`;

export const RELEASE_OPTIONS_HELP = `  --cwd DIR                work in DIR instead of the current folder
  --from REF               the last release (instead of the highest version tag reachable from --to)
  --to REF                 end of the range (default HEAD)
  --tag-format FMT         tag names, with \${version}: v\${version} (default), \${version}, name@\${version}, name-v\${version}
  --path DIR               monorepo package: only commits touching DIR count (use with --tag-format)
  --prerelease ID          prerelease channel: 1.5.0-rc.1 → 1.5.0-rc.2, or 1.4.1 + feat → 1.5.0-rc.1
  --initial-version X.Y.Z  first release when no tag matches (default 0.1.0)
  --first-parent           only commits on the first-parent chain count (merged side branches are skipped)

Settings are also read from the repository: .releaserc* / package.json#release (tagFormat), release-please-config.json
(bump-minor-pre-major, bump-patch-for-minor-pre-major, initial-version, release-as, prerelease-type, tag options,
changelog-sections) and cliff.toml (tag_pattern, [bump]). Options on the command line win.`;

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

export const NEXT_VERSION_HELP = `Usage: release-hygiene next-version [--from REF] [--to REF] [--format text|json] [options]

Prints the next semantic version: the last release (the highest version tag reachable from HEAD), the commits since
it, and the bump they cause (breaking → major, feat → minor, fix/perf/revert → patch; reverts inside the range
cancel the commit they revert; a "Release-As: x.y.z" footer forces the version), naming the commits that caused it.

--format text   the versions, the reasons, commits not in the changelog, warnings (default)
--format json   {"currentTag", "current", "next", "nextTag", "bump", "reasons": [{"hash", "subject", "bump", "why"}],
                 "unconventional": [{"hash", "header"}], "shallow", "warnings": [...], "explanation": [...], ...}

${RELEASE_OPTIONS_HELP}

Exit codes: 0 done (also when nothing would be released), 2 bad option or unknown --from/--to, 3 not a repository,
git missing or git failure. A shallow clone prints a warning on stderr: fetch the whole history in CI.
`;

export const CHANGELOG_HELP = `Usage: release-hygiene changelog [--from REF] [--to REF] [--write FILE] [--format markdown|json] [options]

Prints the changelog section of the next release, laid out like conventional-changelog's conventionalcommits preset:
"## [version](compare link) (date)", then ⚠ BREAKING CHANGES, Features, Bug Fixes, Performance Improvements and
Reverts (other types hidden), scopes in bold, short hashes and #123 references linked for GitHub, GitLab and
Bitbucket remotes. The date is today (UTC), or SOURCE_DATE_EPOCH when set.

--write FILE      insert the section at the top of FILE (below a leading "# Title" and its intro), creating it if
                  needed; running it again does not duplicate (a section for the same version is detected)
--format markdown the section (default)
--format json     {"version", "date", "compareUrl", "sections": [{"title", "entries"}], "markdown", "plan": {...}}

${RELEASE_OPTIONS_HELP}

Exit codes: 0 done (also when nothing would be released), 2 bad option or unknown --from/--to, 3 not a repository,
git missing, git failure or FILE cannot be written.
`;

export const FLAGS_HELP = `Usage: release-hygiene flags [--cwd DIR] [--format text|json|github|sarif|gitlab] [--expire-days N] [--stale-days N]

Finds feature-flag call sites (Unleash, LaunchDarkly, OpenFeature, Flagsmith, GrowthBook, PostHog, ConfigCat,
Statsig, Split) in TypeScript/JavaScript, Python, Go and Java, dates each flag by the commit that first put its key
at a call site (one pass over git history), and applies the expiry policy: expired after --expire-days (default 30,
a warning), stale after --stale-days (default 60, an error). The registry .release-hygiene/flags.yaml (or .json),
Unleash flag types and inline annotations (// flag: expires 2026-03-01, // flag: permanent) override the defaults.
See docs/flags.md.

--format text   one line per flag, most stale first (default)
--format json   {"flags": [{"key", "provider", "references": [{"file", "line", "column"}], "introducedAt",
                "introducedBy", "ageDays", "status", "expiresAt"}]}; files relative to the repository root
${SHARED_FORMATS_HELP}
                  (one finding per call site of a stale flag, an error, or of an expired flag, a warning)

Exit codes:
  0  no stale flag
  1  at least one stale flag (the CI gate)
  2  invalid usage
  3  runtime failure`;

export const PIPELINES_HELP = `Usage: release-hygiene pipelines [--cwd DIR] [--format text|json|github|sarif|gitlab]

Reads .gitlab-ci.yml (with local includes) and .github/workflows/*.yml (with local reusable workflows) and
reports gates that can be skipped: production deploys allowed to fail or continuing on error, test and scan
jobs allowed to fail, deploys that do not wait for the tests, versions or changelogs computed on shallow
clones, :latest images in production, rebuilds per environment, production deploys without a manual gate.
Rules and suppression (# release-hygiene-ignore <rule>: <reason>): docs/pipelines.md.

--format text     file:line:col severity rule [job] message, suppressed findings, a summary (default)
--format json     {"findings": [{"rule", "severity", "file", "line", "column", "job", "message"}], "suppressed": [...]}
                  (lines and columns 1-based)
--format github   GitHub Actions annotations: ::error file=<file>,line=<l>,col=<c>,title=<rule>::<message>
${SHARED_FORMATS_HELP.split('\n').slice(1).join('\n')}

Exit codes: 0 no error findings (or no pipeline files), 1 error findings, 2 invalid usage, 3 runtime failure`;

export const INSTALL_HOOK_HELP = `Usage: release-hygiene install-hook [--force] [--cwd DIR]
       release-hygiene uninstall-hook [--cwd DIR]

install-hook writes a commit-msg hook that runs this release-hygiene (lint-message "$1") on every commit: a
message with errors is refused and its findings printed. The hook goes where git looks for it: the folder of
core.hooksPath when it is set (relative to the work tree's top level), else .git/hooks (the main repository's,
from a linked work tree). Running it again updates our hook.

A commit-msg hook that is not ours is left alone (exit 1) unless --force, which keeps it as
commit-msg.release-hygiene-backup. With husky, lefthook or pre-commit, add lint-message to their configuration
instead (README, "Use it in CI").

uninstall-hook removes the hook only when it is ours; it leaves any other hook in place (exit 1).

Exit codes: 0 done (or nothing to remove), 1 a hook that is not ours is in the way, 2 invalid usage,
3 not a git repository, git missing, or the hook could not be written`;
