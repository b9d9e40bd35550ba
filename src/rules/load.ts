/**
 * Loading the rule library: the shipped rules/ directory plus the user's own directories
 * (--rules DIR, APPEAL_RULES). Every file is validated; every problem found, in any file,
 * is reported together with its file:line:column.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest, InputError, type Diagnostic } from '../diagnostic.js';
import { parseYamlSource, validateWith, dottedPath, type YamlSource } from '../yaml-source.js';
import { RuleSetSchema, type RuleSetFile } from './schema.js';
import { ReasonCatalogueSchema, type ReasonCatalogue } from './reasons.js';
import { validateCheck } from './check.js';
import { decodeInput } from '../input-text.js';

/** A rule file is a few kilobytes; the cap keeps a stray large file from stalling every command. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;
import { fingerprint, readSnapshot } from './snapshot.js';

/** The rules/ directory shipped with the package (two levels up from src/rules or dist/rules). */
export const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Files and folders under rules/ that hold other data than rule sets. */
const NOT_RULE_SETS = new Set(['reasons.yaml', 'deadlines', 'denial-phrases.yaml', 'mme-factors.yaml', 'README.md']);

import type { RuleSet } from './schema.js';
export type { RuleSet };

export interface RuleLibrary {
  ruleSets: RuleSet[];
  reasons: ReasonCatalogue;
}

export interface LoadRulesOptions {
  /** User rule directories, in order; later ones override earlier ones. */
  dirs?: readonly string[];
  /** Load the shipped rules (default true). */
  shipped?: boolean;
  /** Use dist/rules.json for the shipped rules when it matches them (default true). */
  snapshot?: boolean;
}

/** The shipped rule sets and reason catalogue, from the build's snapshot when it is fresh. */
function shippedFromSnapshot(): RuleLibrary | undefined {
  let files: string[];
  try {
    files = [...yamlFilesUnder(SHIPPED_RULES_DIR, true), join(SHIPPED_RULES_DIR, 'reasons.yaml')];
    const found = readSnapshot(fingerprint(SHIPPED_RULES_DIR, files));
    return found && { ruleSets: found.ruleSets, reasons: found.reasons };
  } catch {
    return undefined;
  }
}

/** What the build writes to dist/rules.json (see snapshot.ts). Throws if rules/ is invalid. */
export function buildSnapshot() {
  const library = loadRules({ dirs: [], snapshot: false });
  const files = [...yamlFilesUnder(SHIPPED_RULES_DIR, true), join(SHIPPED_RULES_DIR, 'reasons.yaml')];
  return { fingerprint: fingerprint(SHIPPED_RULES_DIR, files), ...library };
}

/** The YAML files under a rules directory, sorted; `skipReserved` leaves out the shipped non-rule-set data. */
export function yamlFilesUnder(dir: string, skipReserved: boolean): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (skipReserved && d === dir && NOT_RULE_SETS.has(entry.name)) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function keysOf(schema: unknown, path: PropertyKey[]): string[] {
  // Only the top level and a requirement have keys worth suggesting.
  const shape = (s: unknown) => Object.keys((s as { shape?: object }).shape ?? {});
  if (path.length === 0) return shape(RuleSetSchema);
  if (path[0] === 'requirements') return ['id', 'aliases', 'title', 'severity', 'answers', 'when', 'check', 'missing', 'argument', 'source', 'docs', 'supersedes'];
  if (path[0] === 'sources') return ['id', 'citation', 'url', 'confidence', 'verified', 'note'];
  if (path[0] === 'applies') return ['treatments', 'reasons', 'plans'];
  return shape(schema);
}

/** Parses and validates one rule-set file; returns its problems rather than throwing. */
export function readRuleSetFile(file: string, label = file): { ruleSet?: RuleSetFile; source?: YamlSource; diagnostics: Diagnostic[] } {
  try {
    const { source, value } = parseYamlSource(decodeInput(readFileSync(file), label, MAX_RULE_FILE_BYTES, 'rule file'), label);
    const ruleSet = validateWith(RuleSetSchema, value, source, (p) => keysOf(RuleSetSchema, p));
    const diagnostics: Diagnostic[] = [];
    ruleSet.requirements.forEach((req, i) => {
      for (const key of ['when', 'check'] as const) {
        const expr = req[key];
        if (expr === undefined) continue;
        for (const problem of validateCheck(expr, ['requirements', i, key])) {
          diagnostics.push({
            code: problem.code,
            file: label,
            ...source.locate(problem.path),
            path: dottedPath(problem.path),
            message: problem.message,
            hint: problem.hint,
          });
        }
      }
    });
    return { ruleSet, source, diagnostics };
  } catch (e) {
    if (e instanceof InputError) return { diagnostics: e.diagnostics };
    return { diagnostics: [{ code: 'file-unreadable', file: label, message: (e as Error).message }] };
  }
}

export function loadReasonCatalogue(dir = SHIPPED_RULES_DIR): ReasonCatalogue {
  const file = join(dir, 'reasons.yaml');
  const { source, value } = parseYamlSource(readFileSync(file, 'utf8'), file);
  return validateWith(ReasonCatalogueSchema, value, source);
}

