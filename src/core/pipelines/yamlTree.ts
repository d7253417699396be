// YAML → a small located tree: every key and value keeps its file and UTF-16 offsets, aliases are resolved
// (the copy keeps the anchor's offsets), merge keys (`<<`) are applied, and unknown tags (`!reference`) kept.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';
import { yamlNestingProblem } from '../yamlNesting';

export interface Loc {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

interface Base extends Loc {
  readonly tag?: string;
}
export interface LScalar extends Base {
  readonly kind: 'scalar';
  readonly value: unknown;
}
export interface LSeq extends Base {
  readonly kind: 'seq';
  readonly items: readonly LNode[];
}
export interface LEntry {
  readonly key: string;
  readonly keyLoc: Loc;
  readonly value: LNode;
}
export interface LMap extends Base {
  readonly kind: 'map';
  readonly entries: readonly LEntry[];
  /** True when written in block style (`key: value` lines), so line-based fixes are safe. */
  readonly block: boolean;
}
export type LNode = LScalar | LSeq | LMap;

export interface ParsedYaml {
  readonly root: LNode | undefined;
  /** GitLab's `spec:` header document (before `---`), when the file has one. */
  readonly header?: LNode;
  /** The first error, if the YAML does not parse. */
  readonly error?: { readonly message: string; readonly start: number; readonly end: number };
}

const MAX_DEPTH = 64;
/**
 * How many nodes the document may stand for once every alias and merge key is expanded. Aliases are shared, not
 * copied (each YAML node is converted once), but everything downstream walks the expanded tree, so a "billion
 * laughs" document (ten levels of nine aliases each) is refused here, before anything walks it. A 500-job GitLab
 * configuration stands for about 30,000.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

/** Per parse: each YAML node's converted form and the number of nodes it expands to. */
interface Conversion {
  readonly converted: Map<YamlNode, LNode>;
  readonly sizes: WeakMap<LNode, number>;
}

class AliasExpansionError extends Error {}

/** A parser's stack overflow (a file nested 100,000 deep) in the words of the person who wrote the file. */
function readable(message: string): string {
  return /Maximum call stack size exceeded/.test(message) ? 'nested too deeply to read (Maximum call stack size exceeded)' : message;
}

export function parseYaml(file: string, text: string): ParsedYaml {
  let doc: Document.Parsed;
  let headerDoc: Document.Parsed | undefined;
  try {
    const deep = yamlNestingProblem(text);
    if (deep) return { root: undefined, error: { message: deep.message, start: deep.offset, end: Math.min(text.length, deep.offset + 1) } };
    const docs = parseAllDocuments(text, { keepSourceTokens: true, uniqueKeys: false, prettyErrors: false, strict: false });
    if (!Array.isArray(docs)) return { root: undefined }; // an empty stream
    const first = docs[0];
    if (!first) return { root: undefined };
    // GitLab's `spec:` header (CI/CD inputs) is a document of its own before `---` and the configuration.
    const header = docs.length === 2 && isMap(first.contents) && first.contents.items.some((p) => isScalar(p.key) && p.key.value === 'spec') && first.errors.length === 0;
    doc = header ? docs[1]! : first;
    if (header) headerDoc = first;
    if (docs.length > 1 && !header) {
      const extra = docs[1]!;
      const start = extra.range[0];
      return { root: undefined, error: { message: 'More than one YAML document in the file (CI reads only a single document)', start, end: Math.min(text.length, start + 3) } };
    }
  } catch (error) {
    return { root: undefined, error: { message: readable(String((error as Error).message ?? error)), start: 0, end: Math.min(1, text.length) } };
  }
  const first = doc.errors[0];
  if (first) {
    // An error at the end of the text (an unclosed `[`) has the position one past it: keep the range inside,
    // and widen an end between the halves of a surrogate pair (`!😀`) to the whole character.
    const start = Math.min(first.pos[0], text.length);
    let end = Math.min(Math.max(first.pos[1], start), text.length);
    if (end > 0 && end < text.length && /[\ud800-\udbff]/.test(text[end - 1]!) && /[\udc00-\udfff]/.test(text[end]!)) end++;
    const startsInside = start > 0 && start < text.length && /[\ud800-\udbff]/.test(text[start - 1]!) && /[\udc00-\udfff]/.test(text[start]!);
    return { root: undefined, error: { message: readable(first.message.split('\n')[0]!), start: startsInside ? start - 1 : start, end } };
  }
  try {
    const conversion: Conversion = { converted: new Map(), sizes: new WeakMap() };
    const root = doc.contents ? convert(doc, doc.contents as YamlNode, file, 0, conversion) : undefined;
    const header = headerDoc?.contents ? convert(headerDoc, headerDoc.contents as YamlNode, file, 0, { converted: new Map(), sizes: new WeakMap() }) : undefined;
    return header ? { root, header } : { root };
  } catch (error) {
    const message = String((error as Error).message ?? error);
    if (error instanceof AliasExpansionError) {
      const firstAlias = text.search(/\*[^\s,\]}]/);
      const start = Math.max(0, firstAlias);
      return { root: undefined, error: { message, start, end: Math.min(text.length, start + 1) } };
    }
    return { root: undefined, error: { message, start: 0, end: Math.min(1, text.length) } };
  }
}

