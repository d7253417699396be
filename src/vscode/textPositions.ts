// Offsets into a text as line and character, the way a TextDocument counts them, without one: the diagnostics of a
// file nobody opened stand where they will when it is opened. No vscode import (unit-tested in plain Node).

export interface LineCharacter {
  readonly line: number;
  readonly character: number;
}

/**
 * A mapper from UTF-16 offsets (as in a Finding) to 0-based line and character. Line breaks are those of a
 * TextDocument: `\r\n`, `\n` and `\r`; an offset inside a `\r\n` or past the end is clamped to the line's end.
 */
export function lineCharacters(text: string): (offset: number) => LineCharacter {
  const starts = [0];
  /** Where each line's text ends (before its line break). */
  const ends: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code !== 10 && code !== 13) continue;
    ends.push(at);
    if (code === 13 && text.charCodeAt(at + 1) === 10) at++;
    starts.push(at + 1);
  }
  ends.push(text.length);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: Math.min(clamped, ends[low] as number) - (starts[low] as number) };
  };
}
