/** Helpers shared by predicates: parameter shapes and the derived facts of case entries. */
import { z } from 'zod';
import type { ProcedureEntry } from '../../case/schema.js';
import { daysBetween } from '../../dates.js';

/** A parameter that takes one value or a list of them. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

export const count = z.number().int().min(0);
export const days = z.number().int().min(0);
export const percent = z.number().min(0).max(100);

/** Outcomes that count as a treatment having failed (tried and not good enough, or unusable). */
export const FAILED_OUTCOMES = new Set([
  'inadequate-relief',
  'side-effects',
  'inadequate-relief-and-side-effects',
  'contraindicated',
]);

/**
 * Percent relief of a procedure: as recorded, else derived from the pain scores
 * before and after; undefined when neither is known.
 */
export function reliefPercent(p: ProcedureEntry): number | undefined {
  if (p.relief_percent !== undefined) return p.relief_percent;
  if (p.pain_before === undefined || p.pain_after === undefined || p.pain_before <= 0) return undefined;
  return Math.round(((p.pain_before - p.pain_after) / p.pain_before) * 100);
}

/** True when `date` falls in the `windowDays` days up to and including `end`. */
export function withinDays(date: string | undefined, end: string, windowDays: number | undefined): boolean {
  if (windowDays === undefined) return true;
  if (date === undefined) return false;
  const age = daysBetween(date, end);
  return age >= 0 && age <= windowDays;
}

/** Drops undefined values so facts stay plain JSON. */
export function facts(entries: Record<string, string | number | boolean | undefined>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

/** Whole weeks between two dates, rounded down. */
export function weeksBetween(start: string, end: string): number {
  return Math.floor(daysBetween(start, end) / 7);
}
