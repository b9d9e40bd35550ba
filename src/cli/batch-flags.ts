/** Flags and output plumbing shared by the batch commands (check, render). */
import { UsageError } from './io.js';

/** `--jobs N`: worker threads, 1 or more; undefined (the runner decides) when not given. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--jobs takes a whole number of 1 or more (got \`${value}\`)`);
  return Number(value);
}

/** Writes to stdout, waiting when the reader is slower than the batch (a pipe to `less`). */
export async function writeOut(text: string): Promise<void> {
  if (text === '' || process.stdout.write(text)) return;
  await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}
