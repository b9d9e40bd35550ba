/**
 * The engine as functions: what the CLI and the library API both call. No printing,
 * no process.exit: failures are returned as data or thrown as InputError.
 */
import { loadCaseFile, parseCase, type LoadedCase } from './case/load.js';
import { formatPath } from './case/locate.js';
import { placeholderPaths, withPlaceholders } from './case/placeholders.js';
import type { Case } from './case/schema.js';
import { InputError } from './diagnostic.js';
import { checkCase as evaluate, type CaseFindings, type CheckOptions } from './rules/engine.js';
import type { RuleLibrary } from './rules/load.js';
import type { CaseReport } from './report/types.js';
import { computeAppealPath } from './deadlines/compute.js';
import { today } from './dates.js';

export interface CheckFileOptions extends CheckOptions {
  /** "Today" for days-left arithmetic (YYYY-MM-DD); the real date when absent. */
  asOf?: string;
}

export function checkCase(c: Case, library: RuleLibrary, options: CheckOptions = {}): CaseFindings {
  return evaluate(c, library, options);
}

/** Reads and checks one case file; an unreadable or invalid file becomes an `invalid` report. */
export async function checkFile(file: string, library: RuleLibrary, options: CheckFileOptions = {}): Promise<CaseReport> {
  try {
    const loaded = await loadCaseFile(file);
    try {
      return reportForLoaded(loaded, library, options);
    } catch (e) {
      // A pin in the case's own `rules:` that names no rule set or version: point at it.
      if (e instanceof InputError) {
        throw new InputError(e.diagnostics.map((d) => (d.file === 'rules' && d.path?.startsWith('rules.') ? { ...d, file, ...loaded.source.locate(['rules', d.path.slice('rules.'.length)]) } : d)));
      }
      throw e;
    }
  } catch (e) {
    if (e instanceof InputError) return { file, status: 'invalid', diagnostics: e.diagnostics };
    throw e;
  }
}

/** The report of a loaded case file; stand-in values left by `appeal init` keep it from being ready. */
export function reportForLoaded(loaded: LoadedCase, library: RuleLibrary, options: CheckFileOptions = {}): CaseReport {
  const report = reportFor(loaded.file, loaded.case, library, options);
  const placeholders = placeholderPaths(loaded.source.doc).map((p) => ({ path: formatPath(p), line: loaded.source.locate(p)?.line }));
  if (placeholders.length === 0 || !report.result) return report;
  return { ...report, status: 'missing', result: withPlaceholders(report.result, placeholders) };
}

export function reportFor(file: string, c: Case, library: RuleLibrary, options: CheckFileOptions = {}): CaseReport {
  const result = evaluate(c, library, options);
  return {
    file,
    status: result.ready ? 'ready' : 'missing',
    result,
    deadline: computeAppealPath(c, options.asOf ?? today()),
    treatment: c.service.treatment,
    reference: c.denial.reference,
  };
}

export { loadCaseFile, parseCase };

