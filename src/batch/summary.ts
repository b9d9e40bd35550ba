/** Counting a batch as it streams by, for the summary line and the exit code. */
export type CaseStatus = 'ready' | 'missing' | 'invalid' | 'failed';

export interface Tally {
  cases: number;
  ready: number;
  missing: number;
  invalid: number;
  /** Render only: cases whose letter could not be produced for another reason than input. */
  failed: number;
  /** Render only: files written. */
  written: number;
}

export function emptyTally(): Tally {
  return { cases: 0, ready: 0, missing: 0, invalid: 0, failed: 0, written: 0 };
}

export function count(t: Tally, status: CaseStatus, written = 0): void {
  t.cases++;
  t[status]++;
  t.written += written;
}

/** Exit codes (DESIGN.md): the worst outcome wins. */
export function exitCodeFor(t: Tally): 0 | 1 | 2 {
  if (t.invalid > 0) return 2;
  if (t.missing > 0 || t.failed > 0) return 1;
  return 0;
}

export function summaryLine(t: Tally, options: { written?: boolean } = {}): string {
  const parts = [`${t.ready} ready`, `${t.missing} missing`, `${t.invalid} invalid`];
  if (t.failed) parts.push(`${t.failed} failed`);
  if (options.written) parts.push(`${t.written} written`);
  return `${t.cases} case${t.cases === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
