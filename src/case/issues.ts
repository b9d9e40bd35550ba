/**
 * Turns zod validation issues into located, plain-language diagnostics.
 *
 * Values found in the file are described by kind only ("a number", "a list"), because case
 * files hold health data. The one exception is the `quote it: "62362"` hint for a public
 * code (CPT/HCPCS, CARC/RARC, ICD-10, NPI) written as a number: the user needs the exact text
 * to fix it. A member ID, group number or phone number is never quoted back.
 */
import { isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { z } from 'zod';
import { closest, type Diagnostic } from '../diagnostic.js';
import { isoDate } from './schema.js';
import { formatPath, nodePosition, resolvePath, type FieldPath, type Position } from './locate.js';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
  schema: z.ZodType;
}

/** One diagnostic per issue (one per key for unknown keys), at most one per field path. */
export function issuesToDiagnostics(issues: readonly Issue[], ctx: IssueContext): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const produced =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => unknownKey(ctx, issue.path, key))
        : [fromIssue(ctx, issue)];
    for (const d of produced) {
      // A bad date fails both the format and the calendar check: report the first only.
      const id = `${d.path ?? ''}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(d);
    }
  }
  // A misspelt required key shows up twice: as an unknown key and as a missing field. The
  // unknown key, with its "did you mean", says all the user needs; drop the other.
  const explained = new Set(
    out
      .filter((d) => d.code === 'unknown-key' && d.hint?.startsWith('did you mean'))
      .map((d) => `${d.path!.replace(/\.?[^.[\]]+$/, '')}|${/`([^`]+)`/.exec(d.hint!)![1]}`),
  );
  return out.filter((d) => !(d.code === 'missing-field' && explained.has(`${d.path!.replace(/\.?[^.[\]]+$/, '')}|${d.path!.split('.').pop()}`)));
}

function unknownKey(ctx: IssueContext, parent: FieldPath, key: string): Diagnostic {
  const path = [...parent, key];
  const known = objectKeys(schemaAt(ctx.schema, parent));
  const suggestion = closest(key, known);
  const resolved = resolvePath(ctx.doc, path);
  return {
    code: 'unknown-key',
    file: ctx.file,
    ...position(resolved.key ?? resolved.deepest, ctx.lines),
    path: formatPath(path),
    message: `unknown field \`${key}\``,
    expected: parent.length ? `a field of \`${formatPath(parent)}\`` : 'a top-level case field',
    found: 'an unknown field',
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `the fields allowed here are: ${known.join(', ')}`,
  };
}

function fromIssue(ctx: IssueContext, issue: Exclude<Issue, { code: 'unrecognized_keys' }>): Diagnostic {
  const path = issue.path;
  const value = valueAt(ctx.data, path);
  const field = schemaAt(ctx.schema, path);
  const inner = unwrap(field);
  const resolved = resolvePath(ctx.doc, path);
  const base = { file: ctx.file, path: formatPath(path), ...position(resolved.node, ctx.lines) };
  const found = kindOf(value);

  if (value === undefined) {
    // Missing: point at the mapping that should hold it (its key, when it has one).
    const parent = resolvePath(ctx.doc, path.slice(0, -1));
    const parentName = path.length > 1 ? `\`${formatPath(path.slice(0, -1))}:\`` : 'the top level';
    const name = String(path[path.length - 1] ?? '');
    return {
      ...base,
      code: 'missing-field',
      ...position(parent.key ?? parent.node ?? ctx.doc.contents ?? undefined, ctx.lines),
      message: `missing required field \`${formatPath(path)}\``,
      expected: issue.code === 'custom' ? issue.message : describe(field),
      found: 'nothing',
      hint: `add \`${name}:\` under ${parentName}`,
    };
  }

  if (isDate(inner) && typeof value === 'string' && (issue.code === 'invalid_format' || issue.code === 'custom')) {
    const calendar = issue.code === 'custom';
    return {
      ...base,
      code: 'invalid-date',
      message: calendar ? 'this date does not exist' : 'the date is not written YYYY-MM-DD',
      expected: issue.message,
      found: calendar ? 'a date that is not on the calendar' : 'text in another format',
      hint: calendar
        ? 'check the day and month (April, June, September and November have 30 days; February 28 or 29)'
        : 'write four-digit year, two-digit month and day, like 2026-03-07',
    };
  }

  switch (issue.code) {
    case 'invalid_type':
      if (value === null) {
        const optional = field instanceof z.ZodOptional;
        return {
          ...base,
          code: optional ? 'invalid-type' : 'missing-field',
          message: optional ? 'the field is empty' : `required field \`${formatPath(path)}\` is empty`,
          expected: describe(field),
          found,
          hint: optional ? 'write a value after the colon, or delete the line' : 'write a value after the colon',
        };
      }
      if (issue.expected === 'int' && typeof value === 'number') {
        return { ...base, code: 'invalid-value', message: 'not a whole number', expected: describe(field), found: 'a number with a fraction', hint: 'round it to a whole number' };
      }
      return {
        ...base,
        code: 'invalid-type',
        message: 'wrong kind of value',
        expected: describe(field),
        found,
        hint: typeHint(ctx, inner, value, path, resolved.node),
      };

    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
      const isVersion = inner instanceof z.ZodLiteral;
      return {
        ...base,
        code: 'invalid-value',
        message: isVersion ? 'unsupported case format version' : 'not one of the allowed values',
        expected: describe(field),
        found,
        hint: suggestion
          ? `did you mean \`${suggestion}\`?`
          : isVersion
            ? typeof value === 'string'
              ? `write ${allowed.join(' or ')} without quotes`
              : `this version of appeal reads case format version ${allowed.join(' or ')}`
            : 'use one of the allowed values exactly as written',
      };
    }

    case 'too_big':
    case 'too_small':
      if (issue.origin === 'string') {
        return { ...base, code: 'invalid-value', message: 'the text is empty', expected: issue.message, found: 'empty text', hint: 'write the text, or delete the line if the field is optional' };
      }
      return {
        ...base,
        code: 'out-of-range',
        message: `the number is too ${issue.code === 'too_big' ? 'large' : 'small'}`,
        expected: describe(field),
        found: issue.code === 'too_big' ? 'a larger number' : 'a smaller number',
        hint: 'check the number and its scale (pain scores are 0-10, percentages 0-100)',
      };

    default:
      // invalid_format (regexes whose message says what is expected), custom refinements, …
      return {
        ...base,
        code: 'invalid-value',
        message: 'not written in the expected form',
        expected: issue.message,
        found,
        hint: 'see the example in the expected form',
      };
  }
}

