import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanLetter, extractFromDenial, phrasePattern, toIsoDate, valuesOf, type Extracted } from '../src/init/extract.js';

const letter = (name: string) => readFileSync(new URL(`../examples/denials/${name}.txt`, import.meta.url), 'utf8');

interface Expected {
  date?: string;
  serviceDate?: string;
  reference?: string;
  memberId?: string;
  codes?: string[];
  diagnoses?: string[];
  denialCodes?: string[];
  reasons: string[];
  plan: string;
  treatment: string;
  stage?: string;
}

const SHIPPED: Record<string, Expected> = {
  'erisa-idds-psych-eval': {
    date: '2026-10-14',
    reference: 'PA-2026-104562',
    memberId: 'AHX804417723',
    codes: ['62362', '62350'],
    diagnoses: ['M96.1', 'G89.29'],
    reasons: ['missing-psych-eval', 'not-medically-necessary'],
    plan: 'erisa',
    treatment: 'idds',
    stage: 'pre-service',
  },
  'medicare-advantage-ketamine-experimental': {
    date: '2026-09-02',
    reference: 'UM-88213-K',
    memberId: 'SSA-55302118',
    codes: ['J3490', '96365', '96366'],
    diagnoses: ['G89.4', 'F33.1'],
    reasons: ['experimental'],
    plan: 'medicare-advantage',
    treatment: 'ketamine-infusion',
    stage: 'pre-service',
  },
  'medicare-msn-esi-frequency': {
    date: '2026-11-03',
    serviceDate: '2026-09-18',
    reference: '21926500118340',
    memberId: '4TE9-QN2-MK71',
    codes: ['64483'],
    diagnoses: ['M54.16'],
    denialCodes: ['CO-151', 'N640', 'N115'],
    reasons: ['frequency-limit'],
    plan: 'medicare',
    treatment: 'epidural-steroid-injection',
    stage: 'post-service',
  },
  'medicaid-scs-trial': {
    date: '2026-03-09',
    reference: 'PRA-4471093',
    memberId: '731904452',
    codes: ['63685', '63650'],
    diagnoses: ['M96.1', 'G89.29'],
    reasons: ['missing-psych-eval', 'trial-required'],
    plan: 'medicaid',
    treatment: 'scs',
    stage: 'pre-service',
  },
  'fehb-opioid-step-therapy': {
    date: '2026-01-22',
    reference: 'RX-2026-0044871',
    memberId: 'R55820317',
    reasons: ['dose-limit', 'step-therapy'],
    plan: 'fehb',
    treatment: 'opioid-therapy',
    stage: 'pre-service',
  },
};

function assertExpected(found: Extracted[], e: Expected): void {
  const one = (f: Extracted['field']) => valuesOf(found, f)[0];
  expect(one('denial.date')).toBe(e.date);
  expect(one('service.date')).toBe(e.serviceDate);
  expect(one('denial.reference')).toBe(e.reference);
  expect(one('plan.member_id')).toBe(e.memberId);
  expect(valuesOf(found, 'service.codes')).toEqual(e.codes ?? []);
  expect(valuesOf(found, 'diagnoses')).toEqual(e.diagnoses ?? []);
  expect(valuesOf(found, 'denial.codes')).toEqual(e.denialCodes ?? []);
  expect(valuesOf(found, 'denial.reasons').sort()).toEqual([...e.reasons].sort());
  expect(one('plan.type')).toBe(e.plan);
  expect(one('service.treatment')).toBe(e.treatment);
  expect(one('denial.stage')).toBe(e.stage);
}

/** The letter as a scanner and a PDF-to-text tool might give it back. */
function noisy(text: string): string {
  // OCR-style hyphenation at a line end, inside the very words the phrases look for.
  const hyphenated = text.replace(/\b(psychological|investigational|medically|stimulator|Retirement|Advantage|frequency|morphine|therapy)\b/g, (w) => `${w.slice(0, 4)}-\n${w.slice(4)}`);
  const lines = hyphenated.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    // Break long lines in the middle (inside phrases), hyphenating a long word OCR-style.
    let l = line.replace(/ /g, i % 2 ? '  ' : ' ');
    const mid = l.indexOf(' ', Math.floor(l.length / 2));
    if (l.length > 40 && mid > 0) {
      const word = /^(\S{8,})/.exec(l.slice(mid + 1));
      l = word ? `${l.slice(0, mid + 1)}${word[1]!.slice(0, 4)}-\n${word[1]!.slice(4)}${l.slice(mid + 1 + word[1]!.length)}` : `${l.slice(0, mid)}\n${l.slice(mid + 1)}`;
    }
    out.push(l);
    if (i > 0 && i % 12 === 0) out.push('', `Page ${i / 12} of 4`, '\f', 'CONFIDENTIAL MEMBER NOTICE', '');
  });
  out.push('Page 4 of 4', 'CONFIDENTIAL MEMBER NOTICE');
  return out.join('\r\n');
}

