/**
 * The interactive interview of `appeal init`. Loaded only when init runs on a terminal, so
 * no other command pays for the prompt library.
 *
 * It asks the first-level questions the flags did not answer, then only what the rule sets
 * that apply to the chosen treatment, plan and reasons will look for (needs.ts). Values read
 * from the denial letter are shown with their words, for the user to keep or drop.
 * Ctrl-C rejects with the prompt library's ExitPromptError; nothing is written before the end.
 */
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { DENIAL_REASONS, type DenialReason, type PlanType, type Treatment } from '../case/schema.js';
import type { Draft } from '../case/skeleton.js';
import type { RuleLibrary } from '../rules/load.js';
import { draftFromLetter, mergeDrafts } from './draft.js';
import type { Extracted } from './extract.js';
import { needsFor, type Need } from './needs.js';
import {
  AUTHOR_CHOICES,
  FORMS,
  PLAN_CHOICES,
  QUESTIONS,
  STAGE_CHOICES,
  TREATMENT_CHOICES,
  entryFrom,
  type FormField,
} from './questions.js';

export interface InterviewInput {
  draft: Draft;
  library: RuleLibrary;
  /** Values read from the denial letter (already merged into draft). */
  found: readonly Extracted[];
  flagsDraft: Draft;
  today: string;
  out: NodeJS.WritableStream;
}

const text = async (q: { message: string; validate?: (s: string) => true | string }, current?: string) =>
  (await input({ message: q.message, default: current, validate: q.validate })).trim() || undefined;

export interface InterviewResult {
  draft: Draft;
  /** The letter's values the user kept. */
  kept: Extracted[];
}

export async function interview(inp: InterviewInput): Promise<InterviewResult> {
  const say = (s: string) => inp.out.write(`${s}\n`);
  let d = inp.draft;
  let kept = [...inp.found];

  if (inp.found.length > 0) {
    say('\nFrom the denial letter (uncheck anything that is wrong):');
    const keep = await checkbox({
      message: 'Values read from the letter',
      pageSize: 12,
      choices: inp.found.map((e, i) => ({ value: i, name: `${e.field}: ${e.value}`, description: `"${e.source}"`, checked: true })),
      theme: { style: { renderSelectedChoices: (sel: readonly unknown[], all: readonly unknown[]) => `kept ${sel.length} of ${all.length}` } },
    });
    // Rebuild from the kept values only, then put the flags back on top.
    kept = inp.found.filter((_, i) => keep.includes(i));
    d = mergeDrafts(draftFromLetter(kept).draft, inp.flagsDraft);
  }
  const flags = inp.flagsDraft;

  const author = flags.author ?? (await select({ message: 'Who is writing this appeal?', choices: AUTHOR_CHOICES, default: d.author }));
  d = { ...d, author };
  if (author === 'representative' && !d.representative?.name) {
    const name = await text(QUESTIONS.representativeName);
    const relationship = await text(QUESTIONS.representativeRelationship);
    d = { ...d, representative: { name, relationship } };
  }
  const patientName = d.patient?.name ?? (await text(QUESTIONS.patientName));
  const birth = d.patient?.date_of_birth ?? (await text(QUESTIONS.patientBirth));
  d = { ...d, patient: { ...d.patient, name: patientName, date_of_birth: birth } };

  const planType: PlanType =
    flags.plan?.type ??
    (await select({ message: 'How do you get this insurance?', choices: PLAN_CHOICES, default: d.plan?.type, pageSize: PLAN_CHOICES.length }));
  const insurer = d.plan?.insurer ?? (await text(QUESTIONS.insurer));
  const memberId = flags.plan?.member_id ?? (await text(QUESTIONS.memberId, d.plan?.member_id));
  // State law sets the deadlines and external review of Medicaid and marketplace plans.
  const state = d.plan?.state ?? (planType === 'medicaid' || planType === 'aca-individual' ? (await text(QUESTIONS.state))?.toUpperCase() : undefined);
  d = { ...d, plan: { ...d.plan, type: planType, insurer, member_id: memberId, state } };

  const treatment: Treatment =
    flags.service?.treatment ??
    (await select({ message: 'Which treatment was denied?', choices: TREATMENT_CHOICES, default: d.service?.treatment, pageSize: TREATMENT_CHOICES.length }));
  d = { ...d, service: { ...d.service, treatment } };
  if (!d.provider?.name) {
    const name = await text(QUESTIONS.providerName);
    const specialty = name ? await text(QUESTIONS.providerSpecialty) : undefined;
    d = { ...d, provider: { ...d.provider, name, specialty } };
  }

  const denialDate = flags.denial?.date ?? (await text(QUESTIONS.denialDate, d.denial?.date))!;
  const reference = flags.denial?.reference ?? (await text(QUESTIONS.reference, d.denial?.reference));
  const stage = flags.denial?.stage ?? (await select({ message: 'When was it denied?', choices: STAGE_CHOICES, default: d.denial?.stage ?? 'pre-service' }));
  const reasonTitles = new Map(inp.library.reasons.reasons.map((r) => [r.id, r]));
  const reasons: DenialReason[] =
    flags.denial?.reasons ??
    (await checkbox({
      message: 'Why did the plan say no? (space to pick; several allowed)',
      pageSize: 15,
      required: true,
      choices: DENIAL_REASONS.map((id) => ({
        value: id,
        name: reasonTitles.get(id)?.title ?? id,
        description: reasonTitles.get(id)?.meaning.replace(/\s+/g, ' '),
        checked: d.denial?.reasons?.includes(id) ?? false,
      })),
    }));
  d = { ...d, denial: { ...d.denial, date: denialDate, reference, stage, reasons } };

  // From here on, only what the applicable rule sets read.
  const needs = needsFor(inp.library, { treatment, plan: planType, denialDate, reasons });
  say(
    needs.ruleSets.length > 0
      ? `\nRules that apply: ${needs.ruleSets.map((s) => `${s.title} (${s.id} ${s.version})`).join(', ')}. A few questions about what you have on record:`
      : '\nNo rule set covers this treatment yet; the case file will have the general sections to fill in.',
  );
  const need = (section: string) => needs.bySection.get(section);

  if (need('diagnoses')) {
    const codes = [...(d.diagnoses ?? [])];
    say(`Diagnosis codes the rules accept: ${need('diagnoses')!.codes.join(', ')}${codes.length ? ` (already have ${codes.map((c) => c.code).join(', ')})` : ''}`);
    for (;;) {
      const code = await text(QUESTIONS.diagnosis);
      if (!code) break;
      if (!codes.some((c) => c.code === code.toUpperCase())) codes.push({ code: code.toUpperCase() });
    }
    d = { ...d, diagnoses: codes };
  }

  const history: Record<string, unknown[]> = { ...(d.history ?? {}) };
  for (const section of ['medications', 'therapies', 'procedures'] as const) {
    const n = need(section);
    if (!n) continue;
    history[section] = [...(history[section] ?? []), ...(await repeatForm(section, n, say))];
  }
  d = { ...d, history: history as Draft['history'] };
  if (need('measures')) d = { ...d, measures: [...(d.measures ?? []), ...((await repeatForm('measures', need('measures')!, say)) as never[])] };

  const docs = need('documents');
  if (docs) {
    const kinds = docs.kinds.length > 0 ? docs.kinds : ['physician-letter', 'office-notes'];
    const have = await checkbox({
      message: 'Which of these documents do you have (or can get)? Space to pick, Enter when done',
      pageSize: kinds.length,
      choices: kinds.map((k) => ({
        value: k,
        name: k,
        description: (docs.byKind.get(k) ?? []).map((r) => r.title).join('; '),
      })),
    });
    const entries = [...(d.documents ?? [])];
    for (const kind of have) {
      say(`About the ${kind}:`);
      entries.push({ kind, ...(await askFields(FORMS.documents.fields)) } as never);
    }
    d = { ...d, documents: entries };
  }
  return { draft: d, kept };
}

