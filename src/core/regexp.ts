// One escape for text that goes into a RegExp as a literal: names from settings, tag formats, key lists.
// Only the syntax characters are escaped, so the result is valid with and without the `u` flag.

/** `text` as a literal inside a regular expression (`(a+)+$` stays those six characters, never a pattern). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
