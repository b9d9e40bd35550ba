/**
 * `checkFiles`: the batch form of checkFile for the library and the CLI. Expands
 * files, directories and globs, checks each case (on worker threads when asked) and yields
 * one CaseReport per case in input order, holding none of them.
 */
import type { CaseReport } from '../report/types.js';
import type { CheckJobOptions } from './check-job.js';
import { expandInputs } from './inputs.js';
import type { JobSpec } from './job.js';
import { runJob } from './pool.js';

export interface CheckFilesOptions {
  /** User rule directories, in order (the shipped rules are always loaded). */
  rules?: string[];
  /** Rule-set version pins: { idds: '2026.1' }. */
  pins?: Record<string, string>;
  /** Look in sub-directories of directory arguments. */
  recursive?: boolean;
  /**
   * Worker threads; 1 checks in this thread. Default: the CPU count, except that a run of
   * fewer than MIN_CASES_FOR_WORKERS cases stays in this thread (a worker's start-up, loading
   * the rules and libraries again, costs more than it saves on a few cases).
   */
  jobs?: number;
  /** "Today" for deadline arithmetic, YYYY-MM-DD (the real date when absent). */
  asOf?: string;
  /** Called with the number of cases once the inputs are expanded (for progress). */
  onTotal?: (cases: number) => void;
}

export const MIN_CASES_FOR_WORKERS = 48;

export async function* checkFiles(paths: readonly string[], options: CheckFilesOptions = {}): AsyncGenerator<CaseReport> {
  const { files, problems } = expandInputs(paths, { recursive: options.recursive });
  options.onTotal?.(problems.length + files.length);
  // Arguments that name nothing come first, as the one-by-one check always reported them.
  for (const d of problems) yield { file: d.file, status: 'invalid', diagnostics: [d] };
  const spec: JobSpec<CheckJobOptions> = {
    // Named, not imported: on worker threads this thread never loads the rules or the engine.
    module: new URL('./check-job.js', import.meta.url).href,
    export: 'checkJob',
    options: { rulesDirs: options.rules ?? [], pins: options.pins ?? {}, ...(options.asOf ? { asOf: options.asOf } : {}) },
  };
  const jobs = options.jobs ?? (files.length < MIN_CASES_FOR_WORKERS ? 1 : undefined);
  for await (const outcome of runJob<unknown, CaseReport>(files, spec, { jobs })) {
    if (outcome.ok) yield outcome.value;
    else
      yield {
        file: outcome.file,
        status: 'invalid',
        diagnostics: [{ code: 'internal-error', file: outcome.file, message: `appeal failed on this case (a bug in appeal): ${outcome.error}` }],
      };
  }
}
