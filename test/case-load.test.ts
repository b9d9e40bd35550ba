import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadCaseFile, MAX_CASE_BYTES, parseCase } from '../src/case/load.js';
import { InputError, type Diagnostic } from '../src/diagnostic.js';

const GOOD = 'test/fixtures/cases/good';
const BAD = 'test/fixtures/cases/bad';
const minimal = readFileSync(`${GOOD}/minimal.yaml`, 'utf8');

/** Health data from the fixtures that no diagnostic may ever print. */
const SECRETS = ['Jane', 'Doe', '1968', 'Elm Street', 'XJH123456789', '62701'];

/** Runs `load`, expecting an InputError; returns it. */
function failure(load: () => unknown): InputError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace in what users see
    return e;
  }
  throw new Error('expected an InputError, but the case loaded');
}

async function asyncFailure(load: () => Promise<unknown>): Promise<InputError> {
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

function only(e: InputError, code: string): Diagnostic {
  const found = e.diagnostics.filter((d) => d.code === code);
  expect(found, `diagnostics: ${e.message}`).toHaveLength(1);
  return found[0]!;
}

describe('good case files', () => {
  it('loads the minimal case', () => {
    const loaded = parseCase(minimal, 'minimal.yaml');
    expect(loaded.file).toBe('minimal.yaml');
    expect(loaded.case.patient.date_of_birth).toBe('1968-04-12');
    expect(loaded.case.plan.type).toBe('erisa');
    expect(loaded.case.denial.date).toBe('2026-10-03');
  });

  it('loads the full case with every field of the DESIGN.md example', async () => {
    const { case: c } = await loadCaseFile(`${GOOD}/full.yaml`);
    expect(c.representative).toEqual({ name: 'Karen Whitfield', relationship: 'daughter' });
    expect(c.patient.address).toBe('12 Elm Street\nSpringfield, IL 62701\n');
    expect(c.plan.group_number).toBe('00451');
    expect(c.provider.npi).toBe('1234567893');
    expect(c.service.codes).toEqual(['62362', '62350']);
    expect(c.diagnoses?.map((d) => d.code)).toEqual(['M96.1', 'G89.29']);
    expect(c.denial.reasons).toEqual(['missing-psych-eval', 'not-medically-necessary']);
    expect(c.denial.urgent).toBe(false);
    expect(c.history?.medications?.[0]?.outcome).toBe('inadequate-relief');
    expect(c.history?.therapies?.[0]?.sessions).toBe(18);
    expect(c.history?.procedures?.[0]?.relief_percent).toBe(62);
    expect(c.measures?.[0]).toEqual({ kind: 'nrs', value: 8, date: '2026-08-20' });
    expect(c.documents?.[0]?.file).toBe('docs/psych-eval.pdf');
    expect(c.requested.expedited).toBe(false);
  });

  it('locates fields for later stages', () => {
    const { source } = parseCase(minimal, 'minimal.yaml');
    expect(source.locate(['denial', 'date'])).toEqual({ line: 18, column: 9 });
    expect(source.locate(['plan'])).toEqual({ line: 8, column: 3 });
    expect(source.locate(['history', 'medications', 0])).toBeUndefined();
  });

  it('locates list items', () => {
    const { source } = parseCase(readFileSync(`${GOOD}/full.yaml`), 'full.yaml');
    expect(source.locate(['diagnoses', 1, 'code'])).toEqual({ line: 38, column: 11 });
  });

  it('keeps unquoted numbers with leading zeros as written', () => {
    const { case: c } = parseCase(readFileSync(`${GOOD}/leading-zeros.yaml`), 'leading-zeros.yaml');
    expect(c.plan.group_number).toBe('00451');
    expect(c.service.codes).toEqual(['062362', '62350']);
  });

  it('strips a UTF-8 byte order mark, from text or bytes', () => {
    expect(parseCase('\uFEFF' + minimal, 'bom.yaml').case.version).toBe(1);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(minimal)]);
    const loaded = parseCase(bytes, 'bom.yaml');
    expect(loaded.case.author).toBe('patient');
    expect(loaded.source.locate(['version'])).toEqual({ line: 1, column: 10 });
  });

  it('reads CRLF line endings like LF ones', () => {
    const crlf = readFileSync(`${GOOD}/full.yaml`, 'utf8').replace(/\n/g, '\r\n');
    const loaded = parseCase(crlf, 'crlf.yaml');
    expect(loaded.case.patient.address).toBe('12 Elm Street\nSpringfield, IL 62701\n');
    expect(loaded.case.patient.name).toBe('Jane Q. Doe');
    expect(loaded.source.locate(['diagnoses', 1, 'code'])).toEqual({ line: 38, column: 11 });
  });
});

