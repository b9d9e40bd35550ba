/**
 * The pain-score exhibit: a vector line chart of the 0-10 scores over time. One line joins the
 * points in date order; each point shows its score, and its colour says what was measured
 * (the point's label), explained in the legend.
 */
import type { PainPoint } from '../types.js';
import { COLOR, type Flow } from './page.js';


const TITLE = 'Pain scores over time (0 = no pain, 10 = worst pain imaginable)';
const PALETTE = ['#1f4e79', '#b8433f', '#3f7f2f', '#6c4f94', '#b7741a', '#267f8a'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

interface Plotted {
  day: number;
  value: number;
  label: string;
  date: string;
}

function plotted(points: PainPoint[]): Plotted[] {
  return points
    .filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.date) && Number.isFinite(p.value))
    .map((p) => ({
      day: Date.UTC(+p.date.slice(0, 4), +p.date.slice(5, 7) - 1, +p.date.slice(8, 10)) / DAY_MS,
      value: Math.min(10, Math.max(0, p.value)),
      label: p.label,
      date: p.date,
    }))
    .sort((a, b) => a.day - b.day);
}

function shortDate(date: string): string {
  return `${MONTHS[+date.slice(5, 7) - 1] ?? '?'} ${+date.slice(8, 10)}, ${date.slice(0, 4)}`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

const PLOT_TOP = 30;
const PLOT_HEIGHT = 140;
const LEGEND_TOP = PLOT_TOP + PLOT_HEIGHT + 24;
const LEGEND_ROW = 13;

/** Places the legend entries in rows across the width; returns their positions. */
function legendLayout(flow: Flow, labels: string[], left: number, right: number): Array<{ label: string; x: number; row: number }> {
  const placed: Array<{ label: string; x: number; row: number }> = [];
  let x = left;
  let row = 0;
  for (const label of labels) {
    flow.face('regular', 8.5);
    const w = 12 + flow.doc.widthOfString(label) + 16;
    if (x + w > right && x > left) {
      x = left;
      row++;
    }
    placed.push({ label, x, row });
    x += w;
  }
  return placed;
}

/** The height the chart takes, legend included. */
export function chartHeight(flow: Flow, points: PainPoint[], width: number): number {
  const labels = [...new Set(plotted(points).map((p) => p.label))];
  const rows = Math.max(...legendLayout(flow, labels, 0, width - 26).map((p) => p.row), 0) + 1;
  return LEGEND_TOP + rows * LEGEND_ROW;
}

export function drawChart(flow: Flow, points: PainPoint[], x: number, y: number, width: number): void {
  const doc = flow.doc;
  const data = plotted(points);
  const labels = [...new Set(data.map((p) => p.label))];
  const colorOf = (label: string) => PALETTE[labels.indexOf(label) % PALETTE.length]!;

  const text = (s: string, tx: number, ty: number, size: number, face: 'regular' | 'bold', color: string) => {
    flow.face(face, size);
    doc.fillColor(color).text(s, tx, ty, { lineBreak: false });
  };
  const widthOf = (s: string, size: number, face: 'regular' | 'bold' = 'regular') => {
    flow.face(face, size);
    return doc.widthOfString(s);
  };

  text(TITLE, x, y, 10, 'bold', COLOR.heading);

  const plot = { left: x + 26, right: x + width - 12, top: y + PLOT_TOP, bottom: y + PLOT_TOP + PLOT_HEIGHT };
  const first = data[0]!.day;
  const last = data[data.length - 1]!.day;
  const span = Math.max(last - first, 1);
  const pad = span * 0.05;
  const xOf = (day: number) => plot.left + ((day - first + pad) / (span + 2 * pad)) * (plot.right - plot.left);
  const yOf = (value: number) => plot.bottom - (value / 10) * (plot.bottom - plot.top);

  // Grid and value axis.
  doc.save().lineWidth(0.4).strokeColor(COLOR.faint);
  for (let v = 0; v <= 10; v += 2) doc.moveTo(plot.left, yOf(v)).lineTo(plot.right, yOf(v)).stroke();
  doc.restore();
  for (let v = 0; v <= 10; v += 2) {
    const label = String(v);
    text(label, plot.left - 6 - widthOf(label, 8), yOf(v) - 4, 8, 'regular', COLOR.muted);
  }
  doc.save().lineWidth(0.8).strokeColor(COLOR.rule).moveTo(plot.left, plot.top).lineTo(plot.left, plot.bottom).lineTo(plot.right, plot.bottom).stroke().restore();

  // Date axis: a tick at every point, a date label wherever it does not collide with the last one.
  let lastLabelEnd = -Infinity;
  const dates = [...new Set(data.map((p) => p.date))];
  for (const date of dates) {
    const px = xOf(plotted([{ date, value: 0, label: '' }])[0]!.day);
    doc.save().lineWidth(0.6).strokeColor(COLOR.rule).moveTo(px, plot.bottom).lineTo(px, plot.bottom + 3).stroke().restore();
    const label = shortDate(date);
    const w = widthOf(label, 7.5);
    const lx = Math.min(Math.max(px - w / 2, plot.left - 10), plot.right + 10 - w);
    if (lx > lastLabelEnd + 6) {
      text(label, lx, plot.bottom + 6, 7.5, 'regular', COLOR.muted);
      lastLabelEnd = lx + w;
    }
  }

  // The line, then the points on top of it, each with its score.
  doc.save().lineWidth(1.2).strokeColor('#444444').lineJoin('round');
  data.forEach((p, i) => (i === 0 ? doc.moveTo(xOf(p.day), yOf(p.value)) : doc.lineTo(xOf(p.day), yOf(p.value))));
  doc.stroke().restore();
  data.forEach((p, i) => {
    const px = xOf(p.day);
    const py = yOf(p.value);
    doc.save().circle(px, py, 3.2).lineWidth(0.8).fillColor(colorOf(p.label)).strokeColor('#ffffff').fillAndStroke().restore();
    // The score goes on the side away from the line: below a dip, above anything else.
    const neighbours = [data[i - 1], data[i + 1]].filter((n): n is Plotted => n !== undefined);
    const dip = neighbours.every((n) => n.value > p.value) && p.value >= 1;
    const value = formatValue(p.value);
    text(value, px - widthOf(value, 8, 'bold') / 2, dip ? py + 6 : py - 14, 8, 'bold', COLOR.text);
  });

  // Legend: what each colour measured, wrapped across the width.
  for (const entry of legendLayout(flow, labels, plot.left, x + width)) {
    const ly = y + LEGEND_TOP + entry.row * LEGEND_ROW;
    doc.save().circle(entry.x + 3.5, ly + 4.5, 3.2).fillColor(colorOf(entry.label)).fill().restore();
    text(entry.label, entry.x + 11, ly, 8.5, 'regular', COLOR.text);
  }
}
