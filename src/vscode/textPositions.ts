// Offsets into a text as line and character, the way a TextDocument counts them, without one: the diagnostics of a
// file nobody opened stand where they will when it is opened. The counting is the CLI's (core LineIndex), so both
// front ends put a finding on the same line. No vscode import (unit-tested in plain Node).
import { LineIndex } from '../core/report/region';

export interface LineCharacter {
  readonly line: number;
  readonly character: number;
}

/**
 * A mapper from UTF-16 offsets (as in a Finding) to 0-based line and character. Line breaks are those of a
 * TextDocument: `\r\n`, `\n` and `\r`; an offset inside a `\r\n` or past the end is clamped to the line's end.
 */
export function lineCharacters(text: string): (offset: number) => LineCharacter {
  const index = new LineIndex(text);
  return (offset) => index.lineCharacter(offset);
}
