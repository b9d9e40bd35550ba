/**
 * The appeal path of a case: which level comes next, the date it must be filed by, how long
 * the decider then has, and what follows, each with the rule that says so.
 *
 * Pure: no printing, no clock (the "as of" date is passed in), no file access beyond the
 * cached tables. The report is plain JSON-serializable data (`check --format json` embeds it).
 */
import type { Case, PlanType } from '../case/schema.js';
import { LEVELS } from '../case/schema.js';
import type { Confidence, SourceDef } from '../rules/schema.js';
import { addCalendarDays, addWindow, daysBetween, describeDuration, isWeekend, weekdayName } from './calendar.js';
import { loadDeadlines, selectPath, type AppealPath, type DeadlineLibrary } from './load.js';
import type { CountsFromRule, DecisionDef, DecisionUnit, LevelDef, Window, WindowUnit } from './schema.js';

export type CaseLevel = (typeof LEVELS)[number];
export type DeadlineStatus = 'open' | 'due-soon' | 'overdue' | 'automatic' | 'no-fixed-deadline';

/** Days left below which a deadline is "due soon". */
export const DUE_SOON_DAYS = 14;

export interface SourceRef {
  id: string;
  citation: string;
  confidence: Confidence;
  url?: string;
}

export interface CountsFrom {
  /** What the date actually is: the notice date, the stated receipt, or the presumed receipt. */
  kind: 'notice' | 'receipt' | 'presumed-receipt';
  date: string;
  /** What the rule counts from (the notice date is used for `receipt` when receipt is unknown). */
  rule: CountsFromRule;
  /** Plain words, e.g. "receipt of the notice (2026-10-07)". */
  text: string;
}

export interface WindowInfo {
  amount: number;
  unit: WindowUnit;
  /** e.g. "180 days from receipt of the notice". */
  text: string;
}

export interface DecisionTime {
  /** Which clock applies: expedited when the case is urgent and the level offers it. */
  kind: 'expedited' | 'pre-service' | 'post-service' | 'standard';
  amount: number;
  unit: DecisionUnit;
  /** e.g. "72 hours". */
  text: string;
  extension?: string;
  note?: string;
}

/** One reading of a deadline when sources disagree; the earliest is used. */
export interface Reading {
  label: string;
  dueDate: string;
  countsFrom: CountsFrom;
  confidence: Confidence;
  chosen: boolean;
}

export interface SideDeadline {
  id: string;
  name: string;
  when: string;
  dueDate: string;
  daysLeft: number;
  status: 'open' | 'due-soon' | 'overdue';
}

export interface NextStep {
  level: string;
  name: string;
  decider: string;
  filing: 'window' | 'automatic' | 'no-fixed-deadline';
  window: WindowInfo | null;
  /** Last day to file (the request must be received by then where the rule says "receipt"). */
  dueDate: string | null;
  /** The due date's day of the week, e.g. "Monday". */
  dueWeekday: string | null;
  countsFrom: CountsFrom | null;
  /** asOf -> dueDate in calendar days; negative when past. */
  daysLeft: number | null;
  status: DeadlineStatus;
  /** The decider's time limit once the request is filed. */
  decisionTime: DecisionTime | null;
  /** The case is urgent (or asks for expedited review) and this level offers expedited review. */
  expedited: boolean;
  /** For urgent cases: an expedited external review may be requested at the same time. */
  concurrentExternalReview: boolean;
  /** When overdue: whether and how a late filing can still be accepted, with its citation. */
  goodCause?: string;
  /** The lowest confidence among the sources of the filing rule used. */
  confidence: Confidence;
  /** Present when the sources disagree about this deadline. */
  readings?: Reading[];
  /** Related deadlines at this level (e.g. Medicaid continued benefits). */
  also: SideDeadline[];
  sources: SourceRef[];
  notes: string[];
}

export interface LaterStep {
  level: string;
  name: string;
  decider: string;
  filing: 'window' | 'automatic' | 'no-fixed-deadline';
  window: WindowInfo | null;
  decisionTime: DecisionTime | null;
  sources: SourceRef[];
}

