import { describe, expect, it } from 'vitest';
import { evaluateCheck, validateCheck } from '../src/rules/check.js';
import { makeCase } from './helpers/case.js';

const dates = { denialDate: '2026-10-03', serviceDate: '2026-11-02' };
const run = (check: unknown, c = makeCase()) => evaluateCheck(check, c, dates);
const codes = (r: { detail: { code: string }[] }) => r.detail.map((d) => d.code);

describe('document', () => {
  const c = makeCase({
    documents: [
      { kind: 'psych-eval', date: '2026-07-30', author: 'Dr Psych', result: 'cleared for implant' },
      { kind: 'imaging', date: '2023-01-01', result: 'L5-S1 herniation' },
    ],
  });
  it('matches a document of the kind within the window with the result', () => {
    const r = run({ document: { kind: 'psych-eval', within_days: 365, result: 'cleared' } }, c);
    expect(r.ok).toBe(true);
    expect(r.evidence.map((e) => e.path)).toEqual(['documents[0]']);
  });
  it('reports a document that is too old', () => {
    const r = run({ document: { kind: 'imaging', within_days: 730 } }, c);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['document.stale']);
  });
  it('reports a result that does not match', () => {
    expect(codes(run({ document: { kind: 'psych-eval', result: 'not a candidate' } }, c))).toEqual(['document.result']);
  });
  it('reports no document at all', () => {
    expect(codes(run({ document: { kind: 'trial-report' } }, c))).toEqual(['document.none']);
  });
  it('counts toward min', () => {
    expect(run({ document: { kind: ['psych-eval', 'imaging'], min: 2 } }, c).ok).toBe(true);
    expect(run({ document: { kind: ['psych-eval', 'imaging'], min: 3 } }, c).ok).toBe(false);
  });
});

describe('medications', () => {
  const c = makeCase({
    history: {
      medications: [
        { name: 'Oxycodone ER', class: 'opioid', dose: '20 mg BID', start: '2023-02-01', end: '2023-11-15', outcome: 'inadequate-relief' },
        { name: 'Morphine ER', class: 'opioid', dose: '30 mg BID', start: '2024-01-01', end: '2024-02-01', outcome: 'side-effects' },
        { name: 'Hydromorphone', class: 'opioid', start: '2024-03-01', outcome: 'side-effects' },
        { name: 'Tramadol', class: 'opioid', dose: '50 mg', start: '2022-01-01', end: '2022-06-01', outcome: 'ongoing' },
      ],
    },
  });
  it('counts failed medications with dose and dates', () => {
    const r = run({ medications: { class: 'opioid', min: 2, failed: true } }, c);
    expect(r.ok).toBe(true);
    expect(r.evidence).toHaveLength(2);
  });
  it('names the incomplete and not-failed entries when too few', () => {
    const r = run({ medications: { class: 'opioid', min: 3, failed: true } }, c);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['medications.too-few', 'medication.incomplete', 'medication.not-failed']);
    expect(r.detail[1]!.args.fields).toEqual(['dose', 'end']);
  });
  it('enforces a minimum trial length', () => {
    const r = run({ medications: { class: 'opioid', min: 2, failed: true, min_days: 60 } }, c);
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('medication.too-short');
  });
  it('counts the same drug once', () => {
    const twice = makeCase({
      history: {
        medications: [
          { name: 'Gabapentin', class: 'anticonvulsant', dose: '300 mg', start: '2023-01-01', end: '2023-03-01', outcome: 'side-effects' },
          { name: 'gabapentin', class: 'anticonvulsant', dose: '600 mg', start: '2023-04-01', end: '2023-06-01', outcome: 'side-effects' },
        ],
      },
    });
    expect(run({ medications: { class: 'anticonvulsant', min: 2, failed: true } }, twice).ok).toBe(false);
  });
});

describe('therapy', () => {
  const c = makeCase({ history: { therapies: [{ kind: 'physical-therapy', start: '2026-01-05', end: '2026-01-26', sessions: 6, outcome: 'inadequate-relief' }] } });
  it('accepts weeks or sessions', () => {
    expect(run({ therapy: { kind: 'physical-therapy', min_weeks: 3 } }, c).ok).toBe(true);
    expect(run({ therapy: { kind: 'physical-therapy', min_weeks: 4, min_sessions: 6 } }, c).ok).toBe(true);
    const r = run({ therapy: { kind: 'physical-therapy', min_weeks: 4, min_sessions: 12 } }, c);
    expect(codes(r)).toEqual(['therapy.none', 'therapy.too-short']);
  });
  it('accepts any documented course when no length is asked', () => {
    expect(run({ therapy: { kind: 'physical-therapy', failed: true } }, c).ok).toBe(true);
    expect(codes(run({ therapy: { kind: 'cbt' } }, c))).toEqual(['therapy.none']);
  });
});

