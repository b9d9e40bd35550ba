import { z } from 'zod';
import { THERAPY_KINDS } from '../../case/schema.js';
import { asList, definePredicate, fail, pass, type Detail } from './types.js';
import { FAILED_OUTCOMES, count, facts, oneOrMany, weeksBetween } from './common.js';

export const therapyPredicate = definePredicate({
  name: 'therapy',
  description:
    'A therapy course (of a kind), optionally lasting at least N weeks or N sessions (either suffices) and ended for failure.',
  params: z.strictObject({
    kind: oneOrMany(z.enum(THERAPY_KINDS)).optional(),
    min_weeks: count.optional(),
    min_sessions: count.optional(),
    failed: z.boolean().optional(),
  }),
  summarize: (p) => {
    const length = [p.min_weeks !== undefined ? `${p.min_weeks} weeks` : '', p.min_sessions !== undefined ? `${p.min_sessions} sessions` : '']
      .filter(Boolean)
      .join(' or ');
    return `${p.failed ? 'failed ' : ''}${p.kind ? asList(p.kind).join('/') : 'therapy'} course${length ? ` of ${length}` : ''}`;
  },
  evaluate(p, ctx) {
    const kinds = p.kind ? (asList(p.kind) as string[]) : undefined;
    const detail: Detail[] = [];
    const courses = (ctx.case.history?.therapies ?? []).map((t, i) => ({ t, i }));
    const matched = courses.filter(({ t, i }) => {
      if (kinds && !kinds.includes(t.kind)) return false;
      const path = `history.therapies[${i}]`;
      if (p.failed && !(t.outcome && FAILED_OUTCOMES.has(t.outcome))) {
        detail.push({ code: 'therapy.not-failed', args: { path, kind: t.kind, outcome: t.outcome ?? 'none' } });
        return false;
      }
      const weeks = t.start && t.end ? weeksBetween(t.start, t.end) : undefined;
      if (p.min_weeks === undefined && p.min_sessions === undefined) return true;
      const longEnough = p.min_weeks !== undefined && weeks !== undefined && weeks >= p.min_weeks;
      const enoughSessions = p.min_sessions !== undefined && t.sessions !== undefined && t.sessions >= p.min_sessions;
      if (longEnough || enoughSessions) return true;
      detail.push({
        code: 'therapy.too-short',
        args: facts({ path, kind: t.kind, weeks, sessions: t.sessions, min_weeks: p.min_weeks, min_sessions: p.min_sessions }),
      });
      return false;
    });
    const evidence = matched.map(({ t, i }) => ({
      kind: 'therapy',
      path: `history.therapies[${i}]`,
      facts: facts({ kind: t.kind, start: t.start, end: t.end, sessions: t.sessions, outcome: t.outcome, notes: t.notes }),
    }));
    if (matched.length > 0) return pass(evidence);
    return fail(
      [{ code: 'therapy.none', args: { kind: kinds ?? [], ...facts({ min_weeks: p.min_weeks, min_sessions: p.min_sessions }) } }, ...detail],
    );
  },
});
