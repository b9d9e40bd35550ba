/**
 * Plain-text wording of an appeal path report. Pure: returns lines, no colour, no printing.
 * `check` shows `formatDeadlineText` at the top of each case; `appeal deadlines` uses the
 * table helpers too.
 */
import { describeDuration } from './calendar.js';
import type { AppealPathReport, DecisionTime, LaterStep, NextStep, SourceRef } from './compute.js';

/** "29 CFR 2560.503-1(h)(3)(i)" from "29 CFR 2560.503-1(h)(3)(i) (at least 180 days ...)". */
export function shortCitation(s: SourceRef): string {
  const cuts = [s.citation.indexOf(' ('), s.citation.indexOf('; ')].filter((i) => i > 0);
  const head = cuts.length > 0 ? s.citation.slice(0, Math.min(...cuts)) : s.citation;
  return s.confidence === 'primary' ? head : `${head} [${s.confidence}]`;
}

export function describeDecision(d: DecisionTime | null): string {
  if (!d) return 'not on file';
  return d.kind === 'standard' ? d.text : `${d.text} (${d.kind})`;
}

/** "OVERDUE", "DUE SOON", ... the marker shown next to a date; empty for an open deadline. */
export function statusMarker(next: NextStep): string {
  switch (next.status) {
    case 'overdue':
      return 'OVERDUE';
    case 'due-soon':
      return 'DUE SOON';
    case 'automatic':
      return 'AUTOMATIC';
    case 'no-fixed-deadline':
      return 'NO FIXED DEADLINE';
    default:
      return '';
  }
}

export function daysLeftText(next: NextStep): string {
  if (next.daysLeft === null) return next.status === 'automatic' ? 'nothing to file' : '-';
  if (next.status === 'overdue') return `${-next.daysLeft} day${next.daysLeft === -1 ? '' : 's'} late`;
  return `${next.daysLeft} day${next.daysLeft === 1 ? '' : 's'} left`;
}

export function laterWindowText(l: LaterStep): string {
  if (l.filing === 'automatic') return 'automatic';
  if (l.filing === 'no-fixed-deadline' || !l.window) return 'no fixed deadline';
  return `${describeDuration(l.window)} after that decision`;
}

/** The first filing-rule source of the next step, for one-line displays. */
export function filingSource(next: NextStep): SourceRef | undefined {
  return next.sources[0];
}

function headline(r: AppealPathReport): string {
  const n = r.next;
  const marker = statusMarker(n);
  switch (n.status) {
    case 'overdue':
      return `Deadline: OVERDUE - ${n.name}: was due ${n.dueWeekday} ${n.dueDate}, ${daysLeftText(n)}`;
    case 'due-soon':
      return `Deadline: DUE SOON - ${n.name}: file by ${n.dueWeekday} ${n.dueDate} (${daysLeftText(n)})`;
    case 'open':
      return `Deadline: ${n.name}: file by ${n.dueWeekday} ${n.dueDate} (${daysLeftText(n)})`;
    default:
      return `Deadline: ${marker} - ${n.name}`;
  }
}

/** The report as text lines: a headline first, then indented detail. */
export function formatDeadlineText(r: AppealPathReport): string[] {
  const n = r.next;
  const lines: string[] = [headline(r)];
  lines.push(`  Appealing: ${r.appealing.name}, dated ${r.appealing.date} (${r.planType}; deadline table ${r.rules.id} ${r.rules.version}; as of ${r.asOf})`);
  if (n.countsFrom && n.window) lines.push(`  Counts from: ${n.countsFrom.text}; ${describeDuration(n.window)}`);
  lines.push(`  Decided by: ${n.decider}`);
  lines.push(`  Once filed, decided within: ${describeDecision(n.decisionTime)}${n.decisionTime?.extension ? `; extension: ${n.decisionTime.extension}` : ''}`);
  if (n.expedited) lines.push(`  Expedited: yes${n.concurrentExternalReview ? '; expedited external review may run at the same time' : ''}`);
  if (n.goodCause) lines.push(`  Late filing: ${n.goodCause}`);
  for (const a of n.also) {
    const mark = a.status === 'overdue' ? ' (PASSED)' : a.status === 'due-soon' ? ' (DUE SOON)' : '';
    lines.push(`  Also: ${a.name}: by ${a.dueDate}${mark}, ${a.when}`);
  }
  const src = filingSource(n);
  if (src) lines.push(`  Source: ${shortCitation(src)}`);
  for (const note of n.notes) lines.push(`  Note: ${note}`);
  if (n.decisionTime?.note) lines.push(`  Note: ${n.decisionTime.note}`);
  for (const note of r.notes) lines.push(`  Note: ${note}`);
  if (r.after.length > 0) {
    lines.push(`  Then: ${r.after.map((l) => `${l.name} (${laterWindowText(l)})`).join('; ')}`);
  }
  const aic = r.amountInControversy;
  if (aic) {
    lines.push(
      aic.alj !== null && aic.court !== null
        ? `  Medicare amount in controversy (${aic.year}): ALJ hearing $${aic.alj.toLocaleString('en-US')}, federal court $${aic.court.toLocaleString('en-US')}`
        : `  Medicare amount in controversy (${aic.year}): not on file`,
    );
  }
  return lines;
}
