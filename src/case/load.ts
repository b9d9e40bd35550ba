/**
 * Loading a case file: bytes → text → YAML document → plain data → validated Case.
 *
 * Every problem becomes a Diagnostic (file, line, column, field path, expected, found, hint)
 * and all of a file's diagnostics are thrown together as one InputError. Values from the
 * file are never echoed: case files hold health data.
 */
import { open } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { InputError, type Diagnostic } from '../diagnostic.js';
import { issuesToDiagnostics, kindOf } from './issues.js';
import { formatPath, makeSource, nodePosition, offsetPosition, pathAtOffset, type CaseSource, type Position } from './locate.js';
import { excessiveNestingAt, MAX_NESTING } from './nesting.js';
import { CaseSchema, type Case } from './schema.js';
import { caseSanityDiagnostics, type SanityOptions } from './sanity.js';
import { decodeInput, textPosition } from '../input-text.js';
import { foreignTags, writtenTag } from '../yaml-safety.js';

export type { CaseSource };

export interface LoadedCase {
  file: string;
  case: Case;
  /** The parsed YAML, kept so later stages can point at a field's line and column. */
  source: CaseSource;
}

export const MAX_CASE_BYTES = 1024 * 1024;

/** Bounds alias expansion ("billion laughs"). A real case file uses few aliases, if any. */
const MAX_ALIAS_COUNT = 100;

/** Parses and validates one case file's contents. Throws InputError with all its diagnostics. */
export interface ParseOptions extends SanityOptions {}

export function parseCase(input: string | Uint8Array, file: string, options: ParseOptions = {}): LoadedCase {
  const text = decode(input, file);
  const fail = (d: Omit<Diagnostic, 'file'>) => new InputError([{ file, ...d }]);

  const deepAt = excessiveNestingAt(text);
  if (deepAt !== undefined) {
    throw fail({
      code: 'too-deep',
      ...textPosition(text, deepAt),
      message: 'lists and groups are nested too deeply',
      expected: `at most ${MAX_NESTING} levels of nesting`,
      found: 'deeper nesting',
      hint: 'a case file is only a few levels deep; look for unclosed [ or { brackets',
    });
  }

  const lines = new LineCounter();
  // The core schema even if the file asks for YAML 1.1: no `yes` booleans, no timestamps.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, schema: 'core' });

  if (doc.errors.length > 0) throw new InputError(syntaxDiagnostics(doc, text, lines, file));
  const tags = foreignTags(doc);
  if (tags.length > 0) throw new InputError(tags.map((t) => tagDiagnostic(doc, lines, file, t.offset, t.tag)));

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null && !contents.source)) {
    throw fail({
      code: 'empty-file',
      message: 'the file holds no case',
      expected: 'a case: fields such as `version: 1`, `patient:`, `denial:`',
      found: 'nothing',
      hint: 'run `appeal init` to start a case file',
    });
  }
  if (!isMap(contents)) {
    throw fail({
      code: 'not-a-mapping',
      ...nodePosition(contents ?? undefined, lines),
      message: 'the file is not a group of fields',
      expected: 'fields such as `version: 1`, `patient:`, `denial:` at the top level',
      found: isSeq(contents) ? 'a list' : kindOf(isScalar(contents) ? contents.value : undefined),
      hint: 'start each top-level field at the beginning of a line, without `- `',
    });
  }

  keepLeadingZeros(doc, text);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw fail(aliasDiagnostic(doc, lines, error));
  }

  const result = CaseSchema.safeParse(data);
  if (!result.success) {
    const diagnostics = issuesToDiagnostics(result.error.issues, { file, text, doc, lines, data, schema: CaseSchema });
    throw new InputError(sortDiagnostics(diagnostics));
  }
  const source = makeSource(doc, lines);
  const problems = caseSanityDiagnostics(result.data, file, source, options);
  if (problems.length > 0) throw new InputError(sortDiagnostics(problems));
  return { file, case: result.data, source };
}

/** Reads a case file ('-' = stdin) and parses it. Throws InputError, also when unreadable. */
export async function loadCaseFile(path: string, options: ParseOptions = {}): Promise<LoadedCase> {
  const file = path === '-' ? '<stdin>' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await readStdin() : await readFileCapped(path);
  } catch (error) {
    throw new InputError([unreadable(file, error)]);
  }
  return parseCase(bytes, file, options);
}

// --- text -----------------------------------------------------------------------------

function decode(input: string | Uint8Array, file: string): string {
  return decodeInput(input, file, MAX_CASE_BYTES, 'case file');
}

// --- YAML -----------------------------------------------------------------------------

