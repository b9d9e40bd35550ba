/**
 * `appeal rules lint`: checks rule-set files beyond what loading needs, so an author finds
 * every mistake at once, each with file:line:column and a stable code. The loader refuses a
 * broken file; lint also finds what loads but is wrong or doubtful (a source nobody cites,
 * one not re-read for a year, a requirement id used twice).
 *
 * Codes (errors unless marked):
 *   yaml-syntax, duplicate-key, too-deep, alias-limit, empty-file, not-a-mapping,
 *   unknown-key, invalid-value, invalid-type, invalid, file-unreadable   (file and schema)
 *   check-shape, unknown-predicate, predicate-params                     (check and when)
 *   requirement-no-source     a requirement cites no source
 *   source-undefined          a requirement cites a source the set does not define
 *   duplicate-source-id       two sources of one set share an id
 *   duplicate-requirement-id  an id used twice in a set, or in two unrelated sets
 *   duplicate-rule-set        two files define the same id and version
 *   extends-unknown           `extends` names a rule set that does not exist
 *   extends-cycle             rule sets extend each other in a circle
 *   source-unused    warning  a source no requirement cites
 *   source-stale     warning  a source not verified for over a year
 */
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { closest, type Diagnostic } from '../diagnostic.js';
import { daysBetween } from '../dates.js';
import { dottedPath, type YamlSource } from '../yaml-source.js';
import { readRuleSetFile, SHIPPED_RULES_DIR, yamlFilesUnder } from './load.js';
import type { RuleSetFile } from './schema.js';

export type LintSeverity = 'error' | 'warning';

export interface LintFinding extends Diagnostic {
  severity: LintSeverity;
}

export interface LintResult {
  files: string[];
  findings: LintFinding[];
  errors: number;
  warnings: number;
}

export interface LintOptions {
  /** Files or directories to lint; none means the shipped rules. */
  paths?: readonly string[];
  /** The day "not verified for over a year" is measured from (YYYY-MM-DD). */
  asOf: string;
  /** Days after which a source's `verified` date is stale (default 365). */
  staleDays?: number;
}

interface Parsed {
  file: string;
  set: RuleSetFile;
  source: YamlSource;
  /** Whether findings in this file are reported (the shipped context is not, when linting a user's directory). */
  linted: boolean;
}

const sourceIds = (source: string | string[]) => (Array.isArray(source) ? source : [source]);

function filesOf(path: string, shipped: boolean): string[] {
  return statSync(path).isDirectory() ? yamlFilesUnder(path, shipped) : [path];
}

