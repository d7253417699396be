// A small POSIX/bash lexer for CI script text: splits a `run:` block or a GitLab script item into simple commands
// with their words and offsets, so that rules look at what a command runs rather than at substrings of a line.
//
// Not a library (shell-quote, the popular one, turns newlines into spaces, so `done` and the next command become
// one command, has no here-documents, no offsets, and throws on `${{ … }}`). What it handles: quoting ('…', "…",
// $'…', backslashes), line continuations, comments, `;` `&&` `||` `|` `&` and newlines, redirections (their
// target is not a word of the command), here-documents (the body is skipped), `$(…)`, backticks and `<(…)`
// (their inner commands are commands too), `${…}`, `$((…))`, GitHub `${{ … }}`, `for … in …` lists,
// `case … in pattern)` labels, `if`/`while`/`do`/`{` keywords, and function definitions.

export interface ShellWord {
  /** The word after quote removal; expansions are kept as written (`$X`, `${X}`, `$(…)`, `${{ x }}`). */
  readonly value: string;
  /** Offsets of the word in the script text. */
  readonly start: number;
  readonly end: number;
  /** A part of it was quoted or escaped. */
  readonly quoted: boolean;
  /** A part of it is an expansion whose value is only known at run time. */
  readonly expanded: boolean;
  /** Written as `NAME=…` (the name unquoted). */
  readonly assignment: boolean;
}

export interface ShellCommand {
  /** Leading `NAME=value` words. */
  readonly assignments: readonly ShellWord[];
  /** The command word and its arguments (reserved words such as `if`, `do`, `!` removed). */
  readonly words: readonly ShellWord[];
}

const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const OPERATOR_START = new Set([';', '&', '|', '(', ')']);
const CONTROL_OPERATORS = [';;&', ';;', ';&', '&&', '||', '|&', '|', ';', '&', '(', ')'];
const REDIRECT_START = new Set(['<', '>', '&', '{', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const REDIRECT_RE = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:<<<|<<-|<<|<>|<&|>&|>>|>\||&>>|&>|<|>)/;
/** Reserved words that may precede a command, and those that close a compound command. */
const PREFIX_KEYWORDS = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '}', 'fi', 'done', 'esac', 'time']);
const ASSIGNMENT_RE = /^[A-Za-z_]\w*(?:\[[^\]]*\])?\+?=/;
const MAX_DEPTH = 8;

type Token =
  | { readonly kind: 'word'; readonly word: ShellWord }
  | { readonly kind: 'op'; readonly op: string; readonly start: number };

interface Heredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
}

class Lexer {
  pos: number;
  private readonly pending: Heredoc[] = [];

  constructor(
    private readonly text: string,
    start: number,
    /** Where this (sub)script ends: the end of the text, or the `)` / backtick that closes a substitution. */
    private readonly stop: number,
    /** Commands found inside substitutions, in order. */
    private readonly nested: ShellCommand[],
    private readonly depth: number,
  ) {
    this.pos = start;
  }

  /** Every token up to `stop`. */
  tokens(): Token[] {
    const out: Token[] = [];
    for (let token = this.next(); token !== undefined; token = this.next()) if (token) out.push(token);
    return out;
  }

  /** Tokens up to the `)` that closes a `$(`, counting the parentheses of subshells and case patterns inside. */
  tokensUntilClose(): Token[] {
    const out: Token[] = [];
    let open = 0;
    for (let token = this.next(); token !== undefined; token = this.next()) {
      if (!token) continue;
      if (token.kind === 'op' && token.op === '(') open++;
      if (token.kind === 'op' && token.op === ')') {
        if (open === 0) {
          this.pos = token.start;
          return out;
        }
        open--;
      }
      out.push(token);
    }
    return out;
  }

