/**
 * `service_code`: the requested service is billed under one of the given codes (CPT, HCPCS).
 * Rules use it in `when` to tie a requirement to a procedure, e.g. "an epidural injection
 * code calls for a radiculopathy diagnosis" (a denial for diagnosis inconsistent with
 * procedure, CARC 11).
 */
import { z } from 'zod';
import { asList, definePredicate, fail, pass } from './types.js';
import { oneOrMany } from './common.js';
import { codeMatches } from './diagnosis.js';

export const serviceCodePredicate = definePredicate({
  name: 'service_code',
  description: 'A code of the requested service (service.codes) matches one of the patterns (a trailing * matches any code it starts).',
  params: z.strictObject({
    code: oneOrMany(z.string().regex(/^[0-9A-Za-z]+\*?$/, { message: 'a CPT or HCPCS code such as 64483, or a prefix ending in *' })),
  }),
  summarize: (p) => `service code ${asList(p.code).join(', ')}`,
  evaluate(p, ctx) {
    const patterns = asList(p.code);
    const matched = (ctx.case.service.codes ?? [])
      .map((code, i) => ({ code, i }))
      .filter(({ code }) => patterns.some((pat) => codeMatches(code.trim(), pat)));
    const evidence = matched.map(({ code, i }) => ({ kind: 'service-code', path: `service.codes[${i}]`, facts: { code: code.trim() } }));
    return matched.length > 0 ? pass(evidence) : fail([{ code: 'service-code.none', args: { patterns } }]);
  },
});
