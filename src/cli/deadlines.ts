/**
 * `appeal deadlines FILE... [--ics OUT] [--date YYYY-MM-DD] [--format text|json] [--force]`:
 * the appeal path of each case as a table, and optionally a calendar file with each filing
 * deadline as an all-day event and a reminder a week before.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadCaseFile } from '../case/load.js';
import { isRealDate, type Case } from '../case/schema.js';
import { addDays, today } from '../dates.js';
import { describeDuration } from '../deadlines/calendar.js';
import { computeAppealPath, type AppealPathReport } from '../deadlines/compute.js';
import { describeDecision, formatDeadlineText, laterWindowText, shortCitation, statusMarker, daysLeftText } from '../deadlines/format.js';
import { loadDeadlines } from '../deadlines/load.js';
import { InputError, type Diagnostic } from '../diagnostic.js';
import { style as makeStyle, type Style } from '../report/style.js';
import { expandInputs } from './inputs.js';
import { writeFileAtomic } from '../write-file.js';
import { parseDateFlag } from './date-flag.js';
import { EXIT, printDiagnostics, UsageError, useColor } from './io.js';

export { formatDeadlineText };

export interface DeadlinesFlags {
  ics?: string;
  date?: string;
  format?: 'text' | 'json';
  force?: boolean;
  color?: boolean;
}

export type DeadlineResult =
  | { file: string; status: 'ok'; deadline: AppealPathReport }
  | { file: string; status: 'invalid'; diagnostics: Diagnostic[] };

export async function runDeadlines(files: string[], flags: DeadlinesFlags): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format \`${String(format)}\`; use text or json`);
  const asOf = parseDateFlag(flags.date);
  if (flags.ics !== undefined) {
    if (flags.ics === '' || flags.ics === '-') throw new UsageError('--ics takes the path of the calendar file to write');
    if (!flags.force && existsSync(flags.ics)) {
      process.stderr.write(`error: ${flags.ics} already exists; use --force to overwrite it\n`);
      return EXIT.invalid;
    }
  }

  const library = loadDeadlines();
  const { files: paths, problems } = expandInputs(files);
  const results: DeadlineResult[] = problems.map((d) => ({ file: d.file, status: 'invalid', diagnostics: [d] }));
  const cases = new Map<DeadlineResult, Case>();
  for (const file of paths) {
    try {
      const loaded = await loadCaseFile(file);
      const result: DeadlineResult = { file: loaded.file, status: 'ok', deadline: computeAppealPath(loaded.case, asOf, library) };
      cases.set(result, loaded.case);
      results.push(result);
    } catch (e) {
      if (e instanceof InputError) results.push({ file: file === '-' ? '<stdin>' : file, status: 'invalid', diagnostics: e.diagnostics });
      else throw e;
    }
  }

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ asOf, cases: results }, null, 2)}\n`);
  } else {
    const s = makeStyle(useColor(process.stdout, flags.color));
    const blocks = results.filter((r) => r.status === 'ok').map((r) => formatDeadlineTable(r.file, (r as { deadline: AppealPathReport }).deadline, s).join('\n'));
    if (blocks.length > 0) process.stdout.write(`${blocks.join('\n\n')}\n`);
  }
  for (const r of results) if (r.status === 'invalid') printDiagnostics(r.diagnostics);

  let code: number = results.some((r) => r.status === 'invalid') ? EXIT.invalid : EXIT.ok;
  if (flags.ics !== undefined) {
    const events: CalendarEntry[] = [];
    for (const [r, c] of cases) {
      if (r.status !== 'ok') continue;
      const next = r.deadline.next;
      if (!next.dueDate) continue;
      if (next.status === 'overdue') {
        process.stderr.write(`note: ${r.file}: the deadline (${next.dueDate}) has passed; not added to the calendar\n`);
        continue;
      }
      events.push({ report: r.deadline, c });
    }
    if (events.length === 0) {
      process.stderr.write(`note: no upcoming filing deadline to put in a calendar; ${flags.ics} was not written\n`);
      return code;
    }
    const text = await buildIcs(events, asOf);
    try {
      writeFileAtomic(flags.ics, text, { force: !!flags.force });
      process.stderr.write(`wrote ${events.length} deadline${events.length === 1 ? '' : 's'} to ${flags.ics}\n`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      printDiagnostics(e.diagnostics);
      code = EXIT.invalid;
    }
  }
  return code;
}

// --- the table ---------------------------------------------------------------------------

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** One case's path as a table with the next step marked, then the details. Plain lines. */
export function formatDeadlineTable(file: string, r: AppealPathReport, s: Style = makeStyle(false)): string[] {
  const n = r.next;
  const marker = statusMarker(n);
  const rows: string[][] = [['', 'Level', 'File by', 'Days left', 'Decided within', 'Source']];
  const fileBy = n.dueDate ? `${n.dueWeekday!.slice(0, 3)} ${n.dueDate}` : n.status === 'automatic' ? 'automatic' : 'no fixed deadline';
  const left = n.dueDate ? `${daysLeftText(n)}${marker ? ` ${marker}` : ''}` : '-';
  const src = n.sources[0];
  rows.push(['>', n.name, fileBy, left, describeDecision(n.decisionTime), src ? shortCitation(src) : '']);
  for (const l of r.after) rows.push(['', l.name, laterWindowText(l), '-', describeDecision(l.decisionTime), l.sources[0] ? shortCitation(l.sources[0]) : '']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const colour = n.status === 'overdue' ? s.red : n.status === 'due-soon' ? s.yellow : (x: string) => x;
  const out: string[] = [s.bold(`${file}  ${r.planType}  (deadline table ${r.rules.id} ${r.rules.version}, as of ${r.asOf})`)];
  out.push(`  Appealing: ${r.appealing.name}, dated ${r.appealing.date}`);
  rows.forEach((row, i) => {
    const line = `  ${row.map((cell, j) => (j === row.length - 1 ? cell : pad(cell, widths[j]!))).join('  ')}`.trimEnd();
    out.push(i === 0 ? s.dim(line) : i === 1 ? colour(line) : line);
  });
  const details = formatDeadlineText(r).slice(1);
  if (marker === 'OVERDUE') out.push(s.red(`  OVERDUE: the deadline was ${n.dueDate}; ${daysLeftText(n)}.`));
  else if (marker === 'DUE SOON') out.push(s.yellow(`  DUE SOON: ${daysLeftText(n)} to file.`));
  out.push(...details.filter((line) => !line.startsWith('  Appealing:')));
  return out;
}

// --- the calendar ------------------------------------------------------------------------

interface CalendarEntry {
  report: AppealPathReport;
  c: Case;
}

/** "Jane Q. Doe" -> "J.Q.D.": the only trace of the patient's name in the calendar file. */
export function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((w) => /\p{L}/u.exec(w)?.[0])
    .filter((x): x is string => !!x)
    .map((x) => `${x.toUpperCase()}.`)
    .join('');
}

