/**
 * `appeal render FILE|DIR|GLOB...`: writes each case's letter. Letters are made on worker
 * threads for large runs (src/batch/pool.ts; --jobs) and written here, on the main thread.
 * Each case is reported on stderr in input order, then a summary (written, failed, invalid);
 * the exit code is the worst: 2 invalid input, 1 failed to render (or gaps with --strict),
 * 0 written. Letters go next to their case as <case-basename>.<kind>.md|pdf, never named
 * from case contents, written atomically and never over an existing file without --force.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MIN_CASES_FOR_WORKERS } from '../batch/check-files.js';
import type { JobOutcome } from '../batch/job.js';
import { planOutputs } from '../batch/outputs.js';
import { runJob } from '../batch/pool.js';
import { Progress } from '../batch/progress.js';
import { renderJobSpec, type RenderJobOptions, type RenderOutcome } from '../batch/render-job.js';
import { InputError } from '../diagnostic.js';
import { loadLetterhead } from '../letters/letterhead.js';
import type { LetterKind, Letterhead } from '../letters/types.js';
import { isLetterKind, LETTER_KINDS } from '../letters/types.js';
import { parseDateFlag } from './date-flag.js';
import { writeFileAtomic } from '../write-file.js';
import { EXIT, printDiagnostics, UsageError } from './io.js';
import { expandInputs } from './inputs.js';
import { parsePins, rulesDirs, type RulesFlags } from './rules-flags.js';
import { parseJobs } from './batch-flags.js';

export interface RenderFlags extends RulesFlags {
  letter?: string;
  format: string;
  output?: string;
  outDir?: string;
  date?: string;
  templates?: string;
  letterhead?: string;
  /** Letterhead fields as flags; each overrides the same field of --letterhead. */
  practice?: string;
  practiceAddress?: string;
  practicePhone?: string;
  practiceFax?: string;
  practiceEmail?: string;
  strict?: boolean;
  force?: boolean;
  recursive?: boolean;
  jobs?: string;
  quiet?: boolean;
}

/** Without --out-dir: next to the case file (stdin: the current directory). */
function outputPath(caseFile: string, kind: LetterKind, format: string): string {
  const base = caseFile === '-' ? 'stdin' : basename(caseFile, extname(caseFile));
  return join(caseFile === '-' ? '.' : dirname(caseFile), `${base}.${kind}.${format}`);
}

/** The letterhead from --letterhead FILE.yaml and/or the --practice* flags (flags win). */
function letterheadFrom(flags: RenderFlags): Letterhead | undefined {
  const fromFile = flags.letterhead ? loadLetterhead(flags.letterhead) : undefined;
  const fromFlags = Object.fromEntries(
    Object.entries({ name: flags.practice, address: flags.practiceAddress?.replace(/\\n/g, '\n'), phone: flags.practicePhone, fax: flags.practiceFax, email: flags.practiceEmail }).filter(([, v]) => v !== undefined && v !== ''),
  );
  if (!fromFile && Object.keys(fromFlags).length === 0) return undefined;
  const merged = { ...fromFile, ...fromFlags } as Partial<Letterhead>;
  if (!merged.name) throw new UsageError('a letterhead needs a name: give --practice NAME (or name: in --letterhead FILE)');
  return merged as Letterhead;
}

