// The CI-script lexer: each case lists the simple commands it must find, as `[assignments] words`, and the
// resolved invocations (program and the text that names it).
import assert from 'node:assert/strict';
import { invocations } from '../../../../src/core/pipelines/commands';
import { shellCommands } from '../../../../src/core/pipelines/shell';

function commandsOf(script: string): string[] {
  return shellCommands(script).map((c) => `${c.assignments.length > 0 ? `[${c.assignments.map((w) => w.value).join(' ')}] ` : ''}${c.words.map((w) => w.value).join(' ')}`);
}

const lexing: ReadonlyArray<{ readonly name: string; readonly script: string; readonly commands: readonly string[] }> = [
  { name: 'operators split commands', script: 'a 1 && b 2 || c; d | e |& f & g', commands: ['a 1', 'b 2', 'c', 'd', 'e', 'f', 'g'] },
  { name: 'newlines split commands; blank lines and comments are nothing', script: 'a\n\n  # git-cliff here\nb # and here\n', commands: ['a', 'b'] },
  { name: 'line continuations join a command', script: 'npx semantic-release \\\n  --dry-run \\\n  --branches main', commands: ['npx semantic-release --dry-run --branches main'] },
  { name: 'CRLF continuations too', script: 'a \\\r\n  b\r\nc\r\n', commands: ['a b', 'c'] },
  { name: 'quotes are removed and keep spaces', script: `echo 'a b' "c d" e\\ f`, commands: ['echo a b c d e f'] },
  { name: 'a for list is data, the body runs', script: 'for package in "git-cliff" "git-cliff-core"; do\n  cargo msrv --path "$package" verify\ndone', commands: ['cargo msrv --path $package verify'] },
  { name: 'for on one line', script: 'for x in git-cliff y; do echo $x; done', commands: ['echo $x'] },
  { name: 'while, until, if, then, else and ! keywords', script: 'while read l; do x; done\nuntil y; do z; done\nif ! a; then b; elif c; then d; else e; fi', commands: ['read l', 'x', 'y', 'z', 'a', 'b', 'c', 'd', 'e'] },
  { name: 'a here-document body is not commands', script: 'cat <<EOF > notes.md\ngit-cliff --bump\nEOF\necho done', commands: ['cat', 'echo done'] },
  { name: 'quoted and tab-stripped here-document delimiters', script: "cat <<-'END'\n\tgit-cliff\n\tEND\ncat <<\"X\" >>f\nstandard-version\nX\nz", commands: ['cat', 'cat', 'z'] },
  { name: 'redirection targets are not words', script: 'git-cliff -o x > CHANGELOG.md 2>&1\nfoo 2> err.log <in.txt', commands: ['git-cliff -o x', 'foo'] },
  { name: 'assignments before the command', script: 'OUT_DIR=release/man/ GIT=1 cargo run --bin git-cliff-mangen', commands: ['[OUT_DIR=release/man/ GIT=1] cargo run --bin git-cliff-mangen'] },
  { name: 'a quoted assignment value is still an assignment', script: 'X="a b" y', commands: ['[X=a b] y'] },
  { name: 'an assignment alone', script: 'bin="git-cliff"', commands: ['[bin=git-cliff] '] },
  { name: 'command substitutions are commands too, in order', script: 'V=$(git describe --tags)\necho "$(git-cliff --bumped-version)" `date`', commands: ['[V=$(git describe --tags)] ', 'git describe --tags', 'echo $(git-cliff --bumped-version) `date`', 'git-cliff --bumped-version', 'date'] },
  { name: 'a ) inside quotes in a substitution does not close it', script: 'x=$(echo ")" ; b)\nc', commands: ['[x=$(echo ")" ; b)] ', 'echo )', 'b', 'c'] },
  { name: 'case patterns are labels, the bodies run', script: 'case "$1" in\n  git-cliff) echo a ;;\n  (b|c) standard-version ;;\n  *) z ;;\nesac\nafter', commands: ['echo a', 'standard-version', 'z', 'after'] },
  { name: 'a function definition is not a run', script: 'git-cliff() { echo stub; }\nfunction standard-version { echo x; }', commands: ['echo stub', 'echo x'] },
  { name: 'GitHub expressions are one opaque part of a word', script: 'tar -czvf git-cliff-${{ env.RELEASE_VERSION }}.tar.gz git-cliff-${{ env.V }}/', commands: ['tar -czvf git-cliff-${{ env.RELEASE_VERSION }}.tar.gz git-cliff-${{ env.V }}/'] },
  { name: 'parameter expansion and arithmetic', script: 'echo ${X:-a b} $((1 + 2)) $1 $@', commands: ['echo ${X:-a b} $((1 + 2)) $1 $@'] },
  { name: 'subshells and groups', script: '(cd a && b) ; { c; }', commands: ['cd a', 'b', 'c'] },
  { name: 'an array assignment keeps its parentheses', script: 'arr=(a b) make build', commands: ['[arr=(a b)] make build'] },
  { name: 'an unterminated quote ends the script without throwing', script: 'echo "abc\nd', commands: ['echo abc\nd'] },
  { name: 'process substitution', script: 'diff <(git-cliff --unreleased) b', commands: ['diff <(git-cliff --unreleased) b', 'git-cliff --unreleased'] },
];

