/**
 * Reading a denial letter's text, offline and deterministically: the dates, references,
 * member id, codes, plan type, treatment and denial reasons it states. Every value comes
 * with the words it was taken from, so the user can confirm it before it goes in a case.
 *
 * What counts as a reason, plan or treatment is data (rules/denial-phrases.yaml); the code
 * here only knows the shapes of dates, identifiers and codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DENIAL_REASONS, PLAN_TYPES, STAGES, TREATMENTS, isRealDate } from '../case/schema.js';
import { parseYamlSource, validateWith } from '../yaml-source.js';
import { SHIPPED_RULES_DIR } from '../rules/load.js';

const phraseList = z.array(z.string().min(1));
export const DenialPhrasesSchema = z.strictObject({
  reasons: z.partialRecord(z.enum(DENIAL_REASONS), phraseList),
  plans: z.array(z.strictObject({ type: z.enum(PLAN_TYPES), phrases: phraseList })),
  treatments: z.partialRecord(z.enum(TREATMENTS), phraseList),
  stages: z.partialRecord(z.enum(STAGES), phraseList),
});
export type DenialPhrases = z.infer<typeof DenialPhrasesSchema>;

export function loadDenialPhrases(dir = SHIPPED_RULES_DIR): DenialPhrases {
  const file = join(dir, 'denial-phrases.yaml');
  const { source, value } = parseYamlSource(readFileSync(file, 'utf8'), 'rules/denial-phrases.yaml');
  return validateWith(DenialPhrasesSchema, value, source);
}

/** Case fields a letter can fill. */
export type ExtractedField =
  | 'denial.date'
  | 'service.date'
  | 'denial.reference'
  | 'plan.member_id'
  | 'plan.type'
  | 'service.treatment'
  | 'service.codes'
  | 'diagnoses'
  | 'denial.codes'
  | 'denial.reasons'
  | 'denial.stage';

export interface Extracted {
  field: ExtractedField;
  value: string;
  /** The letter's own words around the value (white space collapsed). */
  source: string;
}

// --- Cleaning the text ---------------------------------------------------------------------

const PAGE_LINE = /^\s*(?:-\s*)?(?:page\s+\d+(?:\s*(?:of|\/)\s*\d+)?|\d+\s*(?:of|\/)\s*\d+)(?:\s*-)?\s*$/i;

/**
 * The letter as one line: page headers and footers dropped (lines saying "Page 2 of 3", and
 * short lines repeated on several pages), words split by end-of-line hyphenation rejoined,
 * white space collapsed.
 */
export function cleanLetter(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n').split('\n');
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = l.trim();
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const pageBreaks = lines.filter((l) => PAGE_LINE.test(l)).length;
  const kept = lines.filter((l) => {
    const k = l.trim();
    if (PAGE_LINE.test(l)) return false;
    // A running header: a short line printed on every page. Only when the letter has pages.
    if (pageBreaks > 0 && k.length > 0 && k.length <= 80 && (counts.get(k) ?? 0) > 1 && /page|confidential|^[A-Z][A-Za-z&.,' ]+$/.test(k)) return false;
    return true;
  });
  return kept
    .join('\n')
    .replace(/([a-z])-[ \t]*\n[ \t]*([a-z])/g, '$1$2') // investi-\ngational
    .replace(/\s+/g, ' ')
    .trim();
}

// --- Phrases ---------------------------------------------------------------------------

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase from denial-phrases.yaml as a regular expression (see the file's header). */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase.trim().split(/\s+/).map((w) => {
    const star = w.endsWith('*');
    const body = (star ? w.slice(0, -1) : w)
      .split('-')
      .map(escape)
      .join('[-\\s]?');
    return body + (star ? '\\w*' : '');
  });
  const lead = /^\w/.test(phrase) ? '\\b' : '';
  const tail = /\w\*?$/.test(phrase) && !phrase.endsWith('*') ? '\\b' : '';
  return new RegExp(lead + words.join('\\s+') + tail, 'gi');
}

/** The sentence-ish stretch of text around a match, for showing where a value came from. */
function around(text: string, start: number, end: number, width = 60): string {
  let a = Math.max(0, start - width);
  let b = Math.min(text.length, end + width);
  const stop = text.lastIndexOf('. ', start);
  if (stop >= a) a = stop + 2;
  const next = text.indexOf('. ', end);
  if (next >= 0 && next < b) b = next + 1;
  if (a > 0) a = text.indexOf(' ', a - 1) + 1 || a;
  if (b < text.length) b = text.lastIndexOf(' ', b) > end ? text.lastIndexOf(' ', b) : b;
  return `${a > 0 ? '…' : ''}${text.slice(a, b).trim()}${b < text.length ? '…' : ''}`;
}

