/**
 * The case file, format v1: the single source of truth for its shape.
 *
 * DESIGN.md calls this a contract: fields may be added (optional), none may be renamed.
 * The TypeScript types are inferred from these schemas, never written twice, and
 * `appeal schema` prints the JSON Schema generated from them.
 */
import { z } from 'zod';

/** A calendar date written YYYY-MM-DD that actually exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a date written YYYY-MM-DD' })
  .refine(isRealDate, { message: 'a date that exists on the calendar' })
  .meta({ description: 'A calendar date, YYYY-MM-DD', format: 'date' });

export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const text = z.string().min(1, { message: 'a non-empty text' });

export const AUTHORS = ['patient', 'provider', 'representative'] as const;
export const PLAN_TYPES = ['erisa', 'aca-individual', 'medicare', 'medicare-advantage', 'medicaid', 'fehb', 'other'] as const;
export const TREATMENTS = [
  'idds',
  'scs',
  'ketamine-infusion',
  'epidural-steroid-injection',
  'facet-rfa',
  'opioid-therapy',
  'physical-therapy',
  'other',
] as const;
export const DENIAL_REASONS = [
  'not-medically-necessary',
  'step-therapy',
  'missing-psych-eval',
  'off-label',
  'experimental',
  'no-prior-authorization',
  'insufficient-documentation',
  'trial-required',
  'frequency-limit',
  'benefit-limit',
  'dose-limit',
  'coding-error',
  'out-of-network',
  'not-covered',
  'other',
] as const;
export const STAGES = ['pre-service', 'post-service', 'concurrent'] as const;
export const LEVELS = ['initial', 'internal-appeal', 'external-review'] as const;
export const OUTCOMES = [
  'inadequate-relief',
  'side-effects',
  'inadequate-relief-and-side-effects',
  'partial-relief',
  'ongoing',
  'contraindicated',
] as const;
export const MEDICATION_CLASSES = [
  'opioid',
  'nsaid',
  'acetaminophen',
  'anticonvulsant',
  'antidepressant',
  'muscle-relaxant',
  'topical',
  'other',
] as const;
export const THERAPY_KINDS = [
  'physical-therapy',
  'occupational-therapy',
  'cbt',
  'chiropractic',
  'acupuncture',
  'tens',
  'activity-modification',
  'other',
] as const;
export const PROCEDURE_KINDS = [
  'intrathecal-trial',
  'scs-trial',
  'epidural-steroid-injection',
  'medial-branch-block',
  'radiofrequency-ablation',
  'nerve-block',
  'ketamine-infusion',
  'surgery',
  'other',
] as const;
export const MEASURE_KINDS = ['nrs', 'vas', 'odi', 'peg', 'bpi'] as const;
export const DOCUMENT_KINDS = [
  'psych-eval',
  'imaging',
  'trial-report',
  'physician-letter',
  'office-notes',
  'medication-list',
  'literature',
  'denial-letter',
  'coverage-policy',
  // Added for physical therapy: the therapist's plan of care, certified (signed) by the
  // physician (Medicare RARC M141/N485 name its absence).
  'plan-of-care',
  'other',
] as const;

const painScore = z.number().min(0).max(10).meta({ description: '0-10 numeric rating scale' });

export const Representative = z.strictObject({
  name: text,
  relationship: text.optional(),
});

export const Patient = z.strictObject({
  name: text,
  date_of_birth: isoDate,
  address: text,
  phone: text.optional(),
  email: text.optional(),
});

export const Plan = z.strictObject({
  insurer: text,
  type: z.enum(PLAN_TYPES),
  plan_name: text.optional(),
  member_id: text,
  group_number: text.optional(),
  /** Fully insured plans follow state insurance law (e.g. step-therapy exceptions); self-funded ERISA plans usually do not. */
  funding: z.enum(['fully-insured', 'self-funded']).optional().meta({ description: 'fully-insured (state insurance law applies) or self-funded (employer pays claims; state law usually does not apply)' }),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'a two-letter state code in capitals, like IL' })
    .optional(),
  appeals_address: text.optional(),
  // Added (optional): the plan's visit limit for the service per benefit period, as the
  // plan documents state it (e.g. 20 physical-therapy visits a year). Read by `visits`.
  visit_limit: z.number().int().min(0).optional().meta({ description: "Visits per benefit period allowed by the plan's documents for this service" }),
});

export const Provider = z.strictObject({
  name: text,
  specialty: text,
  npi: z
    .string()
    .regex(/^\d{10}$/, { message: 'a 10-digit NPI, quoted' })
    .optional(),
  practice: text.optional(),
});

