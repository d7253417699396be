// A light tokenizer for Ruby, Python, JavaScript/TypeScript, PHP, C# and Elixir migration files: strings (with
// heredocs, nowdocs, triple quotes, verbatim and raw strings, sigils and template literals), comments and symbols
// (atoms) are single tokens, so a drop written in a comment or a string never looks like a call. Plus a small argument reader for calls: `name(a, b, key=value)`, Ruby's
// `name a, b, key: value` without parentheses.

import { csharpString, elixirString, phpString, type StringLiteral } from './stringLexers';

export type CodeLanguage = 'ruby' | 'python' | 'js' | 'php' | 'csharp' | 'elixir';
export type CodeTokenKind = 'ident' | 'string' | 'symbol' | 'number' | 'punct' | 'comment';

export interface CodeToken {
  readonly kind: CodeTokenKind;
  readonly start: number;
  readonly end: number;
  /** Identifier text; string contents (no quotes); symbol name without the colon. */
  readonly value: string;
  /** Offset of the string's contents in the file (strings only): start of the text after the opening quote. */
  readonly valueStart?: number;
  /** A newline separates this token from the previous one. */
  readonly newlineBefore: boolean;
}

const identStart = /[A-Za-z_$@]/;
const identPart = /[A-Za-z0-9_$?!]/;
// Languages with line (//) and block (slash-star) comments.
const slashComments = (language: CodeLanguage): boolean => language === 'js' || language === 'php' || language === 'csharp';
/** Languages with `#` line comments (PHP: not `#[`, which opens an attribute). */
const hashComments = (language: CodeLanguage): boolean => language === 'ruby' || language === 'python' || language === 'php' || language === 'elixir';
const STRING_LEXERS: Partial<Record<CodeLanguage, (text: string, i: number) => StringLiteral | null>> = { php: phpString, csharp: csharpString, elixir: elixirString };

