import { z } from 'zod';
import { asList, definePredicate, fail, pass } from './types.js';
import { facts, oneOrMany } from './common.js';

/** `M54.1*` matches M54.1 and every code below it; without `*` the code must match exactly. */
export function codeMatches(code: string, pattern: string): boolean {
  const c = code.toUpperCase();
  const p = pattern.toUpperCase();
  return p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : c === p;
}

export const diagnosisPredicate = definePredicate({
  name: 'diagnosis',
  description: 'A diagnosis code of the case matches one of the ICD-10 patterns (a trailing * matches any code below it).',
  params: z.strictObject({
    code: oneOrMany(z.string().regex(/^[A-Za-z][0-9A-Za-z.]*\*?$/, { message: 'an ICD-10 code or prefix ending in *' })),
  }),
  summarize: (p) => `diagnosis ${asList(p.code).join(', ')}`,
  evaluate(p, ctx) {
    const patterns = asList(p.code);
    const matched = (ctx.case.diagnoses ?? [])
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => patterns.some((pat) => codeMatches(d.code, pat)));
    const evidence = matched.map(({ d, i }) => ({
      kind: 'diagnosis',
      path: `diagnoses[${i}]`,
      facts: facts({ code: d.code, description: d.description }),
    }));
    return matched.length > 0 ? pass(evidence) : fail([{ code: 'diagnosis.none', args: { patterns } }]);
  },
});
