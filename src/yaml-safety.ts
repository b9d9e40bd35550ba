/**
 * YAML features that turn data into something else. Case files, rule sets and templates'
 * data are plain data: no tag may ask for a type beyond YAML's core schema. `yaml` never
 * runs code, but it does build Buffers (!!binary), Sets (!!set), Dates (!!timestamp), and
 * silently reads an unknown tag such as `!!js/function` as text; each of those is refused,
 * so that a file means the same thing to every reader.
 */
import { isNode, visit, type Document, type Node } from 'yaml';

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface ForeignTag {
  /** Offset of the tagged node in the text. */
  offset: number;
  /** The tag as YAML resolved it, e.g. `tag:yaml.org,2002:js/function` or `!foo`. */
  tag: string;
}

/** Every explicitly tagged node whose tag is not one of the core schema's. */
export function foreignTags(doc: Document): ForeignTag[] {
  const found: ForeignTag[] = [];
  visit(doc, (_, node) => {
    if (!isNode(node)) return;
    const tag = (node as Node).tag;
    if (tag !== undefined && !CORE_TAGS.has(tag)) found.push({ offset: (node as Node).range?.[0] ?? 0, tag });
  });
  return found;
}

/** A tag as a person wrote it (`!!js/function`), for messages. Tags are syntax, not case data. */
export function writtenTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}
