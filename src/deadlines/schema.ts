/**
 * The deadline-table file format (rules/deadlines/*.yaml). Two kinds of file live there:
 *
 * - `kind: appeal-path`: one plan type's appeal levels, in order, with each level's filing
 *   window, what the window counts from, the decision times once filed, expedited and
 *   good-cause availability, and the sources that say so. Several versions of one plan
 *   type's path may exist; the one in force on the denial date applies.
 * - `kind: amount-in-controversy`: the Medicare ALJ and federal-court thresholds by year.
 *
 * Provenance reuses the rule sets' `Source` (id, citation, url, confidence, verified, note).
 */
import { z } from 'zod';
import { LEVELS, PLAN_TYPES, isoDate } from '../case/schema.js';
import { Source } from '../rules/schema.js';

/** Units a filing window may use. `days` means calendar days, as the regulations use the word. */
export const WINDOW_UNITS = ['days', 'calendar-days', 'business-days', 'months'] as const;
/** Units a decision time may use (a plan's clock may run in hours). */
export const DECISION_UNITS = [...WINDOW_UNITS, 'hours'] as const;
/**
 * What a filing window counts from:
 * - `notice`: the date printed on the notice (denial.date);
 * - `receipt`: the day the notice was received (denial.received; the notice date when unknown,
 *   the earliest it can have arrived);
 * - `presumed-receipt`: receipt presumed `presumed_days` after the notice date unless there is
 *   evidence to the contrary (the earlier of that date and a stated actual receipt is used).
 */
export const COUNTS_FROM = ['notice', 'receipt', 'presumed-receipt'] as const;

export type WindowUnit = (typeof WINDOW_UNITS)[number];
export type DecisionUnit = (typeof DECISION_UNITS)[number];
export type CountsFromRule = (typeof COUNTS_FROM)[number];

const sourceIds = z.array(z.string().min(1)).min(1);
const text = z.string().min(1);

export const WindowSchema = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(WINDOW_UNITS),
});

export const DurationSchema = z.strictObject({
  amount: z.number().int().positive(),
  unit: z.enum(DECISION_UNITS),
});

const WindowRule = z
  .strictObject({
    window: WindowSchema,
    counts_from: z.enum(COUNTS_FROM),
    /** With counts_from: presumed-receipt: how many calendar days after the notice date. */
    presumed_days: z.number().int().min(0).max(30).optional(),
    /** Plain words for this reading, shown when readings disagree. */
    label: text.optional(),
    sources: sourceIds,
  })
  .superRefine((w, ctx) => {
    if (w.counts_from === 'presumed-receipt' && w.presumed_days === undefined) {
      ctx.addIssue({ code: 'custom', path: ['presumed_days'], message: 'presumed_days is required with counts_from: presumed-receipt' });
    }
    if (w.counts_from !== 'presumed-receipt' && w.presumed_days !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['presumed_days'], message: 'presumed_days only goes with counts_from: presumed-receipt' });
    }
  });

export const FilingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('window'),
    window: WindowSchema,
    counts_from: z.enum(COUNTS_FROM),
    presumed_days: z.number().int().min(0).max(30).optional(),
    label: text.optional(),
    sources: sourceIds,
    /** Other readings of the same deadline found in the sources; the earliest date wins. */
    alternatives: z.array(WindowRule).optional(),
    /** Why the readings differ; shown whenever alternatives exist. */
    disagreement: text.optional(),
    note: text.optional(),
  }),
  z.strictObject({
    /** Nothing to file: the previous body must forward the case (e.g. Medicare Advantage to the IRE). */
    kind: z.literal('automatic'),
    text: text,
    sources: sourceIds,
  }),
  z.strictObject({
    /** No deadline in the rules on file (e.g. a lawsuit: the plan documents or state law govern). */
    kind: z.literal('no-fixed-deadline'),
    text: text,
    sources: sourceIds,
  }),
]);

export const DecisionSchema = z.strictObject({
  standard: DurationSchema.optional(),
  pre_service: DurationSchema.optional(),
  post_service: DurationSchema.optional(),
  expedited: DurationSchema.optional(),
  /** Extensions the decider may take, in plain words. */
  extension: text.optional(),
  note: text.optional(),
  sources: sourceIds,
});

export const ExpeditedSchema = z.strictObject({
  available: z.boolean(),
  /** Who may ask and on what grounds, in plain words. */
  when: text,
  /** An expedited external review may run at the same time as the expedited internal appeal. */
  concurrent_external_review: z.boolean().optional(),
  sources: sourceIds,
});

export const GoodCauseSchema = z.strictObject({
  available: z.union([z.boolean(), z.literal('unknown')]),
  /** What to say or do when late, in plain words. */
  say: text,
  sources: sourceIds,
});

/** A side deadline tied to a level (e.g. Medicaid continued benefits: 10 days). */
export const AlsoSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  window: WindowSchema,
  counts_from: z.enum(COUNTS_FROM),
  presumed_days: z.number().int().min(0).max(30).optional(),
  when: text,
  sources: sourceIds,
});

export const LevelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: 'a lower-case id such as internal-appeal' }),
  name: text,
  /** Who decides, in plain words. */
  decider: text,
  /** The case's `denial.level` after which this level comes next (each value at most once). */
  follows: z.enum(LEVELS).optional(),
  filing: FilingSchema,
  decision: DecisionSchema.optional(),
  expedited: ExpeditedSchema.optional(),
  good_cause: GoodCauseSchema.optional(),
  /** This level has a Medicare amount-in-controversy threshold. */
  amount_in_controversy: z.enum(['alj', 'court']).optional(),
  also: z.array(AlsoSchema).optional(),
  notes: z.array(text).optional(),
  sources: sourceIds,
});

export const InitialDecisionSchema = z.strictObject({
  /** The first decision in this plan's words (what `denial.level: initial` appeals). */
  name: text,
  decider: text,
  decision: DecisionSchema.optional(),
  notes: z.array(text).optional(),
});

export const AppealPathSchema = z.strictObject({
  kind: z.literal('appeal-path'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'a lower-case id such as erisa' }),
  plan: z.enum(PLAN_TYPES),
  version: text,
  effective: isoDate,
  title: text,
  description: text.optional(),
  sources: z.array(Source).min(1),
  /** How the case's three denial levels map onto this plan's path, in plain words. */
  notes: z.array(text).optional(),
  initial_decision: InitialDecisionSchema.optional(),
  levels: z.array(LevelSchema).min(1),
});

export const AicYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  alj: z.number().int().positive(),
  court: z.number().int().positive(),
  sources: sourceIds,
});

export const AicTableSchema = z.strictObject({
  kind: z.literal('amount-in-controversy'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: text,
  effective: isoDate,
  title: text,
  sources: z.array(Source).min(1),
  notes: z.array(text).optional(),
  years: z.array(AicYearSchema).min(1),
});

export const DeadlineFileSchema = z.discriminatedUnion('kind', [AppealPathSchema, AicTableSchema]);

export type AppealPathFile = z.infer<typeof AppealPathSchema>;
export type AicTableFile = z.infer<typeof AicTableSchema>;
export type LevelDef = z.infer<typeof LevelSchema>;
export type FilingDef = z.infer<typeof FilingSchema>;
export type WindowRuleDef = z.infer<typeof WindowRule>;
export type DecisionDef = z.infer<typeof DecisionSchema>;
export type Window = z.infer<typeof WindowSchema>;
export type Duration = z.infer<typeof DurationSchema>;
