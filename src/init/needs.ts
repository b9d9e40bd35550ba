/**
 * What the rule sets will look for in a case: walking the `check` and `when` expressions of
 * every requirement that applies to a treatment, plan and set of denial reasons, and
 * collecting which case sections (documents of which kinds, medications of which classes,
 * procedures, therapies, measures, diagnoses, plain fields) they read, and why.
 *
 * This is what makes the interview and the skeleton follow the rules instead of a list kept
 * by hand per treatment: add a requirement to a rule set and init asks for it.
 */
import type { Case, DenialReason, PlanType, Treatment } from '../case/schema.js';
import type { RuleLibrary } from '../rules/load.js';
import { selectRuleSets } from '../rules/select.js';

export type Section = 'documents' | 'medications' | 'therapies' | 'procedures' | 'measures' | 'diagnoses' | 'field';

/** Why a section is needed: the requirement that reads it. */
export interface NeedReason {
  requirement: string;
  title: string;
  severity: 'required' | 'recommended';
  /** The rule's own "what to gather" text. */
  missing: string;
}

export interface Need {
  section: Section;
  /** Kinds or classes the checks name (empty: any kind); for `field`, the dotted path. */
  kinds: string[];
  /** For each kind (or `*` for checks naming none), the requirements that look for it. */
  byKind: Map<string, NeedReason[]>;
  /** Diagnosis code patterns, for `diagnoses`. */
  codes: string[];
  because: NeedReason[];
}

export interface Needs {
  ruleSets: { id: string; version: string; title: string }[];
  bySection: Map<string, Need>;
}

const SECTION_OF: Record<string, Section> = {
  document: 'documents',
  medications: 'medications',
  therapy: 'therapies',
  procedure: 'procedures',
  procedures_apart: 'procedures',
  frequency: 'procedures',
  measure: 'measures',
  diagnosis: 'diagnoses',
  field: 'field',
};

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Every leaf predicate of a check expression, with its parameters. */
export function leaves(expr: unknown): { name: string; params: Record<string, unknown> }[] {
  if (expr === null || typeof expr !== 'object') return [];
  const [name, params] = Object.entries(expr as Record<string, unknown>)[0] ?? [];
  if (!name) return [];
  if (name === 'all' || name === 'any') return (params as unknown[]).flatMap(leaves);
  if (name === 'not') return leaves(params);
  return [{ name, params: (params ?? {}) as Record<string, unknown> }];
}

/** A stand-in case with only what rule selection reads: treatment, plan, denial date. */
function probeCase(treatment: Treatment, plan: PlanType, denialDate: string, reasons: DenialReason[]): Case {
  return {
    version: 1,
    author: 'patient',
    patient: { name: '-', date_of_birth: '1970-01-01', address: '-' },
    plan: { insurer: '-', type: plan, member_id: '-' },
    provider: { name: '-', specialty: '-' },
    service: { treatment, description: '-' },
    denial: { date: denialDate, reference: '-', stage: 'pre-service', level: 'initial', reasons },
    requested: { outcome: '-' },
  };
}

export function needsFor(
  library: RuleLibrary,
  q: { treatment: Treatment; plan: PlanType; denialDate: string; reasons: DenialReason[] },
): Needs {
  const sets = selectRuleSets(library, probeCase(q.treatment, q.plan, q.denialDate, q.reasons), q.reasons);
  const bySection = new Map<string, Need>();
  for (const set of sets) {
    for (const req of set.requirements) {
      const because: NeedReason = { requirement: req.id, title: req.title, severity: req.severity, missing: req.missing };
      for (const leaf of [...leaves(req.check), ...leaves(req.when)]) {
        const section = SECTION_OF[leaf.name];
        if (!section) continue;
        const key = section === 'field' ? `field:${String(leaf.params.path)}` : section;
        const need: Need = bySection.get(key) ?? { section, kinds: [], byKind: new Map(), codes: [], because: [] };
        const kinds = section === 'field' ? [String(leaf.params.path)] : section === 'medications' ? list(leaf.params.class) : list(leaf.params.kind);
        for (const k of kinds) if (!need.kinds.includes(k)) need.kinds.push(k);
        for (const k of kinds.length > 0 ? kinds : ['*']) {
          const reqs = need.byKind.get(k) ?? [];
          if (!reqs.some((b) => b.requirement === req.id)) reqs.push(because);
          need.byKind.set(k, reqs);
        }
        for (const c of list(leaf.params.code)) if (!need.codes.includes(c)) need.codes.push(c);
        if (!need.because.some((b) => b.requirement === req.id)) need.because.push(because);
        bySection.set(key, need);
      }
    }
  }
  return { ruleSets: sets.map((s) => ({ id: s.id, version: s.version, title: s.title })), bySection };
}

