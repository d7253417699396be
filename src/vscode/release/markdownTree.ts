// A tiny, safe reading of the changelog's Markdown for the webview: headings, bullet lists, paragraphs, **bold**,
// `code` and [links](https://…) only. The result is a plain tree of text runs; the webview builds it with
// createElement/textContent, so no text ever becomes HTML. Links keep only http(s) targets. Pure (no vscode).

export type MarkdownInline =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'strong'; readonly children: readonly MarkdownInline[] }
  | { readonly t: 'code'; readonly text: string }
  | { readonly t: 'link'; readonly href: string; readonly children: readonly MarkdownInline[] };

export type MarkdownBlock =
  | { readonly t: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly children: readonly MarkdownInline[] }
  | { readonly t: 'list'; readonly items: readonly (readonly MarkdownInline[])[] }
  | { readonly t: 'paragraph'; readonly children: readonly MarkdownInline[] };

const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** Only absolute http(s) URLs without whitespace or quotes; anything else is dropped (the text stays). */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (!/^https?:\/\/[^\s"'<>`\\]+$/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * For each `open` bracket of `text`, the index of the `close` one that matches it (-1 if none), honouring
 * backslash escapes. One pass per text: looking for the match from every `[` again was quadratic (20,000 `[` in
 * a subject took two seconds).
 */
function matchingBrackets(text: string, open: string, close: string): Int32Array {
  const matches = new Int32Array(text.length).fill(-1);
  const opened: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === open) opened.push(i);
    else if (ch === close) {
      const from = opened.pop();
      if (from !== undefined) matches[from] = i;
    }
  }
  return matches;
}

/** Index of the next unescaped `token` at or after `from`; -1 if none. */
function nextToken(text: string, from: number, token: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(token, i)) return i;
  }
  return -1;
}

export function parseInline(text: string, depth = 0): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let squares: Int32Array | undefined;
  let parens: Int32Array | undefined;
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') out.push({ t: 'text', text: buffer });
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const nextCh = text[i + 1];
    if (ch === '\\' && nextCh !== undefined && ESCAPABLE.test(nextCh)) {
      buffer += nextCh;
      i++;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'code', text: text.slice(i + 1, end) });
        i = end;
        continue;
      }
    }
    if (depth < 4 && ch === '*' && nextCh === '*') {
      const end = nextToken(text, i + 2, '**');
      if (end > i + 2) {
        flush();
        out.push({ t: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 4 && ch === '[') {
      const close = (squares ??= matchingBrackets(text, '[', ']'))[i]!;
      if (close > i && text[close + 1] === '(') {
        const end = (parens ??= matchingBrackets(text, '(', ')'))[close + 1]!;
        if (end > close + 1) {
          const children = parseInline(text.slice(i + 1, close), depth + 1);
          const href = safeHref(text.slice(close + 2, end));
          flush();
          if (href !== null) out.push({ t: 'link', href, children });
          else out.push(...children);
          i = end;
          continue;
        }
      }
    }
    buffer += ch;
  }
  flush();
  // Merge neighbouring text runs (escapes split them).
  const merged: MarkdownInline[] = [];
  for (const node of out) {
    const last = merged[merged.length - 1];
    if (node.t === 'text' && last?.t === 'text') merged[merged.length - 1] = { t: 'text', text: last.text + node.text };
    else merged.push(node);
  }
  return merged;
}

/** Reads the Markdown subset of a changelog section into blocks. Never throws; unknown syntax stays text. */
export function parseMarkdownBlocks(markdown: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let list: string[] | null = null;
  let paragraph: string[] | null = null;
  const end = (): void => {
    if (list) blocks.push({ t: 'list', items: list.map((item) => parseInline(item)) });
    if (paragraph) blocks.push({ t: 'paragraph', children: parseInline(paragraph.join(' ')) });
    list = null;
    paragraph = null;
  };
  for (const raw of markdown.split(/\r?\n/)) {
    // trimEnd, not /\s+$/: that expression retried from every blank of a long inner run (quadratic).
    const line = raw.trimEnd();
    const heading = /^(#{1,4})[ \t]+(.*)$/.exec(line);
    const item = /^[*-][ \t]+(.*)$/.exec(line);
    if (line.trim() === '') {
      end();
    } else if (heading) {
      end();
      blocks.push({ t: 'heading', level: (heading[1] as string).length as 1 | 2 | 3 | 4, children: parseInline(heading[2] as string) });
    } else if (item) {
      if (paragraph) end();
      list ??= [];
      list.push(item[1] as string);
    } else if (list && /^[ \t]+\S/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) end();
      paragraph ??= [];
      paragraph.push(line.trim());
    }
  }
  end();
  return blocks;
}
