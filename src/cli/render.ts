/**
 * `appeal render FILE|DIR...`: writes each case's letter. Each case is reported on stderr;
 * the exit code is the worst: 2 invalid input, 1 failed to render (or gaps with --strict),
 * 0 written. Letters go next to their case as <case-basename>.<kind>.md|pdf, never named
 * from case contents, written atomically and never over an existing file without --force.
 */
import { basename, dirname, extname, join } from 'node:path';
import { loadCaseFile } from '../case/load.js';
import { formatDiagnostic, InputError } from '../diagnostic.js';
import { LetterError } from '../letters/errors.js';
import { loadLetterhead } from '../letters/letterhead.js';
import { isLetterKind } from '../letters/render.js';
import type { Letter, LetterKind, Letterhead } from '../letters/types.js';
import { LETTER_KINDS } from '../letters/types.js';
import { renderCaseLetter } from '../letters/case-letter.js';
import { parseDateFlag } from './date-flag.js';
import { loadRules } from '../rules/load.js';
import { writeFileAtomic } from '../write-file.js';
import { EXIT, UsageError } from './io.js';
import { expandInputs } from './inputs.js';
import { parsePins, rulesDirs, type RulesFlags } from './rules-flags.js';

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
}

function outputPath(caseFile: string, kind: LetterKind, format: string, flags: RenderFlags): string {
  const base = caseFile === '-' ? 'stdin' : basename(caseFile, extname(caseFile));
  return join(flags.outDir ?? (caseFile === '-' ? '.' : dirname(caseFile)), `${base}.${kind}.${format}`);
}

async function toBytes(letter: Letter, format: string): Promise<string | Uint8Array> {
  if (format === 'md') return letter.markdown;
  // The PDF layout (pdfkit, fonts) loads only when a PDF is asked for.
  const { letterToPdf } = await import('../letters/pdf.js');
  return letterToPdf(letter);
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
  const date = parseDateFlag(flags.date);
  const { files, problems } = expandInputs(paths, { recursive: flags.recursive });
  if (flags.output !== undefined && files.length + problems.length > 1) throw new UsageError('-o names one output; with several cases use --out-dir DIR');
  if (flags.output === '-' && flags.format === 'pdf' && process.stdout.isTTY) throw new UsageError('refusing to write a PDF to the terminal; redirect it or use -o FILE');
  const letterhead = letterheadFrom(flags);
  const library = loadRules({ dirs: rulesDirs(flags) });
  const pins = parsePins(flags.rulesVersion);

  let worst: number = EXIT.ok;
  const fail = (code: number) => {
    worst = Math.max(worst, code);
  };
  for (const d of problems) {
    process.stderr.write(`error: ${formatDiagnostic(d)}\n`);
    fail(EXIT.invalid);
  }
  for (const file of files) {
    try {
      const { case: c } = await loadCaseFile(file);
      const letter = renderCaseLetter(c, library, { pins, kind: flags.letter as LetterKind | undefined, date, templatesDir: flags.templates, letterhead });
      if (letter.gaps.length > 0) {
        const verb = flags.strict ? 'error' : 'warning';
        process.stderr.write(`${verb}: ${file}: required documentation is missing; the letter does not claim it:\n`);
        for (const g of letter.gaps) process.stderr.write(`  - ${g.title} (${g.id})\n`);
        if (flags.strict) {
          process.stderr.write(`${file}: not written (--strict)\n`);
          fail(EXIT.incomplete);
          continue;
        }
      }
      if (!c.plan.appeals_address && letter.kind !== 'peer-to-peer') {
        process.stderr.write(`note: ${file}: plan.appeals_address is not set; the letter is addressed to the insurer by name only\n`);
      }
      const bytes = await toBytes(letter, flags.format);
      if (flags.output === '-') {
        process.stdout.write(bytes);
        continue;
      }
      const out = flags.output ?? outputPath(file, letter.kind, flags.format, flags);
      writeFileAtomic(out, bytes, { force: flags.force });
      process.stderr.write(`${file}: wrote ${out}\n`);
    } catch (e) {
      if (e instanceof InputError) {
        for (const d of e.diagnostics) process.stderr.write(`error: ${formatDiagnostic(d)}\n`);
        fail(e.diagnostics.some((d) => d.code === 'file-exists' || d.code === 'write-failed') ? EXIT.incomplete : EXIT.invalid);
      } else if (e instanceof LetterError) {
        process.stderr.write(`error: ${file}: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\n`);
        fail(EXIT.incomplete);
      } else throw e;
    }
  }
  return worst;
}
