import { z } from 'zod';
import { MEDICATION_CLASSES } from '../../case/schema.js';
import { daysBetween } from '../../dates.js';
import { asList, definePredicate, fail, pass, type Detail } from './types.js';
import { FAILED_OUTCOMES, count, days, facts, oneOrMany } from './common.js';

const FIELDS = ['dose', 'start', 'end', 'outcome'] as const;

export const medicationsPredicate = definePredicate({
  name: 'medications',
  description:
    'At least `min` medications (of a class), optionally ended for failure, each documented with the listed fields and trial length.',
  params: z.strictObject({
    class: oneOrMany(z.enum(MEDICATION_CLASSES)).optional(),
    min: count,
    failed: z.boolean().optional(),
    with: z.array(z.enum(FIELDS)).optional(),
    min_days: days.optional(),
    distinct: z.boolean().optional(),
  }),
  summarize: (p) =>
    `${p.min} ${p.failed ? 'failed ' : ''}${p.class ? asList(p.class).join('/') + ' ' : ''}medication${p.min === 1 ? '' : 's'}` +
    ` with ${(p.with ?? ['dose', 'start', 'end']).join(', ')}` +
    (p.min_days ? `, each tried for at least ${p.min_days} days` : ''),
  evaluate(p, ctx) {
    const classes = p.class ? (asList(p.class) as string[]) : undefined;
    const required = p.with ?? ['dose', 'start', 'end'];
    const meds = (ctx.case.history?.medications ?? []).map((m, i) => ({ m, i }));
    const candidates = meds.filter(({ m }) => !classes || classes.includes(m.class));
    const detail: Detail[] = [];
    const seen = new Set<string>();
    const matched = candidates.filter(({ m, i }) => {
      const path = `history.medications[${i}]`;
      if (p.failed && !(m.outcome && FAILED_OUTCOMES.has(m.outcome))) {
        detail.push({ code: 'medication.not-failed', args: { path, name: m.name, outcome: m.outcome ?? 'none' } });
        return false;
      }
      const absent = required.filter((f) => m[f] === undefined);
      if (absent.length > 0) {
        detail.push({ code: 'medication.incomplete', args: { path, name: m.name, fields: absent } });
        return false;
      }
      if (p.min_days !== undefined) {
        const length = m.start && m.end ? daysBetween(m.start, m.end) : undefined;
        if (length === undefined || length < p.min_days) {
          detail.push({ code: 'medication.too-short', args: { path, name: m.name, min_days: p.min_days } });
          return false;
        }
      }
      // The same drug tried twice counts once when distinct trials are required.
      const key = m.name.trim().toLowerCase();
      if (p.distinct !== false && seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const evidence = matched.map(({ m, i }) => ({
      kind: 'medication',
      path: `history.medications[${i}]`,
      facts: facts({ name: m.name, class: m.class, dose: m.dose, start: m.start, end: m.end, outcome: m.outcome, notes: m.notes }),
    }));
    if (matched.length >= p.min) return pass(evidence);
    return fail(
      [{ code: 'medications.too-few', args: { class: classes ?? [], min: p.min, found: matched.length, failed: !!p.failed } }, ...detail],
      evidence,
    );
  },
});