export interface AmountInControversy {
  /** The calendar year of the "as of" date (the year a request filed now would be filed). */
  year: number;
  /** Dollars; null when the year is not in the table. */
  alj: number | null;
  court: number | null;
  sources: SourceRef[];
  notes: string[];
}

export interface AppealPathReport {
  planType: PlanType;
  rules: { id: string; version: string; effective: string; file: string };
  asOf: string;
  /** The decision the case appeals (denial.level) in this plan's words. */
  appealing: { caseLevel: CaseLevel; name: string; date: string };
  urgent: boolean;
  /** How long the plan had for the first decision (shown for information). */
  initialDecision?: { name: string; decisionTime: DecisionTime | null; sources: SourceRef[] };
  next: NextStep;
  after: LaterStep[];
  amountInControversy?: AmountInControversy;
  notes: string[];
}

const CONFIDENCE_ORDER: Confidence[] = ['primary', 'secondary', 'unconfirmed'];

function lowest(cs: readonly Confidence[]): Confidence {
  return cs.reduce<Confidence>((a, b) => (CONFIDENCE_ORDER.indexOf(b) > CONFIDENCE_ORDER.indexOf(a) ? b : a), 'primary');
}

function sourceRefs(path: AppealPath, ...lists: (readonly string[] | undefined)[]): SourceRef[] {
  const byId = new Map<string, SourceDef>(path.sources.map((s) => [s.id, s]));
  const out: SourceRef[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const id of list ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const s = byId.get(id);
      if (!s) continue;
      out.push({ id: s.id, citation: s.citation, confidence: s.confidence, ...(s.url ? { url: s.url } : {}) });
    }
  }
  return out;
}

/** "the notice", "receipt of the notice", "receipt of the notice (presumed 5 days after its date)". */
function countsFromWords(rule: CountsFromRule, presumedDays: number | undefined, what: string): string {
  switch (rule) {
    case 'notice':
      return `the date on ${what}`;
    case 'receipt':
      return `receipt of ${what}`;
    case 'presumed-receipt':
      return `receipt of ${what} (presumed ${presumedDays ?? 0} days after its date)`;
  }
}

function windowInfo(window: Window, rule: CountsFromRule, presumedDays: number | undefined, what: string): WindowInfo {
  return { amount: window.amount, unit: window.unit, text: `${describeDuration(window)} from ${countsFromWords(rule, presumedDays, what)}` };
}

interface Denial {
  date: string;
  received?: string;
}

/** The date a window counts from, for this case's notice, and why. */
function startOf(rule: CountsFromRule, presumedDays: number | undefined, denial: Denial): { countsFrom: CountsFrom; notes: string[] } {
  const notes: string[] = [];
  const { date, received } = denial;
  if (received !== undefined && received < date) {
    notes.push(`The case says the notice was received (${received}) before the date printed on it (${date}); check denial.received. The earlier date is used.`);
  }
  if (rule === 'notice') {
    return { countsFrom: { kind: 'notice', date, rule, text: `the date on the notice (${date})` }, notes };
  }
  if (rule === 'receipt') {
    if (received !== undefined) {
      return { countsFrom: { kind: 'receipt', date: received, rule, text: `receipt of the notice (${received})` }, notes };
    }
    notes.push(
      `This deadline counts from when you received the notice. The case does not say when (denial.received), so appeal counts from the date on the notice (${date}), the earliest it can have arrived.`,
    );
    return { countsFrom: { kind: 'notice', date, rule, text: `the date on the notice (${date}); the date received is not given` }, notes };
  }
  const n = presumedDays ?? 0;
  const presumed = addCalendarDays(date, n);
  if (received !== undefined && received < presumed) {
    notes.push(
      `Receipt is presumed ${n} days after the notice date (${presumed}), but the case says it arrived on ${received}. appeal counts from ${received}, the earlier date.`,
    );
    return { countsFrom: { kind: 'receipt', date: received, rule, text: `receipt of the notice (${received})` }, notes };
  }
  if (received !== undefined && received > presumed) {
    notes.push(
      `The case says the notice arrived on ${received}, after the presumed receipt date (${presumed}, ${n} days after the notice date). The rule presumes receipt on ${presumed} unless there is evidence to the contrary, so appeal counts from ${presumed} to be safe. Keep proof of the late arrival (envelope, postmark) in case you need it.`,
    );
  }
  return {
    countsFrom: { kind: 'presumed-receipt', date: presumed, rule, text: `receipt of the notice, presumed ${n} days after its date (${presumed})` },
    notes,
  };
}

