/**
 * The library API: everything the CLI does, as functions.
 *
 *   import { loadCase, loadRules, checkCase } from 'appeal';
 *   const rules = loadRules();
 *   const { case: c } = await loadCase('case.yaml');
 *   const result = checkCase(c, rules);
 */
export { loadCaseFile as loadCase, parseCase, checkCase, checkFile } from './api.js';
export { loadRules, type RuleLibrary, type RuleSet } from './rules/load.js';
export type { Case } from './case/schema.js';
export { CaseSchema } from './case/schema.js';
export type { CaseFindings, Finding, FindingStatus } from './rules/engine.js';
export type { Evidence, Detail } from './rules/predicates/types.js';
export { InputError, type Diagnostic } from './diagnostic.js';
export { renderCaseLetter, type CaseLetterOptions } from './letters/case-letter.js';
export { FORMATTERS } from './report/index.js';
export { renderLetter, defaultKind, type RenderOptions } from './letters/render.js';
export { LETTER_KINDS, CHART_MARKER, type Letter, type LetterKind, type Letterhead, type PainPoint } from './letters/types.js';
export { LetterError } from './letters/errors.js';
export type { AppealDeadline } from './letters/rights.js';
