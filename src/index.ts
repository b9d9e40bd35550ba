/**
 * The library API: everything the CLI does, as functions.
 *
 *   import { loadCase, loadRules, checkCase } from 'appeal';
 *   const rules = loadRules();
 *   const { case: c } = await loadCase('case.yaml');
 *   const result = checkCase(c, rules);
 *
 *   // Many cases, in order, on worker threads:
 *   for await (const report of checkFiles(['cases/'], { recursive: true })) console.log(report.status);
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
export type { CaseReport, Formatter, FormatOptions } from './report/index.js';
export { reportWriter, STREAM_FORMATS, type ReportWriter, type StreamFormat } from './report/stream.js';
export { caseToJson, JSON_FORMAT_VERSION } from './report/json.js';
export { checkFiles, type CheckFilesOptions } from './batch/check-files.js';
export { expandInputs, type Inputs, type ExpandOptions } from './batch/inputs.js';
export { runJob, defaultJobs, type PoolOptions } from './batch/pool.js';
export type { JobSpec, JobFactory, CaseJob, JobOutcome } from './batch/job.js';
export { planOutputs } from './batch/outputs.js';
