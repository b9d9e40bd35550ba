/**
 * Block layout: Markdown block tokens (from marked's lexer) placed on the page one after the
 * other. Each block knows its height before it is drawn, so a heading is never left alone at
 * the foot of a page, a paragraph never leaves a single line behind, and a table row never
 * straddles two pages.
 *
 * Conventions beyond CommonMark (both are HTML comments, so Markdown viewers show nothing):
 * - `<!-- chart: pain-scores -->` (CHART_MARKER): the pain-score chart is drawn here;
 * - `<!-- page-break -->` (PAGE_BREAK_MARKER): the next block starts on a new page.
 * A horizontal rule (`---`) is only a rule. Every other HTML comment or HTML block is ignored.
 */
import type { Token, Tokens } from 'marked';
import { CHART_MARKER, PAGE_BREAK_MARKER, type PainPoint } from '../types.js';
import { chartHeight, drawChart } from './chart.js';
import { breakLines, inlineRuns, PLAIN, type Line, type Run } from './inline.js';
import { COLOR, TYPE, type Flow } from './page.js';
import { layoutTable, tableLeadHeight } from './table.js';

/** A list marker waiting to be drawn beside the first line of its item's first block. */
interface PendingMarker {
  text: string;
  /** Right edge of the marker box. */
  right: number;
}

const BULLETS = ['•', '◦', '▪'];
const LIST_INDENT = 18;
const QUOTE_INDENT = 14;
const TIGHT_GAP = 3;

export class BlockLayout {
  private readonly flow: Flow;
  private readonly chart: PainPoint[];
  private pendingGap = 0;
  private marker: PendingMarker | null = null;
  private listDepth = 0;

  constructor(flow: Flow, chart: PainPoint[]) {
    this.flow = flow;
    this.chart = chart;
  }

  /** Asks for at least `gap` points of space before the next block (gaps collapse). */
  gap(gap: number): void {
    this.pendingGap = Math.max(this.pendingGap, gap);
  }

  /** Applies the pending gap, then starts a new page unless `height` fits. */
  private place(height: number): void {
    if (!this.flow.atTop) this.flow.y += this.pendingGap;
    this.pendingGap = 0;
    this.flow.ensure(height);
  }

  blocks(tokens: Token[], x: number, width: number, tight = false): void {
    const visible = tokens.filter((t) => isVisible(t));
    visible.forEach((token, i) => this.block(token, visible[i + 1], x, width, tight));
  }

  private block(token: Token, next: Token | undefined, x: number, width: number, tight: boolean): void {
    switch (token.type) {
      case 'heading':
        this.heading(token as Tokens.Heading, next, x, width);
        break;
      case 'paragraph':
      case 'text': {
        const t = token as Tokens.Paragraph | Tokens.Text;
        const runs = t.tokens ? inlineRuns(t.tokens) : inlineRuns([t]);
        // A short lead-in ("The evidence:") stays on the page of the list it introduces.
        const keep = next?.type === 'list' ? this.leadHeight(next, width) : 0;
        this.paragraph(runs, x, width, TYPE.body, COLOR.text, keep);
        this.gap(tight ? TIGHT_GAP : TYPE.paragraphGap);
        break;
      }
      case 'list':
        this.list(token as Tokens.List, x, width);
        break;
      case 'table':
        this.place(tableLeadHeight(this.flow, token as Tokens.Table, width));
        layoutTable(this.flow, token as Tokens.Table, x, width);
        this.gap(TYPE.paragraphGap + 2);
        break;
      case 'blockquote':
        this.blockquote(token as Tokens.Blockquote, x, width);
        break;
      case 'code':
        this.code((token as Tokens.Code).text, x, width);
        this.gap(TYPE.paragraphGap);
        break;
      case 'hr':
        this.gap(6);
        this.place(8);
        this.flow.doc.save().moveTo(x, this.flow.y + 2).lineTo(x + width, this.flow.y + 2).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
        this.flow.y += 4;
        this.gap(10);
        break;
      case 'html':
        this.html((token as Tokens.HTML).text.trim(), x, width);
        break;
      default:
        // def, space, checkbox and tokens of extensions we do not use carry nothing to print.
        break;
    }
  }

  private html(text: string, x: number, width: number): void {
    if (text === CHART_MARKER) {
      if (!chartDrawable(this.chart)) return;
      this.gap(TYPE.paragraphGap);
      const height = chartHeight(this.flow, this.chart, width);
      this.place(height);
      drawChart(this.flow, this.chart, x, this.flow.y, width);
      this.flow.y += height;
      this.gap(TYPE.paragraphGap + 4);
    } else if (text === PAGE_BREAK_MARKER) {
      this.pendingGap = 0;
      if (!this.flow.atTop) this.flow.newPage();
    }
  }

  private heading(token: Tokens.Heading, next: Token | undefined, x: number, width: number): void {
    const style = TYPE.headings[Math.min(token.depth, TYPE.headings.length) - 1]!;
    const runs = inlineRuns(token.tokens, { ...PLAIN, bold: true, italic: token.depth >= 4 });
    const lines = breakLines(runs, width, this.flow.measurer(style.size));
    const height = lines.length * this.flow.lineHeight(style.size);
    this.gap(style.before);
    // Keep the heading with the start of what follows it: never a heading alone at a page foot.
    this.place(height + style.after + (next ? this.leadHeight(next, width) : 0));
    this.drawLines(lines, x, style.size, COLOR.heading);
    this.gap(style.after);
  }

