/** Predicates over documented procedures: trials, blocks, injections and their relief. */
import { z } from 'zod';
import { PROCEDURE_KINDS, type ProcedureEntry } from '../../case/schema.js';
import { daysBetween } from '../../dates.js';
import { asList, definePredicate, fail, pass, type CheckContext, type Detail, type Evidence } from './types.js';
import { count, days, facts, oneOrMany, percent, reliefPercent, withinDays } from './common.js';

const kindParam = oneOrMany(z.enum(PROCEDURE_KINDS));

interface Indexed {
  p: ProcedureEntry;
  i: number;
}

function ofKinds(ctx: CheckContext, kinds: readonly string[]): Indexed[] {
  return (ctx.case.history?.procedures ?? [])
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => kinds.includes(p.kind))
    .sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.i - b.i));
}

export function procedureEvidence({ p, i }: Indexed): Evidence {
  return {
    kind: 'procedure',
    path: `history.procedures[${i}]`,
    facts: facts({
      kind: p.kind,
      date: p.date,
      detail: p.detail,
      region: p.region,
      pain_before: p.pain_before,
      pain_after: p.pain_after,
      relief_percent: reliefPercent(p),
      duration_days: p.duration_days,
      function: p.function,
      outcome: p.outcome,
    }),
  };
}

export const procedurePredicate = definePredicate({
  name: 'procedure',
  description:
    'At least `min` procedures of a kind, optionally with pain scores, a minimum percent relief, and relief lasting N days.',
  params: z.strictObject({
    kind: kindParam,
    min: count.optional(),
    min_relief_percent: percent.optional(),
    scores: z.boolean().optional(),
    within_days: days.optional(),
    min_duration_days: days.optional(),
  }),
  summarize: (p) =>
    `${p.min && p.min > 1 ? `${p.min} ` : ''}${asList(p.kind).join(' or ')}` +
    (p.scores ? ' with pain scores before and after' : '') +
    (p.min_relief_percent !== undefined ? `, at least ${p.min_relief_percent}% relief` : '') +
    (p.min_duration_days !== undefined ? ` lasting at least ${p.min_duration_days} days` : '') +
    (p.within_days !== undefined ? `, within ${p.within_days} days of the denial` : ''),
  evaluate(params, ctx) {
    const kinds = asList(params.kind) as string[];
    const all = ofKinds(ctx, kinds);
    const detail: Detail[] = [];
    const matched = all.filter(({ p, i }) => {
      const path = `history.procedures[${i}]`;
      if (!withinDays(p.date, ctx.denialDate, params.within_days)) {
        detail.push({ code: 'procedure.stale', args: { path, within_days: params.within_days ?? 0 } });
        return false;
      }
      if (params.scores && (p.pain_before === undefined || p.pain_after === undefined)) {
        detail.push({ code: 'procedure.no-scores', args: { path, kind: p.kind } });
        return false;
      }
      if (params.min_relief_percent !== undefined) {
        const relief = reliefPercent(p);
        if (relief === undefined) {
          detail.push({ code: 'procedure.no-relief', args: { path, kind: p.kind } });
          return false;
        }
        if (relief < params.min_relief_percent) {
          detail.push({ code: 'procedure.low-relief', args: { path, kind: p.kind, relief, min: params.min_relief_percent } });
          return false;
        }
      }
      if (params.min_duration_days !== undefined && (p.duration_days ?? -1) < params.min_duration_days) {
        detail.push({
          code: 'procedure.short-relief',
          args: facts({ path, kind: p.kind, duration_days: p.duration_days, min_days: params.min_duration_days }),
        });
        return false;
      }
      return true;
    });
    const evidence = matched.map(procedureEvidence);
    const min = params.min ?? 1;
    if (matched.length >= min) return pass(evidence);
    return fail([{ code: all.length === 0 ? 'procedure.none' : 'procedure.too-few', args: { kind: kinds, min, found: matched.length } }, ...detail], evidence);
  },
});

export const proceduresApartPredicate = definePredicate({
  name: 'procedures_apart',
  description: '`count` procedures of a kind, each at least D days after the one before, each with optional minimum relief.',
  params: z.strictObject({
    kind: kindParam,
    count: count.min(1),
    min_days_apart: days,
    min_relief_percent: percent.optional(),
  }),
  summarize: (p) =>
    `${p.count} ${asList(p.kind).join(' or ')} at least ${p.min_days_apart} days apart` +
    (p.min_relief_percent !== undefined ? `, each with at least ${p.min_relief_percent}% relief` : ''),
  evaluate(params, ctx) {
    const kinds = asList(params.kind) as string[];
    const detail: Detail[] = [];
    const qualifying = ofKinds(ctx, kinds).filter(({ p, i }) => {
      if (params.min_relief_percent === undefined) return true;
      const relief = reliefPercent(p);
      if (relief !== undefined && relief >= params.min_relief_percent) return true;
      detail.push({
        code: relief === undefined ? 'procedure.no-relief' : 'procedure.low-relief',
        args: facts({ path: `history.procedures[${i}]`, kind: p.kind, relief, min: params.min_relief_percent }),
      });
      return false;
    });
    // Greedy from the earliest: take each procedure far enough after the last one taken.
    const chain: Indexed[] = [];
    for (const item of qualifying) {
      const last = chain[chain.length - 1];
      if (!last || daysBetween(last.p.date, item.p.date) >= params.min_days_apart) chain.push(item);
      else detail.push({ code: 'procedure.too-close', args: { path: `history.procedures[${item.i}]`, min_days_apart: params.min_days_apart } });
    }
    const evidence = chain.map(procedureEvidence);
    if (chain.length >= params.count) return pass(evidence);
    return fail([{ code: 'procedures.too-few-apart', args: { kind: kinds, count: params.count, found: chain.length, min_days_apart: params.min_days_apart } }, ...detail], evidence);
  },
});

export const frequencyPredicate = definePredicate({
  name: 'frequency',
  description:
    'At most `max` procedures of a kind in the rolling window of D days ending on the service date, counting the requested service.',
  params: z.strictObject({
    kind: kindParam,
    max: count,
    window_days: days.min(1),
    include_requested: z.boolean().optional(),
  }),
  summarize: (p) =>
    `at most ${p.max} ${asList(p.kind).join(' or ')} in any ${p.window_days} days` +
    (p.include_requested === false ? '' : ', counting the requested one'),
  evaluate(params, ctx) {
    const kinds = asList(params.kind) as string[];
    const end = ctx.serviceDate;
    const inWindow = ofKinds(ctx, kinds).filter(({ p }) => {
      const age = daysBetween(p.date, end);
      return age >= 0 && age < params.window_days;
    });
    const total = inWindow.length + (params.include_requested === false ? 0 : 1);
    const evidence = inWindow.map(procedureEvidence);
    const args = { kind: kinds, max: params.max, window_days: params.window_days, count: total, end };
    if (total <= params.max) return pass(evidence, [{ code: 'frequency.within', args }]);
    return fail([{ code: 'frequency.exceeded', args }], evidence);
  },
});
