/** Flags and output plumbing shared by the batch commands (check, render). */
import { UsageError } from './io.js';

/** `--jobs N`: worker threads, 1 or more; undefined (the runner decides) when not given. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs takes a whole number of 1 or more (got \`${value}\`)`);
  return Number(value);
}

/** The reader of stdout went away (`appeal check ... | head`): stop quietly, no stack trace. */
export class OutputClosed extends Error {
  constructor() {
    super('stdout was closed');
    this.name = 'OutputClosed';
  }
}

let outputError: NodeJS.ErrnoException | undefined;
let watching = false;

function failed(): Error | undefined {
  if (!outputError) return undefined;
  return outputError.code === 'EPIPE' ? new OutputClosed() : outputError;
}

/** Writes to stdout, waiting when the reader is slower than the batch (a pipe to `less`). */
export async function writeOut(text: string): Promise<void> {
  if (!watching) {
    watching = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => (outputError ??= e));
  }
  const before = failed();
  if (before) throw before;
  if (text === '' || process.stdout.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('error', done);
      resolve();
    };
    process.stdout.on('drain', done);
    process.stdout.on('error', done);
  });
  const after = failed();
  if (after) throw after;
}
