/**
 * Finding things in a parsed YAML document by field path, and naming field paths.
 *
 * Paths are the ones zod and the engine use: `['history', 'medications', 1, 'dose']`,
 * written for people as `history.medications[1].dose`.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type FieldPath = readonly PropertyKey[];

export interface Position {
  line: number;
  column: number;
}

/** Points at a field of a loaded case (for the engine and letters). */
export interface CaseSource {
  locate(path: (string | number)[]): Position | undefined;
  /** The parsed document, comments included (placeholders are found by their comments). */
  readonly doc: Document;
}

/** `history.medications[1].dose`; keys that are not plain words are quoted: `rules["a b"]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** What a path leads to in the document. */
export interface Resolved {
  /** The node at the full path, if every segment was found. */
  node?: Node;
  /** The key node of the last segment, when it is a mapping key. */
  key?: Node;
  /** The deepest node reached, and the key that led to it (for "missing field" positions). */
  deepest?: Node;
  deepestKey?: Node;
}

/**
 * Follows `path` through mappings and sequences, resolving aliases on the way.
 * Iterative: paths are short, but documents are untrusted.
 */
export function resolvePath(doc: Document, path: FieldPath): Resolved {
  let node = doc.contents as Node | null;
  let key: Node | undefined;
  let deepest = node ?? undefined;
  let deepestKey: Node | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    let next: Node | null = null;
    key = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) return { deepest, deepestKey };
      key = pair.key as Node;
      next = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = (node.items[segment] as Node | undefined) ?? null;
    }
    if (!next) return { deepest, deepestKey, ...(key ? { key } : {}) };
    node = next;
    deepest = next;
    deepestKey = key;
  }
  return { node: node ?? undefined, key, deepest, deepestKey };
}

/** The text of a scalar key, as it appears as a JS property name. */
export function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** 1-based line and column of a node's start. */
export function nodePosition(node: Node | undefined, lines: LineCounter): Position | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : offsetPosition(offset, lines);
}

export function offsetPosition(offset: number, lines: LineCounter): Position {
  const { line, col } = lines.linePos(offset);
  // linePos answers line 0 before the first recorded newline; that is line 1.
  return line === 0 ? { line: 1, column: offset + 1 } : { line, column: col };
}

/** The field path of the deepest node that contains `offset` (for syntax errors). */
export function pathAtOffset(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node = doc.contents as Node | null;
  while (node) {
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const v = pair.value as Node | null;
        const name = keyText(k);
        if (name === undefined) break;
        if (contains(k, offset)) return [...path, name];
        if (contains(v, offset)) {
          path.push(name);
          next = v;
          break;
        }
      }
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node | null, offset));
      if (index >= 0) {
        path.push(index);
        next = node.items[index] as Node;
      }
    }
    node = next;
  }
  return path;
}

function contains(node: Node | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && offset >= r[0] && offset < Math.max(r[1], r[2]);
}

/** The `locate` of a loaded case: the node at a path, or undefined when the path is absent. */
export function makeSource(doc: Document, lines: LineCounter): CaseSource {
  return {
    doc,
    locate(path) {
      return nodePosition(resolvePath(doc, path).node, lines);
    },
  };
}