interface BadCase {
  file: string;
  code: string;
  line?: number;
  column?: number;
  path?: string;
  hint?: string;
  expected?: string;
  found?: string;
  /** Values of this file that the diagnostics must not print. */
  secret?: string;
}

const badCases: BadCase[] = [
  { file: 'syntax-error.yaml', code: 'yaml-syntax', line: 19, column: 9, hint: 'indentation' },
  { file: 'unclosed-quote.yaml', code: 'yaml-syntax', line: 14, column: 14, path: 'provider.specialty', hint: 'closing quote' },
  { file: 'duplicate-key.yaml', code: 'duplicate-key', line: 7, column: 3, path: 'patient.name' },
  { file: 'tab-indent.yaml', code: 'yaml-syntax', line: 10, column: 1, hint: 'spaces' },
  { file: 'multiple-documents.yaml', code: 'yaml-syntax', line: 25, column: 1, hint: '---' },
  { file: 'unknown-top-key.yaml', code: 'unknown-key', line: 4, column: 1, path: 'pateint', hint: 'did you mean `patient`?' },
  { file: 'unknown-nested-key.yaml', code: 'unknown-key', line: 5, column: 3, path: 'patient.nmae', hint: 'did you mean `name`?' },
  { file: 'unknown-key-no-suggestion.yaml', code: 'unknown-key', line: 23, column: 3, path: 'denial.favourite_colour', hint: 'reference, stage, level' },
  { file: 'enum-typo.yaml', code: 'invalid-value', line: 16, column: 14, path: 'service.treatment', hint: 'did you mean `idds`?', expected: 'idds, scs' },
  { file: 'plan-type-typo.yaml', code: 'invalid-value', line: 10, column: 9, path: 'plan.type', hint: 'did you mean `medicare`?' },
  { file: 'reason-typo.yaml', code: 'invalid-value', line: 23, column: 38, path: 'denial.reasons[1]', hint: 'did you mean `missing-psych-eval`?' },
  { file: 'version-2.yaml', code: 'invalid-value', line: 2, column: 10, path: 'version', expected: '1' },
  { file: 'string-for-number.yaml', code: 'invalid-type', line: 32, column: 17, path: 'history.therapies[0].sessions', found: 'text', expected: 'a whole number' },
  { file: 'number-for-string.yaml', code: 'invalid-type', line: 11, column: 14, path: 'plan.member_id', found: 'a number', hint: 'put the value in double quotes' },
  { file: 'list-for-map.yaml', code: 'invalid-type', line: 5, column: 3, path: 'patient', found: 'a list' },
  { file: 'dob-number.yaml', code: 'invalid-type', line: 6, column: 18, path: 'patient.date_of_birth', found: 'a number', hint: 'YYYY-MM-DD', secret: '19680412' },
  { file: 'dob-list.yaml', code: 'invalid-type', line: 6, column: 18, path: 'patient.date_of_birth', found: 'a list' },
  { file: 'yes-for-boolean.yaml', code: 'invalid-type', line: 23, column: 11, path: 'denial.urgent', found: 'text', hint: 'true or false' },
  { file: 'missing-field.yaml', code: 'missing-field', line: 8, column: 1, path: 'plan.member_id', hint: 'add `member_id:`' },
  { file: 'empty-value.yaml', code: 'missing-field', line: 11, column: 13, path: 'plan.member_id', found: 'nothing' },
  { file: 'missing-representative.yaml', code: 'missing-field', line: 2, column: 1, path: 'representative' },
  { file: 'impossible-date.yaml', code: 'invalid-date', line: 19, column: 9, path: 'denial.date', expected: 'a date that exists on the calendar', secret: '2026-02-30' },
  { file: 'malformed-date.yaml', code: 'invalid-date', line: 19, column: 9, path: 'denial.date', expected: 'YYYY-MM-DD', secret: '2026-1-5' },
  { file: 'pain-out-of-range.yaml', code: 'out-of-range', line: 36, column: 20, path: 'history.procedures[0].pain_before', expected: 'a number from 0 to 10' },
  { file: 'relief-out-of-range.yaml', code: 'out-of-range', line: 38, column: 23, path: 'history.procedures[0].relief_percent', expected: 'a number from 0 to 100', secret: '140' },
  { file: 'alias-bomb.yaml', code: 'alias-limit', line: 4, column: 8 },
  { file: 'empty.yaml', code: 'empty-file' },
  { file: 'whitespace-only.yaml', code: 'empty-file' },
  { file: 'comments-only.yaml', code: 'empty-file' },
  { file: 'top-level-list.yaml', code: 'not-a-mapping', line: 2, column: 1, found: 'a list' },
  { file: 'top-level-scalar.yaml', code: 'not-a-mapping', line: 2, column: 1, found: 'text' },
  { file: 'proto.yaml', code: 'unknown-key', line: 25, column: 1, path: '__proto__' },
];

