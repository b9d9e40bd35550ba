/**
 * The view a letter template sees: the case and its findings arranged for a letter, every
 * value from the case already Markdown-escaped. Raw strings are escaped by `toView` at
 * the end; pieces assembled here from escaped parts are wrapped in `Md` so they are not
 * escaped twice. Optional fields are present as null, so strict templates can test them.
 */
import type { Case } from '../case/schema.js';
import type { CaseFindings, Finding } from '../rules/engine.js';
import type { Evidence } from '../rules/predicates/types.js';
import type { SourceDef } from '../rules/schema.js';
import { outcomeWords } from '../report/wording.js';
import { escapeInline, escapeLines } from './escape.js';
import { evidencePhrase, evidenceSummary, kindWords } from './evidence.js';
import { joinList, longDate, percent, plural } from './format.js';
import {
  appealRights,
  appealNoun,
  appealTitle,
  deadlineParagraph,
  documentRights,
  expeditedRequest,
  externalReviewNoun,
  externalReviewRights,
  externalReviewTitle,
  type AppealDeadline,
} from './rights.js';
import { CHART_MARKER, type LetterKind, type Letterhead, type PainPoint } from './types.js';

/** Markdown already assembled from escaped parts. */
export class Md {
  constructor(readonly text: string) {}
}
const md = (text: string) => new Md(text);

/** Escapes every string leaf; keeps Md as is; absent becomes null. */
export function toView(value: unknown): unknown {
  if (value instanceof Md) return value.text;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return escapeInline(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toView);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toView(v);
  return out;
}

export interface ViewOptions {
  kind: LetterKind;
  date: string;
  letterhead?: Letterhead;
  deadline?: AppealDeadline;
  /** Reason id -> title (from rules/reasons.yaml); the id in words otherwise. */
  reasonTitles?: Record<string, string>;
}

const lcfirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const titleOf = (id: string, titles?: Record<string, string>) => titles?.[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

/** Numbers sources in order of first citation; unconfirmed sources are never cited as authority. */
class References {
  readonly list: SourceDef[] = [];
  cite(sources: readonly SourceDef[]): number[] {
    const numbers: number[] = [];
    for (const s of sources) {
      if (s.confidence === 'unconfirmed') continue;
      let i = this.list.findIndex((x) => x.id === s.id);
      if (i < 0) i = this.list.push(s) - 1;
      if (!numbers.includes(i + 1)) numbers.push(i + 1);
    }
    return numbers;
  }
}

/** A satisfied finding's argument with its evidence in place of `{{evidence}}`, escaped. */
export function argumentText(f: Finding, seen?: Set<string>): string {
  // escapeInline trims; the spaces around {{evidence}} belong to the sentence, so keep them.
  const parts = f.argument
    .trim()
    .split('{{evidence}}')
    .map((part) => `${/^\s/.test(part) ? ' ' : ''}${escapeInline(part)}${/\s$/.test(part) ? ' ' : ''}`);
  return parts.join(evidenceSummary(f.evidence, seen) || 'see the enclosed records');
}

interface Point {
  id: string;
  title: string;
  text: Md;
  /** This finding was argued in an earlier section. */
  repeated: boolean;
}

interface Section {
  number: number;
  reason: string;
  title: string;
  points: Point[];
}

function buildSections(findings: CaseFindings, refs: References, titles?: Record<string, string>): Section[] {
  const argued = new Map<string, number>();
  const seen = new Set<string>();
  return findings.reasons.map((reason, i) => {
    const number = i + 1;
    const points: Point[] = findings.findings
      .filter((f) => f.status === 'satisfied' && f.answers.includes(reason.id))
      .map((f) => {
        const earlier = argued.get(f.id);
        if (earlier !== undefined) {
          return { id: f.id, title: f.title, repeated: true, text: md(`${escapeInline(f.title)}: see section ${earlier} above.`) };
        }
        argued.set(f.id, number);
        const cited = refs.cite(f.sources).sort((a, b) => a - b);
        // A point that rests only on unconfirmed sources is presented as what plans often
        // ask, never as a requirement; one that also cites a confirmed source rests on it.
        const caution = cited.length === 0 && f.confidence === 'unconfirmed' ? `Many plans' policies also ask about this point (${escapeInline(lcfirst(f.title))}). ` : '';
        const note = cited.length ? ` (ref. ${cited.join(', ')})` : '';
        return { id: f.id, title: f.title, repeated: false, text: md(`${caution}${sentence(argumentText(f, seen)).replace(/\.$/, `${note}.`)}`) };
      });
    return { number, reason: reason.id, title: titleOf(reason.id, titles), points };
  });
}

interface HistoryRow {
  sort: string;
  dates: string;
  treatment: string;
  details: string;
  outcome: string;
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function shortDate(iso?: string): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${shortMonths[m - 1]} ${d}, ${y}`;
}
const shortSpan = (start?: string, end?: string) =>
  start && end ? `${shortDate(start)} to ${shortDate(end)}` : start ? `${shortDate(start)} to present` : end ? `until ${shortDate(end)}` : 'undated';
const words = (v: string) => {
  const w = kindWords(v);
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** The chronological treatment history: medications, therapies, procedures. */
export function historyRows(c: Case): HistoryRow[] {
  const h = c.history ?? {};
  const rows: HistoryRow[] = [];
  for (const m of h.medications ?? []) {
    rows.push({
      sort: m.start ?? m.end ?? '9999',
      dates: shortSpan(m.start, m.end),
      treatment: `${m.name} (${kindWords(m.class)})`,
      details: m.dose ?? '',
      outcome: [m.outcome ? outcomeWords(m.outcome) : '', m.notes ?? ''].filter(Boolean).join('; '),
    });
  }
  for (const t of h.therapies ?? []) {
    rows.push({
      sort: t.start ?? t.end ?? '9999',
      dates: shortSpan(t.start, t.end),
      treatment: words(t.kind),
      details: t.sessions !== undefined ? plural(t.sessions, 'session') : '',
      outcome: [t.outcome ? outcomeWords(t.outcome) : '', t.notes ?? ''].filter(Boolean).join('; '),
    });
  }
  for (const p of h.procedures ?? []) {
    const relief = p.relief_percent ?? (p.pain_before && p.pain_after !== undefined ? ((p.pain_before - p.pain_after) / p.pain_before) * 100 : undefined);
    rows.push({
      sort: p.date,
      dates: shortDate(p.date),
      treatment: words(p.kind),
      details: [
        p.detail ?? '',
        p.pain_before !== undefined && p.pain_after !== undefined ? `pain ${p.pain_before}/10 to ${p.pain_after}/10` : '',
        relief !== undefined ? `${percent(relief)} relief` : '',
        p.duration_days !== undefined ? `lasting ${plural(p.duration_days, 'day')}` : '',
        p.function ?? '',
      ]
        .filter(Boolean)
        .join('; '),
      outcome: p.outcome ? outcomeWords(p.outcome) : '',
    });
  }
  // Stable sort: same-date entries keep the case's order.
  return rows.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
}

/** Pain scores over time for the PDF chart: 0-10 measures and procedures' before/after scores. */
export function painChart(c: Case): PainPoint[] {
  const points: PainPoint[] = [];
  for (const m of c.measures ?? []) {
    if ((m.kind === 'nrs' || m.kind === 'peg' || m.kind === 'vas') && m.value <= 10) points.push({ date: m.date, value: m.value, label: m.kind.toUpperCase() });
  }
  for (const p of c.history?.procedures ?? []) {
    const kind = kindWords(p.kind);
    if (p.pain_before !== undefined) points.push({ date: p.date, value: p.pain_before, label: `${kind} (before)` });
    if (p.pain_after !== undefined) points.push({ date: p.date, value: p.pain_after, label: `${kind} (after)` });
  }
  return points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function documentLine(d: NonNullable<Case['documents']>[number]): string {
  const what = d.title ?? words(d.kind);
  return [what, d.author ?? '', d.date ? longDate(d.date) : ''].filter(Boolean).join(', ');
}

function contactLines(lh: Letterhead): string[] {
  const contact = [lh.phone ? `Phone ${lh.phone}` : '', lh.fax ? `Fax ${lh.fax}` : ''].filter(Boolean).join(' · ');
  return [lh.name, ...(lh.address ?? '').split(/\r?\n/).filter((l) => l.trim()), contact, lh.email ?? ''].filter(Boolean);
}

/** Who writes this letter: the physician writes the medical-necessity letter; otherwise the case's author. */
export function voiceOf(c: Case, kind: LetterKind): Case['author'] {
  return kind === 'medical-necessity' ? 'provider' : c.author;
}

function senderLines(c: Case, voice: Case['author'], letterhead?: Letterhead): string[] {
  if (letterhead) return contactLines(letterhead);
  const addr = c.patient.address.split(/\r?\n/).filter((l) => l.trim());
  const reach = [c.patient.phone ?? '', c.patient.email ?? ''].filter(Boolean);
  switch (voice) {
    case 'provider':
      return [c.provider.name, c.provider.specialty, c.provider.practice ?? ''].filter(Boolean);
    case 'representative':
      return [c.representative?.name ?? '', `on behalf of ${c.patient.name}`, ...addr, ...reach].filter(Boolean);
    default:
      return [c.patient.name, ...addr, ...reach];
  }
}

function signerLines(c: Case, voice: Case['author']): string[] {
  switch (voice) {
    case 'provider':
      return [c.provider.name, c.provider.specialty, c.provider.practice ?? '', c.provider.npi ? `NPI ${c.provider.npi}` : ''].filter(Boolean);
    case 'representative':
      return [c.representative?.name ?? '', `Authorized representative of ${c.patient.name}${c.representative?.relationship ? ` (${c.representative.relationship})` : ''}`].filter(Boolean);
    default:
      return [c.patient.name];
  }
}

/** The grounds of a step-therapy exception, from the satisfied findings' treatment evidence. */
function stepGrounds(findings: CaseFindings): { ground: string; items: Md[] }[] {
  const seen = new Set<string>();
  const failed: Evidence[] = [];
  const adverse: Evidence[] = [];
  const contraindicated: Evidence[] = [];
  for (const f of findings.findings) {
    if (f.status !== 'satisfied') continue;
    for (const e of f.evidence) {
      if (!['medication', 'therapy', 'procedure'].includes(e.kind) || seen.has(e.path)) continue;
      const o = String(e.facts.outcome ?? '');
      if (!o) continue;
      seen.add(e.path);
      if (o === 'contraindicated') contraindicated.push(e);
      else if (o.includes('side-effects')) adverse.push(e);
      else if (o === 'inadequate-relief') failed.push(e);
    }
  }
  // Chronological, then by place in the case: the order a reviewer reads a history in.
  const when = (e: Evidence) => String(e.facts.start ?? e.facts.date ?? e.facts.end ?? '9999');
  const byPath = (a: Evidence, b: Evidence) => when(a).localeCompare(when(b)) || a.path.localeCompare(b.path, 'en', { numeric: true });
  const ucfirst = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
  return [
    { ground: 'Tried and failed: these treatments did not relieve the pain', items: failed },
    { ground: 'Tried and not tolerated: these treatments caused adverse effects', items: adverse },
    { ground: 'Contraindicated', items: contraindicated },
  ]
    .filter((g) => g.items.length > 0)
    .map((g) => ({ ground: g.ground, items: g.items.sort(byPath).map((e) => md(ucfirst(evidencePhrase(e)))) }));
}

export function buildView(c: Case, findings: CaseFindings, o: ViewOptions): { view: Record<string, unknown>; refs: SourceDef[] } {
  const refs = new References();
  const sections = buildSections(findings, refs, o.reasonTitles);
  const expedited = !!(c.denial.urgent || c.requested.expedited);
  const type = c.plan.type;
  const gaps = findings.findings.filter((f) => f.status === 'missing');
  const chart = painChart(c);
  const codes = c.service.codes ?? [];
  const rows = historyRows(c);
  const voice = voiceOf(c, o.kind);
  const inPlay = new Set<string>(findings.reasons.map((r) => r.id));
  const sheetSeen = new Set<string>();
  const raw = {
    kind: o.kind,
    date: o.date,
    author: voice,
    expedited,
    letterhead: o.letterhead ? { name: o.letterhead.name } : null,
    sender: senderLines(c, voice, o.letterhead),
    recipient: c.plan.appeals_address ? md(escapeLines(c.plan.appeals_address)) : c.plan.insurer,
    signer: signerLines(c, voice),
    patient: {
      name: c.patient.name,
      date_of_birth: c.patient.date_of_birth,
      phone: c.patient.phone,
      email: c.patient.email,
    },
    representative: c.representative ? { name: c.representative.name, relationship: c.representative.relationship } : null,
    plan: { insurer: c.plan.insurer, type, plan_name: c.plan.plan_name, member_id: c.plan.member_id, group_number: c.plan.group_number, state: c.plan.state },
    provider: { name: c.provider.name, specialty: c.provider.specialty, npi: c.provider.npi, practice: c.provider.practice },
    service: {
      description: c.service.description,
      codes: codes.length ? md(escapeInline(joinList(codes))) : null,
      date: c.service.date,
    },
    diagnoses: (c.diagnoses ?? []).map((d) => ({ code: d.code, description: d.description })),
    denial: {
      date: c.denial.date,
      reference: c.denial.reference,
      stage: c.denial.stage,
      level: c.denial.level,
      quote: c.denial.quote,
      policy: c.denial.policy,
      codes: c.denial.codes?.length ? md(escapeInline(joinList(c.denial.codes))) : null,
      grounds: md(joinList(sections.map((s) => `"${escapeInline(lcfirst(s.title))}"`))),
      groundCount: sections.length,
    },
    requested: { outcome: md(escapeInline(sentence(c.requested.outcome.trim()))) },
    titles: {
      appeal: appealTitle(type),
      externalReview: externalReviewTitle(type),
      appealNoun: appealNoun(type),
      externalReviewNoun: externalReviewNoun(type),
    },
    rights: {
      appeal: appealRights(type),
      externalReview: externalReviewRights(type, c.denial.level),
      documents: documentRights(type),
      expedited: expedited ? expeditedRequest(type) : null,
      deadline: o.deadline ? md(deadlineParagraph(o.deadline)!) : null,
    },
    sections: sections.map((s) => ({ ...s, points: s.points.map((p) => ({ title: p.title, text: p.text, repeated: p.repeated })) })),
    // The peer-to-peer sheet: criteria met that bear on the grounds in play, each entry
    // described once and named after that, so the sheet stays short.
    satisfied: findings.findings
      .filter((f) => f.status === 'satisfied' && f.answers.some((a) => inPlay.has(a)))
      // Required criteria first: they carry the full evidence; the sheet must fit one page.
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'required' ? -1 : 1))
      .map((f) => ({ title: f.title, severity: f.severity, evidence: md(evidenceSummary(f.evidence, sheetSeen, true)), cautious: f.confidence === 'unconfirmed' })),
    alsoOnFile: findings.findings
      .filter((f) => f.status === 'satisfied' && f.severity === 'recommended' && f.answers.some((a) => inPlay.has(a)))
      .map((f) => md(`${f.title.charAt(0).toLowerCase()}${f.title.slice(1)}${f.confidence === 'unconfirmed' ? ' (many plans ask)' : ''}`)),
    gaps: gaps.map((f) => ({ title: f.title, severity: f.severity, missing: f.missing.trim() })),
    requiredGaps: gaps.filter((f) => f.severity === 'required').map((f) => ({ title: f.title, missing: f.missing.trim() })),
    stepGrounds: stepGrounds(findings),
    enclosures: (c.documents ?? []).map(documentLine),
    history: rows.map(({ sort: _sort, ...r }) => r),
    chart: chart.length >= 2 ? md(CHART_MARKER) : null,
    measures: (c.measures ?? []).map((m) => ({ kind: m.kind.toUpperCase(), value: m.value, date: m.date })),
    references: refs.list.map((s, i) => ({ number: i + 1, citation: s.citation.trim(), url: s.url ?? null, secondary: s.confidence === 'secondary' })),
  };
  return { view: toView(raw) as Record<string, unknown>, refs: refs.list };
}