  /** The next token; null when only a redirection was read; undefined at the end. */
  private next(): Token | null | undefined {
    const t = this.text;
    while (this.pos < this.stop) {
      const c = t[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && t[this.pos + 1] === '\n') this.pos += 2; // a line continuation between words
      else if (c === '\\' && t[this.pos + 1] === '\r' && t[this.pos + 2] === '\n') this.pos += 3;
      else if (c === '#') {
        while (this.pos < this.stop && t[this.pos] !== '\n') this.pos++;
      } else break;
    }
    if (this.pos >= this.stop) return undefined;
    const c = t[this.pos]!;
    if (c === '\n') {
      const start = this.pos++;
      this.skipHeredocBodies();
      return { kind: 'op', op: '\n', start };
    }
    if ((c === '<' || c === '>') && t[this.pos + 1] === '(') return { kind: 'word', word: this.word() };
    // Only these characters can start a redirection (`2>`, `{fd}>`, `&>`, `<<`).
    const redirect = REDIRECT_START.has(c) ? REDIRECT_RE.exec(t.slice(this.pos, Math.min(this.stop, this.pos + 8))) : null;
    if (redirect && (/^[<>&]/.test(redirect[0]) || this.startsRedirect())) {
      this.pos += redirect[0].length;
      this.skipBlanks();
      const target = this.pos < this.stop && !WORD_END.has(t[this.pos]!) ? this.word() : undefined;
      if (target && /<<-?$/.test(redirect[0])) this.pending.push({ delimiter: target.value, stripTabs: redirect[0].endsWith('-') });
      return null;
    }
    const op = OPERATOR_START.has(c) ? CONTROL_OPERATORS.find((o) => t.startsWith(o, this.pos)) : undefined;
    if (op) {
      const start = this.pos;
      this.pos += op.length;
      return { kind: 'op', op, start };
    }
    return { kind: 'word', word: this.word() };
  }

  /** `2>file`: digits directly followed by a redirection operator, at the start of a word. */
  private startsRedirect(): boolean {
    const before = this.pos === 0 ? ' ' : this.text[this.pos - 1]!;
    return WORD_END.has(before) || before === '\r';
  }

