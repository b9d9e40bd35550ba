/**
 * Reads a PDF the way a reader's viewer would, with a JS parser (pdfjs-dist 4, the last major
 * that runs on Node 20): text per page as lines, metadata, and the drawing operators.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Letter, PainPoint } from '../../src/letters/types.js';

export interface TextPiece {
  str: string;
  x: number;
  y: number;
  width: number;
}

export interface ReadPdf {
  pages: string[][];
  /** The text pieces as drawn, with their positions (points from the bottom left). */
  pieces: TextPiece[][];
  info: Record<string, unknown>;
  /** Number of path-construction operators per page (lines, rectangles, curves). */
  paths: number[];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: string[][] = [];
  const pieces: TextPiece[][] = [];
  const paths: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    // Group the text pieces into lines by baseline, left to right (pdfjs adds a space piece
    // where there is a visible gap, as between table cells).
    const rows = new Map<number, Array<{ x: number; s: string }>>();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = Math.round(item.transform[5] as number);
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4] as number, s: item.str });
      rows.set(y, row);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, row]) => row.sort((a, b) => a.x - b.x).map((p) => p.s).join('').replace(/\s+/g, ' ').trim().normalize('NFC'))
      .filter((l) => l.trim() !== '');
    pages.push(lines);
    pieces.push(
      content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : [])),
    );
    const ops = await page.getOperatorList();
    paths.push(ops.fnArray.filter((f) => f === OPS.constructPath).length);
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, pieces, info: meta.info as Record<string, unknown>, paths };
}

export const SAMPLE_CHART: PainPoint[] = [
  { date: '2026-01-10', value: 8, label: 'NRS (office visit)' },
  { date: '2026-03-14', value: 7, label: 'NRS (office visit)' },
  { date: '2026-05-20', value: 8.5, label: 'NRS (office visit)' },
  { date: '2026-08-01', value: 9, label: 'NRS (office visit)' },
  { date: '2026-09-12', value: 8, label: 'Intrathecal trial (before)' },
  { date: '2026-09-13', value: 3, label: 'Intrathecal trial (6 h after)' },
];

export function makeLetter(markdown: string, overrides: Partial<Letter> = {}): Letter {
  return {
    kind: 'appeal',
    markdown,
    title: 'Appeal of denial PA-2026-77812',
    author: 'Zoë Łukasik-Nguyễn',
    subject: 'Intrathecal drug delivery system',
    date: '2026-11-23',
    chart: SAMPLE_CHART,
    gaps: [],
    ...overrides,
  };
}
