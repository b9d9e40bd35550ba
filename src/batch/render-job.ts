/**
 * The `render` job: each case file becomes a letter's bytes (Markdown or PDF).
 *
 * The job does NOT write: it returns the bytes and the main thread writes them (atomically,
 * via writeFileAtomic). Only the main thread handles SIGINT/SIGTERM, and only its temp files
 * are removed by cleanupTempFiles, so writing there keeps "no partial file on interrupt"
 * true whether the letters were made on worker threads or in-process. A letter is tens of
 * kilobytes: copying it across threads costs far less than making it.
 *
 * Once per worker: the rule library (loaded in the factory) and the PDF fonts (pdf.ts caches
 * them per process/worker, so each font is parsed once per worker). pdf.ts loads only when
 * PDF is asked for, so a Markdown run never loads pdfkit.
 */
import { loadCaseFile } from '../case/load.js';
import { InputError, type Diagnostic } from '../diagnostic.js';
import { renderCaseLetter } from '../letters/case-letter.js';
import { LetterError } from '../letters/errors.js';
import type { LetterKind, Letterhead } from '../letters/types.js';
import { loadRules } from '../rules/load.js';
import type { JobFactory, JobSpec } from './job.js';

export interface RenderJobOptions {
  /** User rule directories (the shipped rules are always loaded). */
  rulesDirs?: string[];
  pins?: Record<string, string>;
  /** The letter kind; absent: chosen from each case's denial level. */
  kind?: LetterKind;
  format: 'md' | 'pdf';
  /** Letter date, YYYY-MM-DD (reproducible output). */
  date: string;
  templatesDir?: string;
  letterhead?: Letterhead;
}

export type RenderOutcome =
  | {
      status: 'rendered';
      kind: LetterKind;
      /** The letter: a string for Markdown, PDF bytes for PDF. */
      bytes: string | Uint8Array;
      /** Required items the letter does not claim (render warns, or refuses with --strict). */
      gaps: { id: string; title: string }[];
      /** plan.appeals_address is absent (render notes it). */
      noAddress: boolean;
    }
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  | { status: 'letter-error'; message: string; hint?: string };

export const renderJob: JobFactory<RenderJobOptions, RenderOutcome> = (options) => {
  const library = loadRules({ dirs: options.rulesDirs ?? [] });
  const pins = options.pins ?? {};
  // Loaded once, and only for PDF: pdfkit and the fonts stay out of Markdown runs.
  const pdf = options.format === 'pdf' ? import('../letters/pdf.js') : undefined;
  return async (file) => {
    try {
      const { case: c } = await loadCaseFile(file);
      const letter = renderCaseLetter(c, library, { pins, kind: options.kind, date: options.date, templatesDir: options.templatesDir, letterhead: options.letterhead });
      const bytes = pdf ? await (await pdf).letterToPdf(letter) : letter.markdown;
      return {
        status: 'rendered',
        kind: letter.kind,
        bytes,
        gaps: letter.gaps.map((g) => ({ id: g.id, title: g.title })),
        noAddress: !c.plan.appeals_address && letter.kind !== 'peer-to-peer',
      };
    } catch (e) {
      if (e instanceof InputError) return { status: 'invalid', diagnostics: e.diagnostics };
      if (e instanceof LetterError) return { status: 'letter-error', message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
      throw e;
    }
  };
};

export function renderJobSpec(options: RenderJobOptions): JobSpec<RenderJobOptions> {
  // Named, not imported: on worker threads the main thread never loads the rules or templates.
  return { module: new URL('./render-job.js', import.meta.url).href, export: 'renderJob', options };
}
