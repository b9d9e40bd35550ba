/**
 * The case file `appeal init` writes: a commented YAML skeleton tailored to the treatment
 * and the denial reasons. Every section the applicable rules read is present, with a comment
 * saying what goes there and why the payer wants it (taken from the requirements' own titles
 * and "missing" texts), so the rules stay the single place that knows what a payer asks.
 *
 * Required fields nobody has answered yet still need a value for the file to be a valid
 * case. They get a PLACEHOLDER: a text starting with "TODO", or (for dates and choices,
 * which cannot hold text) a stand-in value with a "# TODO" comment. `appeal check` finds
 * them (src/case/placeholders.ts) and reports the case as not ready until they are replaced.
 * Optional fields are never filled with placeholders: an empty list or a comment instead.
 */
import { Document, isMap, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { Case, DenialReason } from './schema.js';
import type { Need, NeedReason, Needs } from '../init/needs.js';
import { PLACEHOLDER_PREFIX } from './placeholders.js';

type Obj = Record<string, unknown>;

/** Whatever is known so far: answers, flags, values read from the denial letter. */
export interface Draft {
  author?: Case['author'];
  representative?: Partial<NonNullable<Case['representative']>>;
  patient?: Partial<Case['patient']>;
  plan?: Partial<Case['plan']>;
  provider?: Partial<Case['provider']>;
  service?: Partial<Case['service']>;
  diagnoses?: NonNullable<Case['diagnoses']>;
  denial?: Partial<Case['denial']>;
  history?: NonNullable<Case['history']>;
  measures?: NonNullable<Case['measures']>;
  documents?: NonNullable<Case['documents']>;
  requested?: Partial<Case['requested']>;
}

export interface SkeletonContext {
  needs: Needs;
  /** Reason id -> title, from rules/reasons.yaml. */
  reasonTitles: ReadonlyMap<string, string>;
  /** Treatment id -> plain name, for the service description. */
  treatmentTitle: string;
  /** Today's date, YYYY-MM-DD: the stand-in for an unknown denial date. */
  today: string;
  /** Dotted field path -> the denial-letter words a value was read from. */
  provenance?: ReadonlyMap<string, string>;
}

/** A required text nobody has given yet. */
const todo = (what: string) => `${PLACEHOLDER_PREFIX} ${what}`;

/** A stand-in for an unknown date of birth: obviously not real, and marked TODO. */
export const UNKNOWN_BIRTH_DATE = '1900-01-01';

const WIDTH = 88;

/** Wraps prose to comment width (the yaml library adds the "#"). */
export function wrap(text: string, width = WIDTH): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // A list item's continuation lines are indented under its text.
    const hang = para.startsWith('- ') ? '  ' : '';
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = hang + word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.map((l) => ` ${l}`.trimEnd()).join('\n');
}

function firstSentence(text: string): string {
  const m = /^(.+?\.)(\s|$)/s.exec(text.trim());
  return (m ? m[1]! : text).replace(/\s+/g, ' ').trim();
}

function why(reasons: readonly NeedReason[]): string {
  return reasons
    .map((r) => `- ${r.title} (${r.severity}, ${r.requirement}): ${firstSentence(r.missing)}`)
    .join('\n');
}

// --- Building the plain object, with placeholders where a required value is unknown -------

function defined<T extends Obj>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

interface Marks {
  /** Paths whose value is a stand-in, with the TODO comment to put after it. */
  standIns: Map<string, string>;
}