/**
 * YAML 1.2 reads an unquoted `000441` as the number 441. For codes and IDs that loses the
 * leading zeros, so a plain scalar written with a leading zero keeps its text as written.
 */
function keepLeadingZeros(doc: Document, text: string): void {
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'PLAIN' || typeof node.value !== 'number' || !node.range) return;
      const source = text.slice(node.range[0], node.range[1]);
      if (/^[-+]?0\d/.test(source)) node.value = source;
    },
  });
}

/** Friendlier words for the YAML errors people actually make. */
const SYNTAX: Record<string, { message: string; hint: string }> = {
  TAB_AS_INDENT: { message: 'a tab is used for indentation', hint: 'YAML indents with spaces only: replace the tab with spaces' },
  MISSING_CHAR: { message: 'a closing character is missing', hint: 'close the quote or bracket opened here' },
  MULTIPLE_DOCS: { message: 'the file holds more than one YAML document', hint: 'keep one case per file: remove the `---` line or split the file' },
  BLOCK_AS_IMPLICIT_KEY: {
    message: 'a line cannot be read as `field: value`',
    hint: 'check the indentation of this line and the next; a value that contains `: ` must be in double quotes',
  },
  BAD_INDENT: { message: 'the indentation is inconsistent', hint: 'line up fields of the same group with the same number of spaces' },
  MULTILINE_IMPLICIT_KEY: { message: 'a field name runs over more than one line', hint: 'check the indentation and the colon after the field name' },
};

function syntaxDiagnostics(doc: Document, text: string, lines: LineCounter, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of doc.errors) {
    const d = syntaxDiagnostic(doc, text, lines, file, error);
    // One tab usually confuses yaml more than once on its line: report it once.
    const id = d.message === SYNTAX.TAB_AS_INDENT!.message ? `${d.line}:tab` : `${d.line}:${d.column}:${d.code}`;
    if (!seen.has(id)) out.push(d);
    seen.add(id);
  }
  return sortDiagnostics(out);
}

function syntaxDiagnostic(doc: Document, text: string, lines: LineCounter, file: string, error: YAMLError): Diagnostic {
  let offset = error.pos[0];
  const at = () => offsetPosition(offset, lines);
  if (error.code === 'DUPLICATE_KEY') {
    const path = pathAtOffset(doc, offset);
    const name = path[path.length - 1];
    return {
      code: 'duplicate-key',
      file,
      ...at(),
      ...syntaxPath(path),
      message: name === undefined ? 'a field appears twice' : `the field \`${name}\` appears twice`,
      expected: 'each field once in its group',
      found: 'a second field with the same name',
      hint: 'remove one of them or merge the two',
    };
  }
  // A line indented with tabs may surface as some other error; name the real cause.
  const lineText = lineAt(text, offset);
  const tabbed = /^ *\t/.test(lineText) && /^[ \t]*\S/.test(lineText);
  let words = SYNTAX[tabbed ? 'TAB_AS_INDENT' : error.code];
  let path: (string | number)[] = [];
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    // yaml reports an unclosed quote where the file ends; point at the opening quote instead.
    const opening = openingQuoteBefore(doc, offset);
    if (opening !== undefined) {
      offset = opening;
      path = pathAtOffset(doc, offset);
    }
    words = { message: 'a quoted text is never closed', hint: 'add the closing quote at the end of the text' };
  }
  if (error.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(error.message)) {
    // yaml notices an unclosed [ or { on the next line; point at the bracket that is open.
    const opening = openingFlowBefore(doc, offset);
    if (opening !== undefined) {
      offset = opening;
      path = pathAtOffset(doc, offset);
    }
    words = { message: 'a [ or { bracket is never closed', hint: 'close the list with ] (or the group with }) before the end of the line' };
  }
  // Other syntax errors get no field path: after one, yaml's reading of the structure is a guess.
  return {
    code: 'yaml-syntax',
    file,
    ...at(),
    ...syntaxPath(path),
    message: words?.message ?? plainYamlMessage(error),
    expected: 'valid YAML',
    found: 'a syntax error',
    hint: words?.hint ?? 'check the YAML near this line: indentation, colons, quotes and brackets',
  };
}

/**
 * The path of a syntax error, cut at the first segment that is not a plain field name:
 * in a broken file a "key" may really be part of a value, which must not be echoed.
 */
function syntaxPath(path: (string | number)[]): { path?: string } {
  const bad = path.findIndex((s) => typeof s === 'string' && !/^[A-Za-z_$][\w$-]*$/.test(s));
  const clean = bad < 0 ? path : path.slice(0, bad);
  return clean.length ? { path: formatPath(clean) } : {};
}

