/** all / any / not: combine other checks. */
import { z } from 'zod';
import { definePredicate, fail, pass, type Detail, type Evidence } from './types.js';

const checks = z.array(z.record(z.string(), z.unknown())).min(1);

export const allPredicate = definePredicate({
  name: 'all',
  description: 'Every nested check holds.',
  params: checks,
  children: (p) => p,
  summarize: (p, child) => `all of (${p.map(child).join('; ')})`,
  evaluate(p, ctx) {
    const results = p.map((c) => ctx.evaluate(c));
    const evidence = results.flatMap((r) => r.evidence);
    const detail = results.filter((r) => !r.ok).flatMap((r) => r.detail);
    return results.every((r) => r.ok) ? pass(evidence) : fail(detail, evidence);
  },
});

export const anyPredicate = definePredicate({
  name: 'any',
  description: 'At least one nested check holds (the evidence of every one that holds is kept).',
  params: checks,
  children: (p) => p,
  summarize: (p, child) => `any of (${p.map(child).join('; ')})`,
  evaluate(p, ctx) {
    const results = p.map((c) => ctx.evaluate(c));
    const held = results.filter((r) => r.ok);
    if (held.length > 0) return pass(held.flatMap((r) => r.evidence));
    const detail: Detail[] = [{ code: 'any.none', args: { options: results.length } }, ...results.flatMap((r) => r.detail)];
    const evidence: Evidence[] = results.flatMap((r) => r.evidence);
    return fail(detail, evidence);
  },
});

export const notPredicate = definePredicate({
  name: 'not',
  description: 'The nested check does not hold.',
  params: z.record(z.string(), z.unknown()),
  children: (p) => [p],
  summarize: (p, child) => `not (${child(p)})`,
  evaluate(p, ctx) {
    const r = ctx.evaluate(p);
    return r.ok ? fail([{ code: 'not.held', args: {} }], r.evidence) : pass();
  },
});
