// The reference of `allAttributeSets` (src/node/flags/workspace.ts): the sets read from `git check-attr` asked for
// the three attributes by name, as the history pass asked before it used `--all`.

/** The attributes asked for, in this order. */
export const CHECKED_ATTRIBUTES = ['filter', 'working-tree-encoding', 'diff'] as const;

/**
 * The converted files and those with plain diffs in `check-attr` output (see `readAttributeRecords`). git answers
 * in the order asked (`asked`), and most paths have none of the attributes, so their three records are known in
 * advance and compared in place (12,000 paths: about half the time of reading them record by record); a path whose
 * records differ is read record by record, so the result is always the record reader's (flagsCheckAttr.test.ts checks that too).
 */
export function checkAttributeSets(fields: string, asked: readonly string[]): { converted: Set<string>; plainDiff: Set<string> } {
  const converted = new Set<string>();
  const plainDiff = new Set<string>();
  let from = 0;
  for (const path of asked) {
    const n = path.length;
    if (
      fields.startsWith(path, from) &&
      fields.startsWith('\0filter\0unspecified\0', from + n) &&
      fields.startsWith(path, from + n + 20) &&
      fields.startsWith('\0working-tree-encoding\0unspecified\0', from + 2 * n + 20) &&
      fields.startsWith(path, from + 2 * n + 55) &&
      fields.startsWith('\0diff\0unspecified\0', from + 3 * n + 55)
    ) {
      plainDiff.add(path);
      from += 3 * n + 73;
      continue;
    }
    from = readAttributeRecords(fields, from, CHECKED_ATTRIBUTES.length, converted, plainDiff);
    if (from < 0) break;
  }
  if (from >= 0) readAttributeRecords(fields, from, Infinity, converted, plainDiff);
  return { converted, plainDiff };
}

/**
 * Reads up to `count` records `<path>\0<attribute>\0<value>\0` from `from`: any value of `filter` or
 * `working-tree-encoding` but unspecified or unset converts the file; `diff` unspecified leaves git's diff of it to
 * its bytes. Returns where it stopped, or -1 at the end of the text (a partial record is not read).
 */
function readAttributeRecords(fields: string, from: number, count: number, converted: Set<string>, plainDiff: Set<string>): number {
  for (let records = 0; records < count && from < fields.length; records++) {
    const afterPath = fields.indexOf('\0', from);
    const afterAttribute = afterPath < 0 ? -1 : fields.indexOf('\0', afterPath + 1);
    if (afterAttribute < 0) return -1;
    const valueEnd = fields.indexOf('\0', afterAttribute + 1);
    if (valueEnd < 0) return -1;
    const value = afterAttribute + 1;
    if (fields.startsWith('diff\0', afterPath + 1)) {
      if (fields.startsWith('unspecified\0', value)) plainDiff.add(fields.slice(from, afterPath));
    } else if (!fields.startsWith('unspecified\0', value) && !fields.startsWith('unset\0', value)) converted.add(fields.slice(from, afterPath));
    from = valueEnd + 1;
  }
  return from < fields.length ? from : -1;
}
