// ripgrep's fastest form of the flag scanner's search, shared by the flag benchmarks: the same call names, an ASCII
// word boundary (a Unicode `\b` makes rg 13 ~10× slower, which would flatter us), the same size limit and files.
import { BUILTIN_FLAG_PATTERNS, callNames } from '../src/core/flags';

export function rgFlagArgs(): string[] {
  const names = callNames(BUILTIN_FLAG_PATTERNS);
  return ['--no-config', '--count-matches', '--max-filesize', '1M', '-g', '*.{js,ts,mjs,cjs,tsx,jsx,py,go,java}', '-e', `(?-u:\\b)(?:${names.join('|')})\\s*\\(`, '.'];
}
