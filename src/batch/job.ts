/**
 * The contract between the batch runner and the work it runs over case files.
 *
 * A job module exports a factory: given the run's options, it does the once-per-run work
 * (load rule sets, templates, fonts) and returns the function applied to each case file.
 * The runner calls the factory once per worker thread (or once in-process), so what it
 * loads is loaded once per worker, and module-level caches (fonts) live as long as the worker.
 *
 * Options and results cross a thread boundary: they must be structured-clonable plain data.
 */
export type CaseJob<R> = (file: string) => R | Promise<R>;
export type JobFactory<O, R> = (options: O) => CaseJob<R> | Promise<CaseJob<R>>;

export interface JobSpec<O> {
  /** The job module as a file: URL (import.meta.url-relative, so it points into dist/). */
  module: string;
  /** Name of the exported JobFactory. */
  export: string;
  options: O;
}

/** One case file's outcome, delivered in input order. */
export type JobOutcome<R> =
  | { index: number; file: string; ok: true; value: R }
  /** The job threw: a bug or an environment failure, reported for this case only. */
  | { index: number; file: string; ok: false; error: string };

export async function loadJob<O, R>(spec: JobSpec<O>): Promise<CaseJob<R>> {
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const factory = mod[spec.export];
  if (typeof factory !== 'function') throw new Error(`job module ${spec.module} has no export ${spec.export}`);
  return (factory as JobFactory<O, R>)(spec.options);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