  private skipBlanks(): void {
    while (this.pos < this.stop && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  /** After a newline: the bodies of the here-documents opened on the line before are not commands. */
  private skipHeredocBodies(): void {
    const t = this.text;
    while (this.pending.length > 0) {
      const doc = this.pending.shift()!;
      while (this.pos < this.stop) {
        let lineEnd = t.indexOf('\n', this.pos);
        if (lineEnd === -1 || lineEnd > this.stop) lineEnd = this.stop;
        const line = t.slice(this.pos, lineEnd).replace(/\r$/, '');
        this.pos = Math.min(this.stop, lineEnd + 1);
        // Lenient about indentation: CI YAML often indents the terminator, and a body read too long hides commands.
        if ((doc.stripTabs ? line.replace(/^\t+/, '') : line).trim() === doc.delimiter) break;
      }
    }
  }

  private word(): ShellWord {
    const t = this.text;
    const start = this.pos;
    let value = '';
    let quoted = false;
    let expanded = false;
    while (this.pos < this.stop) {
      const c = t[this.pos]!;
      if (WORD_END.has(c) || c === '\r') {
        // `<(…)` / `>(…)` at the start of a word is a process substitution.
        if ((c === '<' || c === '>') && t[this.pos + 1] === '(' && this.pos === start) {
          value += this.substitution(this.pos + 2);
          expanded = true;
          continue;
        }
        // `arr=(a b c)`: an array assignment keeps its parentheses.
        if (c === '(' && ASSIGNMENT_RE.test(value) && value.endsWith('=')) {
          const close = this.matching(this.pos, '(', ')');
          value += t.slice(this.pos, close);
          this.pos = close;
          continue;
        }
        break;
      }
      if (c === '\\') {
        if (t[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 < this.stop) value += t[this.pos + 1];
        quoted = true;
        this.pos += 2;
      } else if (c === "'") {
        const close = this.indexOrStop("'", this.pos + 1);
        const inner = t.slice(this.pos + 1, close);
        value += inner;
        if (inner.includes('${{')) expanded = true; // GitHub substitutes expressions before the shell runs
        quoted = true;
        this.pos = Math.min(this.stop, close + 1);
      } else if (c === '"') {
        this.pos++;
        quoted = true;
        while (this.pos < this.stop && t[this.pos] !== '"') {
          const d = t[this.pos]!;
          if (d === '\\' && '$`"\\\n'.includes(t[this.pos + 1] ?? '')) {
            if (t[this.pos + 1] !== '\n') value += t[this.pos + 1];
            this.pos += 2;
          } else if (d === '$' || d === '`') {
            const part = this.dollar();
            value += part.text;
            expanded ||= part.expanded;
          } else {
            value += d;
            this.pos++;
          }
        }
        this.pos = Math.min(this.stop, this.pos + 1);
      } else if (c === '$' || c === '`') {
        if (t[this.pos + 1] === "'") {
          // ANSI-C quoting: escapes are not interpreted here, the text is literal enough for matching.
          const close = this.ansiEnd(this.pos + 2);
          value += t.slice(this.pos + 2, close);
          quoted = true;
          this.pos = Math.min(this.stop, close + 1);
        } else {
          const part = this.dollar();
          value += part.text;
          expanded ||= part.expanded;
        }
      } else {
        value += c;
        this.pos++;
      }
    }
    this.pos = Math.min(this.pos, this.stop); // a trailing backslash reads past the end
    return { value, start, end: this.pos, quoted, expanded, assignment: ASSIGNMENT_RE.test(t.slice(start, this.pos)) };
  }

  /** At `$` or a backtick: reads one expansion, returns its source text. */
  private dollar(): { text: string; expanded: boolean } {
    const t = this.text;
    const start = this.pos;
    if (t[start] === '`') {
      const close = this.backtickEnd(start + 1);
      this.nestedCommands(start + 1, close);
      this.pos = Math.min(this.stop, close + 1);
      return { text: t.slice(start, this.pos), expanded: true };
    }
    const next = t[start + 1];
    if (next === '{' && t[start + 2] === '{') {
      const close = t.indexOf('}}', start + 3);
      this.pos = close === -1 || close + 2 > this.stop ? this.stop : close + 2;
    } else if (next === '(' && t[start + 2] === '(') {
      this.pos = this.matching(start + 1, '(', ')');
    } else if (next === '(') {
      this.substitution(start + 2);
    } else if (next === '{') {
      this.pos = this.matching(start + 1, '{', '}');
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let p = start + 1;
      while (p < this.stop && /\w/.test(t[p]!)) p++;
      this.pos = p;
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.pos = start + 2;
    } else {
      this.pos = start + 1;
      return { text: '$', expanded: false };
    }
    return { text: t.slice(start, this.pos), expanded: true };
  }

  /** `$(` … `)`: lexes the inner script (its commands are commands too) and moves past the `)`. */
  private substitution(innerStart: number): string {
    const start = this.pos;
    if (this.depth >= MAX_DEPTH) {
      this.pos = this.matching(innerStart - 1, '(', ')');
      return this.text.slice(start, this.pos);
    }
    const inner = new Lexer(this.text, innerStart, this.stop, this.nested, this.depth + 1);
    const tokens = inner.tokensUntilClose();
    this.nested.push(...commandsOf(tokens));
    this.pos = Math.min(this.stop, inner.pos + 1);
    return this.text.slice(start, this.pos);
  }

  private backtickEnd(from: number): number {
    let p = from;
    while (p < this.stop && this.text[p] !== '`') p += this.text[p] === '\\' ? 2 : 1;
    return Math.min(p, this.stop);
  }

  private nestedCommands(start: number, end: number): void {
    if (this.depth >= MAX_DEPTH) return;
    const inner = new Lexer(this.text, start, end, this.nested, this.depth + 1);
    this.nested.push(...commandsOf(inner.tokens()));
  }

  private ansiEnd(from: number): number {
    let p = from;
    while (p < this.stop && this.text[p] !== "'") p += this.text[p] === '\\' ? 2 : 1;
    return Math.min(p, this.stop);
  }

  private indexOrStop(needle: string, from: number): number {
    const i = this.text.indexOf(needle, from);
    return i === -1 || i > this.stop ? this.stop : i;
  }

  /** The offset after the bracket that closes the one at `open`, skipping quoted text. */
  private matching(open: number, opening: string, closing: string): number {
    const t = this.text;
    let level = 0;
    let p = open;
    while (p < this.stop) {
      const c = t[p]!;
      if (c === '\\') {
        p += 2;
        continue;
      }
      if (c === "'" && opening !== '{') {
        p = this.indexOrStop("'", p + 1) + 1;
        continue;
      }
      if (c === opening) level++;
      else if (c === closing) {
        level--;
        if (level === 0) return p + 1;
      }
      p++;
    }
    return this.stop;
  }
}

/** Groups tokens into simple commands, dropping reserved words, `for` lists, `case` patterns and function heads. */
function commandsOf(tokens: readonly Token[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  let words: ShellWord[] = [];
  /** Per open `case`: 'head' until `in`, then 'pattern' until `)`, then 'body' until `;;`. */
  const cases: ('head' | 'pattern' | 'body')[] = [];
  const withoutKeywords = (list: readonly ShellWord[]): ShellWord[] => {
    let i = 0;
    while (i < list.length && !list[i]!.quoted && PREFIX_KEYWORDS.has(list[i]!.value)) i++;
    return list.slice(i);
  };
  const flush = (): void => {
    let rest = withoutKeywords(words);
    words = [];
    // `function name {` (or `function name() {`): the body's first command follows the name.
    if (rest[0] && !rest[0].quoted && rest[0].value === 'function') rest = withoutKeywords(rest.slice(2));
    if (rest.length === 0) return;
    const first = rest[0]!;
    if (!first.quoted && (first.value === 'for' || first.value === 'select')) return;
    if (!first.quoted && first.value === 'case') {
      cases.push(rest.some((w, k) => k >= 2 && !w.quoted && w.value === 'in') ? 'pattern' : 'head');
      return;
    }
    let a = 0;
    while (a < rest.length && rest[a]!.assignment) a++;
    out.push({ assignments: rest.slice(0, a), words: rest.slice(a) });
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const state = cases[cases.length - 1];
    if (token.kind === 'word') {
      const w = token.word;
      if (state === 'head') {
        if (!w.quoted && w.value === 'in') cases[cases.length - 1] = 'pattern';
        continue;
      }
      if (state === 'pattern') {
        if (!w.quoted && w.value === 'esac') cases.pop();
        continue; // a pattern label, not a command
      }
      if (state === 'body' && words.length === 0 && !w.quoted && w.value === 'esac') {
        cases.pop();
        continue;
      }
      // `name() {` or `name ()`: a function definition, not a run of `name`.
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (words.length === 0 && next?.kind === 'op' && next.op === '(' && after?.kind === 'op' && after.op === ')') {
        i += 2;
        continue;
      }
      words.push(w);
      continue;
    }
    if (state === 'pattern') {
      if (token.op === ')') cases[cases.length - 1] = 'body';
      continue;
    }
    flush();
    if (state === 'body' && (token.op === ';;' || token.op === ';&' || token.op === ';;&')) cases[cases.length - 1] = 'pattern';
  }
  flush();
  return out;
}

/** The simple commands of a script, in order; commands inside `$(…)` and backticks come before the command holding them. */
export function shellCommands(script: string): ShellCommand[] {
  const nested: ShellCommand[] = [];
  const lexer = new Lexer(script, 0, script.length, nested, 0);
  const tokens = lexer.tokens();
  // Substitutions are lexed while their word is read, so their commands are collected first; order them by offset.
  const all = [...nested, ...commandsOf(tokens)];
  return all.sort((a, b) => startOf(a) - startOf(b));
}

function startOf(c: ShellCommand): number {
  return (c.assignments[0] ?? c.words[0])?.start ?? 0;
}
