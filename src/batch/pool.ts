/**
 * Runs a job over case files, on worker threads or in-process, and yields the outcomes in
 * INPUT order whatever order they finish in, so batch output is deterministic.
 *
 * Memory stays flat: at most `window` cases are dispatched ahead of the next one to yield,
 * so the reorder buffer is bounded even when one case is slow, and nothing is retained once
 * yielded. One case's failure (even a crashed worker) becomes that case's outcome; only a job
 * that cannot start at all stops the run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, type Diagnostic } from '../diagnostic.js';
import { errorText, loadJob, type JobOutcome, type JobSpec } from './job.js';

export interface PoolOptions {
  /** Worker threads; 1 runs in-process (no start-up cost). Default: the CPU count. */
  jobs?: number;
}

/** Messages between the pool and its workers. */
export type ToWorker = { index: number; file: string };
export type ToParent = { type: 'outcome'; index: number; ok: true; value: unknown } | { type: 'outcome'; index: number; ok: false; error: string } | { type: 'fatal'; error: string; diagnostics?: Diagnostic[] };

/** Cases sent to one worker before it answers: hides the message round trip. */
const PER_WORKER = 2;
/** How far dispatch may run ahead of the next case to yield, per worker. */
const AHEAD_PER_WORKER = 16;

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A smaller young generation than V8's default (up to 3 x 16 MB): a case's garbage is
 * short-lived and small, and each worker's heap reservation counts towards the run's RSS.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

export function defaultJobs(): number {
  return availableParallelism();
}

export async function* runJob<O, R>(files: readonly string[], spec: JobSpec<O>, options: PoolOptions = {}): AsyncGenerator<JobOutcome<R>> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  // stdin can be read only by the main thread; one case is not worth a thread.
  if (jobs === 1 || files.includes('-')) yield* inProcess<O, R>(files, spec);
  else yield* onWorkers<O, R>(files, spec, jobs);
}

async function* inProcess<O, R>(files: readonly string[], spec: JobSpec<O>): AsyncGenerator<JobOutcome<R>> {
  if (files.length === 0) return;
  const job = await loadJob<O, R>(spec);
  // A few cases in flight so that reading the next file overlaps parsing this one.
  const pending: Promise<JobOutcome<R>>[] = [];
  let next = 0;
  const launch = () => {
    const index = next++;
    const file = files[index]!;
    pending.push(
      Promise.resolve()
        .then(() => job(file))
        .then(
          (value): JobOutcome<R> => ({ index, file, ok: true, value }),
          (e: unknown): JobOutcome<R> => ({ index, file, ok: false, error: errorText(e) }),
        ),
    );
  };
  while (next < files.length && pending.length < PER_WORKER) launch();
  while (pending.length > 0) {
    const outcome = await pending.shift()!;
    if (next < files.length) launch();
    yield outcome;
  }
}

interface Slot {
  worker: Worker;
  inFlight: Set<number>;
}

async function* onWorkers<O, R>(files: readonly string[], spec: JobSpec<O>, jobs: number): AsyncGenerator<JobOutcome<R>> {
  const window = jobs * AHEAD_PER_WORKER;
  const done = new Map<number, JobOutcome<R>>();
  const slots: Slot[] = [];
  let next = 0;
  let yielded = 0;
  let fatal: string | undefined;
  let fatalDiagnostics: Diagnostic[] | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const finish = (slot: Slot, outcome: JobOutcome<R>) => {
    slot.inFlight.delete(outcome.index);
    done.set(outcome.index, outcome);
    dispatch();
    notify();
  };

  const start = (): Slot => {
    const worker = new Worker(WORKER_URL, { workerData: spec, resourceLimits: WORKER_LIMITS });
    const slot: Slot = { worker, inFlight: new Set() };
    worker.on('message', (m: ToParent) => {
      if (m.type === 'fatal') {
        fatal ??= m.error;
        fatalDiagnostics ??= m.diagnostics;
        notify();
      } else if (m.ok) finish(slot, { index: m.index, file: files[m.index]!, ok: true, value: m.value as R });
      else finish(slot, { index: m.index, file: files[m.index]!, ok: false, error: m.error });
    });
    const lost = (why: string) => {
      // The worker died with cases in hand: those cases fail, the others go on elsewhere.
      const i = slots.indexOf(slot);
      if (i < 0) return;
      slots.splice(i, 1);
      for (const index of slot.inFlight) done.set(index, { index, file: files[index]!, ok: false, error: why });
      slot.inFlight.clear();
      if (fatal === undefined && next < files.length) slots.push(start());
      dispatch();
      notify();
    };
    worker.on('error', (e) => lost(`worker failed: ${errorText(e)}`));
    worker.on('exit', (code) => lost(`worker exited (code ${code})`));
    return slot;
  };

  const dispatch = () => {
    while (next < files.length && next - yielded < window && fatal === undefined) {
      let best: Slot | undefined;
      for (const s of slots) if (s.inFlight.size < PER_WORKER && (!best || s.inFlight.size < best.inFlight.size)) best = s;
      if (!best) return;
      best.inFlight.add(next);
      best.worker.postMessage({ index: next, file: files[next]! } satisfies ToWorker);
      next++;
    }
  };

  for (let i = 0; i < jobs; i++) slots.push(start());
  try {
    dispatch();
    while (yielded < files.length) {
      // The job could not start: the same error the in-process path would throw.
      if (fatal !== undefined) throw fatalDiagnostics ? new InputError(fatalDiagnostics) : new Error(fatal);
      const outcome = done.get(yielded);
      if (!outcome) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      done.delete(yielded);
      yielded++;
      dispatch();
      yield outcome;
    }
  } finally {
    const leaving = slots.splice(0);
    await Promise.all(leaving.map((s) => s.worker.terminate()));
  }
}
