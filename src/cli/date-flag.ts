/** `--date YYYY-MM-DD`: fixes "today" for reproducible output; today's date when absent. */
import { isRealDate } from '../case/schema.js';
import { today } from '../dates.js';
import { UsageError } from './io.js';

export function parseDateFlag(value: string | undefined): string {
  if (value === undefined) return today();
  if (!isRealDate(value)) throw new UsageError(`--date takes a date written YYYY-MM-DD, like 2026-11-23 (got \`${value}\`)`);
  return value;
}