describe('procedures', () => {
  const c = makeCase({
    history: {
      procedures: [
        { kind: 'medial-branch-block', date: '2026-03-01', pain_before: 8, pain_after: 1 },
        { kind: 'medial-branch-block', date: '2026-03-10', relief_percent: 85 },
        { kind: 'medial-branch-block', date: '2026-04-01', relief_percent: 90 },
        { kind: 'epidural-steroid-injection', date: '2025-12-01', relief_percent: 60, duration_days: 120 },
        { kind: 'epidural-steroid-injection', date: '2026-04-15', pain_before: 6, pain_after: 4 },
      ],
    },
  });
  it('derives relief from pain scores', () => {
    const r = run({ procedure: { kind: 'medial-branch-block', min_relief_percent: 80, scores: true } }, c);
    expect(r.ok).toBe(true);
    expect(r.evidence[0]!.facts.relief_percent).toBe(88);
  });
  it('reports low relief and short relief', () => {
    const r = run({ procedure: { kind: 'epidural-steroid-injection', min: 2, min_relief_percent: 50, min_duration_days: 90 } }, c);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['procedure.too-few', 'procedure.low-relief']);
  });
  it('finds procedures far enough apart', () => {
    expect(run({ procedures_apart: { kind: 'medial-branch-block', count: 2, min_days_apart: 14, min_relief_percent: 80 } }, c).ok).toBe(true);
    const r = run({ procedures_apart: { kind: 'medial-branch-block', count: 3, min_days_apart: 14 } }, c);
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('procedure.too-close');
  });
  it('counts the requested service against a frequency cap', () => {
    // Window of 365 days ending 2026-11-02 holds 2 ESIs; with the requested one, 3.
    expect(run({ frequency: { kind: 'epidural-steroid-injection', max: 3, window_days: 365 } }, c).ok).toBe(true);
    const r = run({ frequency: { kind: 'epidural-steroid-injection', max: 2, window_days: 365 } }, c);
    expect(r.ok).toBe(false);
    expect(r.detail[0]).toMatchObject({ code: 'frequency.exceeded', args: { count: 3, max: 2 } });
    expect(run({ frequency: { kind: 'epidural-steroid-injection', max: 2, window_days: 365, include_requested: false } }, c).ok).toBe(true);
  });
});

describe('diagnosis, measure, field and logic', () => {
  const c = makeCase({
    diagnoses: [{ code: 'M54.16' }, { code: 'G89.29' }],
    measures: [{ kind: 'nrs', value: 8, date: '2026-09-01' }],
  });
  it('matches diagnosis patterns', () => {
    expect(run({ diagnosis: { code: 'M54.1*' } }, c).ok).toBe(true);
    expect(run({ diagnosis: { code: 'M54.1' } }, c).ok).toBe(false);
    expect(run({ diagnosis: { code: ['G90.5*', 'G89.29'] } }, c).evidence[0]!.facts.code).toBe('G89.29');
  });
  it('finds measures', () => {
    expect(run({ measure: { kind: 'nrs', within_days: 90 } }, c).ok).toBe(true);
    expect(run({ measure: { kind: 'odi' } }, c).ok).toBe(false);
  });
  it('reads fields', () => {
    expect(run({ field: { path: 'plan.type', in: ['erisa', 'medicare'] } }, c).ok).toBe(true);
    expect(run({ field: { path: 'denial.reasons', in: ['step-therapy'] } }, c).ok).toBe(false);
    expect(run({ field: { path: 'plan.state', present: true } }, c).ok).toBe(false);
    expect(run({ field: { path: '__proto__.x', present: true } }, c).ok).toBe(false);
  });
  it('combines with all, any, not', () => {
    expect(run({ all: [{ diagnosis: { code: 'M54.16' } }, { measure: { kind: 'nrs' } }] }, c).ok).toBe(true);
    expect(run({ any: [{ diagnosis: { code: 'X00' } }, { measure: { kind: 'nrs' } }] }, c).ok).toBe(true);
    expect(run({ not: { diagnosis: { code: 'M54.16' } } }, c).ok).toBe(false);
    expect(codes(run({ any: [{ diagnosis: { code: 'X00' } }, { measure: { kind: 'odi' } }] }, c))[0]).toBe('any.none');
  });
});

describe('validateCheck', () => {
  it('suggests the closest predicate name', () => {
    const [p] = validateCheck({ all: [{ documnet: { kind: 'imaging' } }] });
    expect(p).toMatchObject({ code: 'unknown-predicate', path: ['all', 0, 'documnet'], hint: 'did you mean `document`?' });
  });
  it('checks parameters against the predicate schema', () => {
    const [p] = validateCheck({ document: { kind: 'x-ray' } });
    expect(p).toMatchObject({ code: 'predicate-params', path: ['document', 'kind'] });
  });
  it('requires exactly one predicate per check', () => {
    expect(validateCheck({ document: { kind: 'imaging' }, measure: {} })[0]!.code).toBe('check-shape');
  });
});

describe('wording of therapy details', () => {
  it('reads naturally with and without a required length', async () => {
    const { describeDetail } = await import('../src/report/wording.js');
    expect(describeDetail({ code: 'therapy.none', args: { kind: [] } })).toBe('no therapy course is documented');
    expect(describeDetail({ code: 'therapy.none', args: { kind: ['physical-therapy'], min_weeks: 4 } })).toBe('no physical-therapy course of 4 weeks is documented');
  });
});