function statusOf(daysLeft: number): 'open' | 'due-soon' | 'overdue' {
  if (daysLeft < 0) return 'overdue';
  if (daysLeft < DUE_SOON_DAYS) return 'due-soon';
  return 'open';
}

/** The decider's clock for this case: expedited if urgent and offered, else by stage. */
function pickDecision(decision: DecisionDef | undefined, expedited: boolean, stage: Case['denial']['stage']): DecisionTime | null {
  if (!decision) return null;
  const extra = { ...(decision.extension ? { extension: decision.extension } : {}), ...(decision.note ? { note: decision.note } : {}) };
  const make = (kind: DecisionTime['kind'], d: { amount: number; unit: DecisionUnit }): DecisionTime => ({
    kind,
    amount: d.amount,
    unit: d.unit,
    text: describeDuration(d),
    ...extra,
  });
  if (expedited && decision.expedited) return make('expedited', decision.expedited);
  if (stage === 'post-service') {
    if (decision.post_service) return make('post-service', decision.post_service);
  } else if (decision.pre_service) {
    return make('pre-service', decision.pre_service);
  }
  if (decision.standard) return make('standard', decision.standard);
  return null;
}

function sideDeadlines(level: LevelDef, denial: Denial, asOf: string): SideDeadline[] {
  return (level.also ?? []).map((a) => {
    const { countsFrom } = startOf(a.counts_from, a.presumed_days, denial);
    const dueDate = addWindow(countsFrom.date, a.window).date;
    const daysLeft = daysBetween(asOf, dueDate);
    return { id: a.id, name: a.name, when: a.when, dueDate, daysLeft, status: statusOf(daysLeft) };
  });
}

function citationsOf(refs: readonly SourceRef[]): string {
  return refs.map((r) => r.citation).join('; ');
}

function goodCauseText(path: AppealPath, level: LevelDef): string {
  const gc = level.good_cause;
  if (!gc) return 'The rules on file say nothing about late filing at this level. Contact the decider at once, explain why you are late, and ask whether a late request can be accepted.';
  const cite = citationsOf(sourceRefs(path, gc.sources));
  const lead =
    gc.available === true
      ? 'An extension for good cause exists at this level.'
      : gc.available === false
        ? 'No good-cause extension is on file for this level.'
        : 'Whether a late request is accepted for good cause is not known from the sources on file.';
  return `${lead} ${gc.say.trim()} (${cite})`;
}

