// The scanner's lexer: the tokens of the reference lexer (test/unit/core/flags/reference/lexer.ts,
// kept with the differential test test/unit/core/flags/tokens.test.ts) as columns of typed arrays instead of one object per token.
//
// Why: a 870 KB bundled module has ~130,000 tokens; one object and one substring each, all alive until the file
// is scanned, made the garbage collector copy every one of them (scavenges of live data) and cost more than the
// lexing itself. Here a token is five integers in buffers reused from file to file; its text is sliced only when
// the scanner asks for it (an identifier before `(`, a constant's name and value), and a string literal is decoded
// only then. Token boundaries, kinds, lines and values are exactly the reference's: every rule below mirrors one
// in the reference lexer, in the same order.
import type { FlagLanguage } from './types';

export const enum Tok {
  Ident = 1,
  Str = 2,
  /** A string that is not a constant (template with `${}`, f-string): never a key. */
  DynStr = 3,
  Punct = 4,
  Num = 5,
}

/** A token as an object: the reference lexer's unit (test/unit/core/flags/reference), and scan.ts's few lookups. */
export interface Token {
  readonly kind: Tok;
  readonly start: number;
  readonly end: number;
  /** Identifier name, punctuation character, or the decoded string value. */
  readonly value: string;
  /** 0-based line of `start`. */
  readonly line: number;
}

/** A comment holding `flag:` (where inline annotations are). */
export interface LexComment {
  readonly text: string;
  readonly start: number;
  /** 0-based line. */
  readonly line: number;
}

/** How a string-like token's value is made from its value range [valueStart, valueEnd) of the text. */
const enum ValueMode {
  /** The text of the range. */
  Slice = 0,
  /** The range unescaped (it holds a backslash). */
  Unescape = 1,
  /** Stored in `decoded` (a Python f-string, whose kind depends on its decoded value). */
  Stored = 2,
}

/**
 * The tokens of one text: token `t` (0 ≤ t < count) is kind[t], start[t], end[t], line[t]. An identifier's,
 * number's or punctuation's value is its text; a string's (and a Java/Go char literal's) is made from
 * valueStart/valueEnd/mode, columns written for those tokens only. `code[t]` is the value's character code when
 * the value is one character (0 otherwise): `code[t] === 61` is the reference's `tokens[t].value === '='`, for
 * every kind (a string `'='` too), without a copy.
 *
 * The one shared stream is reused by the next `lexTokens` call: read it before lexing another text, copy out
 * what must be kept.
 */