/** Loads every rule set; throws one InputError listing every problem in every file. */
export function loadRules(options: LoadRulesOptions = {}): RuleLibrary {
  const diagnostics: Diagnostic[] = [];
  const ruleSets: RuleSet[] = [];
  const extendsAt = new Map<RuleSet, { line: number; column: number }>();
  const roots: { dir: string; origin: RuleSet['origin'] }[] = [];
  const snapshot = options.shipped !== false && options.snapshot !== false ? shippedFromSnapshot() : undefined;
  if (snapshot) ruleSets.push(...snapshot.ruleSets);
  else if (options.shipped !== false) roots.push({ dir: SHIPPED_RULES_DIR, origin: 'shipped' });
  for (const dir of options.dirs ?? []) roots.push({ dir, origin: 'user' });
  // Which root each loaded set came from: a later root replaces an earlier one's set of the
  // same id and version, but two files of one root defining it is a mistake.
  const rootOf = new Map<RuleSet, number>();
  for (const [rootIndex, { dir, origin }] of roots.entries()) {
    let files: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      files = yamlFilesUnder(dir, origin === 'shipped');
    } catch {
      diagnostics.push({ code: 'rules-dir', file: dir, message: 'cannot read this rules directory', hint: 'check the path given to --rules or APPEAL_RULES' });
      continue;
    }
    for (const file of files) {
      const label = origin === 'shipped' ? join('rules', relative(dir, file)) : file;
      const { ruleSet, source, diagnostics: found } = readRuleSetFile(file, label);
      diagnostics.push(...found);
      if (ruleSet && found.length === 0) {
        // A user's rule set with the same id and version replaces the shipped one.
        const same = ruleSets.findIndex((r) => r.id === ruleSet.id && r.version === ruleSet.version);
        if (same >= 0) {
          if (rootOf.get(ruleSets[same]!) === rootIndex) {
            diagnostics.push({ code: 'duplicate-rule-set', file: label, message: `rule set ${ruleSet.id} version ${ruleSet.version} is also defined in ${ruleSets[same]!.file}` });
          }
          ruleSets.splice(same, 1);
        }
        const loaded: RuleSet = { ...ruleSet, file: label, origin };
        rootOf.set(loaded, rootIndex);
        ruleSets.push(loaded);
        if (ruleSet.extends !== undefined && source) extendsAt.set(loaded, source.locate(['extends']));
      }
    }
  }
  diagnostics.push(...extendsDiagnostics(ruleSets, extendsAt));
  let reasons: ReasonCatalogue = { sources: [], reasons: [] };
  try {
    reasons = snapshot?.reasons ?? loadReasonCatalogue();
  } catch (e) {
    if (e instanceof InputError) diagnostics.push(...e.diagnostics);
    else throw e;
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  return { ruleSets, reasons };
}

/**
 * `extends` is checked when the library loads, not only when a case selects the rule set,
 * so `appeal rules list` already reports a base that does not exist or a cycle (A extends B
 * extends A), which would otherwise recurse when a case is checked.
 */
function extendsDiagnostics(ruleSets: readonly RuleSet[], at: Map<RuleSet, { line: number; column: number }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Set(ruleSets.map((s) => s.id));
  const bases = new Map<string, Set<string>>();
  for (const s of ruleSets) {
    if (s.extends === undefined) continue;
    if (!ids.has(s.extends)) {
      const guess = closest(s.extends, [...ids]);
      out.push({ code: 'extends-unknown', file: s.file, ...at.get(s), path: 'extends', message: `extends an unknown rule set \`${s.extends}\``, hint: guess ? `did you mean \`${guess}\`?` : 'see `appeal rules list` for the rule sets loaded' });
      continue;
    }
    if (!bases.has(s.id)) bases.set(s.id, new Set());
    bases.get(s.id)!.add(s.extends);
  }
  // Any version of A extending any version of B is an edge A -> B; a cycle is an error on each member's file.
  const reported = new Set<string>();
  for (const s of ruleSets) {
    if (s.extends === undefined || reported.has(s.id)) continue;
    const cycle = cycleFrom(s.id, bases);
    if (!cycle) continue;
    for (const id of cycle) reported.add(id);
    for (const member of ruleSets.filter((r) => cycle.includes(r.id) && r.extends !== undefined && cycle.includes(r.extends))) {
      out.push({ code: 'extends-cycle', file: member.file, ...at.get(member), path: 'extends', message: `rule sets extend each other in a cycle: ${[...cycle, cycle[0]].join(' -> ')}`, hint: 'a rule set can extend a base, but the base cannot extend it back' });
    }
  }
  return out;
}

/** The ids of a cycle reachable from `start` that passes through `start`, if any. */
function cycleFrom(start: string, bases: Map<string, Set<string>>): string[] | undefined {
  const stack: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const { id, path } = stack.pop()!;
    for (const next of bases.get(id) ?? []) {
      if (next === start) return path;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push({ id: next, path: [...path, next] });
    }
  }
  return undefined;
}
