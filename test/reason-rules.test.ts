/** The reason rule sets behave as written: which requirements apply when, and what they find. */
import { describe, expect, it } from 'vitest';
import type { Case, DenialReason } from '../src/case/schema.js';
import { checkCase } from '../src/rules/engine.js';
import { loadRules } from '../src/rules/load.js';
import { makeCase } from './helpers/case.js';

const library = loadRules();

function statuses(c: Case, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of checkCase(c, library).findings) if (f.id.startsWith(prefix)) out[f.id] = f.status;
  return out;
}

const denial = (reasons: DenialReason[], extra: Partial<Case['denial']> = {}): Case['denial'] => ({
  date: '2026-10-03',
  reference: 'R',
  stage: 'pre-service',
  level: 'initial',
  reasons,
  ...extra,
});

const failedMeds: NonNullable<Case['history']> = {
  medications: [{ name: 'Gabapentin', class: 'anticonvulsant', dose: '600 mg tid', start: '2025-01-01', end: '2025-03-01', outcome: 'side-effects' }],
};

describe('step-therapy', () => {
  const base = { service: { treatment: 'ketamine-infusion' as const, description: 'IV ketamine' }, denial: denial(['step-therapy']) };

  it('state exception applies only to a state-regulated plan in a state with an encoded law', () => {
    const az = statuses(makeCase({ ...base, plan: { insurer: 'X', type: 'aca-individual', member_id: 'M', state: 'AZ' } }), 'step-therapy.exception');
    expect(az['step-therapy.exception-az']).toBe('missing');
    expect(Object.entries(az).filter(([, s]) => s !== 'not-applicable').map(([id]) => id)).toEqual(['step-therapy.exception-az']);

    const selfFunded = statuses(makeCase({ ...base, plan: { insurer: 'X', type: 'erisa', funding: 'self-funded', member_id: 'M', state: 'TX' } }), 'step-therapy.exception');
    expect(Object.values(selfFunded).every((s) => s === 'not-applicable')).toBe(true);

    const medicare = statuses(makeCase({ ...base, plan: { insurer: 'X', type: 'medicare-advantage', member_id: 'M', state: 'NY' } }), 'step-therapy.exception');
    expect(Object.values(medicare).every((s) => s === 'not-applicable')).toBe(true);

    const illinois = statuses(makeCase({ ...base, plan: { insurer: 'X', type: 'erisa', member_id: 'M', state: 'IL' } }), 'step-therapy.exception');
    expect(Object.values(illinois).every((s) => s === 'not-applicable')).toBe(true);
  });

  it('a failed, dated trial satisfies the core requirement and the state ground; a physician letter naming a ground does too', () => {
    const plan = { insurer: 'X', type: 'erisa' as const, funding: 'fully-insured' as const, member_id: 'M', state: 'SD' };
    const withMeds = statuses(makeCase({ ...base, plan, history: failedMeds }), 'step-therapy.');
    expect(withMeds['step-therapy.tried-and-failed']).toBe('satisfied');
    expect(withMeds['step-therapy.trial-length']).toBe('satisfied');
    expect(withMeds['step-therapy.exception-sd']).toBe('satisfied');

    const letter = statuses(
      makeCase({ ...base, plan, documents: [{ kind: 'physician-letter', date: '2026-09-01', result: 'Duloxetine is contraindicated with her MAOI' }] }),
      'step-therapy.',
    );
    expect(letter['step-therapy.tried-and-failed']).toBe('missing');
    expect(letter['step-therapy.exception-sd']).toBe('satisfied');
    expect(letter['step-therapy.physician-statement']).toBe('satisfied');
  });

  it('an undated trial does not count as tried and failed', () => {
    const c = makeCase({ ...base, history: { medications: [{ name: 'Gabapentin', class: 'anticonvulsant', dose: '600 mg', outcome: 'inadequate-relief' }] } });
    expect(statuses(c, 'step-therapy.')['step-therapy.tried-and-failed']).toBe('missing');
    expect(checkCase(c, library).ready).toBe(false);
  });
});