export class TokenStream {
  text = '';
  count = 0;
  kind: Uint8Array = new Uint8Array(INITIAL_TOKENS);
  start: Int32Array = new Int32Array(INITIAL_TOKENS);
  end: Int32Array = new Int32Array(INITIAL_TOKENS);
  line: Int32Array = new Int32Array(INITIAL_TOKENS);
  code: Uint16Array = new Uint16Array(INITIAL_TOKENS);
  valueStart: Int32Array = new Int32Array(INITIAL_TOKENS);
  valueEnd: Int32Array = new Int32Array(INITIAL_TOKENS);
  mode: Uint8Array = new Uint8Array(INITIAL_TOKENS);
  decoded = new Map<number, string>();
  /** Comments containing `flag:` (the only ones annotations can be in). */
  comments: LexComment[] = [];
  /** Offsets of line starts (line i starts at lineStarts[i]); lineCount of them. */
  lineStarts: Int32Array = new Int32Array(INITIAL_TOKENS);
  lineCount = 0;
  /** While lexing: the offset of the first newline at or after the lexer's position (-1: none left). */
  nextNewline = -1;
  /** While lexing: the next `flag:` a comment may hold (-1: none left), the line, the language. */
  nextFlag = -1;
  lexLine = 0;
  language: FlagLanguage = 'js';

  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.decoded.clear();
    this.comments = [];
    this.lineCount = 1;
    this.lineStarts[0] = 0;
  }

  /** Whether token t's value is made from its value columns (a string, or a char literal), not its text. */
  private stringLike(t: number): boolean {
    const kind = this.kind[t];
    return kind === Tok.Str || kind === Tok.DynStr || (kind === Tok.Num && this.text.charCodeAt(this.start[t]!) === 39);
  }

  /** The reference lexer's `value` of token t; undefined out of range. */
  value(t: number): string | undefined {
    if (t < 0 || t >= this.count) return undefined;
    if (!this.stringLike(t)) return this.text.slice(this.start[t]!, this.end[t]!);
    const mode = this.mode[t]!;
    if (mode === ValueMode.Slice) return this.text.slice(this.valueStart[t]!, this.valueEnd[t]!);
    if (mode === ValueMode.Unescape) return unescape(this.text.slice(this.valueStart[t]!, this.valueEnd[t]!));
    return this.decoded.get(t)!;
  }

  /** Whether token t's value is `value` (any kind, as the reference's `tokens[t]?.value === value`); no copy. */
  is(t: number, value: string): boolean {
    if (t < 0 || t >= this.count) return false;
    if (value.length === 1) return this.code[t] === value.charCodeAt(0);
    if (!this.stringLike(t)) return this.end[t]! - this.start[t]! === value.length && this.text.startsWith(value, this.start[t]!);
    return this.value(t) === value;
  }

  /** Whether token t is the punctuation character with this code. */
  isPunct(t: number, code: number): boolean {
    return t >= 0 && t < this.count && this.kind[t] === Tok.Punct && this.code[t] === code;
  }

  /** Token t's kind, 0 out of range. */
  kindAt(t: number): number {
    return t >= 0 && t < this.count ? this.kind[t]! : 0;
  }

  /** Room for `more` tokens past `count`. */
  reserve(more: number): void {
    const needed = this.count + more;
    if (needed <= this.kind.length) return;
    let size = this.kind.length * 2;
    while (size < needed) size *= 2;
    this.kind = grown(this.kind, size);
    this.mode = grown(this.mode, size);
    this.code = grown(this.code, size);
    this.start = grown(this.start, size);
    this.end = grown(this.end, size);
    this.line = grown(this.line, size);
    this.valueStart = grown(this.valueStart, size);
    this.valueEnd = grown(this.valueEnd, size);
  }

  /**
   * Buffers grown past MAX_KEPT_TOKENS for one large file are let go after it, so a long-lived process (the
   * editor) does not keep tens of megabytes for the largest file it ever scanned.
   */
  release(): void {
    if (this.kind.length > MAX_KEPT_TOKENS) Object.assign(this, new TokenStream());
    else {
      // Nothing of the text stays: a comment's text is a view that would keep the whole file until the next one.
      this.text = '';
      this.decoded.clear();
      this.comments = [];
    }
  }

  pushLine(start: number): void {
    if (this.lineCount === this.lineStarts.length) this.lineStarts = grown(this.lineStarts, this.lineStarts.length * 2);
    this.lineStarts[this.lineCount++] = start;
  }
}

// Small: the first scan (of the priming samples, scan.ts) then takes the paths that grow the buffers, so V8 has
// seen them before it optimises the loop that calls them (an unseen path costs a deoptimisation).
const INITIAL_TOKENS = 16;
// ~1.5 MB of columns at most stay with the process between scans (an editor keeps it for hours).
const MAX_KEPT_TOKENS = 1 << 16;

function grown<A extends Uint8Array | Uint16Array | Int32Array>(array: A, size: number): A {
  const next = new (array.constructor as new (size: number) => A)(size);
  next.set(array);
  return next;
}

const isIdPart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127 || (c >= 48 && c <= 57);

/** Characters after which a `/` starts a regular expression literal in JS (lexer.ts REGEX_AFTER_PUNCT). */
const REGEX_AFTER_PUNCT = new Uint8Array(128);
for (const c of '(,=:[!&|?{};+-*%>~^') REGEX_AFTER_PUNCT[c.charCodeAt(0)] = 1;
const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/** lexer.ts `unescape`, the same rules. */
export function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e.length > 1 && e[0] === 'u') {
      const code = parseInt(e.replace(/[u{}]/g, ''), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : e;
    }
    if (e.length > 1 && e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
  });
}

const shared = new TokenStream();

/** The tokens of `text` in the shared stream (valid until the next call; `release()` it when done). */
export function lexTokens(text: string, language: FlagLanguage): TokenStream {
  shared.reset(text);
  lexInto(shared, text, language);
  return shared;
}

/**
 * Whether [from, to) of text holds a backslash (the reference unescapes only then; without, the raw text). A loop
 * over the range, not indexOf: that would search past `to`, as far as the next backslash of the file.
 */
function hasBackslash(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 92) return true;
  return false;
}

