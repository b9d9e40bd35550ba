/**
 * `visits`: visit-based care (physical therapy) stays within the plan's visit limit:
 * visits already used in the benefit period, plus those requested, against
 * `plan.visit_limit`. Both numbers must be recorded for the check to hold.
 */
import { z } from 'zod';
import { definePredicate, fail, pass, type Evidence } from './types.js';

export const visitsPredicate = definePredicate({
  name: 'visits',
  description:
    "Visits used in the benefit period (service.visits_used), plus those requested unless include_requested is false, are within the plan's limit (plan.visit_limit).",
  params: z.strictObject({
    include_requested: z.boolean().optional(),
  }),
  summarize: (p) =>
    `visits used${p.include_requested === false ? '' : ' plus requested'} within plan.visit_limit`,
  evaluate(p, ctx) {
    const limit = ctx.case.plan.visit_limit;
    const used = ctx.case.service.visits_used;
    const requested = p.include_requested === false ? 0 : (ctx.case.service.visits_requested ?? 0);
    if (limit === undefined) return fail([{ code: 'visits.no-limit', args: {} }]);
    if (used === undefined) return fail([{ code: 'visits.no-count', args: {} }]);
    const args = { used, requested, limit };
    const evidence: Evidence[] = [{ kind: 'visits', path: 'service.visits_used', facts: args }];
    if (used + requested > limit) return fail([{ code: 'visits.exceeded', args }], evidence);
    return pass(evidence, [{ code: 'visits.within', args }]);
  },
});
