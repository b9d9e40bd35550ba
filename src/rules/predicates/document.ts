import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../case/schema.js';
import { asList, definePredicate, fail, pass } from './types.js';
import { count, days, facts, oneOrMany, withinDays } from './common.js';
import { safePattern } from '../safe-pattern.js';

export const documentPredicate = definePredicate({
  name: 'document',
  description: 'At least `min` documents of a kind, optionally dated within N days before the denial and with a matching result.',
  params: z.strictObject({
    kind: oneOrMany(z.enum(DOCUMENT_KINDS)),
    within_days: days.optional(),
    result: safePattern.optional(),
    // A literature entry holds its citation in `title`, so a rule can ask for one work.
    title: safePattern.optional(),
    min: count.optional(),
  }),
  summarize: (p) =>
    `${p.min && p.min > 1 ? `${p.min} ` : ''}${asList(p.kind).join(' or ')} document` +
    (p.within_days !== undefined ? ` dated within ${p.within_days} days of the denial` : '') +
    (p.result ? ` with a result matching /${p.result}/` : '') +
    (p.title ? ` with a title matching /${p.title}/` : ''),
  evaluate(p, ctx) {
    const kinds = asList(p.kind);
    const pattern = p.result ? new RegExp(p.result, 'i') : undefined;
    const titlePattern = p.title ? new RegExp(p.title, 'i') : undefined;
    const min = p.min ?? 1;
    const docs = ctx.case.documents ?? [];
    const ofKind = docs.map((d, i) => ({ d, i })).filter(({ d }) => (kinds as string[]).includes(d.kind));
    const matched = ofKind.filter(
      ({ d }) =>
        withinDays(d.date, ctx.denialDate, p.within_days) &&
        (!pattern || pattern.test(d.result ?? '')) &&
        (!titlePattern || titlePattern.test(d.title ?? '')),
    );
    const evidence = matched.map(({ d, i }) => ({
      kind: 'document',
      path: `documents[${i}]`,
      facts: facts({ kind: d.kind, date: d.date, author: d.author, title: d.title, result: d.result }),
    }));
    if (matched.length >= min) return pass(evidence);
    const args = { kind: kinds, min, found: matched.length };
    if (ofKind.length === 0) return fail([{ code: 'document.none', args }], evidence);
    // There are documents of the kind, but not recent enough or without the needed result.
    const detail = [];
    const undated = ofKind.filter(({ d }) => p.within_days !== undefined && !d.date);
    const stale = ofKind.filter(({ d }) => d.date && !withinDays(d.date, ctx.denialDate, p.within_days));
    const noResult = ofKind.filter(({ d }) => pattern && !pattern.test(d.result ?? ''));
    for (const { i } of undated) detail.push({ code: 'document.undated', args: { path: `documents[${i}]` } });
    for (const { i } of stale)
      detail.push({ code: 'document.stale', args: { path: `documents[${i}]`, within_days: p.within_days ?? 0 } });
    for (const { i } of noResult)
      detail.push({ code: 'document.result', args: { path: `documents[${i}]`, result: p.result ?? '' } });
    for (const { i } of ofKind.filter(({ d }) => titlePattern && !titlePattern.test(d.title ?? '')))
      detail.push({ code: 'document.title', args: { path: `documents[${i}]`, title: p.title ?? '' } });
    if (detail.length === 0) detail.push({ code: 'document.too-few', args });
    return fail(detail, evidence);
  },
});
