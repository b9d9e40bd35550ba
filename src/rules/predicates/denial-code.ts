/**
 * `denial_code`: the denial lists one of the given CARC/RARC codes. Codes are compared as
 * X12 codes, so a group prefix on the EOB (CO-163, PR 96) does not matter. Rules use it in
 * `when` to ask for the specific record a remark code names (N708 "missing orders").
 */
import { z } from 'zod';
import { normalizeCode } from '../reasons.js';
import { asList, definePredicate, fail, pass } from './types.js';
import { oneOrMany } from './common.js';

export const denialCodePredicate = definePredicate({
  name: 'denial_code',
  description: 'The denial lists one of these CARC/RARC codes (denial.codes; group prefixes such as CO- are ignored).',
  params: z.strictObject({
    code: oneOrMany(z.string().regex(/^[A-Za-z]{0,2}\d{1,4}$/, { message: 'a CARC or RARC code such as 16 or N706, without a group prefix' })),
  }),
  summarize: (p) => `denial code ${asList(p.code).join(', ')}`,
  evaluate(p, ctx) {
    const wanted = new Set(asList(p.code).map((c) => c.toUpperCase()));
    const matched = (ctx.case.denial.codes ?? [])
      .map((code, i) => ({ code, i, n: normalizeCode(code) }))
      .filter(({ n }) => n !== undefined && wanted.has(n));
    const evidence = matched.map(({ n, i }) => ({ kind: 'denial-code', path: `denial.codes[${i}]`, facts: { code: n! } }));
    return matched.length > 0 ? pass(evidence) : fail([{ code: 'denial-code.none', args: { codes: [...wanted] } }]);
  },
});
