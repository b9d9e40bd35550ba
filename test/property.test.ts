/**
 * Property-based tests (fast-check): random valid cases survive write -> load unchanged,
 * and random damage to a valid case file never crashes the loader or the engine: every
 * outcome is a Case (and findings) or a clean InputError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/case/load.js';
import {
  AUTHORS, DENIAL_REASONS, DOCUMENT_KINDS, LEVELS, MEASURE_KINDS, MEDICATION_CLASSES, OUTCOMES, PLAN_TYPES,
  PROCEDURE_KINDS, STAGES, THERAPY_KINDS, TREATMENTS, CaseSchema, type Case,
} from '../src/case/schema.js';
import { caseToYaml } from '../src/case/write.js';
import { InputError } from '../src/diagnostic.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';
import { readFileSync } from 'node:fs';

const TODAY = '2026-11-23';
const library = loadRules();

// --- arbitraries, written from the shape of CaseSchema ----------------------------------

/** Text that YAML could misread: numbers, booleans, comment and flow characters, quotes, newlines. */
const tricky = fc.constantFrom(
  '00451', '62362', '1e5', '0x1F', '.5', '-3', '+1', 'true', 'False', 'yes', 'no', 'on', 'null', '~', '.inf', '.NaN',
  'a: b', 'a #b', '# not a comment', '- item', '[x]', '{y: 1}', '"quoted"', "'single'", '*alias', '&anchor', '!tag', '%dir',
  '@at', '`tick`', '|', '>', '?', ' leading', 'trailing ', 'two\nlines', 'trailing newline\n', '\ttab', 'Ünïcödé 李 😀',
  '{{constructor.constructor}}', '<script>x</script>', '__proto__', 'line one\n\n  indented\n', '2026-02-30', '---', '...',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }) },
  { weight: 2, arbitrary: tricky },
  { weight: 1, arbitrary: fc.tuple(tricky, fc.string({ maxLength: 10 }), tricky).map(([a, b, c]) => `${a}${b}${c}`) },
);
const pastDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const anyDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const pain = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }));
const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }));
const count = fc.integer({ min: 0, max: 500 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const enumOf = <T extends readonly string[]>(values: T) => fc.constantFrom(...values);

/** fc.record with optional keys left out (as the loader leaves them out), not set to undefined. */
function rec<T extends Record<string, fc.Arbitrary<unknown>>>(required: T, optional: Record<string, fc.Arbitrary<unknown>> = {}) {
  return fc.record({ ...required, ...optional }, { requiredKeys: Object.keys(required) as (keyof T & string)[] });
}

const caseArb: fc.Arbitrary<Case> = fc
  .record(
    {
      version: fc.constant(1 as const),
      author: enumOf(AUTHORS),
      representative: rec({ name: text }, { relationship: text }),
      patient: rec({ name: text, date_of_birth: pastDate, address: text }, { phone: text, email: text }),
      plan: rec(
        { insurer: text, type: enumOf(PLAN_TYPES), member_id: text },
        { plan_name: text, group_number: text, state: fc.stringMatching(/^[A-Z]{2}$/), appeals_address: text },
      ),
      provider: rec({ name: text, specialty: text }, { npi: fc.stringMatching(/^\d{10}$/), practice: text }),
      service: rec({ treatment: enumOf(TREATMENTS), description: text }, { codes: fc.array(text, { maxLength: 4 }), date: anyDate }),
      diagnoses: fc.array(rec({ code: fc.stringMatching(/^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/) }, { description: text }), { maxLength: 3 }),
      denial: rec(
        { date: pastDate, reference: text, stage: enumOf(STAGES), level: enumOf(LEVELS) },
        {
          received: pastDate, urgent: fc.boolean(), reasons: fc.array(enumOf(DENIAL_REASONS), { maxLength: 3 }),
          codes: fc.array(text, { maxLength: 3 }), quote: text, policy: text,
        },
      ),
      history: rec({}, {
        medications: fc.array(rec({ name: text, class: enumOf(MEDICATION_CLASSES) }, { dose: text, start: pastDate, end: anyDate, outcome: enumOf(OUTCOMES), notes: text }), { maxLength: 3 }),
        therapies: fc.array(rec({ kind: enumOf(THERAPY_KINDS) }, { start: pastDate, end: anyDate, sessions: count, outcome: enumOf(OUTCOMES), notes: text }), { maxLength: 3 }),
        procedures: fc.array(
          rec({ kind: enumOf(PROCEDURE_KINDS), date: pastDate }, {
            detail: text, pain_before: pain, pain_after: pain, relief_percent: percent, function: text, outcome: enumOf(OUTCOMES), region: text, duration_days: count,
          }),
          { maxLength: 3 },
        ),
      }),
      measures: fc.array(rec({ kind: enumOf(MEASURE_KINDS), value: percent, date: pastDate }, { notes: text }), { maxLength: 3 }),
      documents: fc.array(
        rec({ kind: enumOf(DOCUMENT_KINDS) }, { date: pastDate, author: text, title: text, result: text, file: fc.stringMatching(/^[a-z0-9_-]{1,8}(\/[a-z0-9_-]{1,8}){0,2}\.pdf$/) }),
        { maxLength: 3 },
      ),
      requested: rec({ outcome: text }, { expedited: fc.boolean() }),
      rules: fc.dictionary(fc.constantFrom('idds', 'esi'), fc.constantFrom('2026.1')),
    },
    { requiredKeys: ['version', 'author', 'patient', 'plan', 'provider', 'service', 'denial', 'requested'] },
  )
  .map((c) => {
    const out = { ...c } as Record<string, unknown>;
    // A representative is required when one is the author.
    if (c.author === 'representative' && !c.representative) out.representative = { name: 'A Representative' };
    if (c.rules && Object.keys(c.rules).length === 0) delete out.rules;
    return CaseSchema.parse(out);
  });

// --- (a) round trip ----------------------------------------------------------------------

describe('caseToYaml round trip', () => {
  it('write -> load gives the same Case, for random valid cases', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const yaml = caseToYaml(c);
        const loaded = parseCase(yaml, 'generated.yaml', { today: TODAY });
        expect(loaded.case).toEqual(c);
      }),
      { numRuns: 150 },
    );
  });

  it('quotes codes, ids and numeric-looking text so they stay strings', () => {
    const c = CaseSchema.parse({
      ...JSON.parse(JSON.stringify(parseCase(readFileSync('examples/idds-complete.yaml'), 'x', { today: TODAY }).case)),
    }) as Case;
    c.plan.group_number = '00451';
    c.plan.member_id = '123456';
    // YAML 1.1 readers (other tools) take these for booleans: quoted for them too.
    c.plan.plan_name = 'On';
    c.denial.quote = 'no';
    const yaml = caseToYaml(c);
    expect(yaml).toMatch(/plan_name: "On"/);
    expect(yaml).toMatch(/quote: "no"/);
    expect(yaml).toMatch(/group_number: "00451"/);
    expect(yaml).toMatch(/member_id: "123456"/);
    expect(yaml).toMatch(/- "62362"/);
    expect(parseCase(yaml, 'x', { today: TODAY }).case).toEqual(c);
  });
});