export function lintRules(options: LintOptions): LintResult {
  const findings: LintFinding[] = [];
  const staleDays = options.staleDays ?? 365;
  const userPaths = options.paths ?? [];
  const shippedOnly = userPaths.length === 0;
  const add = (severity: LintSeverity, d: Diagnostic) => findings.push({ severity, ...d });

  // The shipped rules are always read: user sets extend them and may reuse their ids.
  const inputs: { file: string; label: string; linted: boolean }[] = yamlFilesUnder(SHIPPED_RULES_DIR, true).map((f) => ({
    file: f,
    label: join('rules', relative(SHIPPED_RULES_DIR, f)),
    linted: shippedOnly,
  }));
  for (const path of userPaths) {
    let files: string[];
    try {
      files = filesOf(path, false);
    } catch {
      add('error', { code: 'rules-dir', file: path, message: 'cannot read this file or directory' });
      continue;
    }
    for (const f of files) inputs.push({ file: f, label: f, linted: true });
  }

  const parsed: Parsed[] = [];
  for (const { file, label, linted } of inputs) {
    const { ruleSet, source, diagnostics } = readRuleSetFile(file, label);
    if (linted) for (const d of renameMissingSource(diagnostics)) add('error', d);
    if (ruleSet && source) parsed.push({ file: label, set: ruleSet, source, linted });
  }

  const at = (p: Parsed, path: (string | number)[]) => ({ file: p.file, ...p.source.locate(path), path: dottedPath(path) });
  const byId = new Map<string, Parsed[]>();
  for (const p of parsed) byId.set(p.set.id, [...(byId.get(p.set.id) ?? []), p]);

  // duplicate-rule-set: among the linted files only; a user's file with a shipped id and
  // version is a documented replacement, not a duplicate.
  const seenVersion = new Map<string, Parsed>();
  for (const p of parsed.filter((x) => x.linted)) {
    const key = `${p.set.id}@${p.set.version}`;
    const first = seenVersion.get(key);
    if (first) add('error', { code: 'duplicate-rule-set', ...at(p, ['version']), message: `rule set ${p.set.id} version ${p.set.version} is also defined in ${first.file}` });
    else seenVersion.set(key, p);
  }

  // extends: unknown base, or a cycle.
  const ancestors = (p: Parsed): string[] => {
    const chain: string[] = [];
    let base = p.set.extends;
    while (base !== undefined && !chain.includes(base) && base !== p.set.id) {
      chain.push(base);
      base = byId.get(base)?.[0]?.set.extends;
    }
    return chain;
  };
  for (const p of parsed.filter((x) => x.linted && x.set.extends !== undefined)) {
    const base = p.set.extends!;
    if (!byId.has(base)) {
      add('error', { code: 'extends-unknown', ...at(p, ['extends']), message: `extends unknown rule set \`${base}\``, hint: closestHint(base, [...byId.keys()]) });
      continue;
    }
    const chain = [p.set.id];
    let next: string | undefined = base;
    while (next !== undefined && !chain.includes(next)) {
      chain.push(next);
      next = byId.get(next)?.[0]?.set.extends;
    }
    if (next !== undefined) add('error', { code: 'extends-cycle', ...at(p, ['extends']), message: `rule sets extend each other in a cycle: ${[...chain, next].join(' -> ')}` });
  }

  // Per set: sources and requirement ids.
  const requirementOwners = new Map<string, Parsed[]>();
  for (const p of parsed) {
    const { set } = p;
    const ownSources = new Map<string, number>();
    set.sources.forEach((s, i) => {
      if (ownSources.has(s.id)) {
        if (p.linted) add('error', { code: 'duplicate-source-id', ...at(p, ['sources', i, 'id']), message: `source id \`${s.id}\` is defined twice in this rule set` });
      } else ownSources.set(s.id, i);
    });
    // Sources a requirement may cite: its own and those of every set it extends.
    const citable = new Set([...ownSources.keys(), ...ancestors(p).flatMap((id) => (byId.get(id) ?? []).flatMap((b) => b.set.sources.map((s) => s.id)))]);
    const cited = new Set<string>();
    const reqIds = new Set<string>();
    set.requirements.forEach((req, i) => {
      if (reqIds.has(req.id)) {
        if (p.linted) add('error', { code: 'duplicate-requirement-id', ...at(p, ['requirements', i, 'id']), message: `requirement id \`${req.id}\` is used twice in this rule set` });
      }
      reqIds.add(req.id);
      requirementOwners.set(req.id, [...(requirementOwners.get(req.id) ?? []), p]);
      sourceIds(req.source).forEach((sid, j) => {
        cited.add(sid);
        if (p.linted && !citable.has(sid)) {
          const path = Array.isArray(req.source) ? ['requirements', i, 'source', j] : ['requirements', i, 'source'];
          add('error', { code: 'source-undefined', ...at(p, path), message: `source \`${sid}\` is not defined in this rule set`, hint: closestHint(sid, [...citable]) ?? 'add it under sources' });
        }
      });
    });
    if (!p.linted) continue;
    set.sources.forEach((s, i) => {
      if (!cited.has(s.id) && !citedByExtenders(s.id, set.id, parsed)) {
        add('warning', { code: 'source-unused', ...at(p, ['sources', i, 'id']), message: `source \`${s.id}\` is not cited by any requirement` });
      }
      const age = daysBetween(s.verified, options.asOf);
      if (age > staleDays) {
        add('warning', { code: 'source-stale', ...at(p, ['sources', i, 'verified']), message: `source \`${s.id}\` was last verified ${age} days before ${options.asOf}`, hint: `re-read it, then update \`verified\`; the limit is ${staleDays} days` });
      }
    });
  }

  // The same requirement id in two rule sets is an error unless they are versions of one
  // set, or one extends the other (which is how a payer's set replaces a base requirement).
  for (const [reqId, owners] of requirementOwners) {
    const related = (a: Parsed, b: Parsed) =>
      a.set.id === b.set.id || ancestors(a).includes(b.set.id) || ancestors(b).includes(a.set.id);
    owners.forEach((p, k) => {
      // Report each clash once, on the later linted file (or on the user's file when the
      // other owner is a shipped set that is not being linted).
      const other = owners.find((o, j) => o !== p && !related(p, o) && (!o.linted || j < k));
      if (!p.linted || !other) return;
      const i = p.set.requirements.findIndex((r) => r.id === reqId);
      add('error', { code: 'duplicate-requirement-id', ...at(p, ['requirements', i, 'id']), message: `requirement id \`${reqId}\` is also used by rule set ${other.set.id} (${other.file})` });
    });
  }

  findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code));
  const files = inputs.filter((x) => x.linted).map((x) => x.label);
  return {
    files,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** A requirement with no source fails the schema; say so in the rule's own terms. */
function renameMissingSource(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.path !== undefined && /^requirements\[\d+\]\.source$/.test(d.path) && d.code === 'invalid'
      ? { ...d, code: 'requirement-no-source', message: 'the requirement cites no source', hint: 'add `source:` with the id of one of the sources of this rule set' }
      : d,
  );
}

function citedByExtenders(sourceId: string, setId: string, parsed: Parsed[]): boolean {
  return parsed.some((p) => p.set.extends === setId && p.set.requirements.some((r) => sourceIds(r.source).includes(sourceId)));
}

function closestHint(word: string, candidates: string[]): string | undefined {
  const guess = closest(word, candidates);
  return guess ? `did you mean \`${guess}\`?` : undefined;
}