/** Whether [from, to) of text holds `${` (the reference: the template's value includes it). */
function hasInterpolation(text: string, from: number, to: number): boolean {
  for (let k = from; k + 1 < to; k++) if (text.charCodeAt(k) === 36 && text.charCodeAt(k + 1) === 123) return true;
  return false;
}

/** Character classes of ASCII for the lexer's loop (one table read instead of a chain of comparisons). */
const enum CharClass {
  Other = 0,
  /** A-Z a-z _ $ */
  Ident = 1,
  Digit = 2,
  /** Space, tab, carriage return. */
  Blank = 4,
}
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36) CLASS[c] = CharClass.Ident;
  else if (c >= 48 && c <= 57) CLASS[c] = CharClass.Digit;
  else if (c === 32 || c === 9 || c === 13) CLASS[c] = CharClass.Blank;
}

/**
 * A string-like token: its value columns and `code`. `code` is the value's character when it is one character:
 * decoding an escaped value is done here only when it is short enough to decode to one character.
 */
function pushString(out: TokenStream, kind: Tok, start: number, end: number, line: number, valueStart: number, valueEnd: number, mode: ValueMode): void {
  out.reserve(1);
  const t = out.count++;
  out.kind[t] = kind;
  out.start[t] = start;
  out.end[t] = end;
  out.line[t] = line;
  out.valueStart[t] = valueStart;
  out.valueEnd[t] = valueEnd;
  out.mode[t] = mode;
  let code = 0;
  if (mode === ValueMode.Slice) {
    if (valueEnd - valueStart === 1) code = out.text.charCodeAt(valueStart);
  } else if (mode === ValueMode.Unescape) {
    // One character decodes from at most `\u{10FFFF}` (10 characters).
    if (valueEnd - valueStart <= 10) {
      const value = unescape(out.text.slice(valueStart, valueEnd));
      if (value.length === 1) code = value.charCodeAt(0);
    }
  } else {
    const value = out.decoded.get(t)!;
    if (value.length === 1) code = value.charCodeAt(0);
  }
  out.code[t] = code;
}

/**
 * The lexer's loop. Only the common tokens are handled here (identifiers, blanks, newlines, numbers,
 * punctuation), so that this function is small: V8 optimises it early and cheaply (a cold process spends more
 * on compiling a large loop, and on recompiling it after a branch it had not seen, than on running it).
 * Strings, comments and regular expressions are `lexOther`'s.
 */
function lexInto(out: TokenStream, text: string, language: FlagLanguage): void {
  const n = text.length;
  let line = 0;
  let i = 0;
  const python = language === 'python';
  out.language = language;
  out.nextFlag = text.indexOf('flag:');
  out.nextNewline = text.indexOf('\n');
  const classes = CLASS; // a local: the module binding would be re-read (and checked) on every character
  // The columns are written through locals, re-read whenever another function may have grown them (`reserve`).
  out.reserve(64);
  let capacity = out.kind.length;
  let kinds = out.kind;
  let starts = out.start;
  let ends = out.end;
  let lines = out.line;
  let codes = out.code;
  let count = out.count;

  while (i < n) {
    if (count >= capacity) {
      out.count = count;
      out.reserve(Math.max(64, (n - i) >> 2));
      capacity = out.kind.length;
      kinds = out.kind;
      starts = out.start;
      ends = out.end;
      lines = out.line;
      codes = out.code;
    }
    let c = text.charCodeAt(i);
    const cls = c < 128 ? classes[c]! : CharClass.Ident;
    if (cls === CharClass.Ident) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d > 127 || (classes[d]! & (CharClass.Ident | CharClass.Digit)) !== 0) j++;
        else break;
      }
      // Python string prefixes: r"", b"", f"", rb"", u"" …
      if (python && j - i <= 2 && j < n && isPythonStringStart(text, i, j)) {
        out.count = count;
        out.lexLine = line;
        i = pythonPrefixedString(out, text, i, j);
        line = out.lexLine;
        count = out.count;
        capacity = out.kind.length;
        kinds = out.kind;
        starts = out.start;
        ends = out.end;
        lines = out.line;
        codes = out.code;
        continue;
      }
      kinds[count] = Tok.Ident;
      starts[count] = i;
      ends[count] = j;
      lines[count] = line;
      codes[count] = j - i === 1 ? c : 0;
      count++;
      i = j;
      continue;
    }
    if (cls === CharClass.Blank) {
      i++;
      while (i < n && (c = text.charCodeAt(i)) < 128 && classes[c] === CharClass.Blank) i++;
      continue;
    }
    if (c === 10) {
      line++;
      out.pushLine(i + 1);
      out.nextNewline = text.indexOf('\n', i + 1);
      i++;
      continue;
    }
    if (cls === CharClass.Digit) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d > 127 || (classes[d]! & (CharClass.Ident | CharClass.Digit)) !== 0 || d === 46) j++;
        else break;
      }
      kinds[count] = Tok.Num;
      starts[count] = i;
      ends[count] = j;
      lines[count] = line;
      codes[count] = j - i === 1 ? c : 0;
      count++;
      i = j;
      continue;
    }
    // `/`, `#`, quotes: a comment, a regular expression or a string, unless lexOther says it is punctuation.
    if (c === 47 || c === 34 || c === 39 || c === 96 || c === 35) {
      out.count = count;
      out.lexLine = line;
      const j = lexOther(out, text, i, c);
      if (j >= 0) {
        i = j;
        line = out.lexLine;
        count = out.count;
        capacity = out.kind.length;
        kinds = out.kind;
        starts = out.start;
        ends = out.end;
        lines = out.line;
        codes = out.code;
        continue;
      }
    }
    kinds[count] = Tok.Punct;
    starts[count] = i;
    ends[count] = i + 1;
    lines[count] = line;
    codes[count] = c;
    count++;
    i++;
  }
  out.count = count;
  // Past the last token: kind and code 0 (no token), so loops may read up to 4 tokens ahead without a bound check.
  out.reserve(SENTINELS);
  out.kind.fill(0, count, count + SENTINELS);
  out.code.fill(0, count, count + SENTINELS);
}

