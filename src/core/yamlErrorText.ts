// The first line of a yaml package error, with the line and column of where it starts. Readers parse with
// `prettyErrors: false`: prettifying copies the context line into every error, which is quadratic on a long line
// of errors (40,000 `"` took a second), so the position of the one error shown is computed here instead.
import { YAMLError } from 'yaml';

export function yamlErrorText(error: unknown, text: string): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.split('\n')[0] ?? '';
  if (!(error instanceof YAMLError)) return message;
  const offset = Math.max(0, Math.min(error.pos[0], text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${message} at line ${line}, column ${offset - lineStart + 1}`;
}
