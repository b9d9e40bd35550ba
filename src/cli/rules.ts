/** `appeal rules list|show`: what the engine will hold cases to. */
import { summarizeCheck } from '../rules/check.js';
import { loadRules, type RuleSet } from '../rules/load.js';
import { UsageError } from './io.js';
import { rulesDirs, type RulesFlags } from './rules-flags.js';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function runRulesList(flags: RulesFlags): Promise<number> {
  const { ruleSets } = loadRules({ dirs: rulesDirs(flags) });
  const sorted = [...ruleSets].sort((a, b) => a.id.localeCompare(b.id) || a.effective.localeCompare(b.effective));
  const rows = [['ID', 'VERSION', 'EFFECTIVE', 'APPLIES TO', 'REQUIREMENTS', 'ORIGIN']];
  for (const s of sorted) {
    const applies = [...(s.applies.treatments ?? []), ...(s.applies.reasons ?? []).map((r) => `reason:${r}`)].join(',') || 'all cases';
    rows.push([s.id, s.version, s.effective, applies, String(s.requirements.length), s.origin]);
  }
  process.stdout.write(table(rows));
  return 0;
}

export async function runRulesShow(ref: string, flags: RulesFlags): Promise<number> {
  const { ruleSets } = loadRules({ dirs: rulesDirs(flags) });
  const [id, version] = ref.split('@');
  const versions = ruleSets.filter((s) => s.id === id);
  if (versions.length === 0) {
    throw new UsageError(`no rule set \`${id}\`; see \`appeal rules list\``);
  }
  const set: RuleSet | undefined = version
    ? versions.find((s) => s.version === version)
    : [...versions].sort((a, b) => b.effective.localeCompare(a.effective))[0];
  if (!set) throw new UsageError(`rule set ${id} has no version ${version}; versions: ${versions.map((s) => s.version).join(', ')}`);
  const out: string[] = [
    `${set.id} ${set.version}: ${set.title}`,
    `effective ${set.effective}; file ${set.file}`,
    `applies to: ${JSON.stringify(set.applies)}`,
    '',
  ];
  for (const r of set.requirements) {
    const src = (Array.isArray(r.source) ? r.source : [r.source])
      .map((sid) => set.sources.find((s) => s.id === sid))
      .map((s) => (s ? `${s.citation} [${s.confidence}]` : '(undefined source)'));
    out.push(`${r.id}  (${r.severity})  ${r.title}`);
    out.push(`  answers: ${r.answers.join(', ')}`);
    if (r.when) out.push(`  applies when: ${summarizeCheck(r.when)}`);
    out.push(`  check: ${summarizeCheck(r.check)}`);
    out.push(`  source: ${src.join('; ')}`);
    out.push('');
  }
  process.stdout.write(out.join('\n'));
  return 0;
}
