import { describe, expect, it } from 'vitest';
import { evaluateCheck, validateCheck } from '../src/rules/check.js';
import { mmeFactors, parseFactorTable } from '../src/rules/predicates/mme.js';
import { describeDetail } from '../src/report/wording.js';
import { makeCase } from './helpers/case.js';

const dates = { denialDate: '2026-10-03', serviceDate: '2026-10-03' };
const run = (check: unknown, c = makeCase()) => evaluateCheck(check, c, dates);
const codes = (r: { detail: { code: string }[] }) => r.detail.map((d) => d.code);

describe('mme factor table (rules/mme-factors.yaml)', () => {
  it('loads with the CDC 2022 factors and a source', () => {
    const t = mmeFactors();
    expect(t.source.id).toBe('cdc-2022-mme-factors');
    const f = Object.fromEntries(t.opioids.map((o) => [o.id, o.factor]));
    expect(f).toMatchObject({ codeine: 0.15, 'fentanyl-transdermal': 2.4, hydrocodone: 1, hydromorphone: 5, methadone: 4.7, morphine: 1, oxycodone: 1.5, oxymorphone: 3, tapentadol: 0.4, tramadol: 0.2 });
  });
  it('rejects a table with a bad pattern or factor', () => {
    expect(() => parseFactorTable('source: {id: x, citation: y, confidence: primary, verified: 2026-01-01}\nopioids: [{id: a, match: "(", factor: 1, unit: mg}]')).toThrow(/factor table/);
    expect(() => parseFactorTable('source: {id: x, citation: y, confidence: primary, verified: 2026-01-01}\nopioids: [{id: a, match: a, factor: 0, unit: mg}]')).toThrow(/factor table/);
  });
});

describe('mme', () => {
  const c = makeCase({
    history: {
      medications: [
        { name: 'Oxycodone ER (OxyContin)', class: 'opioid', dose: '20 mg twice daily', daily_mg: 40, start: '2025-01-01' },
        { name: 'Fentanyl patch', class: 'opioid', dose: '25 mcg/h every 72 h', mcg_per_hour: 25, start: '2025-06-01', end: '2026-12-31' },
        { name: 'Hydromorphone', class: 'opioid', dose: '2 mg four times daily', daily_mg: 8, start: '2023-01-01', end: '2023-06-01', outcome: 'side-effects' },
        { name: 'Gabapentin', class: 'anticonvulsant', dose: '300 mg', daily_mg: 900, start: '2025-01-01' },
      ],
    },
  });
  it('sums current opioids only: oxycodone 40 x 1.5 + fentanyl 25 x 2.4 = 120', () => {
    const r = run({ mme: {} }, c);
    expect(r.ok).toBe(true);
    expect(r.detail).toEqual([{ code: 'mme.total', args: { total: 120 } }]);
    expect(r.evidence.map((e) => [e.path, e.facts.mme])).toEqual([
      ['history.medications[0]', 60],
      ['history.medications[1]', 60],
    ]);
  });
  it('compares the total with max and min', () => {
    expect(codes(run({ mme: { max: 90 } }, c))).toEqual(['mme.above-max']);
    expect(run({ mme: { max: 120 } }, c).ok).toBe(true);
    expect(run({ mme: { min: 50 } }, c).ok).toBe(true);
    expect(codes(run({ mme: { min: 121 } }, c))).toEqual(['mme.below-min']);
  });
  it('fails when a current opioid lacks the amount its factor needs', () => {
    const d = makeCase({ history: { medications: [{ name: 'Fentanyl transdermal', class: 'opioid', daily_mg: 1 }] } });
    const r = run({ mme: {} }, d);
    expect(r.ok).toBe(false);
    expect(r.detail).toEqual([{ code: 'mme.no-dose', args: { path: 'history.medications[0]', name: 'Fentanyl transdermal', field: 'mcg_per_hour' } }]);
  });
  it('does not guess a factor for an opioid missing from the table', () => {
    const d = makeCase({ history: { medications: [{ name: 'Buprenorphine patch', class: 'opioid', daily_mg: 1 }] } });
    expect(codes(run({ mme: {} }, d))).toEqual(['mme.unknown-opioid']);
  });
  it('does not read morphine into hydromorphone or oxymorphone', () => {
    const d = makeCase({ history: { medications: [{ name: 'Oxymorphone', class: 'opioid', daily_mg: 10 }, { name: 'Morphine sulfate ER', class: 'opioid', daily_mg: 30 }] } });
    expect(run({ mme: {} }, d).detail[0]!.args.total).toBe(60);
  });
  it('fails without any current opioid', () => {
    expect(codes(run({ mme: {} }))).toEqual(['mme.no-current']);
    expect(run({ not: { mme: { min: 50 } } }).ok).toBe(true);
  });
  it('validates its parameters', () => {
    expect(validateCheck({ mme: { max: 90 } }, [])).toEqual([]);
    expect(validateCheck({ mme: { min: 100, max: 90 } }, []).length).toBeGreaterThan(0);
    expect(validateCheck({ mme: { cap: 90 } }, []).length).toBeGreaterThan(0);
  });
  it('has words for every detail code', () => {
    for (const code of ['mme.no-current', 'mme.unknown-opioid', 'mme.no-dose', 'mme.total', 'mme.above-max', 'mme.below-min'])
      expect(describeDetail({ code, args: { total: 1, max: 1, min: 1, path: 'p', name: 'n', field: 'daily_mg' } })).not.toContain(code);
  });
});