/** yaml's own message without the pretty-printed excerpt of the file (which may hold health data). */
function plainYamlMessage(error: YAMLError): string {
  const message = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
  return message.split('\n')[0]!.trim();
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Start of the innermost flow collection ([…] or {…}) that begins before `offset` and runs up to it. */
function openingFlowBefore(doc: Document, offset: number): number | undefined {
  let found: number | undefined;
  const check = (node: { flow?: boolean; range?: [number, number, number] | null }) => {
    const r = node.range;
    if (node.flow && r && r[0] < offset && r[1] >= offset - 1 && (found === undefined || r[0] > found)) found = r[0];
  };
  visit(doc, { Seq: (_, node) => check(node), Map: (_, node) => check(node) });
  return found;
}

/** Start of the last quoted scalar that begins before `offset` and runs up to it. */
function openingQuoteBefore(doc: Document, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const r = node.range;
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < offset && r[1] >= offset - 1) {
        found = r[0];
      }
    },
  });
  return found;
}

/** A tag that asks for more than plain data (`!!js/function`, `!!binary`, `!custom`). */
function tagDiagnostic(doc: Document, lines: LineCounter, file: string, offset: number, tag: string): Diagnostic {
  return {
    code: 'yaml-tag',
    file,
    ...offsetPosition(offset, lines),
    ...syntaxPath(pathAtOffset(doc, offset)),
    message: `the YAML tag \`${writtenTag(tag)}\` is not allowed in a case file`,
    expected: 'plain text, numbers, true/false, lists and groups of fields',
    found: 'a value with a type tag',
    hint: 'remove the tag (the word starting with `!`); a case file holds data only',
  };
}

function aliasDiagnostic(doc: Document, lines: LineCounter, error: unknown): Omit<Diagnostic, 'file'> {
  let firstAlias: Position | undefined;
  visit(doc, {
    Alias(_, node) {
      firstAlias = nodePosition(node, lines);
      return visit.BREAK;
    },
  });
  // yaml throws ReferenceError both for the alias limit and for an alias with no anchor.
  if (/unresolved alias/i.test(String(error))) {
    return {
      code: 'yaml-syntax',
      ...firstAlias,
      message: 'an alias (*name) refers to no anchor (&name) before it',
      expected: 'valid YAML',
      found: 'an alias without its anchor',
      hint: 'a value starting with * must be quoted, or define the anchor &name first',
    };
  }
  const aliasLimit = error instanceof ReferenceError || /alias/i.test(String(error));
  return {
    code: aliasLimit ? 'alias-limit' : 'yaml-syntax',
    ...firstAlias,
    message: aliasLimit ? 'the aliases (*name) expand to too much data' : 'the YAML could not be converted',
    expected: aliasLimit ? `at most ${MAX_ALIAS_COUNT} alias expansions` : 'valid YAML',
    found: aliasLimit ? 'aliases that multiply each other' : 'a YAML structure that cannot be read',
    hint: aliasLimit ? 'write the values out instead of using anchors (&name) and aliases (*name)' : 'check the anchors and aliases in the file',
  };
}

// --- files ----------------------------------------------------------------------------

/** Reads at most MAX_CASE_BYTES + 1 bytes, enough for parseCase to tell the file is too large. */
async function readFileCapped(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    // Sized from the file (a case is a few KB), grown only if the file grows while read:
    // a fixed 1 MB buffer per case was most of the memory churn of a batch run.
    const { size } = await handle.stat();
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 4096), MAX_CASE_BYTES) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled < buffer.length) continue;
      if (buffer.length > MAX_CASE_BYTES) break;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_CASE_BYTES + 1));
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    size += buffer.length;
    if (size > MAX_CASE_BYTES) break;
  }
  return Buffer.concat(chunks);
}

function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, [string, string]> = {
    ENOENT: ['the file does not exist', 'check the path and the file name'],
    EACCES: ['permission to read the file is denied', 'check the file permissions'],
    EPERM: ['permission to read the file is denied', 'check the file permissions'],
    EISDIR: ['this is a folder, not a file', 'name a .yaml case file, or pass the folder to `appeal check`'],
  };
  const [message, hint] = (code && reasons[code]) || [`the file cannot be read (${code ?? 'unknown error'})`, 'check that the file exists and can be read'];
  return { code: 'file-unreadable', file, message, expected: 'a readable case file', found: 'a file that cannot be read', hint };
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (n: number | undefined) => n ?? Number.MAX_SAFE_INTEGER;
  return [...diagnostics].sort((a, b) => key(a.line) - key(b.line) || key(a.column) - key(b.column));
}