describe('bad case files', () => {
  it.each(badCases)('$file → $code', (bad) => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/${bad.file}`), bad.file));
    const d = e.diagnostics.find((x) => x.code === bad.code && (bad.path === undefined || x.path === bad.path));
    expect(d, `diagnostics: ${e.message}`).toBeDefined();
    expect(d!.file).toBe(bad.file);
    expect(d!.line).toBe(bad.line);
    expect(d!.column).toBe(bad.column);
    expect(d!.path).toBe(bad.path);
    if (bad.hint) expect(d!.hint).toContain(bad.hint);
    if (bad.expected) expect(d!.expected).toContain(bad.expected);
    if (bad.found) expect(d!.found).toBe(bad.found);
    expect(d!.message).toBeTruthy();
    expect(d!.hint).toBeTruthy();
    // Sorted by line, then column.
    const order = e.diagnostics.map((x) => (x.line ?? 0) * 1e6 + (x.column ?? 0));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // No health data in what is printed.
    for (const secret of [...SECRETS, ...(bad.secret ? [bad.secret] : [])]) expect(e.message).not.toContain(secret);
  });

  it('reports a misspelt required key once, as the unknown key with its fix', () => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/unknown-nested-key.yaml`), 'x.yaml'));
    expect(e.diagnostics.map((d) => [d.code, d.line, d.column, d.path, d.hint])).toEqual([
      ['unknown-key', 5, 3, 'patient.nmae', 'did you mean `name`?'],
    ]);
  });

  it('reports every problem of a file, in line order', () => {
    const text = readFileSync(`${GOOD}/minimal.yaml`, 'utf8').replace(/^version: 1$/m, 'version: 1\nextra: 1').replace(/member_id:.*$/m, 'member_id:');
    const e = failure(() => parseCase(text, 'x.yaml'));
    const found = e.diagnostics.map((d) => [d.code, d.path]);
    expect(found).toEqual([
      ['unknown-key', 'extra'],
      ['missing-field', 'plan.member_id'],
    ]);
    const lines = e.diagnostics.map((d) => d.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports a duplicate key by name', () => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/duplicate-key.yaml`), 'dup.yaml'));
    expect(only(e, 'duplicate-key').message).toContain('`name`');
  });

  it('names tabs as the cause, once per line', () => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/tab-indent.yaml`), 'tab.yaml'));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]!.message).toMatch(/tab/);
  });

  it('treats __proto__ and constructor as unknown keys without polluting prototypes', () => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/proto.yaml`), 'proto.yaml'));
    expect(e.diagnostics.map((d) => [d.code, d.line, d.path])).toEqual([
      ['unknown-key', 25, '__proto__'],
      ['unknown-key', 27, 'constructor'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('gives the allowed values for an enum and never the value found', () => {
    const e = failure(() => parseCase(readFileSync(`${BAD}/plan-type-typo.yaml`), 'p.yaml'));
    expect(e.message).not.toContain('medicaire');
  });

  it('refuses a file over MAX_CASE_BYTES before parsing it', () => {
    const big = 'notes: ' + 'x'.repeat(MAX_CASE_BYTES);
    expect(only(failure(() => parseCase(big, 'big.yaml')), 'file-too-large').line).toBeUndefined();
    only(failure(() => parseCase(Buffer.from(big), 'big.yaml')), 'file-too-large');
  });

  it('refuses binary data (NUL bytes)', () => {
    const e = failure(() => parseCase(Buffer.from(minimal.replace('Pain Medicine', 'Pain\0Medicine')), 'nul.yaml'));
    const d = only(e, 'not-text');
    expect([d.line, d.column]).toEqual([13, 18]);
    expect(only(failure(() => parseCase('a: 1\0', 'nul.yaml')), 'not-text').line).toBe(1);
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...Buffer.from(minimal.slice(0, 30)), 0xff, 0xfe, 0x41, 0x0a]);
    const d = only(failure(() => parseCase(bytes, 'latin.yaml')), 'not-text');
    expect([d.line, d.column]).toEqual([3, 4]);
  });

  it.each([
    ['10,000 nested [', '['.repeat(10_000)],
    ['10,000 balanced [ ]', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['10,000 nested {', '{a: '.repeat(10_000)],
    ['10,000 compact - items', '- '.repeat(10_000) + 'x\n'],
    ['900 indented mappings', Array.from({ length: 900 }, (_, i) => ' '.repeat(i) + 'a:').join('\n')],
    ['900 indented list items', Array.from({ length: 900 }, (_, i) => ' '.repeat(i) + '- a:').join('\n')],
  ])('refuses deep nesting without overflowing the stack: %s', (_, text) => {
    const d = only(failure(() => parseCase(text, 'deep.yaml')), 'too-deep');
    expect(d.line).toBeGreaterThan(0);
  });

  it('still loads cases after refusing deep ones', () => {
    expect(parseCase(minimal, 'minimal.yaml').case.version).toBe(1);
  });

  it('does not count brackets inside quotes, comments or block text as nesting', () => {
    const text = minimal.replace(
      '  level: initial\n',
      `  level: initial\n  quote: "${'['.repeat(300)}" # ${'{'.repeat(300)}\n  policy: |\n    ${'[ - '.repeat(300)}\n`,
    );
    expect(parseCase(text, 'brackets.yaml').case.denial.quote).toBe('['.repeat(300));
  });

  it('survives self-referencing aliases', () => {
    const e = failure(() => parseCase(minimal + 'history: &h\n  medications: *h\n', 'self.yaml'));
    expect(only(e, 'invalid-type').path).toBe('history.medications');
  });

  it('reads the core schema even under a %YAML 1.1 directive', () => {
    const text = '%YAML 1.1\n---\n' + minimal.replace('  level: initial', '  level: initial\n  urgent: yes');
    expect(only(failure(() => parseCase(text, 'y11.yaml')), 'invalid-type').path).toBe('denial.urgent');
  });
});

