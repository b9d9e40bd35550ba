/**
 * Deadlines: calendar arithmetic, the shipped tables, and the appeal path of each plan type
 * and level. Every expected date was counted by hand; the comment next to it gives the rule
 * and the count ("Oct 7 + 24 = Oct 31, +30 Nov, ..." style where it helps).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { makeCase } from './helpers/case.js';
import type { Case } from '../src/case/schema.js';
import { PLAN_TYPES, LEVELS } from '../src/case/schema.js';
import { InputError } from '../src/diagnostic.js';
import { loadCaseFile } from '../src/case/load.js';
import {
  addBusinessDays,
  addCalendarDays,
  addMonths,
  addWindow,
  daysInMonth,
  describeDuration,
  isLeapYear,
  weekday,
  weekdayName,
} from '../src/deadlines/calendar.js';
import { loadDeadlines, selectPath, SHIPPED_DEADLINES_DIR } from '../src/deadlines/load.js';
import { amountInControversy, computeAppealPath, type AppealPathReport } from '../src/deadlines/compute.js';
import { formatDeadlineText } from '../src/deadlines/format.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'deadlines');
const ROOT = join(import.meta.dirname, '..');

type DenialPatch = Partial<Case['denial']>;

function caseOf(plan: Case['plan']['type'], denial: DenialPatch, requested: Partial<Case['requested']> = {}): Case {
  const base = makeCase();
  return makeCase({
    plan: { ...base.plan, type: plan },
    denial: { ...base.denial, ...denial },
    requested: { ...base.requested, ...requested },
  });
}

function path(plan: Case['plan']['type'], denial: DenialPatch, asOf: string, requested: Partial<Case['requested']> = {}): AppealPathReport {
  return computeAppealPath(caseOf(plan, denial, requested), asOf);
}

// --- calendar ----------------------------------------------------------------------------

describe('calendar arithmetic', () => {
  it.each([
    // [start, months, expected, clamped, why]
    ['2026-10-31', 4, '2027-02-28', true, 'Feb 2027 has 28 days: the 31st does not exist, so the last day'],
    ['2027-10-31', 4, '2028-02-29', true, '2028 is a leap year: last day of Feb is the 29th'],
    ['2028-02-29', 12, '2029-02-28', true, '2029 is not a leap year'],
    ['2024-01-31', 1, '2024-02-29', true, 'leap year February'],
    ['2026-01-31', 1, '2026-02-28', true, 'common-year February'],
    ['2026-03-31', 1, '2026-04-30', true, 'April has 30 days'],
    ['2026-08-31', 6, '2027-02-28', true, 'FEHB 6 months from Aug 31'],
    ['2026-08-15', 6, '2027-02-15', false, 'same day of month exists'],
    ['2026-06-15', 4, '2026-10-15', false, 'same day of month exists'],
    ['2026-11-30', 3, '2027-02-28', true, 'Feb has no 30th'],
    ['2026-12-31', 2, '2027-02-28', true, 'crosses the year'],
    ['2099-10-31', 4, '2100-02-28', true, '2100 is not a leap year (divisible by 100)'],
    ['1999-10-31', 4, '2000-02-29', true, '2000 is a leap year (divisible by 400)'],
    ['2026-03-31', -1, '2026-02-28', true, 'negative months clamp too'],
  ])('%s + %i months = %s', (start, months, expected, clamped) => {
    expect(addMonths(start, months)).toEqual({ date: expected, clamped });
  });

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2026, 2028, 2100].map(isLeapYear)).toEqual([false, true, true, false, true, false]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('adds calendar days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-10-07', 180)).toBe('2027-04-05'); // 24 (Oct) + 30 + 31 + 31 + 28 + 31 + 5 = 180
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('counts business days Monday to Friday (holidays are not skipped)', () => {
    expect(addBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Fri + 1 business day = Mon
    expect(addBusinessDays('2026-11-20', 5)).toBe('2026-11-27'); // Fri + 5 = next Fri (Thanksgiving 11-26 is NOT skipped)
    expect(addBusinessDays('2026-11-21', 1)).toBe('2026-11-23'); // Sat + 1 = Mon
    expect(addBusinessDays('2026-11-22', 0)).toBe('2026-11-22');
    expect(addBusinessDays('2026-11-23', 10)).toBe('2026-12-07'); // two full weeks
    expect(() => addBusinessDays('2026-11-23', -1)).toThrow(RangeError);
    expect(addWindow('2026-11-20', { amount: 3, unit: 'business-days' })).toEqual({ date: '2026-11-25', clamped: false });
  });

  it('agrees with the JavaScript calendar on weekdays for every day of 2024-2029', () => {
    for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2030, 0, 1); d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      expect(weekday(iso)).toBe(new Date(d).getUTCDay());
    }
    expect(weekdayName('2027-04-05')).toBe('Monday');
  });

  it('describes durations in plain words', () => {
    expect(describeDuration({ amount: 72, unit: 'hours' })).toBe('72 hours');
    expect(describeDuration({ amount: 1, unit: 'months' })).toBe('1 month');
    expect(describeDuration({ amount: 60, unit: 'calendar-days' })).toBe('60 calendar days');
    expect(describeDuration({ amount: 3, unit: 'business-days' })).toBe('3 business days');
  });
});

// --- the shipped tables ------------------------------------------------------------------

describe('the shipped deadline tables', () => {
  it('load without problems, cover every plan type and map every case level', () => {
    const lib = loadDeadlines();
    for (const plan of PLAN_TYPES) {
      const versions = lib.paths.filter((p) => p.plan === plan);
      expect(versions.length, plan).toBeGreaterThan(0);
      for (const v of versions) for (const level of LEVELS) expect(v.levels.some((l) => l.follows === level), `${v.file} ${level}`).toBe(true);
    }
    expect(lib.aic?.years.map((y) => y.year)).toEqual([2016, 2017, 2018, 2025, 2026]);
  });

  it('are loaded once and cached', () => {
    expect(loadDeadlines()).toBe(loadDeadlines(SHIPPED_DEADLINES_DIR));
  });

  it('mark every UNCONFIRMED fact as unconfirmed (no unconfirmed source claims a higher confidence)', () => {
    for (const p of loadDeadlines().paths) {
      for (const s of p.sources) {
        if (/UNCONFIRMED|not in the sources on file|no source on file|general knowledge/i.test(`${s.citation} ${s.note ?? ''}`) && !/UNCONFIRMED; appeal uses/.test(s.note ?? '')) {
          expect(s.confidence, `${p.file} ${s.id}`).toBe('unconfirmed');
        }
      }
    }
  });

  it('keep the two Medicare Advantage versions identical except for the organization determination time', () => {
    const read = (f: string) => parse(readFileSync(join(ROOT, 'rules', 'deadlines', f), 'utf8'));
    const a = read('medicare-advantage.yaml');
    const b = read('medicare-advantage-2026.yaml');
    expect(a.initial_decision.decision.pre_service).toEqual({ amount: 14, unit: 'calendar-days' });
    expect(b.initial_decision.decision.pre_service).toEqual({ amount: 7, unit: 'calendar-days' });
    for (const x of [a, b]) {
      delete x.version;
      delete x.effective;
      delete x.initial_decision;
      x.sources = x.sources.filter((s: { id: string }) => !s.id.startsWith('ma-od-standard'));
    }
    expect(b).toEqual(a);
  });

  it('reports schema problems with file:line:column and a did-you-mean', () => {
    let error: unknown;
    try {
      loadDeadlines(join(FIXTURES, 'broken'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const ds = (error as InputError).diagnostics;
    const bad = ds.find((d) => d.path === 'levels[1].filing.counts_from');
    expect(bad).toMatchObject({ line: 30, column: 20, code: 'invalid-value' });
    expect(bad?.message).toContain('notice, receipt, presumed-receipt');
    const typo = ds.find((d) => d.code === 'unknown-key');
    expect(typo).toMatchObject({ path: 'levels[1].desicion', line: 33, hint: 'did you mean `decision`?' });
  });

  it('reports dangling source ids and a case level nothing follows', () => {
    let error: unknown;
    try {
      loadDeadlines(join(FIXTURES, 'broken-refs'));
    } catch (e) {
      error = e;
    }
    const ds = (error as InputError).diagnostics;
    expect(ds.find((d) => d.code === 'unknown-source')).toMatchObject({ path: 'levels[0].filing.sources[0]', line: 21, column: 17 });
    expect(ds.find((d) => d.code === 'missing-follows')?.message).toContain('external-review');
  });
});

// --- version selection by date -----------------------------------------------------------

describe('rules are chosen by the denial date', () => {
  it('Medicare Advantage: 14 days before 2026-01-01, 7 days from it (CMS-0057-F)', () => {
    const before = path('medicare-advantage', { date: '2025-12-31' }, '2026-01-15');
    expect(before.rules.version).toBe('2025.1');
    expect(before.initialDecision?.decisionTime).toMatchObject({ kind: 'pre-service', amount: 14, unit: 'calendar-days' });
    const from = path('medicare-advantage', { date: '2026-01-01' }, '2026-01-15');
    expect(from.rules.version).toBe('2026.1');
    expect(from.initialDecision?.decisionTime).toMatchObject({ kind: 'pre-service', amount: 7, unit: 'calendar-days' });
    // urgent: 72 hours under both versions (42 CFR 422.572)
    expect(path('medicare-advantage', { date: '2026-03-01', urgent: true }, '2026-03-02').initialDecision?.decisionTime).toMatchObject({ kind: 'expedited', amount: 72, unit: 'hours' });
  });

  it('a user table directory: latest effective on or before the date; the earliest (with a note) before all', () => {
    const lib = loadDeadlines(join(FIXTURES, 'versions'));
    expect(selectPath(lib, 'fehb', '2024-06-30').path.version).toBe('2020.1');
    expect(selectPath(lib, 'fehb', '2024-07-01').path.version).toBe('2024.1');
    const early = selectPath(lib, 'fehb', '2019-05-01');
    expect(early.path.version).toBe('2020.1');
    expect(early.note).toContain('earliest');
    // version 2024.1: 45 days from the notice 2024-07-01 -> 2024-08-15 (30 days of July after the 1st, + 15)
    const r = computeAppealPath(caseOf('fehb', { date: '2024-07-01' }), '2024-07-02', lib);
    expect(r.next.dueDate).toBe('2024-08-15');
    // version 2020.1 with a note: 30 days from 2019-05-01 -> 2019-05-31
    const old = computeAppealPath(caseOf('fehb', { date: '2019-05-01' }), '2019-05-02', lib);
    expect(old.next.dueDate).toBe('2019-05-31');
    expect(old.notes.join(' ')).toContain('No fehb deadline table was in force on 2019-05-01');
    // business days: 10 business days from Fri 2024-07-05 -> Fri 2024-07-19
    expect(computeAppealPath(caseOf('fehb', { date: '2024-07-05', level: 'internal-appeal' }), '2024-07-05', lib).next.dueDate).toBe('2024-07-19');
  });
});

// --- each plan type and level ------------------------------------------------------------

interface Row {
  name: string;
  plan: Case['plan']['type'];
  denial: DenialPatch;
  requested?: Partial<Case['requested']>;
  asOf: string;
  level: string;
  due: string | null;
  countsFrom?: { kind: string; date: string };
  status: string;
  daysLeft?: number | null;
  decision?: { kind: string; amount: number; unit: string } | null;
  expedited?: boolean;
  notes?: RegExp[];
}

const ROWS: Row[] = [
  // ---- ERISA ----
  {
    name: 'ERISA initial, received given',
    plan: 'erisa',
    denial: { date: '2026-10-03', received: '2026-10-07', level: 'initial', stage: 'pre-service' },
    asOf: '2026-11-01',
    level: 'internal-appeal',
    // 29 CFR 2560.503-1(h)(3)(i): 180 days from receipt 2026-10-07 -> 2027-04-05 (24+30+31+31+28+31+5)
    due: '2027-04-05',
    countsFrom: { kind: 'receipt', date: '2026-10-07' },
    status: 'open',
    daysLeft: 155, // Nov 1 -> Apr 5: 29 + 31 + 31 + 28 + 31 + 5
    // 29 CFR 2560.503-1(i)(2)(ii): pre-service appeal decided within 30 days
    decision: { kind: 'pre-service', amount: 30, unit: 'days' },
    expedited: false,
  },
  {
    name: 'ERISA initial, receipt unknown: counts from the notice date',
    plan: 'erisa',
    denial: { date: '2026-10-03', level: 'initial' },
    asOf: '2026-11-01',
    level: 'internal-appeal',
    // (h)(3)(i) counts from receipt; unknown, so the notice date 2026-10-03 + 180 -> 2027-04-01 (28+30+31+31+28+31+1)
    due: '2027-04-01',
    countsFrom: { kind: 'notice', date: '2026-10-03' },
    status: 'open',
    notes: [/does not say when \(denial\.received\)/],
  },
  {
    name: 'ERISA post-service appeal decision time',
    plan: 'erisa',
    denial: { date: '2026-10-03', received: '2026-10-07', stage: 'post-service' },
    asOf: '2026-11-01',
    level: 'internal-appeal',
    due: '2027-04-05', // same window as above
    status: 'open',
    // 29 CFR 2560.503-1(i)(2)(iii): post-service appeal decided within 60 days
    decision: { kind: 'post-service', amount: 60, unit: 'days' },
  },
  {
    name: 'ERISA urgent: 72 hours and concurrent expedited external review',
    plan: 'erisa',
    denial: { date: '2026-10-03', received: '2026-10-07', urgent: true },
    asOf: '2026-10-08',
    level: 'internal-appeal',
    due: '2027-04-05', // the filing window does not shrink; the decision clock does
    status: 'open',
    // 29 CFR 2560.503-1(i)(2)(i): urgent appeal decided within 72 hours
    decision: { kind: 'expedited', amount: 72, unit: 'hours' },
    expedited: true,
    notes: [/expedited external review at the same time/],
  },
  {
    name: 'ERISA expedited asked for in `requested.expedited` counts as urgent',
    plan: 'erisa',
    denial: { date: '2026-10-03', received: '2026-10-07' },
    requested: { expedited: true },
    asOf: '2026-10-08',
    level: 'internal-appeal',
    due: '2027-04-05',
    status: 'open',
    decision: { kind: 'expedited', amount: 72, unit: 'hours' },
    expedited: true,
  },
  {
    name: 'ERISA internal appeal denied: external review, 4 months from Oct 31 -> Feb 28',
    plan: 'erisa',
    denial: { date: '2026-10-28', received: '2026-10-31', level: 'internal-appeal' },
    asOf: '2026-11-15',
    level: 'external-review',
    // 29 CFR 2590.715-2719(d) / 45 CFR 147.136(d): 4 months after receipt 2026-10-31 -> "Feb 31" -> last day, 2027-02-28
    due: '2027-02-28',
    status: 'open',
    // federal external review: IRO decides within 45 days
    decision: { kind: 'standard', amount: 45, unit: 'days' },
    notes: [/does not exist in that month/, /2027-02-28 is a Sunday/],
  },
  {
    name: 'ERISA after external review: lawsuit under 502(a), no fixed deadline',
    plan: 'erisa',
    denial: { date: '2026-10-03', level: 'external-review' },
    asOf: '2026-11-01',
    level: 'lawsuit',
    due: null,
    status: 'no-fixed-deadline',
    daysLeft: null,
    decision: null,
    notes: [/limitation period/],
  },
  {
    name: 'ERISA denial already past its deadline',
    plan: 'erisa',
    denial: { date: '2025-01-10', received: '2025-01-15' },
    asOf: '2026-11-01',
    level: 'internal-appeal',
    // (h)(3)(i): 180 days from 2025-01-15 -> 2025-07-14 (16+28+31+30+31+30+14)
    due: '2025-07-14',
    status: 'overdue',
    daysLeft: -475,
    notes: [/deadline passed 475 days ago/],
  },
  // ---- ACA individual ----
  {
    name: 'ACA initial: 180 days from receipt',
    plan: 'aca-individual',
    denial: { date: '2026-10-03', received: '2026-10-07' },
    asOf: '2027-03-25',
    level: 'internal-appeal',
    // 45 CFR 147.136(b) / CMS Marketplace: 180 days from receipt 2026-10-07 -> 2027-04-05
    due: '2027-04-05',
    status: 'due-soon',
    daysLeft: 11, // Mar 25 -> Apr 5
  },
  {
    name: 'ACA external review 4 months from Oct 31 in a leap year -> Feb 29',
    plan: 'aca-individual',
    denial: { date: '2027-10-29', received: '2027-10-31', level: 'internal-appeal' },
    asOf: '2027-11-01',
    level: 'external-review',
    // 45 CFR 147.136(d): 4 months after receipt 2027-10-31 -> 2028-02-29 (2028 is a leap year)
    due: '2028-02-29',
    status: 'open',
    notes: [/last day of the month, 2028-02-29/],
  },
  {
    name: 'ACA external review 4 months from Oct 31 in a common year -> Feb 28',
    plan: 'aca-individual',
    denial: { date: '2026-10-29', received: '2026-10-31', level: 'internal-appeal' },
    asOf: '2026-11-01',
    level: 'external-review',
    // 45 CFR 147.136(d): 2026-10-31 + 4 months -> 2027-02-28
    due: '2027-02-28',
    status: 'open',
  },
  {
    name: 'ACA external review, day exists: no clamping',
    plan: 'aca-individual',
    denial: { date: '2026-06-12', received: '2026-06-15', level: 'internal-appeal' },
    asOf: '2026-07-01',
    level: 'external-review',
    due: '2026-10-15', // 2026-06-15 + 4 months
    status: 'open',
  },
  {
    name: 'ACA urgent internal appeal: 72 hours',
    plan: 'aca-individual',
    denial: { date: '2026-10-03', received: '2026-10-07', urgent: true },
    asOf: '2026-10-08',
    level: 'internal-appeal',
    due: '2027-04-05',
    status: 'open',
    // 45 CFR 147.136(b)(2)(ii)(B): urgent appeal decided within 72 hours
    decision: { kind: 'expedited', amount: 72, unit: 'hours' },
    expedited: true,
    notes: [/expedited external review at the same time/],
  },
  {
    name: 'ACA urgent external review: 72 hours',
    plan: 'aca-individual',
    denial: { date: '2026-10-03', received: '2026-10-07', level: 'internal-appeal', urgent: true },
    asOf: '2026-10-08',
    level: 'external-review',
    due: '2027-02-07', // 2026-10-07 + 4 months
    status: 'open',
    decision: { kind: 'expedited', amount: 72, unit: 'hours' },
    expedited: true,
  },
  // ---- Original Medicare ----
  {
    name: 'Medicare redetermination: receipt presumed notice + 5',
    plan: 'medicare',
    denial: { date: '2026-10-20', level: 'initial', stage: 'post-service' },
    asOf: '2026-11-23',
    level: 'redetermination',
    // 42 CFR 405.942(a): 120 days from receipt presumed 2026-10-25 -> 2027-02-22 (6+30+31+31+22)
    due: '2027-02-22',
    countsFrom: { kind: 'presumed-receipt', date: '2026-10-25' },
    status: 'open',
    // 42 CFR 405.950 (unconfirmed): 60 days
    decision: { kind: 'standard', amount: 60, unit: 'days' },
  },
  {
    name: 'Medicare: received before the presumed date counts from actual receipt',
    plan: 'medicare',
    denial: { date: '2026-10-20', received: '2026-10-22' },
    asOf: '2026-11-23',
    level: 'redetermination',
    // 405.942(a): receipt 2026-10-22 (earlier than presumed 10-25) + 120 -> 2027-02-19 (9+30+31+31+19)
    due: '2027-02-19',
    countsFrom: { kind: 'receipt', date: '2026-10-22' },
    status: 'open',
    notes: [/counts from 2026-10-22, the earlier date/],
  },
  {
    name: 'Medicare: received after the presumed date still counts from the presumed date',
    plan: 'medicare',
    denial: { date: '2026-10-20', received: '2026-11-02' },
    asOf: '2026-11-23',
    level: 'redetermination',
    due: '2027-02-22', // presumption stands: 2026-10-25 + 120
    countsFrom: { kind: 'presumed-receipt', date: '2026-10-25' },
    status: 'open',
    notes: [/evidence to the contrary/],
  },
  {
    name: 'Medicare QIC reconsideration after the redetermination',
    plan: 'medicare',
    denial: { date: '2026-03-02', level: 'internal-appeal' },
    asOf: '2026-04-01',
    level: 'reconsideration',
    // 42 CFR 405.962(a): 180 days from presumed receipt 2026-03-07 -> 2026-09-03 (24+30+31+30+31+31+3)
    due: '2026-09-03',
    status: 'open',
  },
  {
    name: 'Medicare ALJ after the QIC decision (deadline on a Sunday)',
    plan: 'medicare',
    denial: { date: '2026-11-20', level: 'external-review' },
    asOf: '2026-12-01',
    level: 'alj-hearing',
    // 42 CFR 405.1002(a)(1): 60 days from presumed receipt 2026-11-25 -> 2027-01-24 (5+31+24), a Sunday
    due: '2027-01-24',
    status: 'open',
    // CMS ALJ page / 405.1014(b): generally 90 days
    decision: { kind: 'standard', amount: 90, unit: 'days' },
    notes: [/2027-01-24 is a Sunday.*2027-01-22/],
  },
  {
    name: 'Medicare overdue redetermination: good cause exists',
    plan: 'medicare',
    denial: { date: '2026-01-05' },
    asOf: '2026-11-01',
    level: 'redetermination',
    // 405.942(a): presumed receipt 2026-01-10 + 120 -> 2026-05-10 (21+28+31+30+10)
    due: '2026-05-10',
    status: 'overdue',
    daysLeft: -175,
  },
  {
    name: 'Medicare urgent: no expedited redetermination on file',
    plan: 'medicare',
    denial: { date: '2026-10-20', urgent: true },
    asOf: '2026-11-01',
    level: 'redetermination',
    due: '2027-02-22',
    status: 'open',
    decision: { kind: 'standard', amount: 60, unit: 'days' },
    expedited: false,
    notes: [/no expedited review at this level/],
  },
  // ---- Medicare Advantage ----
  {
    name: 'MA reconsideration: 60 days from the notice beats 65 from presumed receipt',
    plan: 'medicare-advantage',
    denial: { date: '2026-10-09', received: '2026-10-14' },
    asOf: '2026-11-23',
    level: 'plan-reconsideration',
    // 42 CFR 422.582(b) / CMS: 60 calendar days from the notice 2026-10-09 -> 2026-12-08 (22+30+8);
    // the other reading (receipt presumed 10-14, + 60) gives 2026-12-13: the earlier one is used
    due: '2026-12-08',
    countsFrom: { kind: 'notice', date: '2026-10-09' },
    status: 'open',
    daysLeft: 15,
    // 42 CFR 422.590: standard pre-service reconsideration within 30 calendar days
    decision: { kind: 'pre-service', amount: 30, unit: 'calendar-days' },
    notes: [/Sources disagree/, /2026-12-13/],
  },
  {
    name: 'MA urgent reconsideration: 72 hours',
    plan: 'medicare-advantage',
    denial: { date: '2026-10-09', urgent: true },
    asOf: '2026-10-10',
    level: 'plan-reconsideration',
    due: '2026-12-08',
    status: 'open',
    decision: { kind: 'expedited', amount: 72, unit: 'hours' },
    expedited: true,
  },
  {
    name: 'MA payment (post-service) reconsideration: 60 days',
    plan: 'medicare-advantage',
    denial: { date: '2026-10-09', stage: 'post-service' },
    asOf: '2026-10-10',
    level: 'plan-reconsideration',
    due: '2026-12-08',
    status: 'open',
    decision: { kind: 'post-service', amount: 60, unit: 'calendar-days' },
  },
  {
    name: 'MA after the plan upholds: automatic IRE review',
    plan: 'medicare-advantage',
    denial: { date: '2026-10-09', level: 'internal-appeal' },
    asOf: '2026-10-10',
    level: 'ire-review',
    due: null,
    status: 'automatic',
    notes: [/You do not file this step/],
  },
  {
    name: 'MA ALJ after the IRE: 60 days from the notice',
    plan: 'medicare-advantage',
    denial: { date: '2026-11-02', level: 'external-review' },
    asOf: '2026-11-03',
    level: 'alj-hearing',
    // CMS MMCAG ALJ page: 60 days from the IRE notice 2026-11-02 -> 2027-01-01 (28+31+1)
    due: '2027-01-01',
    status: 'open',
  },
  // ---- Medicaid ----
  {
    name: 'Medicaid plan appeal: 60 calendar days from the notice date',
    plan: 'medicaid',
    denial: { date: '2026-10-03', received: '2026-10-07' },
    asOf: '2026-10-05',
    level: 'plan-appeal',
    // 42 CFR 438.402(c)(2)(ii): 60 calendar days from the notice date 2026-10-03 -> 2026-12-02 (28+30+2)
    due: '2026-12-02',
    countsFrom: { kind: 'notice', date: '2026-10-03' },
    status: 'open',
    // 42 CFR 438.408(b)(2): 30 calendar days
    decision: { kind: 'standard', amount: 30, unit: 'calendar-days' },
  },
  {
    name: 'Medicaid state fair hearing: 120 days from the plan resolution notice',
    plan: 'medicaid',
    denial: { date: '2026-12-15', level: 'internal-appeal' },
    asOf: '2026-12-20',
    level: 'state-fair-hearing',
    // 42 CFR 438.408(f)(2): 120 calendar days from 2026-12-15 -> 2027-04-14 (16+31+28+31+14)
    due: '2027-04-14',
    status: 'open',
    decision: { kind: 'standard', amount: 90, unit: 'days' },
  },
  {
    name: 'Medicaid urgent fair hearing: 3 business days (unconfirmed)',
    plan: 'medicaid',
    denial: { date: '2026-12-15', level: 'internal-appeal', urgent: true },
    asOf: '2026-12-20',
    level: 'state-fair-hearing',
    due: '2027-04-14',
    status: 'open',
    decision: { kind: 'expedited', amount: 3, unit: 'business-days' },
    expedited: true,
  },
  {
    name: 'Medicaid after the fair hearing: court review, no deadline on file',
    plan: 'medicaid',
    denial: { date: '2026-12-15', level: 'external-review' },
    asOf: '2026-12-20',
    level: 'judicial-review',
    due: null,
    status: 'no-fixed-deadline',
  },
  // ---- FEHB ----
  {
    name: 'FEHB carrier reconsideration: 6 months from Aug 31 -> Feb 28',
    plan: 'fehb',
    denial: { date: '2026-08-31' },
    asOf: '2026-09-01',
    level: 'carrier-reconsideration',
    // 5 CFR 890.105(b)(1): 6 months from the notice 2026-08-31 -> "Feb 31" -> 2027-02-28
    due: '2027-02-28',
    status: 'open',
    // 5 CFR 890.105(b)(2): 30 days
    decision: { kind: 'standard', amount: 30, unit: 'days' },
  },
  {
    name: 'FEHB carrier reconsideration: 6 months, same day of month',
    plan: 'fehb',
    denial: { date: '2026-10-03', received: '2026-10-07' },
    asOf: '2026-10-05',
    level: 'carrier-reconsideration',
    due: '2027-04-03', // 890.105(b)(1): counts from the notice, 2026-10-03 + 6 months (a Saturday)
    countsFrom: { kind: 'notice', date: '2026-10-03' },
    status: 'open',
    notes: [/Saturday/],
  },
  {
    name: 'FEHB OPM review: 90 days from the carrier decision',
    plan: 'fehb',
    denial: { date: '2026-10-03', level: 'internal-appeal' },
    asOf: '2026-10-05',
    level: 'opm-review',
    // 5 CFR 890.105(a)(1): 90 days from 2026-10-03 -> 2027-01-01 (28+30+31+1)
    due: '2027-01-01',
    status: 'open',
    decision: null,
  },
  {
    name: 'FEHB urgent: no expedited path on file',
    plan: 'fehb',
    denial: { date: '2026-10-03', urgent: true },
    asOf: '2026-10-05',
    level: 'carrier-reconsideration',
    due: '2027-04-03',
    status: 'open',
    expedited: false,
    decision: { kind: 'standard', amount: 30, unit: 'days' },
  },
  // ---- other ----
  {
    name: 'Other plan: 180 days from the notice date, a cautious default',
    plan: 'other',
    denial: { date: '2026-10-03', received: '2026-10-07' },
    asOf: '2026-10-05',
    level: 'internal-appeal',
    // cautious default from 2560.503-1(h)(3)(i), counted from the notice: 2026-10-03 + 180 -> 2027-04-01
    due: '2027-04-01',
    countsFrom: { kind: 'notice', date: '2026-10-03' },
    status: 'open',
    decision: null,
    notes: [/could not confirm/],
  },
  {
    name: 'Other plan: external review, cautious 60 days',
    plan: 'other',
    denial: { date: '2026-10-03', level: 'internal-appeal' },
    asOf: '2026-10-05',
    level: 'external-review',
    due: '2026-12-02', // 2026-10-03 + 60 (28+30+2)
    status: 'open',
  },
];

describe.each(ROWS)('$name', (row) => {
  const r = path(row.plan, row.denial, row.asOf, row.requested);
  it('finds the next level and its due date', () => {
    expect(r.planType).toBe(row.plan);
    expect(r.next.level).toBe(row.level);
    expect(r.next.dueDate).toBe(row.due);
    expect(r.next.status).toBe(row.status);
    if (row.countsFrom) expect(r.next.countsFrom).toMatchObject(row.countsFrom);
    if (row.daysLeft !== undefined) expect(r.next.daysLeft).toBe(row.daysLeft);
    if (row.due) expect(r.next.daysLeft).toBe((Date.parse(row.due) - Date.parse(row.asOf)) / 86_400_000);
  });
  it('gives the decision time and expedited status', () => {
    if (row.decision === null) expect(r.next.decisionTime).toBeNull();
    else if (row.decision) expect(r.next.decisionTime).toMatchObject(row.decision);
    if (row.expedited !== undefined) expect(r.next.expedited).toBe(row.expedited);
  });
  it('says why, with sources', () => {
    for (const re of row.notes ?? []) expect(r.next.notes.join('\n'), String(re)).toMatch(re);
    expect(r.next.sources.length).toBeGreaterThan(0);
    for (const s of r.next.sources) expect(['primary', 'secondary', 'unconfirmed']).toContain(s.confidence);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('overdue deadlines point to good-cause extensions', () => {
  it('Medicare: an extension for good cause exists, citing 405.942(b)', () => {
    const r = path('medicare', { date: '2026-01-05' }, '2026-11-01');
    expect(r.next.status).toBe('overdue');
    expect(r.next.goodCause).toMatch(/^An extension for good cause exists/);
    expect(r.next.goodCause).toContain('42 CFR 405.942(b)');
    expect(r.next.sources.map((s) => s.id)).toContain('medicare-405-942-b');
  });
  it('ERISA: no good-cause extension on file, and what to do instead', () => {
    const r = path('erisa', { date: '2025-01-10', received: '2025-01-15' }, '2026-11-01');
    expect(r.next.goodCause).toMatch(/^No good-cause extension is on file/);
    expect(r.next.goodCause).toContain('deemed exhaustion');
  });
  it('Medicare Advantage: good cause under 422.582(c)', () => {
    const r = path('medicare-advantage', { date: '2026-01-05' }, '2026-11-01');
    expect(r.next.status).toBe('overdue');
    expect(r.next.goodCause).toContain('422.582(c)');
  });
  it('FEHB: circumstances beyond your control, 890.105(b)(1)', () => {
    const r = path('fehb', { date: '2025-01-05' }, '2026-11-01');
    expect(r.next.goodCause).toContain('890.105(b)(1)');
  });
  it('Medicaid: unknown federally, with the California example', () => {
    const r = path('medicaid', { date: '2026-01-05', level: 'internal-appeal' }, '2026-11-01');
    expect(r.next.goodCause).toMatch(/^Whether a late request is accepted/);
    expect(r.next.goodCause).toContain('10951(b)');
  });
  it('no goodCause text while the deadline is open', () => {
    expect(path('medicare', { date: '2026-10-20' }, '2026-11-01').next.goodCause).toBeUndefined();
  });
});

describe('status boundaries', () => {
  // ERISA: due 2027-04-05 (180 days from receipt 2026-10-07)
  it.each([
    ['2027-03-22', 14, 'open'],
    ['2027-03-23', 13, 'due-soon'],
    ['2027-04-05', 0, 'due-soon'],
    ['2027-04-06', -1, 'overdue'],
  ])('as of %s: %i days left, %s', (asOf, left, status) => {
    const r = path('erisa', { date: '2026-10-03', received: '2026-10-07' }, asOf);
    expect(r.next.daysLeft).toBe(left);
    expect(r.next.status).toBe(status);
  });
});

describe('what comes after, side deadlines, and amount in controversy', () => {
  it('Medicare path after the redetermination, with AIC for the year', () => {
    const r = path('medicare', { date: '2026-10-20' }, '2026-11-23');
    expect(r.after.map((a) => a.level)).toEqual(['reconsideration', 'alj-hearing', 'council-review', 'federal-court']);
    expect(r.after[0]).toMatchObject({ window: { amount: 180, unit: 'days' }, decisionTime: { amount: 60 } });
    expect(r.after[1]!.window?.text).toContain('presumed 5 days after its date');
    // FR 2025-21879: CY2026 ALJ $200, court $1,960
    expect(r.amountInControversy).toMatchObject({ year: 2026, alj: 200, court: 1960 });
    expect(r.amountInControversy?.sources[0]?.id).toBe('fr-2025-21879');
  });
  it('AIC by calendar year, and a year not on file', () => {
    const lib = loadDeadlines();
    expect(amountInControversy(lib, '2016-05-01')).toMatchObject({ alj: 150, court: 1500 });
    expect(amountInControversy(lib, '2017-05-01')).toMatchObject({ alj: 160, court: 1560 });
    expect(amountInControversy(lib, '2018-05-01')).toMatchObject({ alj: 160, court: 1600 });
    expect(amountInControversy(lib, '2025-05-01')).toMatchObject({ alj: 190, court: 1900 });
    const y2027 = amountInControversy(lib, '2027-01-02');
    expect(y2027).toMatchObject({ year: 2027, alj: null, court: null });
    expect(y2027.notes[0]).toContain('No threshold for 2027');
    expect(amountInControversy(lib, '2021-06-01').alj).toBeNull(); // 2019-2024 deliberately not guessed
  });
  it('no AIC outside Medicare', () => {
    expect(path('erisa', { date: '2026-10-03' }, '2026-11-01').amountInControversy).toBeUndefined();
  });
  it('Medicaid continued benefits: 10 days from the notice', () => {
    const r = path('medicaid', { date: '2026-10-03', stage: 'concurrent' }, '2026-10-05');
    // 42 CFR 438.420: 10 calendar days from 2026-10-03 -> 2026-10-13
    expect(r.next.also).toEqual([expect.objectContaining({ id: 'continued-benefits', dueDate: '2026-10-13', daysLeft: 8, status: 'due-soon' })]);
    expect(r.next.notes.join(' ')).toContain('concurrent care');
  });
  it('MA records both readings and which was chosen', () => {
    const r = path('medicare-advantage', { date: '2026-10-09' }, '2026-10-10');
    expect(r.next.readings?.map((x) => [x.dueDate, x.chosen, x.confidence])).toEqual([
      ['2026-12-08', true, 'primary'],
      ['2026-12-13', false, 'unconfirmed'],
    ]);
    expect(r.next.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['ma-422-582-notice', 'ma-422-582-receipt']));
  });
  it('names the decision being appealed in the plan\'s words', () => {
    expect(path('medicare', { date: '2026-03-02', level: 'external-review' }, '2026-03-03').appealing.name).toContain('Qualified Independent Contractor');
    expect(path('medicare', { date: '2026-03-02' }, '2026-03-03').appealing.name).toContain('Medicare Summary Notice');
  });
});

describe('formatDeadlineText', () => {
  it('flags overdue and due-soon in the headline', () => {
    expect(formatDeadlineText(path('erisa', { date: '2025-01-10', received: '2025-01-15' }, '2026-11-01'))[0]).toMatch(/^Deadline: OVERDUE - Internal appeal to the plan: was due Monday 2025-07-14, 475 days late$/);
    expect(formatDeadlineText(path('erisa', { date: '2026-10-03', received: '2026-10-07' }, '2027-03-25'))[0]).toBe(
      'Deadline: DUE SOON - Internal appeal to the plan: file by Monday 2027-04-05 (11 days left)',
    );
    const open = formatDeadlineText(path('erisa', { date: '2026-10-03', received: '2026-10-07' }, '2026-11-01'));
    expect(open[0]).toBe('Deadline: Internal appeal to the plan: file by Monday 2027-04-05 (155 days left)');
    expect(open).toContain('  Source: 29 CFR 2560.503-1(h)(3)(i)');
    expect(open.some((l) => l.startsWith('  Then: External review'))).toBe(true);
  });
  it('shows late-filing advice and the AIC line', () => {
    const lines = formatDeadlineText(path('medicare', { date: '2026-01-05' }, '2026-11-01'));
    expect(lines.some((l) => l.startsWith('  Late filing: An extension for good cause exists'))).toBe(true);
    expect(lines).toContain('  Medicare amount in controversy (2026): ALJ hearing $200, federal court $1,960');
  });
});

describe('the shipped examples, checked by hand', () => {
  it.each([
    // examples/idds-complete.yaml: ERISA, received 2026-10-19; 2560.503-1(h)(3)(i): 180 days -> 2027-04-17 (12+30+31+31+28+31+17), a Saturday
    ['examples/idds-complete.yaml', 'internal-appeal', '2027-04-17', 145],
    ['examples/idds-missing-psych.yaml', 'internal-appeal', '2027-04-17', 145],
    // examples/esi-complete.yaml: MA, notice 2026-10-09; 422.582(b): 60 calendar days from the notice -> 2026-12-08 (22+30+8)
    ['examples/esi-complete.yaml', 'plan-reconsideration', '2026-12-08', 15],
    // examples/esi-repeat-over-cap.yaml: Medicare, notice 2026-10-20, presumed receipt 10-25 (received 10-26 is later);
    // 405.942(a): 120 days -> 2027-02-22 (6+30+31+31+22)
    ['examples/esi-repeat-over-cap.yaml', 'redetermination', '2027-02-22', 91],
  ])('%s -> %s by %s', async (file, level, due, left) => {
    const { case: c } = await loadCaseFile(join(ROOT, file));
    const r = computeAppealPath(c, '2026-11-23');
    expect(r.next).toMatchObject({ level, dueDate: due, daysLeft: left });
  });
});
