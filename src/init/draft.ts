/**
 * What init knows before asking anything: the command-line flags and the values read from
 * the denial letter, merged into one Draft (flags win: the user typed them).
 */
import { isRealDate, type DenialReason, type PlanType, type Treatment } from '../case/schema.js';
import type { Draft } from '../case/skeleton.js';
import { UsageError } from '../cli/io.js';
import { ICD10, SERVICE_CODE, valuesOf, type Extracted } from './extract.js';

export interface InitFlags {
  treatment?: Treatment;
  reason?: DenialReason[];
  plan?: PlanType;
  insurer?: string;
  memberId?: string;
  denialDate?: string;
  serviceDate?: string;
  reference?: string;
  author?: Draft['author'];
  representative?: string;
  patient?: string;
  birthDate?: string;
  provider?: string;
  specialty?: string;
  stage?: NonNullable<Draft['denial']>['stage'];
  level?: NonNullable<Draft['denial']>['level'];
  state?: string;
  urgent?: boolean;
  code?: string[];
  diagnosis?: string[];
  fromDenial?: string;
  yes?: boolean;
  force?: boolean;
  rules?: string[];
  rulesVersion?: string[];
}

function date(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value)) throw new UsageError(`${flag} takes a date written YYYY-MM-DD that exists, e.g. 2026-10-14`);
  return value;
}

/** Drops undefined members so that merging never overwrites a known value with nothing. */
function clean<T extends object>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function draftFromFlags(f: InitFlags): Draft {
  const state = f.state?.toUpperCase();
  if (state !== undefined && !/^[A-Z]{2}$/.test(state)) throw new UsageError('--state takes a two-letter state code, e.g. IL');
  for (const c of f.code ?? []) if (!SERVICE_CODE.test(c.toUpperCase())) throw new UsageError(`--code takes a CPT or HCPCS code: 5 digits (62362) or a letter and 4 digits (J3490)`);
  for (const c of f.diagnosis ?? []) if (!ICD10.test(c.toUpperCase())) throw new UsageError(`--diagnosis takes an ICD-10-CM code such as M54.16`);
  if (f.representative !== undefined && f.author === undefined) f.author = 'representative';
  return {
    author: f.author,
    representative: f.representative ? { name: f.representative } : undefined,
    patient: clean({ name: f.patient, date_of_birth: date('--birth-date', f.birthDate) }),
    plan: clean({ type: f.plan, insurer: f.insurer, member_id: f.memberId, state }),
    provider: clean({ name: f.provider, specialty: f.specialty }),
    service: clean({ treatment: f.treatment, date: date('--service-date', f.serviceDate), codes: f.code?.map((c) => c.toUpperCase()) }),
    diagnoses: f.diagnosis?.map((code) => ({ code: code.toUpperCase() })),
    denial: clean({
      date: date('--denial-date', f.denialDate),
      reference: f.reference,
      stage: f.stage,
      level: f.level,
      urgent: f.urgent,
      reasons: f.reason && f.reason.length > 0 ? [...new Set(f.reason)] : undefined,
    }),
  };
}

/** The letter's values as a Draft, and for each field the words it came from. */
export function draftFromLetter(found: readonly Extracted[]): { draft: Draft; provenance: Map<string, string> } {
  const one = (field: Extracted['field']) => found.find((e) => e.field === field);
  const provenance = new Map<string, string>();
  const note = (path: string, e: Extracted | undefined) => {
    if (e) provenance.set(path, e.source);
    return e?.value;
  };
  const codes = valuesOf(found, 'service.codes');
  const denialCodes = valuesOf(found, 'denial.codes');
  const diagnoses = valuesOf(found, 'diagnoses');
  const reasons = valuesOf(found, 'denial.reasons') as DenialReason[];
  const draft: Draft = {
    plan: clean({ type: note('plan.type', one('plan.type')) as PlanType | undefined, member_id: note('plan.member_id', one('plan.member_id')) }),
    service: clean({
      treatment: note('service.treatment', one('service.treatment')) as Treatment | undefined,
      date: note('service.date', one('service.date')),
      codes: codes.length > 0 ? codes : undefined,
    }),
    diagnoses: diagnoses.length > 0 ? diagnoses.map((code) => ({ code })) : undefined,
    denial: clean({
      date: note('denial.date', one('denial.date')),
      reference: note('denial.reference', one('denial.reference')),
      stage: note('denial.stage', one('denial.stage')) as 'pre-service' | 'post-service' | undefined,
      reasons: reasons.length > 0 ? reasons : undefined,
      codes: denialCodes.length > 0 ? denialCodes : undefined,
      // The letter's own words for its first reason: the appeal quotes them back.
      quote: found.find((e) => e.field === 'denial.reasons')?.source.replace(/^…|…$/g, '').trim() || undefined,
    }),
  };
  if (codes.length > 0) provenance.set('service.codes', found.find((e) => e.field === 'service.codes')!.source);
  if (reasons.length > 0) provenance.set('denial.reasons', found.filter((e) => e.field === 'denial.reasons').map((e) => e.source).join('" / "'));
  return { draft, provenance };
}

/** `over`'s known values win over `base`'s, section by section. */
export function mergeDrafts(base: Draft, over: Draft): Draft {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = prev && typeof prev === 'object' && !Array.isArray(prev) && typeof value === 'object' && !Array.isArray(value) ? { ...prev, ...clean(value as object) } : value;
  }
  return out as Draft;
}
