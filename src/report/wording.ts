/**
 * Words for findings' machine-readable details. The engine says `{code, args}`; this is
 * the only place those codes become English, so tests assert codes and prose can change.
 */
import type { Detail, Evidence } from '../rules/predicates/types.js';

const list = (v: unknown) => (Array.isArray(v) ? v.join(' or ') : String(v));
const plural = (n: unknown, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const DETAIL_WORDS: Record<string, (a: Detail['args']) => string> = {
  'case.placeholder': (a) => `${a.path}${a.line ? ` (line ${a.line})` : ''} still holds a placeholder`,
  'document.none': (a) => `no ${list(a.kind)} document is listed`,
  'document.too-few': (a) => `${a.found} of the ${a.min} ${list(a.kind)} documents needed`,
  'document.undated': (a) => `${a.path} has no date`,
  'document.stale': (a) => `${a.path} is older than ${a.within_days} days at the denial date`,
  'document.result': (a) => `${a.path} does not record the needed result`,
  'document.title': (a) => `${a.path} is not the document needed (its title does not match)`,
  'medications.too-few': (a) =>
    `${a.found} of the ${a.min} ${a.failed ? 'failed ' : ''}${(a.class as string[]).length ? list(a.class) + ' ' : ''}medication trials needed are documented`,
  'medication.not-failed': (a) => `${a.path} (${a.name}) is not recorded as failed (outcome: ${a.outcome})`,
  'medication.incomplete': (a) => `${a.path} (${a.name}) lacks ${(a.fields as string[]).join(', ')}`,
  'medication.too-short': (a) => `${a.path} (${a.name}) was tried for less than ${a.min_days} days, or its dates are missing`,
  'therapy.none': (a) => {
    const length = [a.min_weeks !== undefined ? plural(a.min_weeks, 'week') : '', a.min_sessions !== undefined ? plural(a.min_sessions, 'session') : ''].filter(Boolean).join(' or ');
    return `no ${(a.kind as string[]).length ? list(a.kind) : 'therapy'} course${length ? ` of ${length}` : ''} is documented`;
  },
  'therapy.not-failed': (a) => `${a.path} (${a.kind}) is not recorded as failed (outcome: ${a.outcome})`,
  'therapy.too-short': (a) =>
    `${a.path} (${a.kind}) is too short${a.weeks !== undefined ? `: ${plural(a.weeks, 'week')}` : ''}${a.sessions !== undefined ? `, ${plural(a.sessions, 'session')}` : ''}`,
  'procedure.none': (a) => `no ${list(a.kind)} is documented`,
  'procedure.too-few': (a) => `${a.found} of the ${a.min} qualifying ${list(a.kind)} needed`,
  'procedure.stale': (a) => `${a.path} is older than ${a.within_days} days at the denial date`,
  'procedure.no-scores': (a) => `${a.path} (${a.kind}) lacks pain scores before and after`,
  'procedure.no-relief': (a) => `${a.path} (${a.kind}) records no relief (pain_before/pain_after or relief_percent)`,
  'procedure.low-relief': (a) => `${a.path} (${a.kind}) gave ${a.relief}% relief; at least ${a.min}% is needed`,
  'procedure.short-relief': (a) =>
    `${a.path} (${a.kind}) relief lasted ${a.duration_days !== undefined ? plural(a.duration_days, 'day') : 'an unrecorded time (duration_days)'}; at least ${a.min_days} days is needed`,
  'procedure.too-close': (a) => `${a.path} is less than ${a.min_days_apart} days after the one before`,
  'procedures.too-few-apart': (a) => `${a.found} of the ${a.count} ${list(a.kind)} needed at least ${a.min_days_apart} days apart`,
  'frequency.exceeded': (a) => `${a.count} ${list(a.kind)} in the ${a.window_days} days up to ${a.end}, counting this one; the limit is ${a.max}`,
  'frequency.within': (a) => `${a.count} ${list(a.kind)} in the ${a.window_days} days up to ${a.end}, counting this one; the limit is ${a.max}`,
  'diagnosis.none': (a) => `no diagnosis code matches ${(a.patterns as string[]).join(', ')}`,
  'service-code.none': (a) => `no service code matches ${(a.patterns as string[]).join(', ')}`,
  'denial-code.none': (a) => `the denial lists none of the codes ${(a.codes as string[]).join(', ')}`,
  'measure.too-few': (a) => `${a.found} of the ${a.min} ${(a.kind as string[]).length ? list(a.kind) : 'pain or function'} measures needed`,
  'field.absent': (a) => `${a.path} is not filled in`,
  'field.present': (a) => `${a.path} is filled in`,
  'field.not-in': (a) => `${a.path} is not ${list(a.in)}`,
  'mme.no-current': () => 'no current opioid (an opioid with no end date, or one after the denial) is listed',
  'mme.unknown-opioid': (a) => `${a.path} (${a.name}) has no CDC conversion factor; the dose in MME must be stated by the prescriber`,
  'mme.no-dose': (a) => `${a.path} (${a.name}) lacks ${a.field}, so its MME per day cannot be computed`,
  'mme.total': (a) => `current opioids total ${a.total} MME per day`,
  'mme.above-max': (a) => `current opioids total ${a.total} MME per day, above ${a.max}`,
  'mme.below-min': (a) => `current opioids total ${a.total} MME per day, below ${a.min}`,
  'visits.no-limit': () => "the plan's visit limit (plan.visit_limit) is not recorded",
  'visits.no-count': () => 'the visits already used (service.visits_used) are not recorded',
  'visits.exceeded': (a) => `${a.used} visits used plus ${a.requested} requested exceed the plan's limit of ${a.limit}`,
  'visits.within': (a) => `${a.used} visits used plus ${a.requested} requested are within the plan's limit of ${a.limit}`,
  'requirement.superseded': (a) => `covered by ${a.by}`,
  'any.none': () => `none of the accepted alternatives is documented`,
  'not.held': () => `a condition that must not hold does`,
};

export function describeDetail(d: Detail): string {
  const words = DETAIL_WORDS[d.code];
  return words ? words(d.args) : `${d.code} ${JSON.stringify(d.args)}`;
}

const OUTCOME_WORDS: Record<string, string> = {
  'inadequate-relief': 'inadequate relief',
  'side-effects': 'stopped for side effects',
  'inadequate-relief-and-side-effects': 'inadequate relief and side effects',
  'partial-relief': 'partial relief',
  ongoing: 'ongoing',
  contraindicated: 'contraindicated',
};

export function outcomeWords(outcome: unknown): string {
  return OUTCOME_WORDS[String(outcome)] ?? String(outcome);
}

const span = (f: Evidence['facts']) => (f.start || f.end ? `${f.start ?? '?'} to ${f.end ?? '?'}` : '');

/** One line describing a piece of evidence, in the words a letter or checklist uses. */
export function describeEvidence(e: Evidence): string {
  const f = e.facts;
  const parts: string[] = [];
  switch (e.kind) {
    case 'medication':
      parts.push([f.name, f.dose].filter(Boolean).join(' '), span(f), f.outcome ? outcomeWords(f.outcome) : '');
      break;
    case 'therapy':
      parts.push(String(f.kind).replace(/-/g, ' '), span(f), f.sessions !== undefined ? plural(f.sessions, 'session') : '', f.outcome ? outcomeWords(f.outcome) : '');
      break;
    case 'procedure':
      parts.push(
        `${String(f.kind).replace(/-/g, ' ')} on ${f.date}`,
        f.pain_before !== undefined && f.pain_after !== undefined ? `pain ${f.pain_before}/10 to ${f.pain_after}/10` : '',
        f.relief_percent !== undefined ? `${f.relief_percent}% relief` : '',
        f.duration_days !== undefined ? `lasting ${plural(f.duration_days, 'day')}` : '',
      );
      break;
    case 'document':
      parts.push(String(f.title ?? f.kind), f.author ? `by ${f.author}` : '', f.date ? `dated ${f.date}` : '', f.result ? `result: ${f.result}` : '');
      break;
    case 'measure':
      parts.push(`${String(f.kind).toUpperCase()} ${f.value} on ${f.date}`);
      break;
    case 'service-code':
      parts.push(`service code ${f.code}`);
      break;
    case 'denial-code':
      parts.push(`denial code ${f.code}`);
      break;
    case 'diagnosis':
      parts.push([f.code, f.description].filter(Boolean).join(' '));
      break;
    case 'mme':
      // "Oxycodone ER 40 mg/day (60 MME/day; factor 1.5)": the dose first, the arithmetic after.
      parts.push(`${f.name} ${f.amount} ${f.unit === 'mcg_per_hour' ? 'mcg/h' : 'mg/day'} (${f.mme} MME/day; factor ${f.factor})`);
      break;
    case 'visits':
      parts.push(`${f.used} visits used, ${f.requested} requested, plan limit ${f.limit}`);
      break;
    default:
      parts.push(JSON.stringify(f));
  }
  return parts.filter(Boolean).join(', ');
}