// --- (b) mutations never crash -----------------------------------------------------------

const examples = ['idds-complete', 'idds-missing-psych', 'esi-complete', 'esi-repeat-over-cap'].map((n) => readFileSync(`examples/${n}.yaml`, 'utf8'));

type Mutation = (lines: string[]) => string[];
const lineIndex = fc.nat();
const garbage = fc.oneof(
  fc.constantFrom('\t', ':', '- ', '[', ']', '{', '}', '"', "'", '#', '&a', '*a', '!!js/function', '|', '>', '\uFEFF', '\u0000', '\r', '%', '@', '`', '---', '<<: *a'),
  fc.string({ maxLength: 8, unit: 'binary' }),
);
const scalar = fc.oneof(
  fc.constantFrom('~', 'null', 'true', '[]', '{}', '-1', '1e400', '.nan', '2026-02-30', '9999-99-99', '""', '[[[', 'x: y', '&a [*a]'),
  fc.integer().map(String),
  fc.double().map(String),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  lineIndex.map((i) => (l: string[]) => l.filter((_, j) => j !== i % l.length)),
  lineIndex.map((i) => (l: string[]) => [...l.slice(0, (i % l.length) + 1), ...l.slice(i % l.length)]),
  fc.tuple(lineIndex, lineIndex).map(([i, j]) => (l: string[]) => {
    const out = [...l];
    const a = i % l.length;
    const b = j % l.length;
    [out[a], out[b]] = [out[b]!, out[a]!];
    return out;
  }),
  fc.tuple(lineIndex, fc.integer({ min: -4, max: 4 })).map(([i, d]) => (l: string[]) =>
    l.map((line, j) => (j === i % l.length ? (d >= 0 ? ' '.repeat(d) + line : line.slice(-d)) : line)),
  ),
  fc.tuple(lineIndex, scalar).map(([i, s]) => (l: string[]) =>
    l.map((line, j) => (j === i % l.length ? line.replace(/:\s.*$/, `: ${s}`) : line)),
  ),
  fc.tuple(lineIndex, fc.nat(), garbage).map(([i, at, g]) => (l: string[]) =>
    l.map((line, j) => (j === i % l.length ? line.slice(0, at % (line.length + 1)) + g + line.slice(at % (line.length + 1)) : line)),
  ),
);

/** Parses and checks; anything but a result or a clean InputError fails the property. */
function loadAndCheck(input: string | Uint8Array): void {
  let loaded;
  try {
    loaded = parseCase(input, 'mutated.yaml', { today: TODAY });
  } catch (error) {
    if (error instanceof InputError) {
      expect(error.diagnostics.length).toBeGreaterThan(0);
      expect(error.message).not.toMatch(/\n\s+at /);
      return;
    }
    throw error;
  }
  try {
    checkCase(loaded.case, library);
  } catch (error) {
    // The engine may refuse a case's own pins (rules:) as input; it may not crash.
    if (!(error instanceof InputError)) throw error;
  }
}

describe('damaged case files', () => {
  it('random line mutations of valid cases end in a result or a clean InputError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(mutation, { minLength: 1, maxLength: 4 }), (source, mutations) => {
        const lines = mutations.reduce((l, m) => m(l), source.split('\n'));
        loadAndCheck(lines.join('\n'));
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes spliced into a valid case end in a result or a clean InputError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }), (source, at, bytes) => {
        const buffer = Buffer.from(source, 'utf8');
        const i = at % buffer.length;
        loadAndCheck(Buffer.concat([buffer.subarray(0, i), bytes, buffer.subarray(i)]));
      }),
      { numRuns: 300 },
    );
  });

  it('mutations of generated cases end in a result or a clean InputError', () => {
    fc.assert(
      fc.property(caseArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (c, mutations) => {
        const lines = mutations.reduce((l, m) => m(l), caseToYaml(c).split('\n'));
        loadAndCheck(lines.join('\n'));
      }),
      { numRuns: 100 },
    );
  });
});