/** Zeroed token slots after the last token (see lexInto). */
export const SENTINELS = 4;

/**
 * A comment, a regular expression or a string at i (first character c, at line `out.lexLine`): its token (none
 * for a comment), and its end; -1 when the character is punctuation after all (a division, `#` outside Python).
 */
function lexOther(out: TokenStream, text: string, i: number, c: number): number {
  const n = text.length;
  const language = out.language;
  if (c === 47) {
    if (language === 'python') return -1;
    const d = text.charCodeAt(i + 1);
    if (d === 47) {
      let j = out.nextNewline; // text.indexOf('\n', i)
      if (j < 0) j = n;
      if (out.nextFlag >= 0) comment(out, text, i, j, i + 2, j);
      return j;
    }
    if (d === 42) {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      if (out.nextFlag >= 0) comment(out, text, i, j, i + 2, j - 2);
      out.lexLine = newlinesIn(out, text, j, out.lexLine);
      return j;
    }
    if (language === 'js' && regexAllowed(out)) {
      const j = readRegex(text, i);
      out.lexLine = newlinesIn(out, text, j, out.lexLine);
      // The reference's line is the one after the regex's newlines (it pushes after counting them).
      pushString(out, Tok.DynStr, i, j, out.lexLine, i, i, ValueMode.Slice);
      return j;
    }
    return -1;
  }
  if (c === 35) {
    if (language !== 'python') return -1;
    let j = out.nextNewline; // text.indexOf('\n', i)
    if (j < 0) j = n;
    if (out.nextFlag >= 0) comment(out, text, i, j, i + 1, j);
    return j;
  }
  const end = quotedString(out, text, language, i, c, out.lexLine);
  out.lexLine = newlinesIn(out, text, end, out.lexLine);
  return end;
}

/** `rb"`, `f'` …: a Python string prefix (1–2 of r, b, u, f in any case) at text[i, j) before a quote. */
function isPythonStringStart(text: string, i: number, j: number): boolean {
  const q = text.charCodeAt(j);
  return (q === 34 || q === 39) && isStringPrefix(text, i, j);
}

/**
 * A Python string with a prefix (`f"…"`, `rb'…'`; the prefix at i, the quote at j; at line `out.lexLine`): its
 * token, then the tokens of an f-string's replacement fields. Returns the string's end.
 */