/** Computes the appeal path for a case as of a date (YYYY-MM-DD). */
export function computeAppealPath(c: Case, asOf: string, lib: DeadlineLibrary = loadDeadlines()): AppealPathReport {
  const plan = c.plan.type;
  const denial: Denial = { date: c.denial.date, ...(c.denial.received !== undefined ? { received: c.denial.received } : {}) };
  const { path, note: selectNote } = selectPath(lib, plan, c.denial.date);
  const caseLevel = c.denial.level;
  const urgent = c.denial.urgent === true || c.requested.expedited === true;
  const stage = c.denial.stage;

  const index = path.levels.findIndex((l) => l.follows === caseLevel);
  if (index < 0) throw new Error(`deadline table ${path.file} has no level that follows ${caseLevel}`);
  const level = path.levels[index]!;
  const previous = index > 0 ? path.levels[index - 1] : undefined;
  const appealingName =
    caseLevel === 'initial' ? (path.initial_decision?.name ?? "The plan's first decision (the denial)") : (previous?.name ?? 'The previous decision');

  const notes: string[] = [];
  const expeditedOffered = level.expedited?.available === true;
  const expedited = urgent && expeditedOffered;
  const concurrentExternalReview = expedited && level.expedited?.concurrent_external_review === true;

  let window: WindowInfo | null = null;
  let dueDate: string | null = null;
  let countsFrom: CountsFrom | null = null;
  let readings: Reading[] | undefined;
  let filingSourceIds: string[] = [...level.filing.sources];
  let confidence: Confidence = lowest(sourceRefs(path, level.filing.sources).map((s) => s.confidence));
  const filing = level.filing;

  if (filing.kind === 'window') {
    const rules = [
      { window: filing.window, counts_from: filing.counts_from, presumed_days: filing.presumed_days, label: filing.label, sources: filing.sources },
      ...(filing.alternatives ?? []),
    ];
    const computed = rules.map((r) => {
      const start = startOf(r.counts_from, r.presumed_days, denial);
      const end = addWindow(start.countsFrom.date, r.window);
      return { rule: r, start, end };
    });
    // The safer reading: the earliest date (ties keep the first, the main reading).
    let best = computed[0]!;
    for (const x of computed.slice(1)) if (x.end.date < best.end.date) best = x;
    dueDate = best.end.date;
    countsFrom = best.start.countsFrom;
    window = windowInfo(best.rule.window, best.rule.counts_from, best.rule.presumed_days, 'the notice');
    filingSourceIds = [...best.rule.sources];
    confidence = lowest(sourceRefs(path, best.rule.sources).map((s) => s.confidence));
    notes.push(...best.start.notes);
    if (best.end.clamped) {
      notes.push(
        `${countsFrom.date} plus ${describeDuration(best.rule.window)} falls on a day that does not exist in that month, so the window ends on the last day of the month, ${dueDate} (the earlier, safer choice).`,
      );
    }
    if (computed.length > 1) {
      readings = computed.map((x) => ({
        label: x.rule.label ?? windowInfo(x.rule.window, x.rule.counts_from, x.rule.presumed_days, 'the notice').text,
        dueDate: x.end.date,
        countsFrom: x.start.countsFrom,
        confidence: lowest(sourceRefs(path, x.rule.sources).map((s) => s.confidence)),
        chosen: x === best,
      }));
      const list = readings.map((r) => `${r.label}: ${r.dueDate}`).join('; ');
      notes.push(`${filing.disagreement?.trim() ?? 'Sources disagree about this deadline.'} Readings: ${list}. appeal uses ${dueDate}.`);
    }
    if (isWeekend(dueDate)) {
      notes.push(
        `${dueDate} is a ${weekdayName(dueDate)}. appeal never moves a deadline later: make sure your request arrives by the Friday before, ${addCalendarDays(dueDate, weekdayName(dueDate) === 'Saturday' ? -1 : -2)}.`,
      );
    }
    if (filing.note) notes.push(filing.note.trim());
  } else {
    notes.push(filing.text.trim());
  }

  const daysLeft = dueDate === null ? null : daysBetween(asOf, dueDate);
  const status: DeadlineStatus =
    filing.kind === 'automatic' ? 'automatic' : filing.kind === 'no-fixed-deadline' || daysLeft === null ? 'no-fixed-deadline' : statusOf(daysLeft);

  if (urgent) {
    if (expedited) {
      notes.push(`The case is urgent: ask for an expedited ${level.name.charAt(0).toLowerCase()}${level.name.slice(1)} and say why. ${level.expedited!.when.trim()}`);
      if (concurrentExternalReview) {
        notes.push('Because the case is urgent, you may ask for an expedited external review at the same time as the expedited internal appeal; you need not wait for the internal decision.');
      }
    } else if (level.expedited) {
      notes.push(`The case is marked urgent, but the rules on file give no expedited review at this level. ${level.expedited.when.trim()}`);
    } else {
      notes.push('The case is marked urgent, but the rules on file say nothing about expedited review at this level; ask the decider in writing to expedite.');
    }
  }
  if (stage === 'concurrent') {
    notes.push('For a course of treatment being reduced or ended (concurrent care), pre-service decision times are shown; ask the plan to keep covering the treatment while you appeal.');
  }
  for (const n of level.notes ?? []) notes.push(n.trim());
  if (status === 'overdue' || status === 'due-soon' || status === 'open') {
    if (confidence === 'unconfirmed') {
      notes.push('This deadline rests on a source we could not confirm; the denial letter and the plan documents govern. If they give an earlier date, use it.');
    }
  }

  const decisionTime = pickDecision(level.decision, expedited, stage);
  const goodCause = status === 'overdue' ? goodCauseText(path, level) : undefined;
  if (status === 'overdue') {
    notes.unshift(`The deadline passed ${-daysLeft!} day${daysLeft === -1 ? '' : 's'} ago (${dueDate}). File at once and ask for the late filing to be accepted.`);
  }

  const alternativeSources = filing.kind === 'window' ? (filing.alternatives ?? []).flatMap((a) => a.sources) : [];
  const next: NextStep = {
    level: level.id,
    name: level.name,
    decider: level.decider,
    filing: filing.kind,
    window,
    dueDate,
    dueWeekday: dueDate ? weekdayName(dueDate) : null,
    countsFrom,
    daysLeft,
    status,
    decisionTime,
    expedited,
    concurrentExternalReview,
    ...(goodCause !== undefined ? { goodCause } : {}),
    confidence,
    ...(readings ? { readings } : {}),
    also: sideDeadlines(level, denial, asOf),
    sources: sourceRefs(
      path,
      filingSourceIds,
      level.filing.sources,
      alternativeSources,
      level.decision?.sources,
      urgent ? level.expedited?.sources : undefined,
      status === 'overdue' ? level.good_cause?.sources : undefined,
      level.also?.flatMap((a) => a.sources),
      level.sources,
    ),
    notes,
  };

  const after: LaterStep[] = path.levels.slice(index + 1).map((l) => {
    const f = l.filing;
    return {
      level: l.id,
      name: l.name,
      decider: l.decider,
      filing: f.kind,
      window: f.kind === 'window' ? windowInfo(f.window, f.counts_from, f.presumed_days, 'the decision at the step before') : null,
      decisionTime: pickDecision(l.decision, urgent && l.expedited?.available === true, stage),
      sources: sourceRefs(path, f.sources, l.decision?.sources),
    };
  });

  const reportNotes: string[] = [];
  if (selectNote) reportNotes.push(selectNote);
  for (const n of path.notes ?? []) reportNotes.push(n.trim());

  const report: AppealPathReport = {
    planType: plan,
    rules: { id: path.id, version: path.version, effective: path.effective, file: path.file },
    asOf,
    appealing: { caseLevel, name: appealingName, date: c.denial.date },
    urgent,
    ...(path.initial_decision
      ? {
          initialDecision: {
            name: path.initial_decision.name,
            decisionTime: pickDecision(path.initial_decision.decision, urgent, stage),
            sources: sourceRefs(path, path.initial_decision.decision?.sources),
          },
        }
      : {}),
    next,
    after,
    notes: reportNotes,
  };

  const aicLevels = [level, ...path.levels.slice(index + 1)].filter((l) => l.amount_in_controversy);
  if (aicLevels.length > 0) report.amountInControversy = amountInControversy(lib, asOf);
  return report;
}

