// `release-hygiene flags`: every feature flag of the repository with its age and status; exit 1 on a stale flag.
import { explainFlag } from '../../core/flags';
import type { FlagInfo, FlagsJsonReport } from '../../core/flags/types';
import { flagReportFindings } from '../../core/report';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspaceFlags } from '../../node/flags';
import type { SearchWorkerOption } from '../../node/flags/types';
import { ExitCode } from '../exitCodes';
import { workerStartFlags } from '../v8Flags';
import { loadProductConfig } from '../../node/productConfig';
import { writeProductConfigWarnings } from '../productSupport';
import { paint, useColor, write, type CliIo } from '../io';
import { isSharedFormat, writeSharedFormat, type SharedFormat } from '../report';

export { FLAGS_HELP } from './help';

/**
 * The search's worker thread, next to the bundle (dist/flagsSearchWorker.js; none when run from the sources), for a
 * workspace of at least this many source files (issue #16, docs/benchmarks.md "Flags: wall time back").
 */
const SEARCH_WORKER_MIN_FILES = 5000;

/**
 * The worker when the machine has a second core. It used to wait for one to be free (the load average): a busy
 * machine made it cost more CPU than it saved. Started under V8's default flags (`workerStartFlags`) it costs less
 * CPU than the search on this thread even at load 5–6 on two cores (docs/benchmarks.md, "Flags: the tail after the
 * scan"). The results are the same either way.
 */
function searchWorker(): SearchWorkerOption | undefined {
  if (typeof __dirname !== 'string' || availableParallelism() < 2) return undefined;
  return { script: join(__dirname, 'flagsSearchWorker.js'), minFiles: SEARCH_WORKER_MIN_FILES };
}

/**
 * The search's options under the CLI's V8 flag. The history pass hashes blobs with node:crypto, loaded at its first
 * hash: after the scan, on the main thread's tail, and under the CLI's flag, so compiled from source (16 of Node's
 * modules: 35 M instructions more than from Node's code caches; docs/benchmarks.md, "Flags: the checkout row …
 * session 6"). It is loaded instead at the first file named (the history pass is then likely), under V8's
 * defaults: those of the worker's start when it is starting, else set for the moment.
 */
function searchOptions(): { searchWorker?: SearchWorkerOption; onCallNameFound?: () => void } {
  const worker = searchWorker();
  const flags = workerStartFlags();
  if (!flags) return worker ? { searchWorker: worker } : {};
  let defaults = false; // V8's defaults are on for the worker's start
  let hashing = false;
  const loadHashing = (): void => {
    if (hashing) return;
    hashing = true;
    if (!defaults) flags.starting();
    // By a name in a variable: esbuild.mjs turns a literal require of node:crypto into a stand-in.
    require(HASH_MODULE);
    if (!defaults) flags.started();
  };
  const starting = (): void => {
    flags.starting();
    defaults = true;
  };
  const started = (): void => {
    defaults = false;
    flags.started();
  };
  return { ...(worker ? { searchWorker: { ...worker, starting, started } } : {}), onCallNameFound: loadHashing };
}

const HASH_MODULE = 'node:crypto';

export interface FlagsCliOptions {
  readonly cwd: string;
  readonly format: 'text' | 'json' | SharedFormat;
  readonly expireDays?: number;
  readonly staleDays?: number;
}

export function toJsonReport(flags: readonly FlagInfo[]): FlagsJsonReport {
  return {
    flags: flags.map((flag) => ({
      key: flag.key,
      provider: flag.provider,
      references: flag.references.map(({ file, line, column }) => ({ file, line, column })),
      introducedAt: flag.introducedAt,
      introducedBy: flag.introducedBy,
      ageDays: flag.ageDays,
      status: flag.status,
      expiresAt: flag.expiresAt,
    })),
  };
}

export async function flagsCommand(options: FlagsCliOptions, io: CliIo): Promise<number> {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const now = epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
  // The configuration file is read at the repository root, as the analysis finds it (read alongside the scan, not
  // before it: issue #16); its warnings go out first, as when it was read first.
  let configWarnings: readonly string[] = [];
  const result = await analyzeWorkspaceFlags(options.cwd, {
    ...searchOptions(),
    policyAt: async (root) => {
      const loaded = await loadProductConfig(root);
      configWarnings = loaded.warnings;
      const configured = loaded.config.flags ?? {};
      // --expire-days / --stale-days win over the file; the file over the defaults.
      const expireDays = options.expireDays ?? configured.expireDays;
      const staleDays = options.staleDays ?? configured.staleDays;
      return { ...(expireDays !== undefined ? { expireDays } : {}), ...(staleDays !== undefined ? { staleDays } : {}) };
    },
    now,
  });
  await writeProductConfigWarnings(configWarnings, io);
  if (!result.ok) {
    await write(io.stderr, `release-hygiene: ${result.message}\n`);
    return ExitCode.RuntimeFailure;
  }
  const { flags, warnings, scan } = result.value;
  for (const warning of warnings) await write(io.stderr, `warning: ${warning}\n`);
  // A flag in a skipped file is not seen: say which files, so that a 20 MB one-line file is not a silent hole.
  const unscanned = scan.skipped.filter((file) => file.reason !== 'unreadable');
  if (unscanned.length > 0) {
    const names = unscanned.slice(0, 5).map((file) => `${file.file} (${file.reason})`).join(', ');
    const more = unscanned.length > 5 ? `, and ${unscanned.length - 5} more` : '';
    await write(io.stderr, `note: ${unscanned.length} file${unscanned.length === 1 ? '' : 's'} not scanned (larger than 1 MB, a line over 2,000 characters, or binary): ${names}${more}\n`);
  }
  const stale = flags.filter((flag) => flag.status === 'stale').length;
  if (isSharedFormat(options.format)) {
    await writeSharedFormat(options.format, flagReportFindings(flags, explainFlag), result.value.root, io);
    return stale ? ExitCode.Findings : ExitCode.Ok;
  }
  if (options.format === 'json') {
    await write(io.stdout, `${JSON.stringify(toJsonReport(flags), null, 2)}\n`);
    return stale ? ExitCode.Findings : ExitCode.Ok;
  }
  const p = paint(useColor(io));
  for (const flag of flags) {
    const status = flag.status === 'stale' ? p.red('stale') : flag.status === 'expired' ? p.yellow('expired') : flag.status === 'permanent' ? p.dim('permanent') : p.green('ok');
    const first = flag.references[0];
    const refs = `${flag.references.length} reference${flag.references.length === 1 ? '' : 's'}`;
    await write(io.stdout, `${status.padEnd(useColor(io) ? 19 : 9)} ${p.bold(flag.key)} (${flag.provider}) · ${refs}${first ? ` · ${first.file}:${first.line}:${first.column}` : ''}\n`);
    await write(io.stdout, `          ${p.dim(explainFlag(flag))}\n`);
  }
  const expired = flags.filter((flag) => flag.status === 'expired').length;
  await write(io.stdout, `${flags.length} flag${flags.length === 1 ? '' : 's'}: ${stale} stale, ${expired} expired\n`);
  return stale ? ExitCode.Findings : ExitCode.Ok;
}
