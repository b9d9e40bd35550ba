/**
 * The letter contract shared by the Markdown renderer (templates), the PDF layout and the
 * batch runner. A Letter is Markdown plus what the PDF needs that Markdown cannot carry.
 */
import type { Finding } from '../rules/engine.js';

export const LETTER_KINDS = [
  'appeal',
  'medical-necessity',
  'external-review',
  'records-request',
  'peer-to-peer',
  'step-therapy-exception',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export function isLetterKind(v: string): v is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(v);
}

export interface Letterhead {
  name: string;
  address?: string;
  phone?: string;
  fax?: string;
  email?: string;
  /** Path to a PNG or JPEG logo, resolved relative to the letterhead config file. */
  logo?: string;
}

/** One point of the pain-score chart drawn in the PDF exhibit. */
export interface PainPoint {
  date: string;
  /** 0-10 scale. */
  value: number;
  /** What was measured or done: "NRS", "intrathecal trial (before)" ... */
  label: string;
}

export interface Letter {
  kind: LetterKind;
  /** The whole letter as Markdown (CommonMark + GFM tables). */
  markdown: string;
  /** PDF metadata. */
  title: string;
  author: string;
  subject?: string;
  /** The letter date, YYYY-MM-DD: also the PDF's creation date, so output is reproducible. */
  date: string;
  /**
   * Pain scores over time. The Markdown marks where the chart goes with the line
   * `<!-- chart: pain-scores -->`; the PDF draws it there, Markdown readers ignore it.
   */
  chart: PainPoint[];
  letterhead?: Letterhead;
  /** Required items that are missing: the letter never claims them; render warns. */
  gaps: Finding[];
}

export const CHART_MARKER = '<!-- chart: pain-scores -->';

/**
 * A line of its own in the Markdown that makes the PDF start a new page there (e.g. before the
 * exhibits). Markdown readers show nothing; a horizontal rule is only ever a rule.
 */
export const PAGE_BREAK_MARKER = '<!-- page-break -->';