function pythonPrefixedString(out: TokenStream, text: string, i: number, j: number): number {
  const line = out.lexLine;
  const end = readPythonString(text, j);
  const q = text[j]!;
  const triple = text.startsWith(q + q + q, j);
  const bodyStart = triple ? j + 3 : j + 1;
  const bodyEnd = triple ? end - 3 : end - 1;
  if (isFPrefix(text, i, j)) {
    const raw = unescape(text.slice(bodyStart, bodyEnd));
    const dynamic = raw.includes('{');
    out.decoded.set(out.count, raw);
    pushString(out, dynamic ? Tok.DynStr : Tok.Str, i, end, line, bodyStart, bodyEnd, ValueMode.Stored);
    // The replacement fields of an f-string are code: `f"{posthog.feature_enabled('x', id)}"` is a call.
    if (dynamic) for (const field of fStringFields(text, j, end)) embed(out, text, out.language, line, i, field.start, field.end);
  } else pushString(out, Tok.Str, i, end, line, bodyStart, bodyEnd, hasBackslash(text, bodyStart, bodyEnd) ? ValueMode.Unescape : ValueMode.Slice);
  out.lexLine = newlinesIn(out, text, end, line);
  return end;
}

/** A string opened by the quote `c` at i (no Python prefix): its token; returns its end. */
function quotedString(out: TokenStream, text: string, language: FlagLanguage, i: number, c: number, line: number): number {
  const n = text.length;
  let end: number;
  let kind = Tok.Str;
  let valueStart: number;
  let valueEnd: number;
  let mode = ValueMode.Slice;
  if (language === 'python') {
    end = readPythonString(text, i);
    const triple = text.startsWith(text[i]! + text[i]! + text[i]!, i);
    valueStart = triple ? i + 3 : i + 1;
    valueEnd = triple ? end - 3 : end - 1;
    if (hasBackslash(text, valueStart, valueEnd)) mode = ValueMode.Unescape;
  } else if (c === 96 && language === 'js') {
    end = readTemplate(text, i);
    valueStart = i + 1;
    valueEnd = end - 1;
    if (hasInterpolation(text, valueStart, valueEnd)) kind = Tok.DynStr;
  } else if (c === 96) {
    // Go raw string.
    const j = text.indexOf('`', i + 1);
    end = j < 0 ? n : j + 1;
    valueStart = i + 1;
    valueEnd = end - 1;
  } else if (c === 34 && language === 'java' && text.startsWith('"""', i)) {
    const j = text.indexOf('"""', i + 3);
    end = j < 0 ? n : j + 3;
    valueStart = i + 3;
    valueEnd = end - 3;
  } else {
    end = readQuoted(text, i, c);
    valueStart = i + 1;
    valueEnd = end - 1;
    if (hasBackslash(text, valueStart, valueEnd)) mode = ValueMode.Unescape;
    if ((language === 'java' || language === 'go') && c === 39) kind = Tok.Num; // a char/rune literal
  }
  pushString(out, kind, i, end, line, valueStart, valueEnd, mode);
  return end;
}

/** A `flag:` comment is kept (lexer.ts `comment`); `out.nextFlag` moves to the next `flag:` (-1: none left). */
function comment(out: TokenStream, text: string, start: number, end: number, bodyStart: number, bodyEnd: number): void {
  if (out.nextFlag < start) out.nextFlag = text.indexOf('flag:', start);
  if (out.nextFlag >= 0 && out.nextFlag < end) out.comments.push({ text: text.slice(bodyStart, bodyEnd), start, line: out.lexLine });
}

/**
 * Counts the newlines up to `to` (the end of a string, comment or regex; `out.nextNewline` is the first at or after
 * its start), leaves `nextNewline` at the first at or after `to`, and returns the new line number. Each newline is
 * found once by indexOf (native), whatever the lengths of the tokens and lines.
 */
function newlinesIn(out: TokenStream, text: string, to: number, line: number): number {
  let k = out.nextNewline;
  while (k >= 0 && k < to) {
    line++;
    out.pushLine(k + 1);
    k = text.indexOf('\n', k + 1);
  }
  out.nextNewline = k;
  return line;
}

