/**
 * The rule-set file format. Rule sets are data (YAML in rules/ or a user's directory);
 * this schema is what makes a file a rule set. The `check` and `when` fields hold
 * predicate expressions whose parameters are validated separately, by each predicate's
 * own schema (see ./check.ts), so that an unknown predicate gets a "did you mean" answer.
 */
import { z } from 'zod';
import { DENIAL_REASONS, TREATMENTS, isoDate } from '../case/schema.js';

export const CONFIDENCES = ['primary', 'secondary', 'unconfirmed'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const Source = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { message: 'a lower-case id such as ncd-160-7' }),
  citation: z.string().min(1),
  url: z.string().optional(),
  confidence: z.enum(CONFIDENCES),
  verified: isoDate,
  note: z.string().optional(),
});

/** A predicate expression: an object with exactly one key, the predicate's name. */
export const CheckExpr = z.record(z.string(), z.unknown());

export const Requirement = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'a dotted id such as idds.psych-eval' }),
  aliases: z.array(z.string()).optional(),
  title: z.string().min(1),
  severity: z.enum(['required', 'recommended']),
  answers: z.array(z.enum(DENIAL_REASONS)).min(1),
  when: CheckExpr.optional(),
  check: CheckExpr,
  missing: z.string().min(1),
  argument: z.string().min(1),
  source: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  docs: z.string().optional(),
  /**
   * Requirements of other rule sets (usually a generic reason set) that this one makes
   * redundant when both apply: a treatment's own psych-eval rule supersedes the generic one,
   * so a case is not told twice to gather the same evaluation.
   */
  supersedes: z.array(z.string()).optional(),
});

export const RuleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'a lower-case id such as idds' }),
  version: z.string().min(1),
  effective: isoDate,
  title: z.string().min(1),
  description: z.string().optional(),
  applies: z.strictObject({
    treatments: z.array(z.enum(TREATMENTS)).optional(),
    reasons: z.array(z.enum(DENIAL_REASONS)).optional(),
    plans: z.array(z.string()).optional(),
  }),
  extends: z.string().optional(),
  sources: z.array(Source).min(1),
  requirements: z.array(Requirement),
});

export type RuleSetFile = z.infer<typeof RuleSetSchema>;
export type RequirementDef = z.infer<typeof Requirement>;
export type SourceDef = z.infer<typeof Source>;

/** A rule set as loaded: the file's content and where it came from. */
export interface RuleSet extends RuleSetFile {
  /** Where it was read from, for messages. */
  file: string;
  origin: 'shipped' | 'user';
}
