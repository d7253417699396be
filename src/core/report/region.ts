// Offsets → line/column, with each text's line starts computed once. One counting for both front ends: line
// breaks are those of a VS Code TextDocument (`\r\n`, `\n` and a lone `\r`), so a finding the CLI reports at
// line N stands on line N in the editor too.
import type { Region } from './types';

/** Where each line of `text` starts, line breaks counted as a TextDocument counts them (CRLF, LF, a lone CR). */
export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') === -1) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code !== 10 && code !== 13) continue;
    if (code === 13 && text.charCodeAt(at + 1) === 10) at++;
    starts.push(at + 1);
  }
  return starts;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStartOffsets(text);
  }

  /** Where line `line` (0-based) ends, before its line break. */
  private lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /**
   * 0-based line and character of a UTF-16 offset, as a TextDocument's `positionAt`: an offset inside a `\r\n`
   * or past the end is clamped to the line's end, a negative one to the start.
   */
  lineCharacter(offset: number): { readonly line: number; readonly character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.starts[low]! };
  }

  /** 1-based line and column (the reports' convention) of a UTF-16 offset. */
  position(offset: number): { readonly line: number; readonly column: number } {
    const { line, character } = this.lineCharacter(offset);
    return { line: line + 1, column: character + 1 };
  }

  region(start: number, end: number): Region {
    const from = this.position(start);
    const to = this.position(Math.max(start, end));
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }
}
