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

/** Index of the `close` bracket matching the `open` one at `start`, honouring backslash escapes; -1 if none. */
function matching(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i;
  }
  return -1;
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
      const close = matching(text, i, '[', ']');
      if (close > i && text[close + 1] === '(') {
        const end = matching(text, close + 1, '(', ')');
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
    const line = raw.replace(/\s+$/, '');
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
