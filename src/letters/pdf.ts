/**
 * The letter as a PDF: the Markdown's tokens (marked's lexer) laid out with pdfkit on US Letter
 * pages with one-inch margins, in the Liberation Serif font shipped in `fonts/`.
 *
 * Same Letter, same bytes: the creation and modification dates come from `letter.date`, and the
 * document ID (which pdfkit would derive from the clock) is a hash of everything printed.
 *
 * Loaded lazily by the render command (`await import('../letters/pdf.js')`): pdfkit is heavy.
 */
import { createHash } from 'node:crypto';
import { lexer } from 'marked';
import PDFDocument from 'pdfkit';
import type { Letter } from './types.js';
import { BlockLayout } from './pdf/blocks.js';
import { registerFaces } from './pdf/fonts.js';
import { drawLetterhead } from './pdf/letterhead.js';
import { breakLines, PLAIN } from './pdf/inline.js';
import { COLOR, Flow, PAGE, TYPE } from './pdf/page.js';

export interface PdfOptions {
  /** A directory holding the font files instead of the shipped `fonts/` (same file names). */
  fontDir?: string;
}

function letterDate(date: string): Date {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) throw new TypeError(`letter.date must be a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return parsed;
}

/** A document ID derived from everything that is printed, so equal letters get equal IDs. */
function documentId(letter: Letter): Buffer {
  const { markdown, title, author, subject, date, chart, letterhead } = letter;
  return createHash('md5').update(JSON.stringify({ markdown, title, author, subject, date, chart, letterhead })).digest();
}

function drawPageNumbers(flow: Flow): void {
  const { start, count } = flow.doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    flow.doc.switchToPage(start + i);
    const line = breakLines([{ text: `Page ${i + 1} of ${count}`, style: PLAIN }], flow.width, flow.measurer(TYPE.small))[0]!;
    flow.drawLine(line, flow.left, PAGE.height - PAGE.margin / 2 - TYPE.small, TYPE.small, COLOR.muted, flow.width, 'center');
  }
}

export async function letterToPdf(letter: Letter, options: PdfOptions = {}): Promise<Uint8Array> {
  const date = letterDate(letter.date);
  const info: PDFKit.DocumentInfo = {
    Title: letter.title,
    Author: letter.author,
    Creator: 'appeal',
    CreationDate: date,
    ModDate: date,
  };
  if (letter.subject !== undefined) info.Subject = letter.subject;
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info,
    lang: 'en-US',
    displayTitle: true,
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: null as unknown as string,
  });
  (doc as unknown as { _id: Buffer })._id = documentId(letter);

  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  try {
    const flow = new Flow(doc, registerFaces(doc, options.fontDir));
    if (letter.letterhead) drawLetterhead(flow, letter.letterhead);
    new BlockLayout(flow, letter.chart).blocks(lexer(letter.markdown), flow.left, flow.width);
    drawPageNumbers(flow);
  } finally {
    // Always end the document so its stream closes, even when layout failed.
    doc.end();
  }
  return done;
}