const resolving: ReadonlyArray<{ readonly name: string; readonly script: string; readonly programs: readonly string[]; readonly scripts?: Record<string, string> }> = [
  { name: 'npx, pnpm dlx, yarn dlx, bunx, uvx, pipx run name the package', script: 'npx -y git-cliff@2 --bump\npnpm dlx standard-version\nyarn dlx commit-and-tag-version\nbunx conventional-changelog\nuvx git-cliff\npipx run git-cliff', programs: ['git-cliff', 'standard-version', 'commit-and-tag-version', 'conventional-changelog', 'git-cliff', 'git-cliff'] },
  { name: 'npx -p installs, the next word runs', script: 'npx -p conventional-changelog-cli conventional-changelog -p angular', programs: ['conventional-changelog'] },
  { name: 'sudo, env, time, nohup, timeout, xargs are transparent', script: 'sudo -u me env A=1 time nohup timeout 5m git-cliff\necho x | xargs -n1 standard-version', programs: ['git-cliff', 'echo', 'standard-version'] },
  { name: 'bash -c runs its string', script: `bash -c 'git fetch --unshallow && git-cliff'`, programs: ['git', 'git-cliff'] },
  { name: 'command -v only looks up', script: 'command -v git-cliff || cargo install git-cliff', programs: ['cargo'] },
  { name: 'cargo run --bin runs that binary; cargo install installs', script: 'cargo run --release --bin git-cliff -- --bump\ncargo run --bin git-cliff-completions\ncargo install git-cliff', programs: ['cargo', 'git-cliff', 'cargo', 'git-cliff-completions', 'cargo'] },
  { name: 'docker run of the tool image, and a command inside another image', script: 'docker run -v $PWD:/app orhunp/git-cliff:latest --bump\ndocker run --rm node:20 npx semantic-release', programs: ['docker', 'git-cliff', 'docker', 'semantic-release'] },
  { name: 'a program held in a variable set in the script', script: 'CLIFF=git-cliff\n$CLIFF --bump\n$UNKNOWN x', programs: ['git-cliff', '$UNKNOWN'] },
  { name: 'npm run reads the package script; yarn and pnpm too', scripts: { release: 'standard-version --no-verify', changelog: 'conventional-changelog -p angular' }, script: 'npm run release\nyarn changelog\npnpm run nothing-here', programs: ['npm', 'standard-version', 'yarn', 'conventional-changelog', 'pnpm', 'nothing-here'] },
  { name: 'without package.json, a package script is its name', script: 'npm run git-cliff', programs: ['npm', 'git-cliff'] },
];

describe('pipelines: the CI-script lexer', () => {
  for (const c of lexing) it(c.name, () => assert.deepEqual(commandsOf(c.script), c.commands));

  it('words carry their offsets into the script', () => {
    const script = 'a && "git-cliff" --bump';
    const word = shellCommands(script)[1]!.words[0]!;
    assert.equal(script.slice(word.start, word.end), '"git-cliff"');
    assert.equal(word.value, 'git-cliff');
    assert.ok(word.quoted);
  });

  it('random scripts of shell punctuation: no throw, every word inside the script, in order', () => {
    // mulberry32 with a fixed seed: the same scripts on every run.
    let seed = 15;
    const next = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) % n;
    };
    const alphabet = ['a', ' ', '\n', '\\', "'", '"', '$', '(', ')', '{', '}', '`', '<', '>', '<<', '|', '&', ';', '#', '=', 'EOF', 'case', 'in', 'esac', 'for', 'do', '${{', '}}', '\t', '\r'];
    for (let i = 0; i < 2000; i++) {
      const script = Array.from({ length: 1 + next(40) }, () => alphabet[next(alphabet.length)]).join('');
      const commands = shellCommands(script);
      for (const word of commands.flatMap((c) => [...c.assignments, ...c.words])) {
        assert.ok(word.start >= 0 && word.start <= word.end && word.end <= script.length, JSON.stringify(script));
      }
      assert.doesNotThrow(() => invocations(script), JSON.stringify(script));
    }
  });

  it('never throws on odd input', () => {
    for (const script of ['', '\\', '"', "'", '$(', '$((', '${', '`', '<<', 'cat <<', ')))', '((((', 'case', 'case x in', 'esac', '${{', '$(a $(b $(c $(d $(e $(f $(g $(h $(i $(j))))))))))', 'f() ', '&&&|||;;;']) {
      assert.doesNotThrow(() => invocations(script), JSON.stringify(script));
    }
  });
});

describe('pipelines: resolving what a command runs', () => {
  for (const c of resolving) {
    it(c.name, () => {
      const scripts = c.scripts ? new Map(Object.entries(c.scripts)) : undefined;
      assert.deepEqual(invocations(c.script, scripts ? { packageScripts: scripts } : {}).map((i) => i.program), c.programs);
    });
  }

  it('a package script is recognised through the runner, and a guess without package.json is uncertain', () => {
    const known = invocations('npm run release', { packageScripts: new Map([['release', 'git-cliff --bump']]) }).find((i) => i.program === 'git-cliff')!;
    assert.equal(known.viaScript, 'npm run release');
    assert.equal(known.uncertain, undefined);
    assert.equal(known.text, 'npm run release');
    const guessed = invocations('npm run git-cliff').find((i) => i.program === 'git-cliff')!;
    assert.match(guessed.uncertain ?? '', /cannot be read/);
    const variable = invocations('C=git-cliff\n"$C" --bump').find((i) => i.program === 'git-cliff')!;
    assert.match(variable.uncertain ?? '', /variable/);
  });

  it('a cd makes package.json unknown for the rest of the script', () => {
    const after = invocations('cd docs\nnpm run release', { packageScripts: new Map([['release', 'git-cliff']]) });
    assert.deepEqual(after.map((i) => [i.program, i.uncertain !== undefined]), [['cd', false], ['npm', false], ['release', true]]);
  });

  it('a package script that runs itself stops', () => {
    const loop = invocations('npm run a', { packageScripts: new Map([['a', 'npm run b'], ['b', 'npm run a']]) });
    assert.ok(loop.length < 10);
  });
});
