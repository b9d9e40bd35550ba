import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseCase } from '../src/case/load.js';
import { findPlaceholders } from '../src/case/placeholders.js';
import { DENIAL_REASONS, TREATMENTS, type DenialReason, type Treatment } from '../src/case/schema.js';
import { buildSkeleton, type Draft } from '../src/case/skeleton.js';
import { reportForLoaded } from '../src/api.js';
import { draftFromLetter, mergeDrafts } from '../src/init/draft.js';
import { extractFromDenial } from '../src/init/extract.js';
import { leaves, needsFor } from '../src/init/needs.js';
import { treatmentTitle } from '../src/init/questions.js';
import { loadRules } from '../src/rules/load.js';

const library = loadRules();
const reasonTitles = new Map(library.reasons.reasons.map((r) => [r.id, r.title]));

function skeleton(draft: Draft, provenance?: Map<string, string>): string {
  const treatment = draft.service?.treatment ?? 'other';
  const needs = needsFor(library, { treatment, plan: draft.plan?.type ?? 'other', denialDate: draft.denial?.date ?? '2026-11-23', reasons: draft.denial?.reasons ?? [] });
  return buildSkeleton(draft, { needs, reasonTitles, treatmentTitle: treatmentTitle(treatment), today: '2026-11-23', provenance });
}

const base = (treatment: Treatment, reasons: DenialReason[]): Draft => ({ service: { treatment }, denial: { reasons, date: '2026-10-14' } });

describe('the skeleton is always a valid case', () => {
  for (const treatment of TREATMENTS) {
    it(`${treatment}, with each denial reason`, () => {
      for (const reason of DENIAL_REASONS) {
        const text = skeleton(base(treatment, [reason]));
        expect(() => parseCase(text, 'case.yaml')).not.toThrow();
      }
    });
  }

  it('with nothing known at all', () => {
    const text = skeleton({});
    const loaded = parseCase(text, 'case.yaml');
    expect(loaded.case.service.treatment).toBe('other');
    const paths = findPlaceholders(text).map((p) => p.path);
    expect(paths).toEqual([
      'patient.name', 'patient.date_of_birth', 'patient.address', 'plan.insurer', 'plan.type', 'plan.member_id',
      'provider.name', 'provider.specialty', 'service.treatment', 'denial.date', 'denial.reference',
    ]);
  });
});

describe('the skeleton follows the rules', () => {
  it('has every section the applicable requirements read, with their titles as the why', () => {
    const text = skeleton(base('idds', ['missing-psych-eval']));
    const needs = needsFor(library, { treatment: 'idds', plan: 'other', denialDate: '2026-10-14', reasons: ['missing-psych-eval'] });
    // The treatment's rule set, and the generic set for the reason given.
    expect(needs.ruleSets.map((s) => s.id)).toEqual(['idds', 'missing-psych-eval']);
    for (const section of ['documents', 'medications', 'therapies', 'procedures', 'measures', 'diagnoses']) expect(needs.bySection.has(section)).toBe(true);
    const doc = parseDocument(text);
    expect(doc.getIn(['history', 'medications'])).toBeDefined();
    // Real comments, not text: the why of each requirement sits before its section.
    const idds = library.ruleSets.find((s) => s.id === 'idds')!;
    for (const req of idds.requirements) expect(text).toContain(req.title);
    expect(text).toMatch(/# The rules look for: .*psych-eval/s);
  });

  it('ESI skeleton names the measures and imaging the ESI rules read, not the pump ones', () => {
    const text = skeleton(base('epidural-steroid-injection', ['not-medically-necessary']));
    expect(text).toContain('imaging');
    expect(text).toMatch(/The rules also read|service\.codes|CPT\/HCPCS/);
    expect(text).not.toContain('intrathecal-trial');
  });

  it('a case no rule set applies to (no treatment set, no reason given) still gets the general sections, and says so', () => {
    const text = skeleton(base('other', []));
    expect(text).toContain('Rule sets that apply: none for this treatment yet');
    expect(text).toContain('No rule set for this treatment and reasons looks at it');
  });

  it('walks nested checks to their leaves', () => {
    expect(leaves({ all: [{ document: { kind: 'imaging' } }, { any: [{ not: { measure: { kind: 'odi' } } }] }] }).map((l) => l.name)).toEqual(['document', 'measure']);
  });
});

describe('placeholders and check', () => {
  it('a case with placeholders is not ready even when every rule is met', async () => {
    const { readFileSync } = await import('node:fs');
    const complete = readFileSync(new URL('../examples/idds-complete.yaml', import.meta.url), 'utf8');
    const ready = reportForLoaded(parseCase(complete, 'c.yaml'), library);
    expect(ready.status).toBe('ready');
    const withTodo = complete.replace(/^  member_id: .*$/m, '  member_id: TODO the member ID').replace(/^(  date_of_birth: .*)$/m, '$1 # TODO check');
    const report = reportForLoaded(parseCase(withTodo, 'c.yaml'), library);
    expect(report.status).toBe('missing');
    const f = report.result!.findings[0]!;
    expect(f.id).toBe('case.placeholders');
    expect(f.detail.map((d) => [d.code, d.args.path])).toEqual([
      ['case.placeholder', 'patient.date_of_birth'],
      ['case.placeholder', 'plan.member_id'],
    ]);
    expect(f.detail[0]!.args.line).toBeGreaterThan(1);
    expect(report.result!.summary.requiredMissing).toBe(1);
  });

  it('never reports a placeholder value, only its path', () => {
    const text = skeleton({ patient: { name: 'Jane Q. Secret' } });
    expect(findPlaceholders(text).map((p) => p.path)).not.toContain('patient.name');
  });
});

describe('from the letter to the skeleton', () => {
  it('prefills what the letter says and records the words beside it', async () => {
    const { readFileSync } = await import('node:fs');
    const letter = readFileSync(new URL('../examples/denials/medicaid-scs-trial.txt', import.meta.url), 'utf8');
    const { draft, provenance } = draftFromLetter(extractFromDenial(letter));
    const text = skeleton(mergeDrafts(draft, { plan: { insurer: 'Prairie Community Health Plan' } }), provenance);
    const c = parseCase(text, 'c.yaml').case;
    expect(c.plan.type).toBe('medicaid');
    expect(c.plan.insurer).toBe('Prairie Community Health Plan');
    expect(c.service.treatment).toBe('scs');
    expect(c.service.codes).toEqual(['63685', '63650']);
    expect(c.denial.reasons).toEqual(['missing-psych-eval', 'trial-required']);
    expect(c.denial.date).toBe('2026-03-09');
    expect(text).toMatch(/# Read from the denial letter: ".*Recipient ID/);
    expect(findPlaceholders(text).map((p) => p.path)).not.toContain('denial.date');
  });
});
