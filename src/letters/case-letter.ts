/**
 * Case -> findings -> letter in one call: what `appeal render` and the library's
 * renderCaseLetter do. Kept apart from src/api.ts so `check` never loads the template engine.
 */
import type { Case } from '../case/schema.js';
import { computeAppealPath } from '../deadlines/compute.js';
import { checkCase as evaluate, type CheckOptions } from '../rules/engine.js';
import type { RuleLibrary } from '../rules/load.js';
import { renderLetter } from './render.js';
import { deadlineFromPath } from './rights.js';
import type { Letter, LetterKind, Letterhead } from './types.js';

export interface CaseLetterOptions extends CheckOptions {
  /** The letter date, YYYY-MM-DD; also "today" for the deadline paragraph. */
  date: string;
  kind?: LetterKind;
  templatesDir?: string;
  letterhead?: Letterhead;
}

/**
 * Case -> findings -> letter, as `appeal render` does it: the findings from the rules in
 * force, the deadline paragraph from the appeal path as of the letter date.
 */
export function renderCaseLetter(c: Case, library: RuleLibrary, options: CaseLetterOptions): Letter {
  const findings = evaluate(c, library, options);
  const deadline = deadlineFromPath(computeAppealPath(c, options.date), options.date);
  const reasonTitles = Object.fromEntries(library.reasons.reasons.map((r) => [r.id, r.title]));
  return renderLetter(c, findings, {
    kind: options.kind,
    date: options.date,
    templatesDir: options.templatesDir,
    letterhead: options.letterhead,
    reasonTitles,
    deadline,
  });
}
