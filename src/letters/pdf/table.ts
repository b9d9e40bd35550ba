/**
 * GFM tables: columns sized from their content to fill the text width, cells wrapped, a shaded
 * header row repeated at the top of every page the table continues on, thin rules between rows,
 * and no row split across pages (unless it is taller than a page by itself).
 */
import type { Tokens } from 'marked';
import { breakLines, inlineRuns, naturalWidth, PLAIN, widestWord, type Line, type Run } from './inline.js';
import { COLOR, TYPE, type Flow } from './page.js';

const PAD_X = 5;
const PAD_Y = 3.5;

type Align = 'left' | 'center' | 'right';

interface Row {
  cells: Line[][];
  height: number;
}

interface Laid {
  widths: number[];
  aligns: Align[];
  /** Absent when every header cell is empty: a key-value table (`| | |` over `|---|---|`). */
  header: Row | null;
  rows: Row[];
}

function emptyHeader(table: Tokens.Table): boolean {
  return table.header.every((c) => c.text.trim() === '');
}

function cellRuns(table: Tokens.Table): { header: Run[][]; rows: Run[][][] } {
  return {
    header: table.header.map((c) => inlineRuns(c.tokens, { ...PLAIN, bold: true })),
    rows: table.rows.map((row) => row.map((c) => inlineRuns(c.tokens))),
  };
}

/**
 * Column widths, as a reader would set them by hand: a column whose content is short (a date,
 * an amount) gets what it needs to stay on one line; the rest share what is left in proportion
 * to how much they would need, never below their widest word.
 */
function columnWidths(flow: Flow, all: Run[][][], columns: number, width: number): number[] {
  const measure = flow.measurer(TYPE.table);
  const min = new Array<number>(columns).fill(0);
  const natural = new Array<number>(columns).fill(0);
  for (const row of all) {
    for (let c = 0; c < columns; c++) {
      const runs = row[c] ?? [];
      min[c] = Math.max(min[c]!, widestWord(runs, measure) + 2 * PAD_X);
      natural[c] = Math.max(natural[c]!, naturalWidth(runs, measure) + 2 * PAD_X);
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totalNatural = sum(natural);
  if (totalNatural <= width) return natural.map((n) => n + ((width - totalNatural) * n) / totalNatural);
  const totalMin = sum(min);
  if (totalMin >= width) return min.map((m) => (m * width) / totalMin);

  const widths = new Array<number | undefined>(columns).fill(undefined);
  let left = width;
  for (let settled = true; settled; ) {
    settled = false;
    const open = widths.map((w, c) => (w === undefined ? c : -1)).filter((c) => c >= 0);
    const share = left / open.length;
    for (const c of open) {
      if (natural[c]! <= share) {
        widths[c] = natural[c]!;
        left -= natural[c]!;
        settled = true;
      }
    }
  }
  const open = widths.map((w, c) => (w === undefined ? c : -1)).filter((c) => c >= 0);
  const openMin = sum(open.map((c) => min[c]!));
  const slack = sum(open.map((c) => natural[c]! - min[c]!));
  for (const c of open) {
    widths[c] = left >= openMin && slack > 0 ? min[c]! + ((left - openMin) * (natural[c]! - min[c]!)) / slack : (min[c]! * left) / openMin;
  }
  return widths.map((w) => w ?? 0);
}

function laidRow(flow: Flow, runs: Run[][], widths: number[]): Row {
  const measure = flow.measurer(TYPE.table);
  const cells = widths.map((w, c) => breakLines(runs[c] ?? [], w - 2 * PAD_X, measure));
  const lines = Math.max(1, ...cells.map((l) => l.length));
  return { cells, height: lines * flow.lineHeight(TYPE.table) + 2 * PAD_Y };
}

function layout(flow: Flow, table: Tokens.Table, width: number): Laid {
  const { header, rows } = cellRuns(table);
  const columns = table.header.length;
  const widths = columnWidths(flow, emptyHeader(table) ? rows : [header, ...rows], columns, width);
  return {
    widths,
    aligns: table.align.map((a) => a ?? 'left'),
    header: emptyHeader(table) ? null : laidRow(flow, header, widths),
    rows: rows.map((r) => laidRow(flow, r, widths)),
  };
}

/** What must fit on a page for the table to start there: the header and the first row. */
export function tableLeadHeight(flow: Flow, table: Tokens.Table, width: number): number {
  const laid = layout(flow, { ...table, rows: table.rows.slice(0, 1) }, width);
  return (laid.header?.height ?? 0) + (laid.rows[0]?.height ?? 0);
}

function rule(flow: Flow, x: number, y: number, width: number, weight: number, color: string): void {
  flow.doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(weight).strokeColor(color).stroke().restore();
}

function drawRow(flow: Flow, laid: Laid, row: Row, x: number, shaded: boolean): void {
  const total = laid.widths.reduce((a, b) => a + b, 0);
  if (shaded) flow.doc.save().rect(x, flow.y, total, row.height).fillColor(COLOR.tableHeader).fill().restore();
  let left = x;
  row.cells.forEach((lines, c) => {
    const w = laid.widths[c]!;
    lines.forEach((line, i) => {
      const top = flow.y + PAD_Y + i * flow.lineHeight(TYPE.table);
      flow.drawLine(line, left + PAD_X, top, TYPE.table, COLOR.text, w - 2 * PAD_X, laid.aligns[c]);
    });
    left += w;
  });
  flow.y += row.height;
}

export function layoutTable(flow: Flow, table: Tokens.Table, x: number, width: number): void {
  const laid = layout(flow, table, width);
  const header = () => {
    rule(flow, x, flow.y, width, 0.8, COLOR.rule);
    if (!laid.header) return;
    drawRow(flow, laid, laid.header, x, true);
    rule(flow, x, flow.y, width, 0.8, COLOR.rule);
  };
  header();
  const close = () => rule(flow, x, flow.y, width, 0.8, COLOR.rule);
  const continueOnNextPage = () => {
    close();
    flow.newPage();
    header();
  };
  const lineHeight = flow.lineHeight(TYPE.table);
  const pageRoom = flow.bottom - flow.top - (laid.header?.height ?? 0);
  laid.rows.forEach((whole, i) => {
    let row = whole;
    while (row.height > flow.room) {
      // A row never straddles pages (the table is closed and its header comes along) unless
      // it is taller than a page: then what fits is drawn here and the rest continues.
      const fit = Math.floor((flow.room - 2 * PAD_Y) / lineHeight);
      if (row.height <= pageRoom || fit < 2) {
        continueOnNextPage();
        continue;
      }
      drawRow(flow, laid, sliceRow(row, 0, fit, lineHeight), x, false);
      row = sliceRow(row, fit, Infinity, lineHeight);
      continueOnNextPage();
    }
    drawRow(flow, laid, row, x, false);
    const last = i === laid.rows.length - 1;
    rule(flow, x, flow.y, width, last ? 0.8 : 0.4, last ? COLOR.rule : COLOR.faint);
  });
}

/** Lines `from` to `to` of every cell of a row, as a row of its own. */
function sliceRow(row: Row, from: number, to: number, lineHeight: number): Row {
  const cells = row.cells.map((lines) => lines.slice(from, to));
  return { cells, height: Math.max(1, ...cells.map((l) => l.length)) * lineHeight + 2 * PAD_Y };
}
