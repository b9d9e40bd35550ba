/** Formatters are pure functions chosen by name. */
import type { Formatter } from './types.js';
import { formatText } from './text.js';
import { formatJson } from './json.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson };
export type { CaseReport, Formatter, FormatOptions } from './types.js';
