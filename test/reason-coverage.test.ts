/**
 * Every denial reason in the catalogue is answered, for every treatment where it can
 * occur, by at least one requirement that applies to a bare case with that treatment and
 * reason. Pairs that cannot occur are data (`not_for` in rules/reasons.yaml), not skips.
 */
import { describe, expect, it } from 'vitest';
import { DENIAL_REASONS, TREATMENTS } from '../src/case/schema.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';
import { makeCase } from './helpers/case.js';

const library = loadRules();

describe('reason coverage', () => {
  it('the catalogue lists exactly the reasons of the case schema', () => {
    expect(library.reasons.reasons.map((r) => r.id).sort()).toEqual([...DENIAL_REASONS].sort());
  });

  const pairs = TREATMENTS.flatMap((t) =>
    DENIAL_REASONS.filter((r) => !library.reasons.reasons.find((e) => e.id === r)?.not_for?.includes(t)).map((r) => [t, r] as const),
  );

  it('leaves out only a few impossible pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(TREATMENTS.length * DENIAL_REASONS.length - 4);
  });

  it.each(pairs)('%s denied for %s has an applicable requirement that answers it', (treatment, reason) => {
    const c = makeCase({
      service: { treatment, description: 'Requested care' },
      diagnoses: [{ code: 'G89.29' }],
      denial: { date: '2026-10-03', reference: 'REF-1', stage: 'pre-service', level: 'initial', reasons: [reason] },
    });
    const answering = checkCase(c, library).findings.filter((f) => f.answers.includes(reason) && f.status !== 'not-applicable');
    expect(answering.map((f) => f.id)).not.toEqual([]);
  });
});

describe('reason rule sets', () => {
  const reasonSets = library.ruleSets.filter((s) => s.file.startsWith('rules/reasons/'));

  it('there is one for every reason', () => {
    const covered = new Set(reasonSets.flatMap((s) => s.applies.reasons ?? []));
    expect([...DENIAL_REASONS].filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(reasonSets.map((s) => [s.id, s] as const))('%s applies to every treatment and answers only its own reasons', (_, set) => {
    expect(set.applies.treatments ?? []).toEqual([]);
    expect(set.applies.reasons?.length).toBeGreaterThan(0);
    for (const req of set.requirements) {
      expect(req.id.startsWith(`${set.id}.`)).toBe(true);
      expect(req.answers.every((a) => set.applies.reasons!.includes(a))).toBe(true);
    }
  });
});
