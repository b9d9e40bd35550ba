/**
 * Reading a YAML data file (rule set, catalogue, config) with positions kept, so every
 * problem can be reported as file:line:column. Case files have their own, stricter loader
 * in src/case/load.ts; this one serves the project's other YAML inputs.
 */
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import type { ZodType } from 'zod';
import { closest, InputError, type Diagnostic } from './diagnostic.js';
import { excessiveNestingAt, MAX_NESTING } from './case/nesting.js';
import { textPosition } from './input-text.js';
import { formatPath } from './case/locate.js';
import { foreignTags, writtenTag } from './yaml-safety.js';

export interface YamlSource {
  file: string;
  doc: Document;
  /** 1-based line and column of the node at a path (or of its nearest existing parent). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

/** A field path as users read it (`requirements[2].check`); the case loader's formatter. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return formatPath(path.map((part) => (typeof part === 'number' ? part : String(part))));
}

export function parseYamlSource(input: string, file: string): { source: YamlSource; value: unknown } {
  const text = input.replace(/^\uFEFF/, '');
  // Deep input must never reach the recursive composer (see case/nesting.ts).
  const deepAt = excessiveNestingAt(text);
  if (deepAt !== undefined) {
    throw new InputError([{ code: 'too-deep', file, ...textPosition(text, deepAt), message: `lists and groups are nested too deeply (more than ${MAX_NESTING} levels)` }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locate = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return {
      code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      file,
      line: pos.line,
      column: pos.col,
      message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    };
  });
  for (const { offset, tag } of foreignTags(doc)) {
    const pos = lineCounter.linePos(offset);
    diagnostics.push({
      code: 'yaml-tag',
      file,
      line: pos.line,
      column: pos.col,
      message: `the YAML tag \`${writtenTag(tag)}\` is not allowed: rule files hold data only`,
      hint: 'remove the tag (the word starting with `!`)',
    });
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError([{ code: 'alias-limit', file, line: 1, column: 1, message: 'too many aliases (a possible alias bomb); expand them by hand' }]);
  }
  if (value === null || value === undefined) throw new InputError([{ code: 'empty-file', file, message: 'the file is empty' }]);
  if (!isMap(doc.contents)) {
    throw new InputError([{ code: 'not-a-mapping', file, line: 1, column: 1, message: 'the file must be a mapping of keys to values' }]);
  }
  return { source: { file, doc, locate }, value };
}

/** Validates a parsed value with a zod schema, turning every issue into a located diagnostic. */
export function validateWith<T>(schema: ZodType<T>, value: unknown, source: YamlSource, knownKeys?: (path: PropertyKey[]) => string[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = source.locate([...path, key]);
        const guess = knownKeys ? closest(key, knownKeys(path)) : undefined;
        diagnostics.push({
          code: 'unknown-key',
          file: source.file,
          ...where,
          path: dottedPath([...path, key]),
          message: `unknown key \`${key}\``,
          hint: guess ? `did you mean \`${guess}\`?` : undefined,
        });
      }
      continue;
    }
    const values = issue.code === 'invalid_value' ? (issue.values as unknown[]).map(String) : undefined;
    diagnostics.push({
      code: issue.code === 'invalid_value' ? 'invalid-value' : issue.code === 'invalid_type' ? 'invalid-type' : 'invalid',
      file: source.file,
      ...source.locate(path),
      path: dottedPath(path),
      message: values ? `must be one of ${values.join(', ')}` : issue.message,
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new InputError(diagnostics);
}
