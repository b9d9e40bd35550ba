/** Words for dates, lists, counts and percentages, as a US business letter writes them. */
import { isRealDate } from '../case/schema.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const longDates = new Map<string, string>();

/** `2026-10-03` -> `October 3, 2026`. Anything that is not a real date is returned unchanged. */
export function longDate(iso: unknown): string {
  const text = String(iso ?? '');
  let words = longDates.get(text);
  if (words === undefined) {
    // A letter names the same few dates many times; a batch reuses them across letters.
    if (!isRealDate(text)) return text;
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    words = `${MONTHS[m - 1]} ${d}, ${y}`;
    if (longDates.size < 10_000) longDates.set(text, words);
  }
  return words;
}

/** `a, b and c`; `a and b`; `a`. */
export function joinList(items: readonly unknown[], conjunction = 'and'): string {
  const words = items.map(String).filter(Boolean);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** `1 session`, `12 sessions`; an irregular plural can be given. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `62%`; rounds to a whole number. */
export function percent(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) ? `${Math.round(n)}%` : String(value);
}

/** A date range in words: `February 1, 2023 to November 15, 2023`, `since July 7, 2025`. */
export function dateSpan(start?: unknown, end?: unknown): string {
  if (start && end) return `${longDate(start)} to ${longDate(end)}`;
  if (start) return `since ${longDate(start)}`;
  if (end) return `until ${longDate(end)}`;
  return '';
}
