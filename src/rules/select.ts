/**
 * Which rule sets govern a case: for each rule-set id, the version in force on the denial
 * date (or the pinned one), if it applies to the case's treatment, reasons and plan; a
 * payer's rule set that `extends` another takes its place for the cases it applies to.
 */
import type { Case, DenialReason } from '../case/schema.js';
import { closest, InputError } from '../diagnostic.js';
import type { RuleLibrary, RuleSet } from './load.js';

export interface SelectOptions {
  /** rule-set id -> version, from --rules-version; wins over the case's own `rules:` pins. */
  pins?: Readonly<Record<string, string>>;
}

/** The version of `id` in force on `date`: the latest whose effective date is not after it. */
export function versionInForce(sets: readonly RuleSet[], id: string, date: string): RuleSet | undefined {
  let best: RuleSet | undefined;
  for (const s of sets) {
    if (s.id !== id || s.effective > date) continue;
    if (!best || s.effective > best.effective || (s.effective === best.effective && s.version > best.version)) best = s;
  }
  return best;
}

export function appliesTo(set: RuleSet, c: Case, reasons: readonly DenialReason[]): boolean {
  const { treatments, reasons: setReasons, plans } = set.applies;
  if (treatments && treatments.length > 0 && !treatments.includes(c.service.treatment)) return false;
  if (setReasons && setReasons.length > 0 && !setReasons.some((r) => reasons.includes(r))) return false;
  if (plans && plans.length > 0 && !plans.includes(c.plan.type)) return false;
  return true;
}

/** Resolves `extends`: the base's requirements, replaced or added to by id. */
export function resolveExtends(set: RuleSet, byId: (id: string) => RuleSet | undefined, seen: string[] = []): RuleSet {
  if (!set.extends) return set;
  if (seen.includes(set.id)) {
    throw new InputError([{ code: 'extends-cycle', file: set.file, path: 'extends', message: `rule sets extend each other in a cycle: ${[...seen, set.id].join(' -> ')}` }]);
  }
  const base = byId(set.extends);
  if (!base) {
    throw new InputError([{ code: 'extends-unknown', file: set.file, path: 'extends', message: `extends unknown rule set \`${set.extends}\`` }]);
  }
  const resolvedBase = resolveExtends(base, byId, [...seen, set.id]);
  const own = new Map(set.requirements.map((r) => [r.id, r]));
  const requirements = resolvedBase.requirements.map((r) => own.get(r.id) ?? r);
  for (const r of set.requirements) if (!resolvedBase.requirements.some((b) => b.id === r.id)) requirements.push(r);
  const sources = [...resolvedBase.sources.filter((s) => !set.sources.some((o) => o.id === s.id)), ...set.sources];
  return { ...set, requirements, sources };
}

export function selectRuleSets(library: RuleLibrary, c: Case, reasons: readonly DenialReason[], options: SelectOptions = {}): RuleSet[] {
  const ids = [...new Set(library.ruleSets.map((s) => s.id))];
  const pins = { ...(c.rules ?? {}), ...(options.pins ?? {}) };
  for (const id of Object.keys(pins)) {
    if (!ids.includes(id)) {
      const guess = closest(id, ids);
      throw new InputError([{ code: 'unknown-rule-set', file: 'rules', path: `rules.${id}`, message: `no rule set \`${id}\` to pin`, hint: guess ? `did you mean \`${guess}\`?` : `rule sets: ${ids.join(', ')}` }]);
    }
  }
  const chosen = new Map<string, RuleSet>();
  for (const id of ids) {
    let set: RuleSet | undefined;
    const pinned = Object.hasOwn(pins, id) ? pins[id] : undefined;
    if (pinned !== undefined) {
      set = library.ruleSets.find((s) => s.id === id && s.version === pinned);
      if (!set) {
        const known = library.ruleSets.filter((s) => s.id === id).map((s) => s.version);
        throw new InputError([{ code: 'unknown-rules-version', file: 'rules', path: `rules.${id}`, message: `rule set ${id} has no version ${pinned}`, hint: `versions: ${known.join(', ')}` }]);
      }
    } else {
      set = versionInForce(library.ruleSets, id, c.denial.date);
    }
    if (set) chosen.set(id, set);
  }
  const byId = (id: string) => chosen.get(id);
  const applicable = [...chosen.values()].filter((s) => appliesTo(s, c, reasons)).map((s) => resolveExtends(s, byId));
  // A rule set that extends another replaces it for this case.
  const replaced = new Set(applicable.map((s) => s.extends).filter((x): x is string => !!x));
  return applicable.filter((s) => !replaced.has(s.id)).sort((a, b) => a.id.localeCompare(b.id));
}
