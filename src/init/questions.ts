/**
 * The interview's questions as data: what each prompt says, its help text, its choices and
 * how its answer is checked. The interview (interview.ts) only walks these; tests render
 * them one by one with @inquirer/testing.
 *
 * The first-level questions are fixed (who writes, plan, insurer, treatment, denial). The
 * entry forms below (a medication, a procedure, a document...) are asked only for the
 * sections that the applicable rule sets read (see needs.ts).
 */
import {
  AUTHORS,
  MEASURE_KINDS,
  MEDICATION_CLASSES,
  OUTCOMES,
  PROCEDURE_KINDS,
  STAGES,
  THERAPY_KINDS,
  isRealDate,
  type PlanType,
  type Treatment,
} from '../case/schema.js';
import { ICD10 } from './extract.js';

export interface Choice<V extends string = string> {
  value: V;
  name: string;
  description?: string;
}

/** `true` when valid, else the message shown under the prompt. */
export type Validate = (answer: string) => true | string;

export const validDate: Validate = (s) =>
  s.trim() === '' || (/^\d{4}-\d{2}-\d{2}$/.test(s.trim()) && isRealDate(s.trim())) || 'Write the date as YYYY-MM-DD, e.g. 2026-10-14';
export const requiredDate: Validate = (s) => (s.trim() === '' ? 'This date is needed; it is printed on the letter (YYYY-MM-DD)' : validDate(s));
export const validIcd10: Validate = (s) =>
  s.trim() === '' || ICD10.test(s.trim().toUpperCase()) || 'An ICD-10-CM code looks like M54.16 or G89.29 (letter, two digits, dot, more)';
export const validScore: Validate = (s) => s.trim() === '' || (/^\d+(\.\d+)?$/.test(s.trim()) && Number(s) <= 10) || 'A pain score from 0 to 10';
export const validPercent: Validate = (s) => s.trim() === '' || (/^\d+(\.\d+)?$/.test(s.trim()) && Number(s) <= 100) || 'A percentage from 0 to 100';
export const validCount: Validate = (s) => s.trim() === '' || /^\d+$/.test(s.trim()) || 'A whole number';
export const validState: Validate = (s) => s.trim() === '' || /^[A-Za-z]{2}$/.test(s.trim()) || 'Two letters, like IL';

export const AUTHOR_CHOICES: Choice<(typeof AUTHORS)[number]>[] = [
  { value: 'patient', name: 'I am the patient' },
  { value: 'provider', name: 'I am the doctor, or work in the doctor\'s office' },
  { value: 'representative', name: 'I am helping the patient (family member, friend, advocate)' },
];

export const PLAN_CHOICES: Choice<PlanType>[] = [
  { value: 'erisa', name: 'Through an employer (private company)', description: 'Most job-based plans are governed by ERISA, a federal law' },
  { value: 'aca-individual', name: 'Bought on healthcare.gov or a state marketplace', description: 'An individual plan under the Affordable Care Act' },
  { value: 'medicare', name: 'Original Medicare (red, white and blue card)', description: 'Claims are paid by a Medicare contractor; denials come on a Medicare Summary Notice' },
  { value: 'medicare-advantage', name: 'Medicare Advantage plan (Part C)', description: 'A private company runs your Medicare, e.g. an HMO or PPO' },
  { value: 'medicaid', name: 'Medicaid or another state plan', description: 'Including Medicaid managed-care plans and CHIP' },
  { value: 'fehb', name: 'Federal employee (FEHB)', description: 'Federal Employees Health Benefits; disputes go to OPM' },
  { value: 'other', name: 'Other, or not sure', description: 'Government or church employer, TRICARE, VA, or unknown' },
];

export const TREATMENT_CHOICES: Choice<Treatment>[] = [
  { value: 'idds', name: 'Implanted pain pump (intrathecal drug delivery system)' },
  { value: 'scs', name: 'Spinal cord stimulator' },
  { value: 'ketamine-infusion', name: 'Ketamine infusions' },
  { value: 'epidural-steroid-injection', name: 'Epidural steroid injection' },
  { value: 'facet-rfa', name: 'Facet joint injections or radiofrequency ablation' },
  { value: 'opioid-therapy', name: 'Opioid pain medicine' },
  { value: 'physical-therapy', name: 'Physical therapy' },
  { value: 'other', name: 'Something else' },
];

export function treatmentTitle(t: Treatment): string {
  return TREATMENT_CHOICES.find((c) => c.value === t)!.name;
}

export const STAGE_CHOICES: Choice<(typeof STAGES)[number]>[] = [
  { value: 'pre-service', name: 'Before the treatment: a prior-authorization request was denied' },
  { value: 'post-service', name: 'After the treatment: a claim was not paid' },
  { value: 'concurrent', name: 'During ongoing treatment: more sessions or a longer stay were refused' },
];

