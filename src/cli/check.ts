/** `appeal check FILE|DIR...`: validate cases and list what is missing. */
import { checkFile } from '../api.js';
import { FORMATTERS, type CaseReport } from '../report/index.js';
import { loadRules } from '../rules/load.js';
import { EXIT, UsageError, useColor } from './io.js';
import { expandInputs } from './inputs.js';
import { parsePins, rulesDirs, type RulesFlags } from './rules-flags.js';
import { loadDeadlines } from '../deadlines/load.js';
import { parseDateFlag } from './date-flag.js';

export interface CheckFlags extends RulesFlags {
  format: string;
  recursive?: boolean;
  color?: boolean;
  verbose?: boolean;
  date?: string;
}

export async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  const formatter = FORMATTERS[flags.format];
  if (!formatter) throw new UsageError(`unknown format \`${flags.format}\`; use one of ${Object.keys(FORMATTERS).join(', ')}`);
  const library = loadRules({ dirs: rulesDirs(flags) });
  loadDeadlines(); // a broken deadline table is invalid input for every case: fail before the run
  const pins = parsePins(flags.rulesVersion);
  const asOf = parseDateFlag(flags.date);
  const { files, problems } = expandInputs(paths, { recursive: flags.recursive });
  const reports: CaseReport[] = problems.map((d) => ({ file: d.file, status: 'invalid', diagnostics: [d] }));
  for (const file of files) reports.push(await checkFile(file, library, { pins, asOf }));
  process.stdout.write(formatter(reports, { color: useColor(process.stdout, flags.color), verbose: flags.verbose }));
  if (reports.some((r) => r.status === 'invalid')) return EXIT.invalid;
  if (reports.some((r) => r.status === 'missing')) return EXIT.incomplete;
  return EXIT.ok;
}
