/** `appeal check FILE|DIR...`: validate cases and list what is missing. */
import { checkFile } from '../api.js';
import { FORMATTERS, type CaseReport } from '../report/index.js';
import { loadRules } from '../rules/load.js';
import { EXIT, UsageError, useColor } from './io.js';
import { expandInputs } from './inputs.js';
import { parsePins, rulesDirs, type RulesFlags } from './rules-flags.js';

export interface CheckFlags extends RulesFlags {
  format: string;
  recursive?: boolean;
  color?: boolean;
  verbose?: boolean;
}

export async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  const formatter = FORMATTERS[flags.format];
  if (!formatter) throw new UsageError(`unknown format \`${flags.format}\`; use one of ${Object.keys(FORMATTERS).join(', ')}`);
  const library = loadRules({ dirs: rulesDirs(flags) });
  const pins = parsePins(flags.rulesVersion);
  const { files, problems } = expandInputs(paths, { recursive: flags.recursive });
  const reports: CaseReport[] = problems.map((d) => ({ file: d.file, status: 'invalid', diagnostics: [d] }));
  for (const file of files) reports.push(await checkFile(file, library, { pins }));
  process.stdout.write(formatter(reports, { color: useColor(process.stdout, flags.color), verbose: flags.verbose }));
  if (reports.some((r) => r.status === 'invalid')) return EXIT.invalid;
  if (reports.some((r) => r.status === 'missing')) return EXIT.incomplete;
  return EXIT.ok;
}