function dateArray(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** The iCalendar text: one all-day event per filing deadline, a display alarm 7 days before. */
export async function buildIcs(entries: readonly { report: AppealPathReport; c: Case }[], asOf: string): Promise<string> {
  const { createEvents } = await import('ics');
  const [y, m, d] = dateArray(asOf);
  const events = entries.map(({ report, c }) => {
    const n = report.next;
    const due = n.dueDate!;
    const who = initials(c.patient.name);
    const rule = n.sources[0] ? shortCitation(n.sources[0]) : 'see the denial letter';
    const description = [
      `Last day to file: ${n.name}.`,
      `Patient: ${who}`,
      `Plan: ${c.plan.insurer} (${report.planType}). Denial dated ${c.denial.date}, reference ${c.denial.reference}.`,
      n.window && n.countsFrom ? `Counted from ${n.countsFrom.text}: ${describeDuration(n.window)}.` : '',
      `Rule: ${rule}.`,
      'If the denial letter gives an earlier date, that date governs. Made by appeal.',
    ]
      .filter(Boolean)
      .join('\n');
    const uid = `${createHash('sha256').update(`${report.planType}|${c.denial.reference}|${c.denial.date}|${n.level}|${due}`).digest('hex').slice(0, 32)}@appeal`;
    return {
      uid,
      // DTSTAMP from the "as of" date, so the same inputs give the same bytes.
      timestamp: Date.UTC(y, m - 1, d),
      start: dateArray(due),
      end: dateArray(addDays(due, 1)),
      title: `Appeal deadline: ${n.name} (${who})`,
      description,
      classification: 'PRIVATE',
      transp: 'TRANSPARENT' as const,
      busyStatus: 'FREE' as const,
      // 6 days 15 hours before the start of the all-day event: 09:00 local time, 7 days before.
      alarms: [{ action: 'display' as const, description: `Appeal deadline in 7 days: ${n.name} (${who}), due ${due}`, trigger: { days: 6, hours: 15, before: true } }],
    };
  });
  const result = createEvents(events as Parameters<typeof createEvents>[0], { productId: 'appeal', calName: 'Appeal deadlines' });
  if (result.error || !result.value) throw new Error(`calendar file: ${result.error?.message ?? 'no output'}`);
  return result.value;
}
