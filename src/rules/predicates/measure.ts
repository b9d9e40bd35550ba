import { z } from 'zod';
import { MEASURE_KINDS } from '../../case/schema.js';
import { asList, definePredicate, fail, pass } from './types.js';
import { count, days, facts, oneOrMany, withinDays } from './common.js';

export const measurePredicate = definePredicate({
  name: 'measure',
  description: 'At least `min` pain or function measures (of a kind), optionally within N days before the denial.',
  params: z.strictObject({
    kind: oneOrMany(z.enum(MEASURE_KINDS)).optional(),
    min: count.optional(),
    within_days: days.optional(),
  }),
  summarize: (p) =>
    `${p.min && p.min > 1 ? `${p.min} ` : ''}${p.kind ? asList(p.kind).join('/') : 'pain or function'} measure` +
    (p.within_days !== undefined ? ` within ${p.within_days} days of the denial` : ''),
  evaluate(p, ctx) {
    const kinds = p.kind ? (asList(p.kind) as string[]) : undefined;
    const matched = (ctx.case.measures ?? [])
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => (!kinds || kinds.includes(m.kind)) && withinDays(m.date, ctx.denialDate, p.within_days));
    const evidence = matched.map(({ m, i }) => ({
      kind: 'measure',
      path: `measures[${i}]`,
      facts: facts({ kind: m.kind, value: m.value, date: m.date }),
    }));
    const min = p.min ?? 1;
    if (matched.length >= min) return pass(evidence);
    return fail([{ code: 'measure.too-few', args: { kind: kinds ?? [], min, found: matched.length } }], evidence);
  },
});
