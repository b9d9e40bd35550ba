import type { z } from 'zod';
import type { Case } from '../../case/schema.js';

/** One piece of the case that a predicate matched, by its place in the case file. */
export interface Evidence {
  /** What sort of entry this is: medication, therapy, procedure, document, measure, diagnosis, field. */
  kind: string;
  /** Where it lives in the case, e.g. `history.medications[0]`. */
  path: string;
  /** The facts of the entry that the predicate relied on (dates, dose, relief ...). */
  facts: Record<string, string | number | boolean>;
}

/** A machine-readable reason a check passed or failed; wording lives in src/report. */
export interface Detail {
  code: string;
  args: Record<string, string | number | boolean | string[]>;
}

export interface PredicateResult {
  ok: boolean;
  evidence: Evidence[];
  /** Why it failed (or notes on a pass): what is absent, too short, too few ... */
  detail: Detail[];
}

/** What every predicate sees: the case and the dates it measures against. */
export interface CheckContext {
  case: Case;
  /** The denial date: "within N days" windows end here. */
  denialDate: string;
  /** The date of the requested service (service.date), else the denial date. */
  serviceDate: string;
  /** Evaluates a nested check (for all/any/not). */
  evaluate(expr: unknown): PredicateResult;
}

export interface Predicate<P = unknown> {
  name: string;
  /** One line for `appeal rules` and the docs. */
  description: string;
  params: z.ZodType<P>;
  /** Nested checks, for composite predicates, so loaders can validate them recursively. */
  children?(params: P): unknown[];
  /** A short human summary of these parameters, e.g. "psych-eval document within 365 days". */
  summarize(params: P, summarizeChild: (expr: unknown) => string): string;
  evaluate(params: P, ctx: CheckContext): PredicateResult;
}

export function definePredicate<P>(p: Predicate<P>): Predicate<P> {
  return p;
}

/** Accepts one value or a list of them; always yields a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function pass(evidence: Evidence[] = [], detail: Detail[] = []): PredicateResult {
  return { ok: true, evidence, detail };
}

export function fail(detail: Detail[], evidence: Evidence[] = []): PredicateResult {
  return { ok: false, evidence, detail };
}
