/**
 * Calendar arithmetic for deadlines, on plain `YYYY-MM-DD` dates (UTC day numbers, so no
 * time zone can move a day). Builds on src/dates.ts.
 *
 * Conventions (also in docs/deadlines.md):
 * - "N days" and "N calendar days" mean N calendar days: the due date is the Nth day after
 *   the start date (180 days from 2026-10-07 is 2027-04-05).
 * - "N business days" counts Monday to Friday only. Federal and state holidays are NOT
 *   skipped (out of scope), which can only make a date earlier, never later.
 * - "N months" ends on the same day of the month N months later. When that day does not
 *   exist in the target month (the 31st in a 30-day month, the 29th to 31st in February),
 *   the window ends on the LAST day of that month: the safer, earlier choice.
 * - A due date that falls on a weekend is never moved later.
 */
import { addDays, daysBetween, fromDayNumber, toDayNumber } from '../dates.js';
import type { DecisionUnit, Duration, Window } from './schema.js';

export { addDays, daysBetween };

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; `month` is 1-12. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
export function weekday(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function weekdayName(date: string): string {
  return WEEKDAYS[weekday(date)]!;
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

export function addCalendarDays(date: string, days: number): string {
  return addDays(date, days);
}

/**
 * The Nth business day (Monday-Friday) after `date`; `date` itself is day 0 whatever its
 * weekday. Holidays are not skipped.
 */
export function addBusinessDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('business days must be a whole number >= 0');
  let day = toDayNumber(date);
  let left = days;
  while (left > 0) {
    day += 1;
    const w = (((day + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6) left -= 1;
  }
  return fromDayNumber(day);
}

export interface MonthResult {
  date: string;
  /** True when the day of month did not exist in the target month and the last day was used. */
  clamped: boolean;
}

/**
 * The same day of the month `months` later; when that day does not exist, the last day of
 * the target month (2026-10-31 + 4 months = 2027-02-28; 2027-10-31 + 4 months = 2028-02-29).
 */
export function addMonths(date: string, months: number): MonthResult {
  if (!Number.isInteger(months)) throw new RangeError('months must be a whole number');
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const last = daysInMonth(ty, tm);
  return { date: format(ty, tm, Math.min(d, last)), clamped: d > last };
}

export interface WindowEnd {
  date: string;
  clamped: boolean;
}

/** The last day of a filing window that starts (counts) from `date`. */
export function addWindow(date: string, window: Window): WindowEnd {
  switch (window.unit) {
    case 'days':
    case 'calendar-days':
      return { date: addCalendarDays(date, window.amount), clamped: false };
    case 'business-days':
      return { date: addBusinessDays(date, window.amount), clamped: false };
    case 'months':
      return addMonths(date, window.amount);
  }
}

const UNIT_WORDS: Record<DecisionUnit, [string, string]> = {
  days: ['day', 'days'],
  'calendar-days': ['calendar day', 'calendar days'],
  'business-days': ['business day', 'business days'],
  months: ['month', 'months'],
  hours: ['hour', 'hours'],
};

/** "180 days", "72 hours", "1 month", "5 business days". */
export function describeDuration(d: Duration | Window): string {
  const [one, many] = UNIT_WORDS[d.unit];
  return `${d.amount} ${d.amount === 1 ? one : many}`;
}
