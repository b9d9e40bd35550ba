import { describe, expect, it } from 'vitest';
import { evaluateCheck, summarizeCheck, validateCheck } from '../src/rules/check.js';
import { describeDetail, describeEvidence } from '../src/report/wording.js';
import { makeCase } from './helpers/case.js';

const dates = { denialDate: '2026-10-03', serviceDate: '2026-11-02' };
const run = (check: unknown, c = makeCase()) => evaluateCheck(check, c, dates);
const codes = (r: { detail: { code: string }[] }) => r.detail.map((d) => d.code);

describe('service_code', () => {
  const c = makeCase({ service: { treatment: 'epidural-steroid-injection', description: 'TFESI', codes: ['64483', ' 64484 '] } });
  it('matches an exact code and reports where it is', () => {
    const r = run({ service_code: { code: '64483' } }, c);
    expect(r.ok).toBe(true);
    expect(r.evidence).toEqual([{ kind: 'service-code', path: 'service.codes[0]', facts: { code: '64483' } }]);
    expect(describeEvidence(r.evidence[0]!)).toBe('service code 64483');
  });
  it('matches a prefix ending in * and a code written with spaces', () => {
    expect(run({ service_code: { code: ['6448*'] } }, c).evidence.map((e) => e.path)).toEqual(['service.codes[0]', 'service.codes[1]']);
  });
  it('fails with service-code.none when nothing matches, or there are no codes', () => {
    expect(codes(run({ service_code: { code: ['62321', '6449*'] } }, c))).toEqual(['service-code.none']);
    const none = makeCase({ service: { treatment: 'idds', description: 'Pump' } });
    const r = run({ service_code: { code: '62362' } }, none);
    expect(codes(r)).toEqual(['service-code.none']);
    expect(describeDetail(r.detail[0]!)).toContain('62362');
  });
  it('rejects a code pattern with a group prefix or stray characters', () => {
    expect(validateCheck({ service_code: { code: '64483-RT' } }).map((p) => p.code)).toEqual(['predicate-params']);
    expect(validateCheck({ service_code: { codes: '64483' } }).map((p) => p.code)).toContain('predicate-params');
  });
  it('summarizes', () => {
    expect(summarizeCheck({ service_code: { code: ['64483', '6449*'] } })).toBe('service code 64483, 6449*');
  });
});

describe('denial_code', () => {
  const c = makeCase({
    denial: { date: '2026-10-03', reference: 'R', stage: 'post-service', level: 'initial', codes: ['CO-16', 'n708', 'PR 163'] },
  });
  it('ignores group prefixes and case', () => {
    expect(run({ denial_code: { code: '16' } }, c).evidence).toEqual([{ kind: 'denial-code', path: 'denial.codes[0]', facts: { code: '16' } }]);
    expect(run({ denial_code: { code: ['N708'] } }, c).ok).toBe(true);
    expect(run({ denial_code: { code: '163' } }, c).ok).toBe(true);
  });
  it('does not match a code that only starts the same way', () => {
    expect(codes(run({ denial_code: { code: ['1', 'N70'] } }, c))).toEqual(['denial-code.none']);
  });
  it('fails on a case without codes', () => {
    expect(run({ denial_code: { code: '50' } }).ok).toBe(false);
  });
  it('rejects a code written with a group prefix in the rule', () => {
    expect(validateCheck({ denial_code: { code: 'CO-16' } }).map((p) => p.code)).toEqual(['predicate-params']);
  });
});