/**
 * Anchors of a document, collected in one walk: `Alias.resolve(doc)` walks the whole document per alias, which
 * is quadratic on configurations where hundreds of jobs merge one anchor. An alias refers to the last anchor of
 * its name before it.
 */
const anchorIndex = new WeakMap<object, Map<string, { start: number; node: YamlNode }[]>>();

function resolveAlias(doc: Document.Parsed, alias: { source: string; range?: [number, number, number] | null }): YamlNode | undefined {
  let index = anchorIndex.get(doc);
  if (!index) {
    const built = new Map<string, { start: number; node: YamlNode }[]>();
    visit(doc, (_key, node) => {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor && (isScalar(node) || isMap(node) || isSeq(node))) {
        const list = built.get(anchor) ?? [];
        list.push({ start: node.range?.[0] ?? 0, node: node as YamlNode });
        built.set(anchor, list);
      }
    });
    index = built;
    anchorIndex.set(doc, index);
  }
  const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
  let found: YamlNode | undefined;
  for (const candidate of index.get(alias.source) ?? []) if (candidate.start < at) found = candidate.node;
  return found;
}

function rangeOf(node: YamlNode | null | undefined, fallback: number): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [fallback, fallback];
}

/** Converts `node` once per parse (an alias to it reuses the result) and keeps the expanded size within bounds. */
function convert(doc: Document.Parsed, node: YamlNode, file: string, depth: number, conversion: Conversion): LNode {
  if (depth > MAX_DEPTH) throw new Error('YAML nesting (or alias recursion) too deep');
  if (isAlias(node)) {
    const target = resolveAlias(doc, node);
    if (!target) {
      const [start, end] = rangeOf(node, 0);
      return { kind: 'scalar', value: null, file, start, end };
    }
    return convert(doc, target as YamlNode, file, depth + 1, conversion);
  }
  const done = conversion.converted.get(node);
  if (done) return done;
  const converted = convertNode(doc, node, file, depth, conversion);
  let size = 1;
  if (converted.kind === 'seq') for (const item of converted.items) size += conversion.sizes.get(item) ?? 1;
  if (converted.kind === 'map') for (const { value } of converted.entries) size += 1 + (conversion.sizes.get(value) ?? 1);
  if (size > MAX_EXPANDED_NODES) {
    throw new AliasExpansionError(`YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb?); the file is not read`);
  }
  conversion.sizes.set(converted, size);
  conversion.converted.set(node, converted);
  return converted;
}