export async function runRender(paths: string[], flags: RenderFlags): Promise<number> {
  if (flags.format !== 'md' && flags.format !== 'pdf') throw new UsageError(`--format takes md or pdf (got \`${flags.format}\`)`);
  if (flags.letter !== undefined && !isLetterKind(flags.letter)) throw new UsageError(`--letter takes one of ${LETTER_KINDS.join(', ')} (got \`${flags.letter}\`)`);
  const format = flags.format;
  const date = parseDateFlag(flags.date);
  const jobs = parseJobs(flags.jobs);
  const { files, problems } = expandInputs(paths, { recursive: flags.recursive });
  if (flags.output !== undefined && files.length + problems.length > 1) throw new UsageError('-o names one output; with several cases use --out-dir DIR');
  if (flags.output === '-' && format === 'pdf' && process.stdout.isTTY) throw new UsageError('refusing to write a PDF to the terminal; redirect it or use -o FILE');
  const letterhead = letterheadFrom(flags);
  const outputs = flags.outDir !== undefined ? outDirPlanner(files, flags.outDir, format) : undefined;
  if (flags.outDir !== undefined && files.length > 0) mkdirSync(flags.outDir, { recursive: true, mode: 0o700 });

  const tally: RenderTally = { cases: 0, written: 0, failed: 0, invalid: 0 };
  const note = (text: string) => {
    if (!flags.quiet) process.stderr.write(text);
  };
  for (const d of problems) {
    printDiagnostics([d]);
    tally.cases++;
    tally.invalid++;
  }
  const spec = renderJobSpec({
    rulesDirs: rulesDirs(flags),
    pins: parsePins(flags.rulesVersion),
    ...(flags.letter ? { kind: flags.letter as LetterKind } : {}),
    format,
    date,
    ...(flags.templates ? { templatesDir: flags.templates } : {}),
    ...(letterhead ? { letterhead } : {}),
  });
  const progress = new Progress(process.stderr, files.length, !flags.quiet && !!process.stderr.isTTY);
  try {
    for await (const outcome of runJob<RenderJobOptions, RenderOutcome>(files, spec, { jobs: jobs ?? (files.length < MIN_CASES_FOR_WORKERS ? 1 : undefined) })) {
      progress.end();
      tally.cases++;
      const result = reportOne(outcome, flags, outputs, note);
      tally[result]++;
      progress.tick();
    }
  } finally {
    progress.end();
  }
  if (!flags.quiet && tally.cases > 1) process.stderr.write(`${renderSummaryLine(tally)}\n`);
  return tally.invalid > 0 ? EXIT.invalid : tally.failed > 0 ? EXIT.incomplete : EXIT.ok;
}

interface RenderTally {
  cases: number;
  written: number;
  failed: number;
  invalid: number;
}

function renderSummaryLine(t: RenderTally): string {
  return `${t.cases} case${t.cases === 1 ? '' : 's'}: ${t.written} written, ${t.failed} failed, ${t.invalid} invalid`;
}

/**
 * The --out-dir path of case i for a letter kind. Names depend only on the case file names
 * (planOutputs), so planning once per kind met gives every case the same name whatever the
 * kinds of the others; each path is checked to lie inside the directory.
 */
function outDirPlanner(files: string[], outDir: string, format: string): (index: number, kind: LetterKind) => string {
  const plans = new Map<LetterKind, string[]>();
  return (index, kind) => {
    let plan = plans.get(kind);
    if (!plan) plans.set(kind, (plan = planOutputs(files, outDir, kind, format)));
    return plan[index]!;
  };
}

/** Reports one case on stderr and writes its letter (here, on the main thread: see render-job.ts). */
function reportOne(
  outcome: JobOutcome<RenderOutcome>,
  flags: RenderFlags,
  outputs: ((index: number, kind: LetterKind) => string) | undefined,
  note: (text: string) => void,
): 'written' | 'failed' | 'invalid' {
  const { file } = outcome;
  if (!outcome.ok) {
    process.stderr.write(`error: ${file}: appeal failed on this case (a bug in appeal): ${outcome.error}\n`);
    return 'failed';
  }
  const r = outcome.value;
  if (r.status === 'invalid') {
    printDiagnostics(r.diagnostics);
    return 'invalid';
  }
  if (r.status === 'letter-error') {
    process.stderr.write(`error: ${file}: ${r.message}${r.hint ? `\n  hint: ${r.hint}` : ''}\n`);
    return 'failed';
  }
  if (r.gaps.length > 0) {
    const verb = flags.strict ? 'error' : 'warning';
    process.stderr.write(`${verb}: ${file}: required documentation is missing; the letter does not claim it:\n`);
    for (const g of r.gaps) process.stderr.write(`  - ${g.title} (${g.id})\n`);
    if (flags.strict) {
      process.stderr.write(`${file}: not written (--strict)\n`);
      return 'failed';
    }
  }
  if (r.noAddress) note(`note: ${file}: plan.appeals_address is not set; the letter is addressed to the insurer by name only\n`);
  if (flags.output === '-') {
    process.stdout.write(r.bytes);
    return 'written';
  }
  const out = flags.output ?? (outputs ? outputs(outcome.index, r.kind) : outputPath(file, r.kind, flags.format));
  try {
    writeFileAtomic(out, r.bytes, { force: flags.force });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    printDiagnostics(e.diagnostics);
    // An unsafe name is about the input; an existing file or a failed write is not.
    return e.diagnostics.some((d) => d.code === 'file-exists' || d.code === 'write-failed') ? 'failed' : 'invalid';
  }
  note(`${file}: wrote ${out}\n`);
  return 'written';
}
