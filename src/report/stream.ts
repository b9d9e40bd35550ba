/**
 * Report formats written one case at a time, for batch runs that must not hold every
 * result. Each writer returns text to print; together the pieces are byte-for-byte what the
 * whole-run formatter (FORMATTERS) prints for the same reports.
 */
import { caseToJson, formatJson } from './json.js';
import { style } from './style.js';
import { formatCaseText, textSummary } from './text.js';
import type { CaseReport, FormatOptions } from './types.js';

export interface ReportWriter {
  /** Text to print for the next case, in order. */
  write(report: CaseReport): string;
  /** Text to print once every case has been written. */
  end(): string;
}

export const STREAM_FORMATS = ['text', 'json', 'jsonl'] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];

export function reportWriter(format: StreamFormat, options: FormatOptions): ReportWriter {
  switch (format) {
    case 'text':
      return textWriter(options);
    case 'jsonl':
      // One self-contained JSON object per line: the shape of one entry of `cases` in json.
      return { write: (r) => `${JSON.stringify(caseToJson(r))}\n`, end: () => '' };
    case 'json': {
      // One JSON document opens with the summary, so it is written when the run ends.
      // Large batches should use jsonl, which holds nothing.
      const reports: CaseReport[] = [];
      return {
        write: (r) => {
          reports.push(r);
          return '';
        },
        end: () => formatJson(reports, options),
      };
    }
  }
}

function textWriter(options: FormatOptions): ReportWriter {
  const s = style(options.color);
  const t = { cases: 0, ready: 0, missing: 0, invalid: 0 };
  return {
    write(r) {
      t.cases++;
      t[r.status]++;
      return `${t.cases > 1 ? '\n\n' : ''}${formatCaseText(r, s, !!options.verbose)}`;
    },
    end: () => (t.cases < 2 ? '\n' : `\n\n${textSummary(t)}\n`),
  };
}
