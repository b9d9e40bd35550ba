/**
 * The engine as functions: what the CLI and the library API both call. No printing,
 * no process.exit: failures are returned as data or thrown as InputError.
 */
import { loadCaseFile, parseCase } from './case/load.js';
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
    return reportFor(file, loaded.case, library, options);
  } catch (e) {
    if (e instanceof InputError) return { file, status: 'invalid', diagnostics: e.diagnostics };
    throw e;
  }
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

