import { z } from 'zod';
import { definePredicate, fail, pass } from './types.js';

/** Reads a dotted path such as `plan.type` or `denial.reasons` from the case. */
export function readPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const fieldPredicate = definePredicate({
  name: 'field',
  description: 'A case field (dotted path) is present or absent, or has (or, for a list, contains) one of the given values.',
  params: z
    .strictObject({
      path: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'a dotted field path such as plan.type' }),
      in: z.array(scalar).min(1).optional(),
      present: z.boolean().optional(),
    })
    .refine((p) => p.in !== undefined || p.present !== undefined, { message: 'give `in` or `present`' }),
  summarize: (p) =>
    p.in !== undefined ? `${p.path} is one of ${p.in.join(', ')}` : `${p.path} is ${p.present ? 'present' : 'absent'}`,
  evaluate(p, ctx) {
    const value = readPath(ctx.case, p.path);
    const isPresent = value !== undefined && !(Array.isArray(value) && value.length === 0);
    if (p.present !== undefined && isPresent !== p.present)
      return fail([{ code: p.present ? 'field.absent' : 'field.present', args: { path: p.path } }]);
    if (p.in !== undefined) {
      const values = Array.isArray(value) ? value : [value];
      const hit = values.some((v) => p.in!.includes(v as string | number | boolean));
      if (!hit) return fail([{ code: 'field.not-in', args: { path: p.path, in: p.in.map(String) } }]);
    }
    return pass();
  },
});