export function lexCode(text: string, language: CodeLanguage): CodeToken[] {
  const tokens: CodeToken[] = [];
  let i = 0;
  let newline = true;
  const heredocs: string[] = [];
  const push = (token: Omit<CodeToken, 'newlineBefore'>): void => {
    tokens.push({ ...token, newlineBefore: newline });
    newline = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      newline = true;
      i++;
      // Ruby heredoc bodies start on the next line.
      while (heredocs.length > 0) {
        const tag = heredocs.shift()!;
        const bodyStart = i;
        const re = new RegExp(`^[ \\t]*${tag.replace(/[^A-Za-z0-9_]/g, '')}[ \\t]*$`, 'm');
        const m = re.exec(text.slice(i));
        const bodyEnd = m ? i + m.index : text.length;
        push({ kind: 'string', start: bodyStart, end: bodyEnd, value: text.slice(bodyStart, bodyEnd), valueStart: bodyStart });
        i = m ? bodyEnd + m[0].length : text.length;
        newline = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    // Comments
    if ((c === '#' && hashComments(language) && !(language === 'php' && text[i + 1] === '[')) || (c === '/' && text[i + 1] === '/' && slashComments(language))) {
      while (i < text.length && text[i] !== '\n') i++;
      push({ kind: 'comment', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (c === '/' && text[i + 1] === '*' && slashComments(language)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      push({ kind: 'comment', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (language === 'ruby' && newline && text.startsWith('=begin', i)) {
      const close = text.indexOf('\n=end', i);
      i = close < 0 ? text.length : close + 5;
      push({ kind: 'comment', start, end: i, value: text.slice(start, i) });
      continue;
    }
    // Ruby heredoc opener: <<~SQL, <<-SQL, <<SQL, <<~'SQL'
    if (language === 'ruby' && c === '<' && text[i + 1] === '<') {
      const m = /^<<[~-]?(['"]?)([A-Z_][A-Z0-9_]*)\1/.exec(text.slice(i, i + 40));
      if (m) {
        heredocs.push(m[2]!);
        i += m[0].length;
        continue;
      }
    }
    const literal = STRING_LEXERS[language]?.(text, i);
    if (literal) {
      push({ kind: 'string', start, end: literal.end, value: text.slice(literal.valueStart, literal.valueEnd), valueStart: literal.valueStart });
      i = literal.end;
      continue;
    }
    // Python string prefixes (r, b, f, u…) directly before a quote.
    let q = c;
    let prefix = 0;
    if (language === 'python' && /[rRbBfFuU]/.test(c)) {
      const m = /^[rRbBfFuU]{1,2}(?=['"])/.exec(text.slice(i, i + 3));
      if (m) {
        prefix = m[0].length;
        q = text[i + prefix]!;
      }
    }
    if (q === '"' || q === "'" || (q === '`' && language === 'js')) {
      const triple = language === 'python' && text.startsWith(q.repeat(3), i + prefix);
      const delimiter = triple ? q.repeat(3) : q;
      const raw = /r/i.test(text.slice(i, i + prefix));
      let k = i + prefix + delimiter.length;
      const valueStart = k;
      while (k < text.length) {
        if (text[k] === '\\' && !raw) {
          k += 2;
          continue;
        }
        if (text.startsWith(delimiter, k)) break;
        if (!triple && q !== '`' && text[k] === '\n') break;
        k++;
      }
      push({ kind: 'string', start, end: Math.min(text.length, k + delimiter.length), value: text.slice(valueStart, k), valueStart });
      i = k + delimiter.length;
      continue;
    }
    // Ruby %w[...] / %i[...] word lists: expand into string tokens.
    if (language === 'ruby' && c === '%' && /[wi]/.test(text[i + 1] ?? '') && /[[({<]/.test(text[i + 2] ?? '')) {
      const open = text[i + 2]!;
      const close = { '[': ']', '(': ')', '{': '}', '<': '>' }[open]!;
      const end = text.indexOf(close, i + 3);
      const stop = end < 0 ? text.length : end;
      push({ kind: 'punct', start, end: i + 3, value: '[' });
      const re = /\S+/g;
      const body = text.slice(i + 3, stop);
      for (let m = re.exec(body); m; m = re.exec(body)) {
        const s = i + 3 + m.index;
        push({ kind: 'string', start: s, end: s + m[0].length, value: m[0], valueStart: s });
        push({ kind: 'punct', start: s + m[0].length, end: s + m[0].length, value: ',' });
      }
      push({ kind: 'punct', start: stop, end: stop + 1, value: ']' });
      i = stop + 1;
      continue;
    }
    // Ruby symbols and Elixir atoms: :name (Elixir also :"name")
    if ((language === 'ruby' || language === 'elixir') && c === ':' && text[i + 1] !== ':' && text[i - 1] !== ':') {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*[?!]?)/.exec(text.slice(i, i + 200));
      if (m) {
        push({ kind: 'symbol', start, end: i + m[0].length, value: m[1]!, valueStart: i + 1 });
        i += m[0].length;
        continue;
      }
      const close = language === 'elixir' && text[i + 1] === '"' ? text.indexOf('"', i + 2) : -1;
      if (close > 0 && !text.slice(i + 2, close).includes('\n')) {
        push({ kind: 'symbol', start, end: close + 1, value: text.slice(i + 2, close), valueStart: i + 2 });
        i = close + 1;
        continue;
      }
    }
    if (identStart.test(c)) {
      i++;
      while (i < text.length && identPart.test(text[i]!)) i++;
      // Ruby keyword arguments `null: false` → ident then ':' punct (kept separate).
      push({ kind: 'ident', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9A-Za-z_.]/.test(text[i]!)) i++;
      push({ kind: 'number', start, end: i, value: text.slice(start, i) });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '=>' || two === '==' || two === '::' || two === '+=' || two === '||' || two === '&&' || two === '**' || (two === '->' && (language === 'php' || language === 'csharp'))) {
      push({ kind: 'punct', start, end: i + 2, value: two });
      i += 2;
      continue;
    }
    // A character outside the BMP is one token: two would put a range end between its surrogate halves.
    const width = c >= '\ud800' && c <= '\udbff' && text[i + 1] !== undefined && text[i + 1]! >= '\udc00' && text[i + 1]! <= '\udfff' ? 2 : 1;
    push({ kind: 'punct', start, end: i + width, value: text.slice(i, i + width) });
    i += width;
  }
  return tokens;
}

export interface ArgValue {
  readonly kind: 'string' | 'symbol' | 'ident' | 'call' | 'list' | 'other';
  /** The string or symbol name; the identifier (dotted) for ident/call. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The first string/symbol token when it is one (for exact ranges). */
  readonly token?: CodeToken;
  readonly call?: CallArgs;
  readonly items?: readonly ArgValue[];
}

export interface CallArgs {
  readonly positional: readonly ArgValue[];
  readonly keywords: ReadonlyMap<string, ArgValue>;
  /** Index of the token after the argument list. */
  readonly next: number;
  /** Index of a Ruby/JS block or callback body start (`do`, `{`, `=>`) right after the arguments, if any. */
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Reads call arguments. `at` is the index of `(` (parenthesised) or of the first argument (Ruby without
 * parentheses: up to the end of the line, continued after a trailing comma).
 */
export function readArgs(tokens: readonly CodeToken[], at: number, depth = 0): CallArgs {
  const positional: ArgValue[] = [];
  const keywords = new Map<string, ArgValue>();
  const paren = tokens[at]?.value === '(';
  let i = paren ? at + 1 : at;
  const done = (k: number): boolean => {
    const t = tokens[k];
    if (!t) return true;
    if (paren) return t.value === ')';
    if (k > at && t.newlineBefore && tokens[k - 1]?.value !== ',') return true;
    return t.kind === 'ident' && (t.value === 'do' || t.value === 'end') ? true : t.value === '{' && k > at && tokens[k - 1]?.value !== ',';
  };
  while (!done(i)) {
    const t = tokens[i]!;
    if (t.kind === 'comment' || t.value === ',') {
      i++;
      continue;
    }
    // key: value (Ruby, JS objects at top level), key=value (Python), :key => value
    const after = tokens[i + 1];
    if ((t.kind === 'ident' || t.kind === 'symbol' || t.kind === 'string') && after && (after.value === ':' || after.value === '=' || after.value === '=>') && (after.value !== ':' || t.kind !== 'symbol')) {
      if (!(after.value === '=>' && t.kind === 'ident')) {
        const value = readValue(tokens, i + 2, !paren, depth);
        keywords.set(t.value, value.value);
        i = value.next;
        continue;
      }
    }
    const value = readValue(tokens, i, !paren, depth);
    positional.push(value.value);
    i = value.next;
  }
  return { positional, keywords, next: paren ? i + 1 : i };
}

/**
 * How deeply lists and calls inside arguments are read (`[[…]]`, `f(g(…))`); deeper ones are skipped as "other"
 * (skipRest balances brackets without recursion), so `[[[[…` cannot overflow the stack.
 */
const MAX_VALUE_DEPTH = 32;

function readValue(tokens: readonly CodeToken[], at: number, nl = false, depth = 0): { value: ArgValue; next: number } {
  const t = tokens[at];
  if (!t) return { value: { kind: 'other', text: '', start: 0, end: 0 }, next: at + 1 };
  if (t.kind === 'string' || t.kind === 'symbol') {
    // "a" "b" concatenation and `'a' + x` are "other" beyond the first literal; keep the literal.
    let next = at + 1;
    while (tokens[next] && tokens[next]!.kind === 'string' && !tokens[next]!.newlineBefore) next++;
    return { value: { kind: t.kind, text: t.value, start: t.start, end: t.end, token: t }, next: skipRest(tokens, next, nl) };
  }
  if (t.value === '[' && depth < MAX_VALUE_DEPTH) {
    const items: ArgValue[] = [];
    let i = at + 1;
    while (tokens[i] && tokens[i]!.value !== ']') {
      if (tokens[i]!.value === ',' || tokens[i]!.kind === 'comment') {
        i++;
        continue;
      }
      const v = readValue(tokens, i, false, depth + 1);
      items.push(v.value);
      i = v.next;
    }
    return { value: { kind: 'list', text: '', start: t.start, end: tokens[i]?.end ?? t.end, items }, next: skipRest(tokens, i + 1, nl) };
  }
  if (t.kind === 'ident' && depth < MAX_VALUE_DEPTH) {
    let i = at;
    let name = t.value;
    while (tokens[i + 1]?.value === '.' && tokens[i + 2]?.kind === 'ident') {
      name += '.' + tokens[i + 2]!.value;
      i += 2;
    }
    if (tokens[i + 1]?.value === '(') {
      const call = readArgs(tokens, i + 1, depth + 1);
      return { value: { kind: 'call', text: name, start: t.start, end: tokens[call.next - 1]?.end ?? t.end, call }, next: skipRest(tokens, call.next, nl) };
    }
    return { value: { kind: 'ident', text: name, start: t.start, end: tokens[i]!.end }, next: skipRest(tokens, i + 1, nl) };
  }
  return { value: { kind: 'other', text: t.value, start: t.start, end: t.end }, next: skipRest(tokens, OPEN[t.value] ? at : at + 1, nl) };
}

/**
 * For each opening bracket of `tokens`, the index of the closing one that brings the nesting back (any closing
 * bracket closes any opening one, as skipRest counts them); -1 when none does. One pass per token array, so
 * skipRest jumps over a group instead of walking it again for every call nested in it (quadratic on `f(f(f(…`).
 */
const CLOSING = new WeakMap<readonly CodeToken[], Int32Array>();

function closingBrackets(tokens: readonly CodeToken[]): Int32Array {
  let closing = CLOSING.get(tokens);
  if (closing) return closing;
  closing = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'punct') continue;
    if (OPEN[token.value]) open.push(i);
    else if (token.value === ')' || token.value === ']' || token.value === '}') {
      const from = open.pop();
      if (from !== undefined) closing[from] = i;
    }
  }
  CLOSING.set(tokens, closing);
  return closing;
}

/** Skips the rest of an argument expression: balanced brackets up to the next `,` or closing bracket. */
function skipRest(tokens: readonly CodeToken[], at: number, stopAtNewline: boolean): number {
  const closing = closingBrackets(tokens);
  for (let i = at; i < tokens.length; i++) {
    const v = tokens[i]!.value;
    // Ruby calls without parentheses end at the end of the line (unless it ends with a comma or an open bracket).
    if (stopAtNewline && tokens[i]!.newlineBefore && tokens[i - 1]?.value !== ',' && !OPEN[tokens[i - 1]?.value ?? '']) return i;
    if (stopAtNewline && tokens[i]!.kind === 'ident' && tokens[i]!.value === 'do') return i;
    if (tokens[i]!.kind !== 'punct') continue;
    if (OPEN[v]) {
      // A group that is never closed runs to the end, as the nesting count never came back to zero.
      if (closing[i]! < 0) return tokens.length;
      i = closing[i]!;
    } else if (v === ')' || v === ']' || v === '}' || v === ',') return i;
  }
  return tokens.length;
}