function convertNode(doc: Document.Parsed, node: YamlNode, file: string, depth: number, conversion: Conversion): LNode {
  const [start, end] = rangeOf(node, 0);
  const tag = node.tag && !node.tag.startsWith('tag:yaml.org') ? { tag: node.tag } : {};
  if (isScalar(node)) return { kind: 'scalar', value: node.value, file, start, end, ...tag };
  if (isSeq(node)) {
    const items: LNode[] = [];
    for (const item of node.items) {
      if (item === null || item === undefined) continue;
      items.push(isPair(item) ? pairAsMap(doc, item, file, depth, conversion) : convert(doc, item as YamlNode, file, depth + 1, conversion));
    }
    return { kind: 'seq', items, file, start, end, ...tag };
  }
  if (isMap(node)) {
    const explicit: LEntry[] = [];
    const merged: LEntry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyValue = isScalar(keyNode) ? keyNode.value : keyNode === null ? null : String(keyNode);
      const key = String(keyValue);
      const [ks, ke] = rangeOf(keyNode, start);
      const keyLoc: Loc = { file, start: ks, end: ke };
      const value: LNode = pair.value
        ? convert(doc, pair.value as YamlNode, file, depth + 1, conversion)
        : { kind: 'scalar', value: null, file, start: ke, end: ke };
      if (key === '<<' && isScalar(keyNode) && !keyNode.type?.includes('QUOTE')) {
        const sources = value.kind === 'seq' ? value.items : [value];
        for (const source of sources) {
          if (source.kind === 'map') for (const entry of source.entries) merged.push(entry);
        }
        continue;
      }
      explicit.push({ key, keyLoc, value });
    }
    const entries = dedupe(explicit);
    const seen = new Set(entries.map((e) => e.key));
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      entries.push(entry);
    }
    return { kind: 'map', entries, file, start, end, block: !(node as { flow?: boolean }).flow, ...tag };
  }
  return { kind: 'scalar', value: null, file, start, end };
}

function pairAsMap(doc: Document.Parsed, pair: { key: unknown; value: unknown }, file: string, depth: number, conversion: Conversion): LMap {
  const keyNode = pair.key as YamlNode;
  const [ks, ke] = rangeOf(keyNode, 0);
  const value: LNode = pair.value ? convert(doc, pair.value as YamlNode, file, depth + 1, conversion) : { kind: 'scalar', value: null, file, start: ke, end: ke };
  const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
  return { kind: 'map', entries: [{ key, keyLoc: { file, start: ks, end: ke }, value }], file, start: ks, end: value.end, block: false };
}

/** Duplicate keys: the last one wins (as GitLab and GitHub read them). */
function dedupe(entries: LEntry[]): LEntry[] {
  const index = new Map<string, number>();
  const out: LEntry[] = [];
  for (const entry of entries) {
    const at = index.get(entry.key);
    if (at === undefined) {
      index.set(entry.key, out.length);
      out.push(entry);
    } else out[at] = entry;
  }
  return out;
}

// ---- accessors ----

export function entry(node: LNode | undefined, key: string): LEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e;
  return undefined;
}

export function get(node: LNode | undefined, key: string): LNode | undefined {
  return entry(node, key)?.value;
}

/** The scalar as a string (numbers and booleans stringified); undefined for null, maps and sequences. */
export function str(node: LNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function isTrue(node: LNode | undefined): boolean {
  return node?.kind === 'scalar' && (node.value === true || (typeof node.value === 'string' && /^true$/i.test(node.value)));
}

export function isFalse(node: LNode | undefined): boolean {
  return node?.kind === 'scalar' && (node.value === false || (typeof node.value === 'string' && /^false$/i.test(node.value)));
}

/** Sequence items, or the node itself when it is a single value. */
export function listOf(node: LNode | undefined): readonly LNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar' && node.value === null) return [];
  return [node];
}

/** GitLab deep merge: maps merge key by key (the override wins), anything else is replaced. */
export function deepMerge(base: LNode | undefined, override: LNode): LNode {
  if (base?.kind !== 'map' || override.kind !== 'map') return override;
  const entries: LEntry[] = [...base.entries];
  for (const e of override.entries) {
    const at = entries.findIndex((b) => b.key === e.key);
    if (at === -1) entries.push(e);
    else entries[at] = { key: e.key, keyLoc: e.keyLoc, value: deepMerge(entries[at]!.value, e.value) };
  }
  return { ...override, entries };
}

export function withEntries(map: LMap, entries: readonly LEntry[]): LMap {
  return { ...map, entries };
}