/** The Medicare ALJ and court thresholds for the calendar year of `asOf`. */
export function amountInControversy(lib: DeadlineLibrary, asOf: string): AmountInControversy {
  const year = Number(asOf.slice(0, 4));
  const table = lib.aic;
  if (!table) return { year, alj: null, court: null, sources: [], notes: ['No amount-in-controversy table is loaded.'] };
  const row = table.years.find((y) => y.year === year);
  const notes = (table.notes ?? []).map((n) => n.trim());
  const refs = (ids: readonly string[]) =>
    table.sources
      .filter((s) => ids.includes(s.id))
      .map((s) => ({ id: s.id, citation: s.citation, confidence: s.confidence, ...(s.url ? { url: s.url } : {}) }));
  if (row) {
    notes.unshift(`The threshold is the one for the year you file; these are for ${year}.`);
    return { year, alj: row.alj, court: row.court, sources: refs(row.sources), notes };
  }
  const latest = [...table.years].sort((a, b) => a.year - b.year).at(-1)!;
  notes.unshift(
    `No threshold for ${year} is on file; check that year's Federal Register notice. The latest on file is ${latest.year}: ALJ $${latest.alj}, federal court $${latest.court}.`,
  );
  return { year, alj: null, court: null, sources: refs(latest.sources), notes };
}