/** The tokens of the code in text[from, to) (an f-string field at line `line`, opened at `stringStart`). */
function embed(out: TokenStream, text: string, language: FlagLanguage, line: number, stringStart: number, from: number, to: number): void {
  const inner = new TokenStream();
  const field = text.slice(from, to);
  inner.reset(field);
  lexInto(inner, field, language);
  out.reserve(inner.count);
  for (let t = 0; t < inner.count; t++) {
    let atLine = line;
    for (let k = text.indexOf('\n', stringStart); k >= 0 && k < from + inner.start[t]!; k = text.indexOf('\n', k + 1)) atLine++;
    const u = out.count++;
    out.kind[u] = inner.kind[t]!;
    out.start[u] = from + inner.start[t]!;
    out.end[u] = from + inner.end[t]!;
    out.line[u] = atLine;
    out.code[u] = inner.code[t]!;
    out.valueStart[u] = from + inner.valueStart[t]!;
    out.valueEnd[u] = from + inner.valueEnd[t]!;
    out.mode[u] = inner.mode[t]!;
    if (inner.mode[t] === ValueMode.Stored && inner.decoded.has(t)) out.decoded.set(u, inner.decoded.get(t)!);
  }
}

function isStringPrefix(text: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    const c = text.charCodeAt(k) | 32; // lower case
    if (c !== 114 && c !== 98 && c !== 117 && c !== 102) return false; // r b u f
  }
  return true;
}

function isFPrefix(text: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if ((text.charCodeAt(k) | 32) === 102) return true;
  return false;
}

/** Whether a `/` after the last token starts a regular expression (lexer.ts `regexAllowed`). */
function regexAllowed(out: TokenStream): boolean {
  const t = out.count - 1;
  if (t < 0) return true;
  const kind = out.kind[t];
  if (kind === Tok.Punct) {
    const c = out.code[t]!;
    return c < 128 && REGEX_AFTER_PUNCT[c] === 1;
  }
  if (kind === Tok.Ident) return REGEX_AFTER_KEYWORD.has(out.text.slice(out.start[t]!, out.end[t]!));
  return false;
}

function readRegex(text: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 10) return j; // not a regex after all; stop at the line end
    if (c === 92) j += 2;
    else {
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        j++;
        while (j < text.length && isIdPart(text.charCodeAt(j))) j++;
        return j;
      }
      j++;
    }
  }
  return j;
}

function readQuoted(text: string, i: number, quote: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === quote) return j + 1;
    else if (c === 10) return j; // unterminated: stop at the line end
    else j++;
  }
  return text.length;
}

/** A JS template literal, nested `${ … }` (with strings and templates inside) included. */
function readTemplate(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === 96) return j + 1;
    else if (c === 36 && text.charCodeAt(j + 1) === 123) {
      let depth = 1;
      j += 2;
      while (j < text.length && depth > 0) {
        const d = text.charCodeAt(j);
        if (d === 123) depth++;
        else if (d === 125) depth--;
        else if (d === 39 || d === 34) {
          j = readQuoted(text, j, d);
          continue;
        } else if (d === 96) {
          j = readTemplate(text, j);
          continue;
        }
        j++;
      }
    } else j++;
  }
  return text.length;
}

/** lexer.ts `fStringFields`, the same rules. */
function fStringFields(text: string, quoteAt: number, end: number): Array<{ start: number; end: number }> {
  const q = text[quoteAt]!;
  const open = text.startsWith(q + q + q, quoteAt) ? 3 : 1;
  const bodyEnd = end - open;
  const fields: Array<{ start: number; end: number }> = [];
  for (let k = quoteAt + open; k < bodyEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 123 /* { */) {
      if (text.charCodeAt(k + 1) === 123) {
        k++;
        continue;
      }
      let depth = 1;
      let m = k + 1;
      while (m < bodyEnd && depth > 0) {
        const d = text.charCodeAt(m);
        if (d === 123 || d === 40 || d === 91) depth++;
        else if (d === 125 || d === 41 || d === 93) depth--;
        else if (d === 39 || d === 34) {
          const close = text.indexOf(text[m]!, m + 1);
          m = close < 0 || close >= bodyEnd ? bodyEnd : close;
        }
        if (depth > 0) m++;
      }
      fields.push({ start: k + 1, end: m });
      k = m;
    } else if (c === 125 && text.charCodeAt(k + 1) === 125) k++;
  }
  return fields;
}

/** Python strings: '…', "…", '''…''', """…""" (the prefix already consumed; `i` at the first quote). */
function readPythonString(text: string, i: number): number {
  const q = text[i]!;
  const triple = text.startsWith(q + q + q, i);
  if (triple) {
    const j = text.indexOf(q + q + q, i + 3);
    return j < 0 ? text.length : j + 3;
  }
  return readQuoted(text, i, text.charCodeAt(i));
}