describe('extraction from the shipped denial letters', () => {
  for (const [name, expected] of Object.entries(SHIPPED)) {
    it(`reads ${name}`, () => assertExpected(extractFromDenial(letter(name)), expected));
    it(`reads ${name} with page headers, broken lines, hyphenation and extra spaces`, () => {
      const text = noisy(letter(name));
      expect(text).toMatch(/Page 1 of 4/);
      expect(text).toMatch(/[a-z]-\r\n[a-z]/);
      assertExpected(extractFromDenial(text), expected);
    });
  }

  it('gives each value the words it came from', () => {
    const found = extractFromDenial(letter('erisa-idds-psych-eval'));
    const reason = found.find((e) => e.value === 'missing-psych-eval')!;
    expect(reason.source).toMatch(/psychological\s+evaluation/i);
    const plan = found.find((e) => e.field === 'plan.type')!;
    expect(plan.source).toMatch(/Employee Retirement Income Security Act/);
    for (const e of found) expect(e.source.length).toBeGreaterThan(5);
  });

  it('is deterministic', () => {
    const text = letter('medicaid-scs-trial');
    expect(extractFromDenial(text)).toEqual(extractFromDenial(text));
  });
});

describe('what extraction must not take', () => {
  it('does not read ZIP codes or phone numbers as CPT codes', () => {
    const found = extractFromDenial('Acme Health, PO Box 1000, Chicago, IL 60601. Call 1-800-555-0134. Appeals Unit, Springfield, IL 62701.');
    expect(valuesOf(found, 'service.codes')).toEqual([]);
  });
  it('takes CPT codes only near a code label and only valid shapes', () => {
    const found = extractFromDenial('The request for CPT 6236 and 62362X was reviewed. Procedure code: 64483.');
    expect(valuesOf(found, 'service.codes')).toEqual(['64483']);
  });
  it('does not read an undotted word-like token as a diagnosis without a label', () => {
    expect(valuesOf(extractFromDenial('Form M54 was sent to you in room A12.'), 'diagnoses')).toEqual([]);
    expect(valuesOf(extractFromDenial('Diagnosis: M545 and M54'), 'diagnoses')).toEqual(['M54']);
  });
  it('reads CARCs only with their group prefix', () => {
    const found = extractFromDenial('Claim adjusted: CO-50, PR 204. We paid 50 percent. Remark code: N661.');
    expect(valuesOf(found, 'denial.codes')).toEqual(['CO-50', 'PR-204', 'N661']);
  });
  it('names no reason, plan or treatment in a letter that has none', () => {
    const found = extractFromDenial('Dear member, thank you for your letter. We will write again soon.');
    expect(found.filter((e) => ['denial.reasons', 'plan.type', 'service.treatment'].includes(e.field))).toEqual([]);
  });
  it('rejects dates that do not exist', () => {
    expect(toIsoDate('02/30/2026')).toBeUndefined();
    expect(toIsoDate('Feb. 3, 2026')).toBe('2026-02-03');
    expect(toIsoDate('September 9, 2026')).toBe('2026-09-09');
  });
});

describe('cleaning and phrases', () => {
  it('drops page lines and running headers and rejoins hyphenated words', () => {
    const t = cleanLetter('HEADER LINE\nexperimental or investi-\ngational\nPage 1 of 2\n\fHEADER LINE\nmore text');
    expect(t).toBe('experimental or investigational more text');
  });
  it('matches a phrase across line breaks and with or without its hyphen', () => {
    expect(phrasePattern('not medically necessary').test('is not\n  medically\nnecessary')).toBe(true);
    expect(phrasePattern('pre-service').test('a pre service request')).toBe(true);
    expect(phrasePattern('spinal cord stimulat*').test('Spinal Cord Stimulators')).toBe(true);
    expect(phrasePattern('MME').test('FMMEA')).toBe(false);
  });
});