describe('insufficient-documentation', () => {
  it('asks for the record each remark code names, and only then', () => {
    const none = statuses(makeCase({ denial: denial(['insufficient-documentation']) }), 'insufficient-documentation.');
    expect(none['insufficient-documentation.orders']).toBe('not-applicable');
    expect(none['insufficient-documentation.records-listed']).toBe('missing');

    const n708 = statuses(makeCase({ denial: denial([], { codes: ['CO-16', 'N708'] }) }), 'insufficient-documentation.');
    expect(n708['insufficient-documentation.orders']).toBe('missing');
    expect(n708['insufficient-documentation.what-is-missing']).toBe('satisfied');
    expect(n708['insufficient-documentation.consultation']).toBe('not-applicable');

    const sent = statuses(
      makeCase({ denial: denial([], { codes: ['N708'] }), documents: [{ kind: 'other', title: 'Order', result: 'Signed order for the pump trial' }] }),
      'insufficient-documentation.',
    );
    expect(sent['insufficient-documentation.orders']).toBe('satisfied');
    expect(sent['insufficient-documentation.records-listed']).toBe('satisfied');
  });
});

describe('no-prior-authorization', () => {
  const applicable = (type: Case['plan']['type']) =>
    Object.entries(statuses(makeCase({ plan: { insurer: 'X', type, member_id: 'M' }, denial: denial(['no-prior-authorization']) }), 'no-prior-authorization.urgent'))
      .filter(([, s]) => s !== 'not-applicable')
      .map(([id]) => id);
  it('uses the urgency rule of the plan type', () => {
    expect(applicable('erisa')).toEqual(['no-prior-authorization.urgent-severe-pain']);
    expect(applicable('aca-individual')).toEqual(['no-prior-authorization.urgent-severe-pain']);
    expect(applicable('medicare-advantage')).toEqual(['no-prior-authorization.urgent-medicare-advantage']);
    expect(applicable('medicaid')).toEqual(['no-prior-authorization.urgent-medicaid']);
    expect(applicable('medicare')).toEqual([]);
  });
  it('the severe-pain prong is met by the physician letter saying so', () => {
    const c = makeCase({
      denial: denial(['no-prior-authorization']),
      documents: [{ kind: 'physician-letter', date: '2026-09-30', result: 'Without the pump she will suffer severe pain that cannot be adequately managed' }],
    });
    expect(statuses(c, 'no-prior-authorization.')['no-prior-authorization.urgent-severe-pain']).toBe('satisfied');
  });
});

describe('coding-error', () => {
  const esi = (codes: string[], dx: string) =>
    statuses(
      makeCase({ service: { treatment: 'epidural-steroid-injection', description: 'TFESI', codes }, diagnoses: [{ code: dx }], denial: denial(['coding-error']) }),
      'coding-error.',
    );
  it('an epidural injection code needs a radicular diagnosis', () => {
    expect(esi(['64483'], 'M54.16')['coding-error.esi-diagnosis']).toBe('satisfied');
    expect(esi(['64483'], 'M54.50')['coding-error.esi-diagnosis']).toBe('missing');
    expect(esi(['64483'], 'M54.50')['coding-error.facet-diagnosis']).toBe('not-applicable');
  });
  it('a facet code needs an axial or spondylosis diagnosis', () => {
    expect(esi(['64635'], 'M47.816')['coding-error.facet-diagnosis']).toBe('satisfied');
    expect(esi(['64635'], 'M54.16')['coding-error.facet-diagnosis']).toBe('missing');
  });
});

describe('off-label', () => {
  it('the California mandate applies to a fully insured California plan and needs two articles and the prescriber letter', () => {
    const c = (docs: NonNullable<Case['documents']>) =>
      statuses(
        makeCase({
          plan: { insurer: 'X', type: 'aca-individual', member_id: 'M', state: 'CA' },
          service: { treatment: 'ketamine-infusion', description: 'IV ketamine' },
          denial: denial(['off-label']),
          documents: docs,
        }),
        'off-label.',
      );
    expect(c([])['off-label.california-mandate']).toBe('missing');
    expect(c([])['off-label.new-hampshire-mandate']).toBe('not-applicable');
    const two: NonNullable<Case['documents']> = [
      { kind: 'literature', title: 'Cohen SP et al. 2018' },
      { kind: 'literature', title: 'Schwartzman RJ et al. 2009' },
      { kind: 'physician-letter', date: '2026-09-01', result: 'Cites the ASRA guideline and two studies' },
    ];
    expect(c(two)['off-label.california-mandate']).toBe('satisfied');
    expect(c(two)['off-label.literature']).toBe('satisfied');
  });
});
