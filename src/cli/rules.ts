/** `appeal rules list|show|lint`: what the engine will hold cases to, and checks for rule authors. */
import { isRealDate } from '../case/schema.js';
import { today } from '../dates.js';
import { summarizeCheck } from '../rules/check.js';
import { lintRules, type LintResult } from '../rules/lint.js';
import { loadRules, type RuleSet } from '../rules/load.js';
import type { SourceDef } from '../rules/schema.js';
import { resolveExtends } from '../rules/select.js';
import { EXIT, UsageError } from './io.js';
import { rulesDirs, type RulesFlags } from './rules-flags.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

function checkFormat(format: string | undefined): 'text' | 'json' {
  if (format === undefined || format === 'text' || format === 'json') return format ?? 'text';
  throw new UsageError(`unknown format \`${format}\`; use text or json`);
}

/** What a rule set applies to, in one cell: treatments, then reason:..., then plan:... */
function appliesCell(s: RuleSet): string {
  const { treatments = [], reasons = [], plans = [] } = s.applies;
  const parts = [...treatments, ...reasons.map((r) => `reason:${r}`), ...plans.map((p) => `plan:${p}`)];
  return parts.join(',') || 'all cases';
}

export interface RulesListFlags extends RulesFlags {
  format?: string;
}

export async function runRulesList(flags: RulesListFlags): Promise<number> {
  const format = checkFormat(flags.format);
  const { ruleSets } = loadRules({ dirs: rulesDirs(flags) });
  const sorted = [...ruleSets].sort((a, b) => a.id.localeCompare(b.id) || a.effective.localeCompare(b.effective) || a.version.localeCompare(b.version));
  if (format === 'json') {
    const out = sorted.map((s) => ({
      id: s.id,
      version: s.version,
      effective: s.effective,
      title: s.title,
      applies: s.applies,
      extends: s.extends ?? null,
      requirements: s.requirements.length,
      origin: s.origin,
      file: s.file,
    }));
    process.stdout.write(JSON.stringify({ ruleSets: out }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rows = [['ID', 'VERSION', 'EFFECTIVE', 'APPLIES TO', 'REQUIREMENTS', 'ORIGIN']];
  for (const s of sorted) {
    rows.push([s.extends ? `${s.id} (extends ${s.extends})` : s.id, s.version, s.effective, appliesCell(s), String(s.requirements.length), s.origin]);
  }
  process.stdout.write(table(rows));
  return EXIT.ok;
}

function latest(sets: readonly RuleSet[], id: string): RuleSet | undefined {
  return [...sets].filter((s) => s.id === id).sort((a, b) => b.effective.localeCompare(a.effective) || b.version.localeCompare(a.version))[0];
}

function sourceLine(s: SourceDef): string {
  return `${s.citation} [${s.confidence}, verified ${s.verified}]`;
}

export async function runRulesShow(ref: string, flags: RulesFlags): Promise<number> {
  const { ruleSets } = loadRules({ dirs: rulesDirs(flags) });
  const [id, version] = ref.split('@');
  const versions = ruleSets.filter((s) => s.id === id);
  if (versions.length === 0) {
    throw new UsageError(`no rule set \`${id}\`; see \`appeal rules list\``);
  }
  const set: RuleSet | undefined = version ? versions.find((s) => s.version === version) : latest(versions, id!);
  if (!set) throw new UsageError(`rule set ${id} has no version ${version}; versions: ${versions.map((s) => s.version).join(', ')}`);
  // A payer's set is shown with what it inherits, so the reader sees every requirement that applies.
  const resolved = resolveExtends(set, (base) => latest(ruleSets, base));
  const own = new Set(set.requirements.map((r) => r.id));
  const out: string[] = [
    `${set.id} ${set.version}: ${set.title}`,
    `effective ${set.effective}; ${set.origin} file ${set.file}`,
    `applies to: ${appliesCell(set)}`,
  ];
  if (set.extends) out.push(`extends: ${set.extends} (requirements marked "inherited" come from it)`);
  if (versions.length > 1) out.push(`versions: ${versions.map((s) => `${s.version} (effective ${s.effective})`).join(', ')}`);
  out.push('');
  for (const r of resolved.requirements) {
    const sources = (Array.isArray(r.source) ? r.source : [r.source]).map((sid) => resolved.sources.find((s) => s.id === sid));
    out.push(`${r.id}  (${r.severity}${own.has(r.id) ? '' : ', inherited'})  ${r.title}`);
    out.push(`  answers: ${r.answers.join(', ')}`);
    if (r.when) out.push(`  applies when: ${summarizeCheck(r.when)}`);
    out.push(`  check: ${summarizeCheck(r.check)}`);
    for (const s of sources) out.push(`  source: ${s ? sourceLine(s) : '(not defined)'}`);
    if (sources.some((s) => s?.confidence === 'unconfirmed')) out.push('  note: rests on an unconfirmed source; letters word it cautiously');
    out.push('');
  }
  out.push('Sources:');
  for (const s of resolved.sources) {
    out.push(`  ${s.id}: ${sourceLine(s)}`);
    if (s.url) out.push(`    ${s.url}`);
    if (s.note) out.push(`    note: ${s.note}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return EXIT.ok;
}

export interface RulesLintFlags {
  format?: string;
  date?: string;
}

export async function runRulesLint(paths: string[], flags: RulesLintFlags): Promise<number> {
  const format = checkFormat(flags.format);
  const asOf = flags.date ?? today();
  if (!isRealDate(asOf)) throw new UsageError(`--date takes a date written YYYY-MM-DD (got \`${flags.date}\`)`);
  const result = lintRules({ paths, asOf });
  process.stdout.write(format === 'json' ? JSON.stringify({ asOf, ...result }, null, 2) + '\n' : lintText(result));
  return result.errors > 0 ? EXIT.invalid : EXIT.ok;
}

function lintText(r: LintResult): string {
  const lines = r.findings.map((f) => {
    const where = f.line !== undefined ? `${f.file}:${f.line}:${f.column ?? 1}` : f.file;
    return `${where}: ${f.severity} ${f.code}:${f.path ? ` ${f.path}:` : ''} ${f.message}${f.hint ? ` (${f.hint})` : ''}`;
  });
  const files = `${r.files.length} file${r.files.length === 1 ? '' : 's'}`;
  const warnings = `${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
  if (r.errors > 0) lines.push(`${files}: ${r.errors} error${r.errors === 1 ? '' : 's'}, ${warnings}`);
  else lines.push(`${files}: no errors${r.warnings > 0 ? `, ${warnings} (warnings do not fail the lint)` : ''}`);
  return lines.join('\n') + '\n';
}