export const Service = z.strictObject({
  treatment: z.enum(TREATMENTS),
  description: text,
  codes: z.array(text).optional(),
  date: isoDate.optional(),
  // Added (optional), for visit-based services such as physical therapy: visits already
  // used in the current benefit period, and visits this request asks for. Read by `visits`.
  visits_used: z.number().int().min(0).optional().meta({ description: 'Visits already used in the current benefit period' }),
  visits_requested: z.number().int().min(0).optional().meta({ description: 'Visits this request asks for' }),
});

export const Diagnosis = z.strictObject({
  code: z
    .string()
    .regex(/^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, { message: 'an ICD-10-CM code such as M54.16' }),
  description: text.optional(),
});

export const Denial = z.strictObject({
  date: isoDate,
  received: isoDate.optional(),
  reference: text,
  stage: z.enum(STAGES),
  level: z.enum(LEVELS),
  urgent: z.boolean().optional(),
  reasons: z.array(z.enum(DENIAL_REASONS)).optional(),
  codes: z.array(text).optional(),
  quote: text.optional(),
  policy: text.optional(),
});

export const Medication = z.strictObject({
  name: text,
  class: z.enum(MEDICATION_CLASSES),
  dose: text.optional(),
  start: isoDate.optional(),
  end: isoDate.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  notes: text.optional(),
  // Added (optional), for morphine milligram equivalents (the `mme` predicate): the total
  // taken per day in milligrams, or for a transdermal patch the delivery rate in mcg/hour.
  // `dose` stays free text for people; these are the numbers a calculation needs.
  daily_mg: z.number().positive().optional().meta({ description: 'Total milligrams taken per day (for MME)' }),
  mcg_per_hour: z.number().positive().optional().meta({ description: 'Transdermal patch rate in micrograms per hour (for MME)' }),
});

export const Therapy = z.strictObject({
  kind: z.enum(THERAPY_KINDS),
  start: isoDate.optional(),
  end: isoDate.optional(),
  sessions: z.number().int().min(0).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  notes: text.optional(),
});

export const Procedure = z.strictObject({
  kind: z.enum(PROCEDURE_KINDS),
  date: isoDate,
  detail: text.optional(),
  pain_before: painScore.optional(),
  pain_after: painScore.optional(),
  relief_percent: z.number().min(0).max(100).optional(),
  function: text.optional(),
  outcome: z.enum(OUTCOMES).optional(),
  region: text.optional(),
  duration_days: z.number().int().min(0).optional(),
});

export const Measure = z.strictObject({
  kind: z.enum(MEASURE_KINDS),
  value: z.number().min(0).max(100),
  date: isoDate,
  notes: text.optional(),
});

export const Document = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  date: isoDate.optional(),
  author: text.optional(),
  title: text.optional(),
  result: text.optional(),
  file: text.optional(),
});

export const Requested = z.strictObject({
  outcome: text,
  expedited: z.boolean().optional(),
});

export const History = z.strictObject({
  medications: z.array(Medication).optional(),
  therapies: z.array(Therapy).optional(),
  procedures: z.array(Procedure).optional(),
});

export const CaseSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Editor hint; ignored by appeal' }),
    version: z.literal(1),
    author: z.enum(AUTHORS),
    representative: Representative.optional(),
    patient: Patient,
    plan: Plan,
    provider: Provider,
    service: Service,
    diagnoses: z.array(Diagnosis).optional(),
    denial: Denial,
    history: History.optional(),
    measures: z.array(Measure).optional(),
    documents: z.array(Document).optional(),
    requested: Requested,
    rules: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Pins rule-set versions: rule-set id -> version, e.g. { idds: "2026.1" }' }),
  })
  .superRefine((c, ctx) => {
    if (c.author === 'representative' && !c.representative) {
      ctx.addIssue({
        code: 'custom',
        path: ['representative'],
        message: 'a representative (name, relationship) because author is representative',
      });
    }
  });

export type Case = z.infer<typeof CaseSchema>;
export type Treatment = (typeof TREATMENTS)[number];
export type DenialReason = (typeof DENIAL_REASONS)[number];
export type PlanType = (typeof PLAN_TYPES)[number];
export type MedicationEntry = z.infer<typeof Medication>;
export type TherapyEntry = z.infer<typeof Therapy>;
export type ProcedureEntry = z.infer<typeof Procedure>;
export type MeasureEntry = z.infer<typeof Measure>;
export type DocumentEntry = z.infer<typeof Document>;
