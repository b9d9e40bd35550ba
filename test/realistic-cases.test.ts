/**
 * Cases written from the payers' criteria, not from the examples: complete ones are ready,
 * each one-gap case is missing exactly the requirement that names its gap.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/case/load.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';

const library = loadRules();
const DIR = 'test/fixtures/cases/realistic';

const CASES: { file: string; missing: string[]; ruleSet: string }[] = [
  { file: 'scs-trial-crps-medicare-advantage.yaml', missing: [], ruleSet: 'scs@2026.1' },
  { file: 'scs-trial-no-psych-eval.yaml', missing: ['scs.psych-eval'], ruleSet: 'scs@2026.1' },
  { file: 'ketamine-crps-ii-fehb.yaml', missing: [], ruleSet: 'ketamine@2026.1' },
  { file: 'ketamine-fibromyalgia.yaml', missing: ['ketamine.diagnosis'], ruleSet: 'ketamine@2026.1' },
  { file: 'facet-mbb-first-block.yaml', missing: [], ruleSet: 'facet-rfa@2026.1' },
  { file: 'facet-repeat-rfa-cervical.yaml', missing: [], ruleSet: 'facet-rfa@2026.1' },
  { file: 'facet-radiculopathy-code-only.yaml', missing: ['facet-rfa.covered-diagnosis'], ruleSet: 'facet-rfa@2026.1' },
  { file: 'facet-blocks-too-close.yaml', missing: ['facet-rfa.diagnostic-blocks'], ruleSet: 'facet-rfa@2026.1' },
  { file: 'opioid-fentanyl-medicare-advantage.yaml', missing: [], ruleSet: 'opioid-therapy@2026.1' },
  { file: 'opioid-no-structured-dose.yaml', missing: ['opioid-therapy.dose-in-mme'], ruleSet: 'opioid-therapy@2026.1' },
  { file: 'opioid-no-risk-assessment.yaml', missing: ['opioid-therapy.risk-assessment'], ruleSet: 'opioid-therapy@2026.1' },
  { file: 'pt-medicare-maintenance.yaml', missing: [], ruleSet: 'physical-therapy@2026.1' },
  { file: 'pt-no-plan-of-care.yaml', missing: ['physical-therapy.plan-of-care'], ruleSet: 'physical-therapy@2026.1' },
  { file: 'pt-2025-medicare-kx.yaml', missing: [], ruleSet: 'physical-therapy@2025.1' },
];

describe.each(CASES)('$file', ({ file, missing, ruleSet }) => {
  const path = `${DIR}/${file}`;
  const result = checkCase(parseCase(readFileSync(path, 'utf8'), path).case, library);
  it(missing.length ? `misses exactly ${missing.join(', ')}` : 'is ready', () => {
    expect(result.findings.filter((f) => f.severity === 'required' && f.status === 'missing').map((f) => f.id)).toEqual(missing);
    expect(result.ready).toBe(missing.length === 0);
  });
  it(`is judged by ${ruleSet} (and only reason sets besides)`, () => {
    const used = result.ruleSets.map((s) => `${s.id}@${s.version}`);
    expect(used).toContain(ruleSet);
    const treatmentSets = library.ruleSets.filter((s) => s.applies.treatments?.length).map((s) => s.id);
    expect(used.filter((u) => treatmentSets.includes(u.split('@')[0]!))).toEqual([ruleSet]);
  });
});

describe('details of the judgement', () => {
  const check = (file: string) => checkCase(parseCase(readFileSync(`${DIR}/${file}`, 'utf8'), file).case, library);
  const finding = (file: string, id: string) => check(file).findings.find((f) => f.id === id)!;

  it('computes 120 MME/day for a 50 mcg/h fentanyl patch', () => {
    expect(finding('opioid-fentanyl-medicare-advantage.yaml', 'opioid-therapy.dose-in-mme').detail).toEqual([{ code: 'mme.total', args: { total: 120 } }]);
  });
  it('names the field the MME calculation lacks', () => {
    expect(finding('opioid-no-structured-dose.yaml', 'opioid-therapy.dose-in-mme').detail.map((d) => [d.code, d.args.field])).toEqual([['mme.no-dose', 'mcg_per_hour']]);
  });
  it('does not ask a trial request for trial relief', () => {
    expect(finding('scs-trial-crps-medicare-advantage.yaml', 'scs.trial-relief').status).toBe('not-applicable');
  });
  it('does not apply a visit limit to Original Medicare, and applies the KX rule instead', () => {
    expect(finding('pt-medicare-maintenance.yaml', 'physical-therapy.visits-within-limit').status).toBe('not-applicable');
    expect(finding('pt-medicare-maintenance.yaml', 'physical-therapy.kx-medical-necessity').status).toBe('satisfied');
  });
  it('judges a repeat ablation by the earlier one', () => {
    expect(finding('facet-repeat-rfa-cervical.yaml', 'facet-rfa.repeat-rfa-relief').status).toBe('satisfied');
  });
  it('names the blocks that were too close together', () => {
    expect(finding('facet-blocks-too-close.yaml', 'facet-rfa.diagnostic-blocks').detail.map((d) => d.code)).toContain('procedures.too-few-apart');
  });
});
