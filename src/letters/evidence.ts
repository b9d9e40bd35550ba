/**
 * Evidence in a letter's words: the entries a finding matched, with long dates, doses,
 * scores and outcomes. Every value from the case is Markdown-escaped here, once.
 */
import type { Evidence } from '../rules/predicates/types.js';
import { describeEvidence, outcomeWords } from '../report/wording.js';
import { escapeInline } from './escape.js';
import { dateSpan, longDate, percent, plural } from './format.js';

const LABELS: Record<string, string> = {
  cbt: 'cognitive behavioral therapy',
  tens: 'TENS',
  'scs-trial': 'spinal cord stimulator trial',
  nsaid: 'NSAID',
};
/** An enum value in words: `physical-therapy` -> `physical therapy`, `cbt` -> `cognitive behavioral therapy`. */
export const kindWords = (v: unknown) => LABELS[String(v)] ?? String(v).replace(/-/g, ' ');
const words = (v: unknown) => escapeInline(kindWords(v));
/** Free text continuing a sentence: a leading capital is lowered unless it starts an acronym. */
export const lcfirst = (s: string) => s.replace(/^([A-Z])(?![A-Z0-9])/, (c) => c.toLowerCase());

/** One entry, e.g. "Oxycodone ER 20 mg twice daily, February 1, 2023 to November 15, 2023 (inadequate relief and side effects: Nausea...)". */
/** `brief` leaves out free-text notes and details: the one-page peer-to-peer sheet. */
export function evidencePhrase(e: Evidence, brief = false): string {
  const f = e.facts;
  const esc = (k: string) => (f[k] === undefined ? '' : escapeInline(f[k]));
  const low = (k: string) => lcfirst(esc(k));
  const outcome = (): string => {
    const o = f.outcome ? outcomeWords(f.outcome) : '';
    const n = brief ? '' : low('notes');
    return o && n ? ` (${o}: ${n})` : o || n ? ` (${o || n})` : '';
  };
  switch (e.kind) {
    case 'medication': {
      const span = dateSpan(f.start, f.end);
      return `${[esc('name'), esc('dose')].filter(Boolean).join(' ')}${span ? `, ${span}` : ''}${outcome()}`;
    }
    case 'therapy': {
      const parts = [words(f.kind), dateSpan(f.start, f.end), f.sessions !== undefined ? plural(Number(f.sessions), 'session') : ''].filter(Boolean);
      return `${parts.join(', ')}${outcome()}`;
    }
    case 'procedure': {
      const parts = [`${words(f.kind)} on ${longDate(f.date)}`];
      if (f.detail && !brief) parts.push(low('detail'));
      if (f.pain_before !== undefined && f.pain_after !== undefined) parts.push(`pain ${f.pain_before}/10 before and ${f.pain_after}/10 after`);
      if (f.relief_percent !== undefined) parts.push(`${percent(f.relief_percent)} relief`);
      if (f.duration_days !== undefined) parts.push(`relief lasting ${plural(Number(f.duration_days), 'day')}`);
      if (f.function && !brief) parts.push(low('function'));
      return parts.join(', ');
    }
    case 'document': {
      const what = esc('title') || words(f.kind);
      const by = [f.author ? `by ${esc('author')}` : '', f.date ? `dated ${longDate(f.date)}` : ''].filter(Boolean).join(', ');
      return `${what}${by ? `, ${by}` : ''}${f.result ? `: ${low('result')}` : ''}`;
    }
    case 'measure':
      return `${measureName(f.kind)} ${esc('value')} on ${longDate(f.date)}`;
    case 'diagnosis':
      return [esc('code'), esc('description')].filter(Boolean).join(' ');
    default:
      return escapeInline(describeEvidence(e));
  }
}

const MEASURES: Record<string, string> = {
  nrs: 'pain score (NRS, 0-10)',
  vas: 'pain score (VAS)',
  odi: 'Oswestry Disability Index',
  peg: 'PEG pain and interference score',
  bpi: 'Brief Pain Inventory score',
};

export function measureName(kind: unknown): string {
  return MEASURES[String(kind)] ?? escapeInline(kind);
}

/** A short name for an entry already described in full earlier in the letter. */
export function evidenceShort(e: Evidence): string {
  const f = e.facts;
  switch (e.kind) {
    case 'medication':
      return escapeInline(f.name);
    case 'therapy':
      return `${words(f.kind)}, ${dateSpan(f.start, f.end)}`.replace(/, $/, '');
    case 'procedure':
      return `${words(f.kind)} on ${longDate(f.date)}`;
    case 'document':
      return `${f.title ? escapeInline(f.title) : words(f.kind)}${f.date ? ` of ${longDate(f.date)}` : ''}`;
    default:
      return evidencePhrase(e);
  }
}

/**
 * A finding's evidence as one compact, escaped summary: entries joined by semicolons.
 * With `seen`, an entry already described in this letter is named, not described again.
 */
export function evidenceSummary(evidence: readonly Evidence[], seen?: Set<string>, brief = false): string {
  return evidence
    .map((e) => {
      const key = `${e.kind}:${e.path}`;
      if (seen?.has(key) && e.kind !== 'diagnosis' && e.kind !== 'measure') return evidenceShort(e);
      seen?.add(key);
      return evidencePhrase(e, brief);
    })
    .join('; ');
}