async function askFields(fields: readonly FormField[], choicesFor?: (f: FormField) => readonly string[] | undefined): Promise<Record<string, string | number>> {
  const answers: Record<string, string> = {};
  for (const f of fields) {
    if (f.type === 'select') {
      const choices = choicesFor?.(f) ?? f.choices ?? [];
      const options = f.optional ? ['(skip)', ...choices] : [...choices];
      const v = await select({ message: f.message, choices: options.map((c) => ({ value: c, name: c })), pageSize: Math.min(options.length, 12) });
      answers[f.key] = v === '(skip)' ? '' : v;
    } else {
      answers[f.key] = await input({
        message: f.message,
        validate: (s) => (!f.optional && s.trim() === '' ? 'Needed for this entry' : (f.validate?.(s) ?? true)),
      });
    }
  }
  return entryFrom(fields, answers);
}

async function repeatForm(section: keyof typeof FORMS, need: Need, say: (s: string) => void): Promise<Record<string, string | number>[]> {
  const form = FORMS[section];
  const why = [...new Set(need.because.map((r) => r.title))].join('; ');
  say(`\n${section}: the rules look for ${need.kinds.length ? need.kinds.join(', ') : 'any kind'} (${why}).`);
  const entries: Record<string, string | number>[] = [];
  // The kinds the rules name come first in the list, so the usual answer is one key away.
  const preferred = (f: FormField) => (f.key === 'kind' || f.key === 'class') && need.kinds.length > 0 ? [...need.kinds, ...(f.choices ?? []).filter((c) => !need.kinds.includes(c))] : undefined;
  while (await confirm({ message: entries.length ? `Add another one? (${section})` : form.add, default: entries.length === 0 })) {
    entries.push(await askFields(form.fields, preferred));
  }
  return entries;
}