function content(d: Draft, ctx: SkeletonContext, marks: Marks): Obj {
  const standIn = <T>(path: string, value: T | undefined, fallback: T, what: string): T => {
    if (value !== undefined) return value;
    marks.standIns.set(path, `${PLACEHOLDER_PREFIX} ${what}`);
    return fallback;
  };
  const treatment = standIn('service.treatment', d.service?.treatment, 'other', 'the treatment denied (idds, scs, ketamine-infusion, epidural-steroid-injection, facet-rfa, opioid-therapy, physical-therapy, other)');
  const author = d.author ?? 'patient';
  const reasons = d.denial?.reasons ?? [];
  const obj: Obj = {
    version: 1,
    author,
    ...(author === 'representative' || d.representative
      ? { representative: defined({ name: d.representative?.name ?? todo('your full name'), relationship: d.representative?.relationship }) }
      : {}),
    patient: defined({
      name: d.patient?.name ?? todo("the patient's full name, as on the insurance card"),
      date_of_birth: standIn('patient.date_of_birth', d.patient?.date_of_birth, UNKNOWN_BIRTH_DATE, 'date of birth, YYYY-MM-DD'),
      address: d.patient?.address ?? todo('street, city, state and ZIP code'),
      phone: d.patient?.phone,
      email: d.patient?.email,
    }),
    plan: defined({
      insurer: d.plan?.insurer ?? todo('the insurance company, as printed on the denial'),
      type: standIn('plan.type', d.plan?.type, 'other', 'the kind of plan: erisa, aca-individual, medicare, medicare-advantage, medicaid, fehb or other'),
      plan_name: d.plan?.plan_name,
      member_id: d.plan?.member_id ?? todo('the member ID from the insurance card'),
      group_number: d.plan?.group_number,
      state: d.plan?.state,
      appeals_address: d.plan?.appeals_address,
    }),
    provider: defined({
      name: d.provider?.name ?? todo('the treating physician, e.g. "Jane Roe, MD"'),
      specialty: d.provider?.specialty ?? todo('their specialty, e.g. Pain Medicine'),
      npi: d.provider?.npi,
      practice: d.provider?.practice,
    }),
    service: defined({
      treatment,
      description: d.service?.description ?? ctx.treatmentTitle,
      codes: d.service?.codes ?? [],
      date: d.service?.date,
    }),
    diagnoses: d.diagnoses ?? [],
    denial: defined({
      date: standIn('denial.date', d.denial?.date, ctx.today, 'the date printed on the denial letter (today stands in)'),
      received: d.denial?.received,
      reference: d.denial?.reference ?? todo('the claim, case or authorization number on the denial'),
      stage: d.denial?.stage ?? 'pre-service',
      level: d.denial?.level ?? 'initial',
      urgent: d.denial?.urgent,
      reasons,
      codes: d.denial?.codes,
      quote: d.denial?.quote,
      policy: d.denial?.policy,
    }),
    history: {
      medications: d.history?.medications ?? [],
      therapies: d.history?.therapies ?? [],
      procedures: d.history?.procedures ?? [],
    },
    measures: d.measures ?? [],
    documents: d.documents ?? [],
    requested: defined({
      outcome: d.requested?.outcome ?? `Overturn the denial and approve the ${ctx.treatmentTitle.toLowerCase()} as requested.`,
      expedited: d.requested?.expedited,
    }),
  };
  return obj;
}

// --- Comments ---------------------------------------------------------------------------

const SECTION_HELP: Record<string, { path: string[]; what: string; example: string }> = {
  medications: {
    path: ['history', 'medications'],
    what: 'Every medicine tried for this pain: name, class, dose, start and end dates, and why it was stopped (outcome).',
    example: '- { name: Gabapentin, class: anticonvulsant, dose: 600 mg three times daily, start: 2024-01-10, end: 2024-06-01, outcome: side-effects }',
  },
  therapies: {
    path: ['history', 'therapies'],
    what: 'Physical therapy, CBT and other conservative care: kind, start and end dates or number of sessions, and outcome.',
    example: '- { kind: physical-therapy, start: 2025-02-03, end: 2025-04-25, sessions: 18, outcome: inadequate-relief }',
  },
  procedures: {
    path: ['history', 'procedures'],
    what: 'Earlier procedures and trials: kind, date, pain score before and after (0-10), relief in percent, how long it lasted.',
    example: '- { kind: epidural-steroid-injection, date: 2026-05-12, pain_before: 8, pain_after: 3, duration_days: 120 }',
  },
  measures: {
    path: ['measures'],
    what: 'Pain and function scores with their dates (nrs, vas: 0-10; odi, peg, bpi: the scale\'s own range).',
    example: '- { kind: odi, value: 46, date: 2026-09-30 }',
  },
  documents: {
    path: ['documents'],
    what: 'The documents you have or will get: kind, date, author, title, and a one-line result in the author\'s words.',
    example: '- { kind: psych-eval, date: 2026-09-15, author: "A. Wells, PhD", result: "cleared for implant" }',
  },
  diagnoses: {
    path: ['diagnoses'],
    what: 'The ICD-10-CM diagnosis codes in the physician\'s records (and on the denial).',
    example: '- { code: M54.16, description: Radiculopathy, lumbar region }',
  },
};

function keyNode(doc: Document, path: string[]): Scalar | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]) as Pair<Scalar, Node> | undefined;
  return pair?.key;
}

