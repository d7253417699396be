// Time and peak memory of the built CLI on the large hostile inputs of issue #11 (docs/reliability.md, "Whole-process
// classes"). The tests (test/unit/cli/hostileInputs.test.ts) assert the message and the exit code of each class and
// only print peak RSS; the numbers of the documentation come from here. Inputs are generated in a temporary folder
// and removed afterwards; each case runs three times and the median wall time and the highest peak RSS are shown.
//
//   npm run build && node --import=tsx bench/reliability.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const ROUNDS = 3;
const SCRATCH = mkdtempSync(join(tmpdir(), 'rh-reliability-'));
const HOME = join(SCRATCH, 'home');
mkdirSync(HOME);
writeFileSync(join(HOME, '.gitconfig'), '');
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
  HOME,
  XDG_CONFIG_HOME: join(HOME, '.config'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(HOME, '.gitconfig'),
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

function git(cwd: string, args: readonly string[], input?: string): void {
  execFileSync('git', args, { cwd, env: ENV, input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
}

function repository(name: string, files: Readonly<Record<string, string | Buffer>> = {}): string {
  const root = join(SCRATCH, name);
  mkdirSync(root);
  git(root, ['init', '--quiet', '--initial-branch=main']);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  git(root, ['add', '-A']);
  git(root, ['-c', 'commit.gpgSign=false', 'commit', '--quiet', '--allow-empty', '-m', 'feat: first feature']);
  return root;
}

interface Measured {
  readonly status: number | null;
  readonly seconds: number;
  readonly rssMb: number | undefined;
}

function measure(args: readonly string[], cwd: string, input?: string | Buffer): Measured {
  const command = TIME ?? process.execPath;
  const commandArgs = TIME ? ['-f', 'rh-peak-rss-kb=%M', process.execPath, CLI, ...args] : [CLI, ...args];
  const started = performance.now();
  const run = spawnSync(command, commandArgs, { cwd, env: ENV, input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const rss = /rh-peak-rss-kb=(\d+)/.exec(run.stderr ?? '');
  return { status: run.status, seconds, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

interface Case {
  readonly name: string;
  readonly command: string;
  readonly prepare: () => { args: readonly string[]; cwd: string; input?: string | Buffer };
}

const bodyLine = `${'x'.repeat(99)}\n`;
const cases: Case[] = [
  {
    name: 'a 50 MB message',
    command: 'lint-message FILE',
    prepare: () => {
      const file = join(SCRATCH, 'message-50mb.txt');
      writeFileSync(file, `feat: big\n\n${bodyLine.repeat(512 * 1024)}`);
      return { args: ['lint-message', file], cwd: SCRATCH };
    },
  },
  {
    name: '1,000,000 lines',
    command: 'lint-message -',
    prepare: () => ({ args: ['lint-message', '-'], cwd: SCRATCH, input: `feat: many lines\n\n${'a\n'.repeat(1_000_000)}` }),
  },
  {
    name: 'two 20 MB --jsonl lines',
    command: 'lint-message --jsonl',
    prepare: () => ({
      args: ['lint-message', '--jsonl'],
      cwd: SCRATCH,
      input: `${JSON.stringify({ id: 1, message: `feat: huge\n\n${'y'.repeat(20 * 1024 * 1024)}` })}\n${'x'.repeat(20 * 1024 * 1024)}\n`,
    }),
  },
  ...(['lint-commits', 'next-version', 'changelog', 'flags', 'migrations'] as const).map((command): Case => ({
    name: '10,000 tags',
    command,
    prepare: () => {
      const root = join(SCRATCH, 'tags');
      if (!existsSync(root)) {
        repository('tags', { 'db/migrations/001_users.sql': 'CREATE TABLE users (id int, email text);\n', 'src/a.ts': "unleash.isEnabled('a-flag');\n" });
        const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, env: ENV, encoding: 'utf8' }).trim();
        git(root, ['update-ref', '--stdin'], Array.from({ length: 10_000 }, (_, i) => `create refs/tags/v1.0.${i + 1} ${head}\n`).join(''));
        writeFileSync(join(root, 'db/migrations/002_drop.sql'), 'ALTER TABLE users DROP COLUMN email;\n');
        git(root, ['add', '-A']);
        git(root, ['commit', '--quiet', '-m', 'fix: drop the email column']);
      }
      return { args: [command], cwd: root };
    },
  })),
  {
    name: 'a 5 MB commit message',
    command: 'lint-commits',
    prepare: () => {
      const root = repository('huge-commit');
      git(root, ['commit', '--quiet', '--allow-empty', '--cleanup=verbatim', '-F', '-'], `fix: huge\n\n${bodyLine.repeat(50 * 1024)}`);
      return { args: ['lint-commits'], cwd: root };
    },
  },
  {
    name: 'a YAML alias bomb (.gitlab-ci.yml)',
    command: 'pipelines',
    prepare: () => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (const [i, name] of [...'bcdefghi'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
      return { args: ['pipelines'], cwd: repository('bomb', { '.gitlab-ci.yml': `${levels.join('\n')}\n` }) };
    },
  },
  {
    name: 'a config nested 100,000 deep (.commitlintrc.yaml)',
    command: 'lint-commits',
    prepare: () => ({ args: ['lint-commits'], cwd: repository('deep', { '.commitlintrc.yaml': '['.repeat(100_000) + ']'.repeat(100_000) }) }),
  },
  {
    name: 'a 50 MB SQL migration',
    command: 'migrations',
    prepare: () => {
      const statement = 'ALTER TABLE users ADD COLUMN note text;\n';
      const big = statement.repeat(Math.ceil((50 * 1024 * 1024) / statement.length));
      return { args: ['migrations'], cwd: repository('sql', { 'db/migrations/001_load.sql': big, 'db/migrations/002_drop.sql': 'ALTER TABLE users DROP COLUMN email;\n' }) };
    },
  },
  {
    name: '100,000 nested parentheses (SQL)',
    command: 'migrations',
    prepare: () => ({ args: ['migrations'], cwd: repository('parens', { 'db/migrations/001.sql': `SELECT ${'('.repeat(100_000)}1${')'.repeat(100_000)};\n` }) }),
  },
  {
    name: 'a committed 20 MB one-line source file',
    command: 'flags',
    prepare: () => ({ args: ['flags'], cwd: repository('one-line', { 'src/big.ts': `unleash.isEnabled('x-flag'); ${'a+'.repeat(10 * 1024 * 1024)}\n`, 'src/ok.ts': "unleash.isEnabled('ok-flag');\n" }) }),
  },
  {
    name: '100,000 nested brackets (source)',
    command: 'flags',
    prepare: () => ({ args: ['flags'], cwd: repository('brackets', { 'src/deep.ts': `const v =\n${'[\n'.repeat(100_000)}unleash.isEnabled('deep-flag')\n${']\n'.repeat(100_000)};\n` }) }),
  },
];

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
console.log(`release-hygiene CLI on hostile inputs · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${ROUNDS} rounds`);
console.log(TIME ? 'peak RSS from /usr/bin/time -f %M' : 'peak RSS unavailable (no /usr/bin/time)');
console.log('\n| Class | Command | Exit | Time (median) | Peak RSS |\n|---|---|---|---|---|');
try {
  for (const testCase of cases) {
    const { args, cwd, input } = testCase.prepare();
    const rounds = Array.from({ length: ROUNDS }, () => measure(args, cwd, input));
    const seconds = rounds.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
    const rss = rounds.every((r) => r.rssMb !== undefined) ? `${Math.max(...rounds.map((r) => r.rssMb!)).toFixed(0)} MB` : 'n/a';
    const statuses = [...new Set(rounds.map((r) => r.status))].join('/');
    console.log(`| ${testCase.name} | \`${testCase.command}\` | ${statuses} | ${seconds.toFixed(2)} s | ${rss} |`);
  }
} finally {
  rmSync(SCRATCH, { recursive: true, force: true });
}