function firstMatch(text: string, phrases: readonly string[]): { index: number; length: number } | undefined {
  let best: { index: number; length: number } | undefined;
  for (const p of phrases) {
    const m = phrasePattern(p).exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, length: m[0].length };
  }
  return best;
}

function countMatches(text: string, phrases: readonly string[]): number {
  return phrases.reduce((n, p) => n + (text.match(phrasePattern(p))?.length ?? 0), 0);
}

// --- Dates -------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE = String.raw`(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})`;

/** A date as letters print it, as YYYY-MM-DD; undefined when it is not a real date. */
export function toIsoDate(text: string): string | undefined {
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) [y, m, d] = [+r[1]!, +r[2]!, +r[3]!];
  else if ((r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) [m, d, y] = [+r[1]!, +r[2]!, +r[3]!];
  else if ((r = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text))) {
    m = MONTHS.indexOf(r[1]!.toLowerCase()) + 1;
    [d, y] = [+r[2]!, +r[3]!];
    if (m === 0) return undefined;
  } else return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(iso) ? iso : undefined;
}

const LABELLED_DATES: { field: ExtractedField; label: string }[] = [
  { field: 'service.date', label: String.raw`(?:dates?\s+of\s+service|service\s+dates?|DOS)` },
  { field: 'denial.date', label: String.raw`(?:date\s+of\s+(?:this\s+)?(?:notice|letter|decision|determination)|notice\s+date|letter\s+date|decision\s+date|date\s+issued|date)` },
];

function extractDates(text: string, out: Extracted[]): void {
  for (const { field, label } of LABELLED_DATES) {
    const re = new RegExp(String.raw`\b${label}\s*(?:\(s\))?\s*[:#-]?\s*(?:from\s+)?(${DATE})`, 'i');
    const m = re.exec(text);
    const iso = m && toIsoDate(m[1]!.replace(/\s+/g, ' '));
    if (m && iso) out.push({ field, value: iso, source: around(text, m.index, m.index + m[0].length, 20) });
  }
  // A letter opens with its date: when no labelled notice date was found, take the first
  // date printed before the body, unless it is the date of service.
  if (!out.some((e) => e.field === 'denial.date')) {
    const m = new RegExp(DATE, 'i').exec(text.slice(0, 400));
    const iso = m && toIsoDate(m[0].replace(/\s+/g, ' '));
    if (m && iso && !out.some((e) => e.field === 'service.date' && e.value === iso)) {
      out.push({ field: 'denial.date', value: iso, source: around(text, m.index, m.index + m[0].length, 20) });
    }
  }
}

// --- Identifiers ------------------------------------------------------------------------

// An identifier has at least one digit, and is 4-30 letters, digits and hyphens.
const ID = String.raw`((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,29})\b`;

const LABELLED_IDS: { field: ExtractedField; label: string }[] = [
  {
    field: 'denial.reference',
    label: String.raw`(?:(?:prior\s+)?authori[sz]ation|reference|claim|case|appeal|request|tracking|determination)\s*(?:number|no\.?|#|ID)\s*[:#]?`,
  },
  {
    field: 'plan.member_id',
    label: String.raw`(?:member|subscriber|enrollee|beneficiary|recipient|Medicaid|Medicare|identification)\s*(?:ID|identification|number|no\.?|#)\s*(?:number|no\.?|#)?\s*[:#]?`,
  },
];

function extractIds(text: string, out: Extracted[]): void {
  for (const { field, label } of LABELLED_IDS) {
    const m = new RegExp(String.raw`\b${label}\s*` + ID, 'i').exec(text);
    if (m) out.push({ field, value: m[1]!.toUpperCase(), source: around(text, m.index, m.index + m[0].length, 10) });
  }
}

// --- Codes -------------------------------------------------------------------------------