function commentBefore(doc: Document, path: string[], text: string): void {
  const key = keyNode(doc, path);
  if (key) key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${text}` : text;
}

function commentAfter(doc: Document, path: string[], text: string): void {
  const node = doc.getIn(path, true) as Node | undefined;
  if (node) node.comment = ` ${text}`;
}

function sectionComment(section: string, need: Need | undefined): string {
  const help = SECTION_HELP[section]!;
  const lines = [help.what];
  if (need) {
    const kinds = need.kinds.length > 0 ? `The rules look for: ${need.kinds.join(', ')}.` : '';
    if (kinds) lines.push(kinds);
    if (need.codes.length > 0) lines.push(`Codes the rules accept: ${need.codes.join(', ')}.`);
    lines.push('Why the payer wants it:');
    // One line per requirement, naming the kinds it accepts.
    for (const r of need.because) {
      const kinds = [...need.byKind.entries()].filter(([k, rs]) => k !== '*' && rs.some((x) => x.requirement === r.requirement)).map(([k]) => k);
      lines.push(`- ${r.title} (${r.severity}${kinds.length ? `; ${kinds.join(' or ')}` : ''}): ${firstSentence(r.missing)}`);
    }
  } else {
    lines.push('No rule set for this treatment and reasons looks at it, but the letter can use it.');
  }
  // The example shows a kind the rules actually look for.
  const kind = need?.kinds[0];
  const example = kind && section !== 'diagnoses' ? help.example.replace(/(kind|class): [a-z-]+/, `$1: ${kind}`) : help.example;
  lines.push(`Example: ${example}`);
  return wrap(lines.join('\n'));
}

/** Builds the commented skeleton; returns the YAML text. */
export function buildSkeleton(draft: Draft, ctx: SkeletonContext): string {
  const marks: Marks = { standIns: new Map() };
  const obj = content(draft, ctx, marks);
  const doc = new Document(obj);
  // Empty lists print as [], so the user sees at once that they are to be filled.
  doc.contents && setFlowForEmpty(doc.contents as Node);

  const reasons = (draft.denial?.reasons ?? []) as DenialReason[];
  const sets = ctx.needs.ruleSets.map((s) => `${s.id} ${s.version} (${s.title})`).join(', ') || 'none for this treatment yet';
  doc.commentBefore = wrap(
    [
      `Case file written by appeal init on ${ctx.today}.`,
      `Treatment: ${draft.service?.treatment ?? 'not given'}. Denial reasons: ${reasons.map((r) => ctx.reasonTitles.get(r) ?? r).join('; ') || 'not given'}.`,
      `Rule sets that apply: ${sets}.`,
      '',
      `Values starting with ${PLACEHOLDER_PREFIX}, and values followed by a "# ${PLACEHOLDER_PREFIX}" comment, are placeholders: replace them (and delete the comment). \`appeal check\` reports the case as not ready while any remain.`,
      'Run `appeal check` on this file after each change to see what is still missing.',
    ].join('\n'),
  );

  for (const [path, note] of marks.standIns) commentAfter(doc, path.split('.'), note);

  commentBefore(doc, ['author'], wrap('Who writes the appeal: patient, provider or representative (a family member or advocate; add representative: { name, relationship }).'));
  commentBefore(doc, ['plan'], wrap('From the insurance card and the denial letter. The plan type decides the appeal deadlines and the next level of review.'));
  commentBefore(doc, ['provider'], wrap('The physician who asked for the treatment; the payer weighs their letter of medical necessity.'));
  commentBefore(doc, ['service', 'codes'], wrap('CPT/HCPCS codes of the requested service, quoted, e.g. ["62362"].' + fieldWhy(ctx.needs, 'service.codes')));
  commentBefore(doc, ['denial'], wrap('From the denial letter. stage: pre-service (asked before treatment), post-service (a claim after it) or concurrent. level: initial, internal-appeal or external-review.'));
  commentBefore(doc, ['denial', 'reasons'], wrap(reasons.length > 0 ? reasons.map((r) => `${r}: ${ctx.reasonTitles.get(r) ?? r}`).join('\n') : 'Why the plan said no; ids from `appeal rules` (rules/reasons.yaml), e.g. [not-medically-necessary].'));
  commentBefore(doc, ['requested'], wrap('What you ask the plan to do; the letter ends with it.'));

  for (const section of ['diagnoses', 'medications', 'therapies', 'procedures', 'measures', 'documents']) {
    commentBefore(doc, SECTION_HELP[section]!.path, sectionComment(section, ctx.needs.bySection.get(section)));
  }
  const otherFields = [...ctx.needs.bySection.values()].filter((n) => n.section === 'field' && n.kinds[0] !== 'service.codes');
  for (const f of otherFields) {
    const path = f.kinds[0]!.split('.');
    if (keyNode(doc, path)) commentBefore(doc, path, wrap(`The rules read this field: ${why(f.because)}`));
    else commentBefore(doc, ['requested'], wrap(`The rules also read ${f.kinds[0]}: ${why(f.because)}`));
  }

  for (const [path, words] of ctx.provenance ?? []) {
    const p = path.split('.');
    if (keyNode(doc, p)) commentBefore(doc, p, wrap(`Read from the denial letter: "${words}"`));
  }
  return doc.toString({ lineWidth: 0 });
}

function fieldWhy(needs: Needs, path: string): string {
  const n = needs.bySection.get(`field:${path}`);
  return n ? `\nThe rules read it:\n${why(n.because)}` : '';
}

function setFlowForEmpty(node: Node): void {
  if (node instanceof YAMLSeq) {
    if (node.items.length === 0) node.flow = true;
    for (const item of node.items) setFlowForEmpty(item as Node);
  } else if (node instanceof YAMLMap) {
    for (const pair of node.items) if (pair.value) setFlowForEmpty(pair.value as Node);
  }
}
