/**
 * The engine: case + rule library -> findings. It knows nothing of any treatment; what a
 * payer requires lives in the rule sets, how to test it lives in the predicates.
 */
import type { Case, DenialReason } from '../case/schema.js';
import { evaluateCheck } from './check.js';
import type { RuleLibrary, RuleSet } from './load.js';
import type { Detail, Evidence } from './predicates/types.js';
import { inferReasons } from './reasons.js';
import { selectRuleSets, type SelectOptions } from './select.js';
import type { Confidence, SourceDef } from './schema.js';

export type FindingStatus = 'satisfied' | 'missing' | 'not-applicable';

export interface Finding {
  /** The requirement's stable id, e.g. `idds.psych-eval`. */
  id: string;
  ruleSet: { id: string; version: string };
  title: string;
  severity: 'required' | 'recommended';
  status: FindingStatus;
  /** Denial reasons this requirement rebuts. */
  answers: DenialReason[];
  /** The case entries that met the check (also partial matches when missing). */
  evidence: Evidence[];
  /** Machine-readable reasons for the status: what is absent, too short, too few. */
  detail: Detail[];
  /** What to gather, in plain words (from the rule). */
  missing: string;
  /** The sentence a letter makes when this holds (from the rule). */
  argument: string;
  sources: SourceDef[];
  /** The weakest confidence among the sources: a letter words `unconfirmed` cautiously. */
  confidence: Confidence;
}

export interface ReasonInPlay {
  id: DenialReason;
  /** `case` when listed in denial.reasons, `codes` when inferred from CARC/RARC codes. */
  from: 'case' | 'codes';
  codes?: string[];
}

export interface CaseFindings {
  reasons: ReasonInPlay[];
  ruleSets: { id: string; version: string; title: string; effective: string }[];
  findings: Finding[];
  summary: { requiredMissing: number; recommendedMissing: number; satisfied: number; notApplicable: number };
  /** No required item missing. */
  ready: boolean;
}

const CONFIDENCE_ORDER: Confidence[] = ['unconfirmed', 'secondary', 'primary'];

function weakest(sources: SourceDef[]): Confidence {
  let worst: Confidence = 'primary';
  for (const s of sources) if (CONFIDENCE_ORDER.indexOf(s.confidence) < CONFIDENCE_ORDER.indexOf(worst)) worst = s.confidence;
  return worst;
}

export function reasonsInPlay(c: Case, library: RuleLibrary): ReasonInPlay[] {
  const listed = c.denial.reasons ?? [];
  if (listed.length > 0) return listed.map((id) => ({ id, from: 'case' as const }));
  return inferReasons(c.denial.codes ?? [], library.reasons).map((r) => ({ id: r.reason, from: 'codes' as const, codes: r.codes }));
}

export interface CheckOptions extends SelectOptions {}

export function evaluateRuleSet(set: RuleSet, c: Case): Finding[] {
  const dates = { denialDate: c.denial.date, serviceDate: c.service.date ?? c.denial.date };
  return set.requirements.map((req) => {
    const ids = Array.isArray(req.source) ? req.source : [req.source];
    const sources = ids.map((id) => set.sources.find((s) => s.id === id)).filter((s): s is SourceDef => !!s);
    const base = {
      id: req.id,
      ruleSet: { id: set.id, version: set.version },
      title: req.title,
      severity: req.severity,
      answers: req.answers,
      missing: req.missing,
      argument: req.argument,
      sources,
      confidence: weakest(sources),
    };
    if (req.when && !evaluateCheck(req.when, c, dates).ok) {
      return { ...base, status: 'not-applicable' as const, evidence: [], detail: [] };
    }
    const result = evaluateCheck(req.check, c, dates);
    return { ...base, status: result.ok ? ('satisfied' as const) : ('missing' as const), evidence: result.evidence, detail: result.detail };
  });
}

/** Marks requirements made redundant by another applicable requirement's `supersedes`. */
function supersede(sets: readonly RuleSet[], findings: Finding[]): Finding[] {
  const by = new Map<string, string>();
  for (const set of sets) for (const req of set.requirements) for (const id of req.supersedes ?? []) by.set(id, req.id);
  if (by.size === 0) return findings;
  return findings.map((f) => {
    const winner = by.get(f.id);
    if (!winner || winner === f.id) return f;
    return { ...f, status: 'not-applicable' as const, evidence: [], detail: [{ code: 'requirement.superseded', args: { by: winner } }] };
  });
}

const STATUS_ORDER: Record<FindingStatus, number> = { missing: 0, satisfied: 1, 'not-applicable': 2 };

export function checkCase(c: Case, library: RuleLibrary, options: CheckOptions = {}): CaseFindings {
  const reasons = reasonsInPlay(c, library);
  const sets = selectRuleSets(library, c, reasons.map((r) => r.id), options);
  const findings = supersede(sets, sets.flatMap((s) => evaluateRuleSet(s, c)));
  // Missing required first, then missing recommended, then satisfied, then not applicable.
  findings.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.severity === b.severity ? 0 : a.severity === 'required' ? -1 : 1) ||
      0,
  );
  const summary = {
    requiredMissing: findings.filter((f) => f.status === 'missing' && f.severity === 'required').length,
    recommendedMissing: findings.filter((f) => f.status === 'missing' && f.severity === 'recommended').length,
    satisfied: findings.filter((f) => f.status === 'satisfied').length,
    notApplicable: findings.filter((f) => f.status === 'not-applicable').length,
  };
  return {
    reasons,
    ruleSets: sets.map((s) => ({ id: s.id, version: s.version, title: s.title, effective: s.effective })),
    findings,
    summary,
    ready: summary.requiredMissing === 0,
  };
}