/** Advice for a value of the wrong kind. */
function typeHint(ctx: IssueContext, expected: z.ZodType | undefined, value: unknown, path: FieldPath, node: Node | undefined): string {
  if (isDate(expected)) return 'write the date as YYYY-MM-DD, like 2026-03-07';
  if (expected instanceof z.ZodString) {
    if (typeof value === 'number' || typeof value === 'boolean') {
      // Codes and IDs read as numbers lose leading zeros or change; quoting keeps them as written.
      // Only billing and clinical codes are echoed; a member ID, phone or name never is.
      const source = isScalar(node) && node.range ? ctx.text.slice(node.range[0], node.range[1]) : undefined;
      return source && isCodeField(path) && source.length <= 40 && !source.includes('\n')
        ? `quote it: "${source}"`
        : 'put the value in double quotes';
    }
    if (Array.isArray(value) || typeof value === 'object') {
      return 'write a single text value; for several lines write `|` and indent the lines below it';
    }
  }
  if (expected instanceof z.ZodNumber) return 'write the number with digits only, without quotes or units';
  if (expected instanceof z.ZodBoolean) {
    return typeof value === 'string' ? 'write true or false without quotes (yes and no are read as text)' : 'write true or false';
  }
  if (expected instanceof z.ZodArray) return 'write a list: one `- item` per line, or [a, b]';
  if (expected instanceof z.ZodObject || expected instanceof z.ZodRecord) {
    return Array.isArray(value)
      ? 'remove the `- ` in front of the fields: this is a group of fields, not a list'
      : 'write its fields on the lines below, indented by two spaces';
  }
  return 'see the case file format in the documentation';
}

/** Fields holding public codes (CPT/HCPCS, CARC/RARC, ICD-10, NPI, rule versions), safe to quote back. */
function isCodeField(path: FieldPath): boolean {
  const [a, b] = path;
  return (a === 'service' && b === 'codes') || (a === 'denial' && b === 'codes') || a === 'diagnoses' || (a === 'provider' && b === 'npi') || a === 'rules';
}

/** The schema at a field path: unwraps optional/default/pipe, follows shapes and elements. */
export function schemaAt(root: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  for (const segment of path) {
    const s = unwrap(schema);
    if (s instanceof z.ZodObject) schema = Object.hasOwn(s.shape, segment) ? (s.shape[segment as string] as z.ZodType) : undefined;
    else if (s instanceof z.ZodArray) schema = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) schema = s.valueType as z.ZodType;
    else return undefined;
  }
  return schema;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
}

function objectKeys(schema: z.ZodType | undefined): string[] {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

function isDate(schema: z.ZodType | undefined): boolean {
  return !!schema && (schema === isoDate || z.globalRegistry.get(schema)?.format === 'date');
}

/** What a field expects, in words. */
export function describe(schema: z.ZodType | undefined): string {
  const s = unwrap(schema);
  if (isDate(s)) return 'a date written YYYY-MM-DD';
  if (s instanceof z.ZodString) return 'text';
  if (s instanceof z.ZodBoolean) return 'true or false';
  if (s instanceof z.ZodEnum) return `one of: ${s.options.join(', ')}`;
  if (s instanceof z.ZodLiteral) return [...s.values].map(String).join(' or ');
  if (s instanceof z.ZodArray) return 'a list';
  if (s instanceof z.ZodObject || s instanceof z.ZodRecord) return 'a group of fields';
  if (s instanceof z.ZodNumber) {
    const whole = s.isInt ? 'a whole number' : 'a number';
    const min = bound(s.minValue);
    const max = bound(s.maxValue);
    if (min !== undefined && max !== undefined) return `${whole} from ${min} to ${max}`;
    if (min !== undefined) return `${whole} of ${min} or more`;
    if (max !== undefined) return `${whole} of ${max} or less`;
    return whole;
  }
  return 'a valid value';
}

/** zod reports safe-integer limits for `.int()`; those are not real bounds. */
function bound(n: number | null): number | undefined {
  return n === null || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n;
}

/** The kind of a value, never the value itself. */
export function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a special number (.inf or .nan)';
  if (typeof value === 'boolean') return 'true or false';
  if (value instanceof Date) return 'a timestamp';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  return `a ${typeof value}`;
}

/** The JS value at a path, reading own properties only. */
function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function position(node: Node | undefined, lines: LineCounter): Partial<Position> {
  return nodePosition(node, lines) ?? {};
}