  /** The height the first part of a block needs: what must follow a heading on its page. */
  private leadHeight(token: Token, width: number): number {
    const lh = this.flow.lineHeight(TYPE.body);
    switch (token.type) {
      case 'paragraph':
      case 'text': {
        const lines = breakLines(inlineRuns((token as Tokens.Paragraph).tokens), width, this.flow.measurer(TYPE.body));
        return Math.min(2, lines.length) * lh;
      }
      case 'list': {
        const first = (token as Tokens.List).items[0];
        const firstBlock = first?.tokens.find((t) => isVisible(t));
        return firstBlock ? this.leadHeight(firstBlock, width - LIST_INDENT) : lh;
      }
      case 'table':
        return tableLeadHeight(this.flow, token as Tokens.Table, width);
      case 'html':
        return (token as Tokens.HTML).text.trim() === CHART_MARKER && chartDrawable(this.chart) ? chartHeight(this.flow, this.chart, width) : 0;
      case 'heading':
        return this.flow.lineHeight(TYPE.headings[0].size) + 2 * lh;
      default:
        return 2 * lh;
    }
  }

  /** A paragraph of body text; lines flow onto the next page with no single line left behind. */
  paragraph(runs: Run[], x: number, width: number, size: number = TYPE.body, color: string = COLOR.text, keepWithNext = 0): void {
    const lines = breakLines(runs, width, this.flow.measurer(size));
    const lh = this.flow.lineHeight(size);
    const short = lines.length <= 3;
    this.place(short && keepWithNext > 0 ? lines.length * lh + TIGHT_GAP + keepWithNext : Math.min(2, lines.length) * lh);
    this.drawLines(lines, x, size, color);
  }

  private drawLines(lines: Line[], x: number, size: number, color: string): void {
    const lh = this.flow.lineHeight(size);
    lines.forEach((line, i) => {
      const left = lines.length - i;
      const fitsOne = this.flow.room >= lh;
      // Widow control: if only the last line would move over, take one more with it.
      const widow = left === 2 && i >= 2 && fitsOne && this.flow.room < 2 * lh;
      if (!fitsOne || widow) this.flow.newPage();
      this.drawMarker(size);
      this.flow.drawLine(line, x, this.flow.y, size, color);
      this.flow.y += lh;
    });
  }

  private drawMarker(size: number): void {
    if (!this.marker) return;
    const { text, right } = this.marker;
    this.marker = null;
    const line = breakLines([{ text, style: PLAIN }], Number.POSITIVE_INFINITY, this.flow.measurer(size))[0]!;
    this.flow.drawLine(line, right - line.width, this.flow.y, size, COLOR.text);
  }

  private list(token: Tokens.List, x: number, width: number): void {
    const depth = this.listDepth++;
    const start = typeof token.start === 'number' ? token.start : 1;
    const labels = token.items.map((_, i) => (token.ordered ? `${start + i}.` : BULLETS[depth % BULLETS.length]!));
    const measure = this.flow.measurer(TYPE.body);
    const markerWidth = Math.max(LIST_INDENT, ...labels.map((l) => measure(l, PLAIN) + 8));
    token.items.forEach((item, i) => {
      this.marker = { text: labels[i]!, right: x + markerWidth - 6 };
      this.blocks(item.tokens, x + markerWidth, width - markerWidth, !token.loose);
      this.marker = null;
      this.gap(token.loose ? TYPE.paragraphGap : TIGHT_GAP);
    });
    this.listDepth--;
    this.gap(depth > 0 ? TIGHT_GAP : TYPE.paragraphGap);
  }

  private blockquote(token: Tokens.Blockquote, x: number, width: number): void {
    this.place(this.flow.lineHeight(TYPE.body));
    let top = this.flow.y;
    const bar = (to: number) => {
      this.flow.doc.save().rect(x, top, 2, Math.max(0, to - top - 2)).fillColor(COLOR.faint).fill().restore();
    };
    this.flow.withPageListener(
      (from) => {
        bar(from);
        top = this.flow.y;
      },
      () => this.blocks(token.tokens, x + QUOTE_INDENT, width - QUOTE_INDENT),
    );
    bar(this.flow.y + this.pendingGap / 2);
    this.gap(TYPE.paragraphGap);
  }

  private code(text: string, x: number, width: number): void {
    // No-break spaces keep indentation and runs of spaces as written; long lines break at characters.
    const runs: Run[] = [];
    text.split('\n').forEach((line, i) => {
      if (i > 0) runs.push({ text: '\n', style: PLAIN });
      runs.push({ text: line === '' ? '\u00a0' : line.replace(/ /g, '\u00a0'), style: { ...PLAIN, mono: true } });
    });
    const size = TYPE.code / 0.9;
    const lines = breakLines(runs, width - 12, this.flow.measurer(size));
    const lh = this.flow.lineHeight(TYPE.code);
    this.place(Math.min(2, lines.length) * lh + 8);
    this.flow.y += 4;
    lines.forEach((line) => {
      if (this.flow.room < lh) this.flow.newPage();
      this.flow.doc.save().rect(x, this.flow.y - 2, width, lh + 0.5).fillColor(COLOR.codeBackground).fill().restore();
      this.flow.drawLine(line, x + 6, this.flow.y, size, COLOR.text);
      this.flow.y += lh;
    });
    this.flow.y += 4;
  }
}

/** Blocks that produce nothing on paper are skipped when looking for "the next block". */
function isVisible(token: Token): boolean {
  if (token.type === 'space' || token.type === 'def') return false;
  if (token.type === 'html') {
    const text = (token as Tokens.HTML).text.trim();
    return text === CHART_MARKER || text === PAGE_BREAK_MARKER;
  }
  return true;
}

/** The chart needs at least two dated points on the 0-10 scale to draw a line. */
export function chartDrawable(points: PainPoint[]): boolean {
  return points.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.date) && Number.isFinite(p.value)).length >= 2;
}