describe('visits', () => {
  const pt = (plan: object, service: object) =>
    makeCase({
      plan: { insurer: 'X', type: 'erisa', member_id: 'M1', ...plan },
      service: { treatment: 'physical-therapy', description: 'PT', ...service },
    });
  it('holds when used plus requested are within the limit', () => {
    const r = run({ visits: {} }, pt({ visit_limit: 20 }, { visits_used: 12, visits_requested: 8 }));
    expect(r.ok).toBe(true);
    expect(r.detail).toEqual([{ code: 'visits.within', args: { used: 12, requested: 8, limit: 20 } }]);
  });
  it('fails when they exceed it, unless requested visits are left out', () => {
    const c = pt({ visit_limit: 20 }, { visits_used: 18, visits_requested: 6 });
    expect(codes(run({ visits: {} }, c))).toEqual(['visits.exceeded']);
    expect(run({ visits: { include_requested: false } }, c).ok).toBe(true);
  });
  it('names the missing number', () => {
    expect(codes(run({ visits: {} }, pt({}, { visits_used: 3 })))).toEqual(['visits.no-limit']);
    expect(codes(run({ visits: {} }, pt({ visit_limit: 20 }, {})))).toEqual(['visits.no-count']);
  });
  it('validates its parameters and has words for its codes', () => {
    expect(validateCheck({ visits: { include_requested: 'yes' } }, []).length).toBeGreaterThan(0);
    for (const code of ['visits.no-limit', 'visits.no-count', 'visits.exceeded', 'visits.within'])
      expect(describeDetail({ code, args: { used: 1, requested: 1, limit: 1 } })).not.toContain(code);
  });
});

describe('document title', () => {
  const c = makeCase({
    documents: [
      { kind: 'literature', title: 'Cohen SP et al. Consensus guidelines on IV ketamine. Reg Anesth Pain Med 2018' },
      { kind: 'literature', title: 'Another study' },
      { kind: 'literature' },
    ],
  });
  it('matches the title pattern', () => {
    const r = run({ document: { kind: 'literature', title: '\\bCohen\\b' } }, c);
    expect(r.ok).toBe(true);
    expect(r.evidence.map((e) => e.path)).toEqual(['documents[0]']);
  });
  it('names each document whose title does not match, untitled ones included', () => {
    const r = run({ document: { kind: 'literature', title: 'ASRA' } }, c);
    expect(r.ok).toBe(false);
    expect(r.detail.map((d) => [d.code, d.args.path])).toEqual([
      ['document.title', 'documents[0]'],
      ['document.title', 'documents[1]'],
      ['document.title', 'documents[2]'],
    ]);
    expect(describeDetail(r.detail[0]!)).not.toContain('document.title');
  });
});