/** CPT (5 digits, or 4 digits and F/T for category II/III) or HCPCS level II (letter + 4 digits). */
export const SERVICE_CODE = /^(?:\d{5}|\d{4}[FT]|[A-CEGHJ-MP-V]\d{4})$/;
/** ICD-10-CM, as the case schema accepts it. */
export const ICD10 = /^[A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

/** Words after which codes are listed; codes are looked for only in the next few words. */
const SERVICE_CONTEXT = /\b(?:CPT|HCPCS|procedure\s+codes?|service\s+codes?|billing\s+codes?|codes?\s+requested|requested\s+codes?)\b[^.;]{0,12}?[:(]?/gi;
const DIAGNOSIS_CONTEXT = /\b(?:ICD-?10(?:-CM)?|diagnos[ie]s(?:\s+codes?)?)\b[^.;]{0,12}?[:(]?/gi;
const RARC_CONTEXT = /\b(?:remark\s+codes?|RARCs?|remarks?)\b\s*[:#]?/gi;

function codesAfter(text: string, context: RegExp, token: RegExp, valid: (s: string) => boolean): { code: string; at: number; end: number }[] {
  const found: { code: string; at: number; end: number }[] = [];
  for (const c of text.matchAll(context)) {
    const start = c.index! + c[0].length;
    const window = text.slice(start, start + 160);
    // Stop at the end of the sentence: codes are listed right after their label.
    const cut = window.search(/[.;](?:\s|$)(?![0-9A-Z]{1,4}\b)/);
    const span = cut >= 0 ? window.slice(0, cut) : window;
    for (const t of span.matchAll(token)) {
      const code = t[0].toUpperCase();
      if (valid(code)) found.push({ code, at: c.index!, end: start + t.index! + t[0].length });
    }
  }
  return found;
}

function pushCodes(text: string, field: ExtractedField, hits: { code: string; at: number; end: number }[], out: Extracted[]): void {
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(h.code)) continue;
    seen.add(h.code);
    out.push({ field, value: h.code, source: around(text, h.at, h.end, 10) });
  }
}

function extractCodes(text: string, out: Extracted[]): void {
  pushCodes(text, 'service.codes', codesAfter(text, SERVICE_CONTEXT, /\b[0-9A-Z]\d{3}[0-9FT]\b/gi, (s) => SERVICE_CODE.test(s)), out);
  // With a dot an ICD-10 code is unmistakable anywhere; without one, only after its label.
  const dotted = [...text.matchAll(/\b[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b/g)].map((m) => ({ code: m[0], at: m.index!, end: m.index! + m[0].length }));
  const labelled = codesAfter(text, DIAGNOSIS_CONTEXT, /\b[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b/g, (s) => ICD10.test(s));
  pushCodes(text, 'diagnoses', [...dotted, ...labelled].sort((a, b) => a.at - b.at), out);
  // CARC with its group prefix (CO-50, PR 204); bare CARCs are too ambiguous to take.
  const carc = [...text.matchAll(/\b(CO|PR|OA|PI|CR)[-\s]?(\d{1,3}|[A-Z]\d{1,2})\b/g)].map((m) => ({ code: `${m[1]}-${m[2]}`, at: m.index!, end: m.index! + m[0].length }));
  const rarc = codesAfter(text, RARC_CONTEXT, /\b(?:MA\d{2,3}|N\d{1,3}|M\d{1,3})\b/g, () => true);
  pushCodes(text, 'denial.codes', [...carc, ...rarc].sort((a, b) => a.at - b.at), out);
}

// --- Classification by phrases -------------------------------------------------------------

function extractByPhrases(text: string, phrases: DenialPhrases, out: Extracted[]): void {
  for (const [reason, list] of Object.entries(phrases.reasons)) {
    const m = firstMatch(text, list ?? []);
    if (m) out.push({ field: 'denial.reasons', value: reason, source: around(text, m.index, m.index + m.length) });
  }
  for (const { type, phrases: list } of phrases.plans) {
    const m = firstMatch(text, list);
    if (m) {
      out.push({ field: 'plan.type', value: type, source: around(text, m.index, m.index + m.length, 40) });
      break;
    }
  }
  // Letters mention other care in passing ("after failed opioids"), so the treatment named
  // most often wins; ties go to the one listed first.
  const best = pickMost(text, phrases.treatments);
  if (best) out.push({ field: 'service.treatment', value: best.key, source: around(text, best.index, best.index + best.length, 40) });
  const stage = pickMost(text, phrases.stages);
  if (stage) out.push({ field: 'denial.stage', value: stage.key, source: around(text, stage.index, stage.index + stage.length, 40) });
}

function pickMost(text: string, table: Partial<Record<string, string[]>>): { key: string; index: number; length: number } | undefined {
  let best: { key: string; count: number; index: number; length: number } | undefined;
  for (const [key, list] of Object.entries(table)) {
    const count = countMatches(text, list ?? []);
    const m = count > 0 ? firstMatch(text, list ?? []) : undefined;
    if (m && (!best || count > best.count)) best = { key, count, ...m };
  }
  return best;
}

/** Everything the letter states that a case file can use, in the order of the fields above. */
export function extractFromDenial(letter: string, phrases: DenialPhrases = loadDenialPhrases()): Extracted[] {
  const text = cleanLetter(letter);
  const out: Extracted[] = [];
  extractDates(text, out);
  extractIds(text, out);
  extractCodes(text, out);
  extractByPhrases(text, phrases, out);
  return out;
}

/** The values found for one field. */
export function valuesOf(found: readonly Extracted[], field: ExtractedField): string[] {
  return found.filter((e) => e.field === field).map((e) => e.value);
}
