// String literals of PHP, C# and Elixir for the code lexer: each scanner says where a literal that starts at `i`
// ends and where its contents are, or null when no literal starts there.

export interface StringLiteral {
  /** Offset after the closing delimiter (the text's end when unclosed). */
  readonly end: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

const SIGIL_CLOSE: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>', '"': '"', "'": "'", '|': '|', '/': '/' };

/** Scans a body from `from` to `close`; a backslash escapes unless `raw`; `doubled`: `""` is an escaped quote. */
function scanQuoted(text: string, from: number, close: string, raw: boolean, doubled = false): { valueEnd: number; end: number } {
  let k = from;
  while (k < text.length) {
    if (text[k] === '\\' && !raw) {
      k += 2;
      continue;
    }
    if (text.startsWith(close, k)) {
      if (doubled && text.startsWith(close + close, k)) {
        k += close.length * 2;
        continue;
      }
      return { valueEnd: k, end: k + close.length };
    }
    k++;
  }
  return { valueEnd: text.length, end: text.length };
}

/** PHP: '…' and "…" (both may span lines), heredoc <<<EOT / <<<"EOT" and nowdoc <<<'EOT' up to the closing tag. */
export function phpString(text: string, i: number): StringLiteral | null {
  const c = text[i];
  if (c === "'" || c === '"') {
    const { valueEnd, end } = scanQuoted(text, i + 1, c, false);
    return { end, valueStart: i + 1, valueEnd };
  }
  if (c === '<' && text.startsWith('<<<', i)) {
    const m = /^<<<[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\r?\n/.exec(text.slice(i, i + 80));
    if (!m) return null;
    const bodyStart = i + m[0].length;
    // PHP 7.3+: the closing tag may be indented and followed by `;`, `,` or `)` on the same line.
    const close = new RegExp(`^[ \\t]*${m[2]!}\\b`, 'm').exec(text.slice(bodyStart));
    if (!close) return { end: text.length, valueStart: bodyStart, valueEnd: text.length };
    const closeAt = bodyStart + close.index;
    return { end: closeAt + close[0].length, valueStart: bodyStart, valueEnd: Math.max(bodyStart, closeAt - 1) };
  }
  return null;
}

/** C#: "…", verbatim @"…" (`""` escapes a quote), raw """…""" (three or more quotes), interpolated $"…", 'c'. */
export function csharpString(text: string, i: number): StringLiteral | null {
  const m = /^(\$*@\$*|\$+)?("+|')/.exec(text.slice(i, i + 16));
  if (!m) return null;
  const prefix = m[1] ?? '';
  const quotes = m[2]!;
  const open = i + prefix.length;
  if (quotes === "'") {
    const { valueEnd, end } = scanQuoted(text, open + 1, "'", false);
    return { end, valueStart: open + 1, valueEnd };
  }
  if (quotes.length >= 3) {
    const { valueEnd, end } = scanQuoted(text, open + quotes.length, quotes, true);
    return { end, valueStart: open + quotes.length, valueEnd };
  }
  const verbatim = prefix.includes('@');
  // "" outside a verbatim string is the empty string.
  if (quotes.length === 2 && !verbatim) return { end: open + 2, valueStart: open + 1, valueEnd: open + 1 };
  const { valueEnd, end } = scanQuoted(text, open + 1, '"', verbatim, verbatim);
  return { end, valueStart: open + 1, valueEnd };
}

/** Elixir: "…", '…', heredocs """…""" and '''…''', sigils ~s(…) ~S[…] ~w{…} (any delimiter; upper case: raw). */
export function elixirString(text: string, i: number): StringLiteral | null {
  const c = text[i];
  if (c === '"' || c === "'") {
    const delimiter = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    const { valueEnd, end } = scanQuoted(text, i + delimiter.length, delimiter, false);
    return { end, valueStart: i + delimiter.length, valueEnd };
  }
  if (c === '~' && /[A-Za-z]/.test(text[i + 1] ?? '')) {
    const letter = text[i + 1]!;
    const open = text[i + 2] ?? '';
    const heredoc = (open === '"' || open === "'") && text.startsWith(open.repeat(3), i + 2);
    const close = heredoc ? open.repeat(3) : SIGIL_CLOSE[open];
    if (!close) return null;
    const from = i + 2 + (heredoc ? 3 : 1);
    const { valueEnd, end } = scanQuoted(text, from, close, letter === letter.toUpperCase());
    // Modifiers after the closing delimiter: ~r/x/i
    let after = end;
    while (after < text.length && /[a-z]/.test(text[after]!)) after++;
    return { end: after, valueStart: from, valueEnd };
  }
  return null;
}