/** The first-level questions, in the order asked. */
export const QUESTIONS = {
  representativeName: { message: 'Your full name', help: 'It goes on the letter as the person writing for the patient.' },
  representativeRelationship: { message: 'Your relationship to the patient (e.g. daughter, advocate)' },
  patientName: { message: "The patient's full name (as on the insurance card; Enter to fill in later)" },
  patientBirth: { message: "The patient's date of birth (YYYY-MM-DD; Enter to fill in later)", validate: validDate },
  insurer: { message: 'Insurance company (as printed on the denial; Enter to fill in later)' },
  memberId: { message: 'Member ID from the insurance card (Enter to fill in later)' },
  providerName: { message: 'The doctor who asked for the treatment (e.g. Jane Roe, MD; Enter to fill in later)' },
  providerSpecialty: { message: 'Their specialty (e.g. Pain Medicine; Enter to fill in later)' },
  denialDate: { message: 'Date printed on the denial letter (YYYY-MM-DD)', validate: requiredDate },
  reference: { message: 'Claim, case or authorization number on the denial (Enter to fill in later)' },
  state: { message: 'State you live in, two letters (Enter to skip)', validate: validState },
  diagnosis: { message: 'A diagnosis code from your records (ICD-10, e.g. M54.16; Enter when done)', validate: validIcd10 },
} as const;

/** One field of a repeatable entry (a medication, a procedure...). */
export interface FormField {
  key: string;
  message: string;
  type: 'text' | 'date' | 'number' | 'select';
  choices?: readonly string[];
  /** Empty answers are allowed and leave the field out. */
  optional: boolean;
  validate?: Validate;
}

const outcome: FormField = { key: 'outcome', message: 'How did it end?', type: 'select', choices: OUTCOMES, optional: true };

/** The entry forms, keyed by case section; `choices: undefined` for kind/class means "from the rules". */
export const FORMS: Record<'medications' | 'therapies' | 'procedures' | 'measures' | 'documents', { add: string; fields: FormField[] }> = {
  medications: {
    add: 'Add a medicine tried for this pain?',
    fields: [
      { key: 'name', message: 'Medicine name (e.g. Gabapentin)', type: 'text', optional: false },
      { key: 'class', message: 'What kind of medicine is it?', type: 'select', choices: MEDICATION_CLASSES, optional: false },
      { key: 'dose', message: 'Dose (e.g. 600 mg three times daily)', type: 'text', optional: true },
      { key: 'start', message: 'Started (YYYY-MM-DD)', type: 'date', optional: true, validate: validDate },
      { key: 'end', message: 'Stopped (YYYY-MM-DD; Enter if still taking)', type: 'date', optional: true, validate: validDate },
      outcome,
    ],
  },
  therapies: {
    add: 'Add a therapy tried (physical therapy, CBT, ...)?',
    fields: [
      { key: 'kind', message: 'Which therapy?', type: 'select', choices: THERAPY_KINDS, optional: false },
      { key: 'start', message: 'Started (YYYY-MM-DD)', type: 'date', optional: true, validate: validDate },
      { key: 'end', message: 'Ended (YYYY-MM-DD)', type: 'date', optional: true, validate: validDate },
      { key: 'sessions', message: 'Number of sessions', type: 'number', optional: true, validate: validCount },
      outcome,
    ],
  },
  procedures: {
    add: 'Add an earlier procedure or trial?',
    fields: [
      { key: 'kind', message: 'Which procedure?', type: 'select', choices: PROCEDURE_KINDS, optional: false },
      { key: 'date', message: 'Date (YYYY-MM-DD)', type: 'date', optional: false, validate: requiredDate },
      { key: 'pain_before', message: 'Pain score before, 0-10', type: 'number', optional: true, validate: validScore },
      { key: 'pain_after', message: 'Pain score after, 0-10', type: 'number', optional: true, validate: validScore },
      { key: 'relief_percent', message: 'Relief in percent, if the notes say so', type: 'number', optional: true, validate: validPercent },
      { key: 'duration_days', message: 'How many days the relief lasted', type: 'number', optional: true, validate: validCount },
    ],
  },
  measures: {
    add: 'Add a pain or function score from your records?',
    fields: [
      { key: 'kind', message: 'Which scale?', type: 'select', choices: MEASURE_KINDS, optional: false },
      { key: 'value', message: 'Score', type: 'number', optional: false, validate: (s) => (s.trim() !== '' && validPercent(s) === true) || 'A number from 0 to 100' },
      { key: 'date', message: 'Date (YYYY-MM-DD)', type: 'date', optional: false, validate: requiredDate },
    ],
  },
  documents: {
    add: '',
    fields: [
      { key: 'date', message: 'Date of this document (YYYY-MM-DD; Enter if unknown)', type: 'date', optional: true, validate: validDate },
      { key: 'author', message: 'Who wrote it (Enter to skip)', type: 'text', optional: true },
      { key: 'result', message: 'What it says, in one line (e.g. "cleared for implant"; Enter to skip)', type: 'text', optional: true },
    ],
  },
};

/** Turns a form's answers into a case entry: empty answers dropped, numbers parsed. */
export function entryFrom(fields: readonly FormField[], answers: Record<string, string>): Record<string, string | number> {
  const entry: Record<string, string | number> = {};
  for (const f of fields) {
    const raw = (answers[f.key] ?? '').trim();
    if (raw === '') continue;
    entry[f.key] = f.type === 'number' ? Number(raw) : raw;
  }
  return entry;
}
