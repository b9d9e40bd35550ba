/**
 * `mme`: the patient's current opioid dose in morphine milligram equivalents per day.
 *
 * The conversion factors are data (rules/mme-factors.yaml, with their source), not code:
 * when the CDC or a payer publishes other factors, the table changes and this does not.
 * "Current" opioids are those with no end date, or one on or after the denial date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { MedicationEntry } from '../../case/schema.js';
import { definePredicate, fail, pass, type Detail, type Evidence } from './types.js';
import { facts } from './common.js';

const FactorTable = z.strictObject({
  source: z.strictObject({
    id: z.string(),
    citation: z.string(),
    url: z.string().optional(),
    confidence: z.enum(['primary', 'secondary', 'unconfirmed']),
    verified: z.string(),
    note: z.string().optional(),
  }),
  opioids: z
    .array(
      z.strictObject({
        id: z.string(),
        match: z.string().refine(isRegExp, { message: 'a valid regular expression' }),
        factor: z.number().positive(),
        unit: z.enum(['mg', 'mcg_per_hour']),
      }),
    )
    .min(1),
});
export type MmeFactorTable = z.infer<typeof FactorTable>;

function isRegExp(text: string): boolean {
  try {
    new RegExp(text, 'i');
    return true;
  } catch {
    return false;
  }
}

/** rules/ sits three levels above src/rules/predicates (and dist/rules/predicates). */
export const MME_FACTORS_FILE = fileURLToPath(new URL('../../../rules/mme-factors.yaml', import.meta.url));

let cached: MmeFactorTable | undefined;

/** The shipped factor table, read once. A broken table is a packaging defect, so it throws. */
export function mmeFactors(): MmeFactorTable {
  cached ??= parseFactorTable(readFileSync(MME_FACTORS_FILE, 'utf8'));
  return cached;
}

export function parseFactorTable(text: string): MmeFactorTable {
  const result = FactorTable.safeParse(parse(text));
  if (!result.success) throw new Error(`rules/mme-factors.yaml is not a valid factor table: ${result.error.message}`);
  return result.data;
}

export interface OpioidDose {
  /** The table entry that matched the medication's name. */
  opioid: string;
  factor: number;
  amount: number;
  unit: 'mg' | 'mcg_per_hour';
  mme: number;
}

/** One medication's MME per day, or the detail code saying why it cannot be computed. */
export function mmeOf(m: MedicationEntry, table: MmeFactorTable): OpioidDose | { problem: 'mme.unknown-opioid' | 'mme.no-dose'; unit?: string } {
  const entry = table.opioids.find((o) => new RegExp(o.match, 'i').test(m.name));
  if (!entry) return { problem: 'mme.unknown-opioid' };
  const amount = entry.unit === 'mg' ? m.daily_mg : m.mcg_per_hour;
  if (amount === undefined) return { problem: 'mme.no-dose', unit: entry.unit === 'mg' ? 'daily_mg' : 'mcg_per_hour' };
  return { opioid: entry.id, factor: entry.factor, amount, unit: entry.unit, mme: round1(amount * entry.factor) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export const mmePredicate = definePredicate({
  name: 'mme',
  description:
    "The current opioids' total dose in morphine milligram equivalents per day (CDC 2022 factors in rules/mme-factors.yaml) can be computed, and is at most `max` / at least `min`.",
  params: z
    .strictObject({
      max: z.number().min(0).optional(),
      min: z.number().min(0).optional(),
    })
    .refine((p) => p.max === undefined || p.min === undefined || p.min <= p.max, { message: '`min` must not exceed `max`' }),
  summarize: (p) =>
    'current opioid dose computable in MME/day' +
    (p.min !== undefined ? `, at least ${p.min}` : '') +
    (p.max !== undefined ? `, at most ${p.max}` : ''),
  evaluate(p, ctx) {
    const table = mmeFactors();
    const current = (ctx.case.history?.medications ?? [])
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.class === 'opioid' && (m.end === undefined || m.end >= ctx.denialDate));
    if (current.length === 0) return fail([{ code: 'mme.no-current', args: {} }]);
    const problems: Detail[] = [];
    const evidence: Evidence[] = [];
    let total = 0;
    for (const { m, i } of current) {
      const path = `history.medications[${i}]`;
      const dose = mmeOf(m, table);
      if ('problem' in dose) {
        problems.push({ code: dose.problem, args: { path, name: m.name, ...(dose.unit ? { field: dose.unit } : {}) } });
        continue;
      }
      total += dose.mme;
      evidence.push({
        kind: 'mme',
        path,
        facts: facts({ name: m.name, opioid: dose.opioid, amount: dose.amount, unit: dose.unit, factor: dose.factor, mme: dose.mme }),
      });
    }
    if (problems.length > 0) return fail(problems, evidence);
    total = round1(total);
    const args = { total, ...(p.max !== undefined ? { max: p.max } : {}), ...(p.min !== undefined ? { min: p.min } : {}) };
    if (p.max !== undefined && total > p.max) return fail([{ code: 'mme.above-max', args }], evidence);
    if (p.min !== undefined && total < p.min) return fail([{ code: 'mme.below-min', args }], evidence);
    return pass(evidence, [{ code: 'mme.total', args }]);
  },
});
