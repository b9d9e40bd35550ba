/** `appeal check FILE|DIR|GLOB...`: validate cases and list what is missing. */
import { checkFiles } from '../batch/check-files.js';
import { Progress } from '../batch/progress.js';
import { count, emptyTally, exitCodeFor, summaryLine } from '../batch/summary.js';
import { reportWriter, STREAM_FORMATS, type StreamFormat } from '../report/stream.js';
import { UsageError, useColor } from './io.js';
import { parsePins, rulesDirs, type RulesFlags } from './rules-flags.js';
import { loadDeadlines } from '../deadlines/load.js';
import { parseDateFlag } from './date-flag.js';
import { OutputClosed, parseJobs, writeOut } from './batch-flags.js';

export interface CheckFlags extends RulesFlags {
  format: string;
  recursive?: boolean;
  color?: boolean;
  verbose?: boolean;
  date?: string;
  jobs?: string;
  quiet?: boolean;
}

export async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  if (!(STREAM_FORMATS as readonly string[]).includes(flags.format)) {
    throw new UsageError(`unknown format \`${flags.format}\`; use one of ${STREAM_FORMATS.join(', ')}`);
  }
  const writer = reportWriter(flags.format as StreamFormat, { color: useColor(process.stdout, flags.color), verbose: flags.verbose });
  const jobs = parseJobs(flags.jobs);
  loadDeadlines(); // a broken deadline table is invalid input for every case: fail before the run
  const asOf = parseDateFlag(flags.date);
  const tally = emptyTally();
  let progress: Progress | undefined;
  const reports = checkFiles(paths, {
    rules: rulesDirs(flags),
    pins: parsePins(flags.rulesVersion),
    asOf,
    recursive: flags.recursive,
    jobs,
    onTotal: (n) => (progress = new Progress(process.stderr, n, !flags.quiet && !!process.stderr.isTTY)),
  });
  try {
    for await (const report of reports) {
      count(tally, report.status);
      const text = writer.write(report);
      // Sharing the terminal with the report: take the bar down; the next tick redraws it.
      if (text && process.stdout.isTTY) progress?.end();
      await writeOut(text);
      progress?.tick();
    }
    await writeOut(writer.end());
  } catch (e) {
    // The reader stopped reading (`| head`): the rest of the batch is of no use to anyone.
    if (e instanceof OutputClosed) return exitCodeFor(tally);
    throw e;
  } finally {
    progress?.end();
  }
  if (!flags.quiet && tally.cases > 1) process.stderr.write(`${summaryLine(tally)}\n`);
  return exitCodeFor(tally);
}
