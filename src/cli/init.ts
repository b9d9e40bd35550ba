/**
 * `appeal init [FILE]`: start a case file from flags, a denial letter's text and (on a
 * terminal) a short interview; write it atomically; then check it and say what is missing.
 *
 * Nothing is written until every answer is in: Ctrl-C during the interview leaves no file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseCase } from '../case/load.js';
import { buildSkeleton, type Draft } from '../case/skeleton.js';
import { today } from '../dates.js';
import { InputError } from '../diagnostic.js';
import { reportForLoaded } from '../api.js';
import { draftFromFlags, draftFromLetter, mergeDrafts, type InitFlags } from '../init/draft.js';
import { extractFromDenial, type Extracted } from '../init/extract.js';
import { needsFor } from '../init/needs.js';
import { treatmentTitle } from '../init/questions.js';
import { FORMATTERS } from '../report/index.js';
import { loadRules } from '../rules/load.js';
import { writeFileAtomic } from '../write-file.js';
import { EXIT, useColor } from './io.js';
import { parsePins, rulesDirs } from './rules-flags.js';

export const EXIT_INTERRUPTED = 130;
export const DEFAULT_CASE_FILE = 'case.yaml';

/** Prompts only on a terminal, never under CI, never with --yes, never when stdin is the letter. */
export function canPrompt(flags: InitFlags, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flags.yes || flags.fromDenial === '-') return false;
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') return false;
  return !!process.stdin.isTTY && !!process.stdout.isTTY;
}

function readLetter(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new InputError([{ code: 'file-unreadable', file: path === '-' ? '<stdin>' : path, message: `cannot read the denial letter (${(e as NodeJS.ErrnoException).code ?? 'error'})`, hint: 'give a text file; for a PDF, save it as text first (e.g. pdftotext letter.pdf)' }]);
  }
}

function listFound(found: readonly Extracted[], write: (s: string) => void): void {
  if (found.length === 0) {
    write('Nothing recognisable was found in the denial letter; fill the case file in by hand.\n');
    return;
  }
  write('Read from the denial letter (check each against the letter):\n');
  const width = Math.max(...found.map((e) => e.field.length));
  for (const e of found) write(`  ${e.field.padEnd(width)}  ${e.value}   <- "${e.source}"\n`);
}

/** The letter's words stay beside a value only while the value is still the letter's. */
function keptProvenance(kept: readonly Extracted[], draft: Draft): Map<string, string> {
  const letter = draftFromLetter(kept);
  const read = (d: Draft, path: string) => JSON.stringify(path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), d));
  return new Map([...letter.provenance].filter(([path]) => read(letter.draft, path) === read(draft, path)));
}

export async function runInit(fileArg: string | undefined, flags: InitFlags): Promise<number> {
  const file = fileArg ?? DEFAULT_CASE_FILE;
  const toStdout = file === '-';
  // Refuse before asking anything: finding out at the end would waste the whole interview.
  if (!toStdout && !flags.force && existsSync(file)) {
    throw new InputError([{ code: 'file-exists', file, message: 'the file already exists; nothing was written', hint: 'use --force to replace it, or name another file: appeal init my-case.yaml' }]);
  }
  const log = (s: string) => (toStdout ? process.stderr : process.stdout).write(s);
  const library = loadRules({ dirs: rulesDirs(flags) });
  const pins = parsePins(flags.rulesVersion);
  const flagsDraft = draftFromFlags(flags);

  let found: Extracted[] = [];
  let draft: Draft = {};
  if (flags.fromDenial !== undefined) {
    found = extractFromDenial(readLetter(flags.fromDenial));
    draft = draftFromLetter(found).draft;
  }
  let kept = found;
  draft = mergeDrafts(draft, flagsDraft);
  const date = today();

  if (canPrompt(flags)) {
    const { interview } = await import('../init/interview.js');
    try {
      const result = await interview({ draft, library, found, flagsDraft, today: date, out: process.stdout });
      draft = result.draft;
      kept = result.kept;
    } catch (e) {
      if (e instanceof Error && e.name === 'ExitPromptError') {
        process.stderr.write('\nappeal init: cancelled; nothing was written.\n');
        return EXIT_INTERRUPTED;
      }
      throw e;
    }
  } else if (flags.fromDenial !== undefined) {
    listFound(found, log);
  }

  if (flags.fromDenial && flags.fromDenial !== '-') {
    // A case names its documents relative to itself and never outside its folder (the loader
    // refuses that), so the letter's path is kept only when it lies inside the case's folder.
    const where = relative(toStdout ? process.cwd() : dirname(resolve(file)), resolve(flags.fromDenial));
    const inside = where !== '' && !where.startsWith('..') && !isAbsolute(where);
    const letter = { kind: 'denial-letter' as const, date: draft.denial?.date, title: 'Denial letter', ...(inside ? { file: where.split(sep).join('/') } : {}) };
    if (!(draft.documents ?? []).some((d) => d.kind === 'denial-letter')) draft = { ...draft, documents: [letter, ...(draft.documents ?? [])] };
  }

  const provenance = keptProvenance(kept, draft);
  const treatment = draft.service?.treatment ?? 'other';
  const needs = needsFor(library, { treatment, plan: draft.plan?.type ?? 'other', denialDate: draft.denial?.date ?? date, reasons: draft.denial?.reasons ?? [] });
  const text = buildSkeleton(draft, {
    needs,
    reasonTitles: new Map(library.reasons.reasons.map((r) => [r.id, r.title])),
    treatmentTitle: treatmentTitle(treatment),
    today: date,
    provenance,
  });
  // The skeleton must be a valid case; if it is not, that is our bug, and nothing is written.
  const loaded = parseCase(text, toStdout ? '<stdout>' : file);
  if (toStdout) process.stdout.write(text);
  else writeFileAtomic(file, text, { force: flags.force });

  const report = reportForLoaded(loaded, library, { pins });
  log(`\nWrote ${toStdout ? 'the case file to standard output' : file}. What \`appeal check\` says about it now:\n\n`);
  log(FORMATTERS.text!([report], { color: useColor(toStdout ? process.stderr : process.stdout) }));
  log(`\nNext: fill in ${toStdout ? 'the file' : file} (every TODO, then what is missing above) and run \`appeal check ${toStdout ? 'FILE' : file}\` again.\n`);
  return EXIT.ok;
}
