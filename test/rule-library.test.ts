/**
 * The shipped treatment rule sets as data: they load without a diagnostic, every source
 * they cite is defined and verified, and every denial reason that can occur for a
 * treatment is answered by at least one of its requirements (reasons that are the same
 * for any treatment are left to the reason rule sets).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, readRuleSetFile, SHIPPED_RULES_DIR } from '../src/rules/load.js';

const TREATMENT_DIRS = ['esi', 'facet-rfa', 'idds', 'ketamine', 'opioid-therapy', 'physical-therapy', 'scs'];
const files = TREATMENT_DIRS.flatMap((d) =>
  readdirSync(join(SHIPPED_RULES_DIR, d)).filter((f) => f.endsWith('.yaml')).map((f) => join(SHIPPED_RULES_DIR, d, f)),
);
const parsed = files.map((file) => ({ file, ...readRuleSetFile(file) }));

describe('shipped treatment rule sets', () => {
  it('the whole library loads', () => {
    expect(() => loadRules()).not.toThrow();
  });
  it.each(parsed)('$file has no diagnostics', ({ diagnostics, ruleSet }) => {
    expect(diagnostics).toEqual([]);
    expect(ruleSet).toBeDefined();
  });
  it.each(parsed)('$file: requirement ids are unique and start with the rule-set id', ({ ruleSet }) => {
    const ids = ruleSet!.requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(`${ruleSet!.id}.`), id).toBe(true);
  });
  // A source may be defined for context only (a sibling LCD), so not every one is cited.
  it.each(parsed)('$file: every cited source is defined and recently verified', ({ ruleSet }) => {
    const defined = new Set(ruleSet!.sources.map((s) => s.id));
    const cited = new Set(ruleSet!.requirements.flatMap((r) => (Array.isArray(r.source) ? r.source : [r.source])));
    expect([...cited].filter((id) => !defined.has(id))).toEqual([]);
    for (const s of ruleSet!.sources) expect(s.verified >= '2026-01-01', s.id).toBe(true);
  });
  it.each(parsed)('$file: a requirement on an unconfirmed source alone is only recommended', ({ ruleSet }) => {
    const confidence = new Map(ruleSet!.sources.map((s) => [s.id, s.confidence]));
    const weak = ruleSet!.requirements.filter((r) => {
      const ids = Array.isArray(r.source) ? r.source : [r.source];
      return ids.every((id) => confidence.get(id) === 'unconfirmed');
    });
    expect(weak.filter((r) => r.severity === 'required').map((r) => r.id)).toEqual([]);
  });
});

/**
 * The reasons a denial of each treatment can give that a treatment rule set must answer.
 * no-prior-authorization, out-of-network and other turn on the plan and the paperwork, not
 * the treatment, and are answered by the reason rule sets for every treatment.
 */
const MUST_ANSWER: Record<string, string[]> = {
  idds: ['not-medically-necessary', 'step-therapy', 'missing-psych-eval', 'off-label', 'experimental', 'insufficient-documentation', 'trial-required', 'coding-error', 'not-covered'],
  scs: ['not-medically-necessary', 'step-therapy', 'missing-psych-eval', 'experimental', 'insufficient-documentation', 'trial-required', 'coding-error', 'not-covered'],
  ketamine: ['not-medically-necessary', 'step-therapy', 'off-label', 'experimental', 'insufficient-documentation', 'frequency-limit', 'coding-error', 'not-covered'],
  esi: ['not-medically-necessary', 'step-therapy', 'insufficient-documentation', 'frequency-limit', 'benefit-limit', 'coding-error', 'not-covered'],
  'facet-rfa': ['not-medically-necessary', 'step-therapy', 'experimental', 'insufficient-documentation', 'trial-required', 'frequency-limit', 'benefit-limit', 'coding-error', 'not-covered'],
  'opioid-therapy': ['not-medically-necessary', 'step-therapy', 'dose-limit', 'insufficient-documentation'],
  'physical-therapy': ['not-medically-necessary', 'insufficient-documentation', 'benefit-limit', 'frequency-limit'],
};

describe('every denial reason that can occur for a treatment is answered', () => {
  it.each(parsed)('$file', ({ ruleSet }) => {
    const answered = new Set(ruleSet!.requirements.flatMap((r) => r.answers));
    expect(MUST_ANSWER[ruleSet!.id]!.filter((reason) => !answered.has(reason as never))).toEqual([]);
  });
});
