/** A minimal valid case for unit tests, with overrides merged in. */
import { CaseSchema, type Case } from '../../src/case/schema.js';

export function makeCase(overrides: Partial<Case> = {}): Case {
  const base: Case = {
    version: 1,
    author: 'patient',
    patient: { name: 'Test Patient', date_of_birth: '1970-01-01', address: '1 Test Street\nTestville, IL 60000' },
    plan: { insurer: 'Test Insurer', type: 'erisa', member_id: 'M123' },
    provider: { name: 'Dr Test, MD', specialty: 'Pain Medicine' },
    service: { treatment: 'idds', description: 'Intrathecal pump', codes: ['62362'], date: '2026-11-02' },
    denial: { date: '2026-10-03', reference: 'REF-1', stage: 'pre-service', level: 'initial', reasons: ['not-medically-necessary'] },
    requested: { outcome: 'Approve the pump' },
  };
  return CaseSchema.parse({ ...base, ...overrides });
}
