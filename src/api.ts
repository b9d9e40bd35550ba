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

export function checkCase(c: Case, library: RuleLibrary, options: CheckOptions = {}): CaseFindings {
  return evaluate(c, library, options);
}

/** Reads and checks one case file; an unreadable or invalid file becomes an `invalid` report. */
export async function checkFile(file: string, library: RuleLibrary, options: CheckOptions = {}): Promise<CaseReport> {
  try {
    const loaded = await loadCaseFile(file);
    try {
      return reportFor(file, loaded.case, library, options);
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

export function reportFor(file: string, c: Case, library: RuleLibrary, options: CheckOptions = {}): CaseReport {
  const result = evaluate(c, library, options);
  return {
    file,
    status: result.ready ? 'ready' : 'missing',
    result,
    treatment: c.service.treatment,
    reference: c.denial.reference,
  };
}

export { loadCaseFile, parseCase };
