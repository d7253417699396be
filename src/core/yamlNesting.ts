// How deeply a YAML text nests its collections, measured before the yaml package composes it. Its composer
// recurses once per level, so "[[[[…", "- - - …" or a thousand indented keys overflow the stack: the package
// reports that as a parse error, but V8 may die outright on a later overflow ("RegExpCompiler Allocation
// failed - process out of memory"). Its CST parser keeps an explicit stack, so the depth is read from the CST,
// here with an explicit stack too. Every YAML reader of src/core calls yamlNestingProblem first.
import { Parser, type CST } from 'yaml';

/** Far deeper than any pipeline, registry or release configuration nests, far below the composer's limit. */
export const MAX_YAML_NESTING = 128;

export interface YamlNestingProblem {
  readonly message: string;
  /** UTF-16 offset of the collection that is one level too deep. */
  readonly offset: number;
}

/** Children of a CST token that can hold collections. */
function childrenOf(token: CST.Token): readonly CST.Token[] {
  switch (token.type) {
    case 'document':
      return token.value ? [token.value] : [];
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      const children: CST.Token[] = [];
      for (const item of token.items) {
        if ('key' in item && item.key) children.push(item.key);
        if (item.value) children.push(item.value);
      }
      return children;
    }
    default:
      return [];
  }
}

const isCollection = (token: CST.Token): boolean => token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';

/** Undefined when every collection of `text` nests at most `limit` levels deep; else where it goes deeper. */
export function yamlNestingProblem(text: string, limit = MAX_YAML_NESTING): YamlNestingProblem | undefined {
  const pending: Array<{ readonly token: CST.Token; readonly depth: number }> = [];
  for (const token of new Parser().parse(text)) pending.push({ token, depth: 0 });
  while (pending.length > 0) {
    const { token, depth } = pending.pop()!;
    const level = isCollection(token) ? depth + 1 : depth;
    if (level > limit) {
      return { message: `YAML nested deeper than ${limit} levels is not read`, offset: 'offset' in token ? token.offset : 0 };
    }
    for (const child of childrenOf(token)) pending.push({ token: child, depth: level });
  }
  return undefined;
}