describe('loadCaseFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'appeal-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file', async () => {
    const loaded = await loadCaseFile(`${GOOD}/minimal.yaml`);
    expect(loaded.file).toBe(`${GOOD}/minimal.yaml`);
    expect(loaded.case.service.treatment).toBe('idds');
  });

  it("reads stdin for '-'", async () => {
    const stdin = vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(minimal)]) as typeof process.stdin);
    try {
      const loaded = await loadCaseFile('-');
      expect(loaded.file).toBe('<stdin>');
      expect(loaded.case.plan.member_id).toBe('XJH123456789');
    } finally {
      stdin.mockRestore();
    }
  });

  it('reports a missing file as file-unreadable, without a stack', async () => {
    const e = await asyncFailure(() => loadCaseFile(join(dir, 'nope.yaml')));
    const d = only(e, 'file-unreadable');
    expect(d.message).toContain('does not exist');
    expect(d.line).toBeUndefined();
    expect(e.message).not.toMatch(/\n\s+at /);
  });

  it('reports a folder as file-unreadable', async () => {
    only(await asyncFailure(() => loadCaseFile(dir)), 'file-unreadable');
  });

  it('refuses an over-size file', async () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, 'notes: ' + 'x'.repeat(2 * MAX_CASE_BYTES));
    only(await asyncFailure(() => loadCaseFile(path)), 'file-too-large');
  });

  it('names the file in diagnostics as the user gave it', async () => {
    const e = await asyncFailure(() => loadCaseFile(`${BAD}/enum-typo.yaml`));
    expect(e.message).toMatch(/^test\/fixtures\/cases\/bad\/enum-typo\.yaml:16:14: service\.treatment: /);
  });
});
